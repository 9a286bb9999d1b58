"""The HTTP half of fetch: requests, under a watchdog, credentials kept at home.

A module of its own so that requests and urllib3 (~74 ms to import) load
when the first URL is fetched, on the poll worker, not when a board starts:
``fetch.fetch`` imports it then. File feeds never load it at all.
"""

from __future__ import annotations

import datetime as dt
import math
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

import requests

from electionboard.model.pacing import pause_point
from electionboard.sources.errors import FetchError, NotModifiedError
from electionboard.sources.fetch import (
    CHUNK,
    CREDENTIAL_HEADERS,
    REPLAY_HEADER,
    FetchRequest,
    FetchResult,
    HttpStatusError,
    origin,
    public_location,
    too_slow,
)
from electionboard.sources.watchdog import Watchdog, WatchedAdapter


def fetch_http(request: FetchRequest) -> FetchResult:
    """One exchange under the watchdog: past the deadline, its result is void."""
    where = public_location(request.location)
    watchdog = Watchdog(request.deadline)
    try:
        with watchdog, _FetchSession(request) as session:
            result = _exchange(session, request, where, watchdog)
    except Exception:
        if watchdog.expired:
            raise FetchError(too_slow(where, request.deadline)) from None
        raise
    if watchdog.expired:  # cut mid-body, the bytes may look complete
        raise FetchError(too_slow(where, request.deadline))
    return result


def _exchange(
    session: requests.Session, request: FetchRequest, where: str, watchdog: Watchdog
) -> FetchResult:
    headers = dict(request.headers)
    headers.setdefault("Accept-Encoding", "gzip")
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    connect, read = request.timeout
    timeout = (min(connect, request.deadline), min(read, request.deadline))
    try:
        response = session.get(
            request.location, headers=headers, timeout=timeout, stream=True
        )
    except requests.exceptions.ConnectTimeout:
        raise FetchError(f"timed out connecting to {where}") from None
    except requests.exceptions.ReadTimeout:
        raise FetchError(f"{where} did not answer in time") from None
    except requests.exceptions.TooManyRedirects:
        raise FetchError(f"too many redirects from {where}") from None
    except requests.exceptions.ConnectionError as error:
        raise FetchError(f"cannot connect to {where}: {_reason(error)}") from None
    except requests.exceptions.RequestException as error:
        raise FetchError(f"request to {where} failed: {type(error).__name__}") from None
    with response:
        if response.status_code == 304:
            raise NotModifiedError(f"{where} has not changed")
        if response.status_code >= 400:
            raise HttpStatusError(
                response.status_code,
                f"{where} answered HTTP {response.status_code} "
                f"{response.reason or ''}".rstrip(),
                _retry_after(response.headers.get("Retry-After")),
            )
        data = _read_limited(response, request, where, watchdog)
        return FetchResult(
            data,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            rehearsal=response.headers.get(REPLAY_HEADER) == "1",
        )


class _FetchSession(requests.Session):
    """The only HTTP client: watched connections, credentials kept at home.

    requests strips only ``Authorization`` on a redirect to another host; any
    other credential (an API key header, a cookie) would be sent to whatever
    server a redirect names. Here every credential header is dropped when a
    redirect changes scheme, host or port, and a redirect that repeats a
    credential in its URL is not followed at all, so the secret never reaches a
    request line or urllib3's log.
    """

    def __init__(self, request: FetchRequest) -> None:
        super().__init__()
        self._secret_names = CREDENTIAL_HEADERS | {
            name.casefold() for name in request.secret_headers
        }
        self._secret_values = tuple(
            value
            for name, value in request.headers
            if name.casefold() in self._secret_names and value
        )
        adapter = WatchedAdapter()
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        """The redirect's URL, unless it repeats a credential."""
        target = super().get_redirect_target(resp)
        if target is not None and any(
            value in unquote(target) for value in self._secret_values
        ):
            resp.close()  # requests closes a redirect only when following it
            raise FetchError(
                f"{public_location(resp.url)} redirected to a URL that repeats "
                "a credential; not following it"
            )
        return target

    def rebuild_auth(
        self, prepared_request: requests.PreparedRequest, response: requests.Response
    ) -> None:
        """Drop every credential header when the redirect leaves the origin."""
        before = origin(response.request.url or "")
        if not before or before != origin(prepared_request.url or ""):
            for name in list(prepared_request.headers):
                if name.casefold() in self._secret_names:
                    del prepared_request.headers[name]
        super().rebuild_auth(prepared_request, response)  # type: ignore[no-untyped-call]


def _read_limited(
    response: requests.Response, request: FetchRequest, where: str, watchdog: Watchdog
) -> bytes:
    limit = request.max_bytes
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{where} sent more than the {limit:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.raw.stream(CHUNK, decode_content=True):
            pause_point()  # a frame being painted goes first (model/pacing.py)
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{where} sent more than the {limit:,}-byte limit")
            if watchdog.left() <= 0:
                raise FetchError(too_slow(where, request.deadline))
            chunks.append(chunk)
    except FetchError:
        raise
    except Exception as error:  # urllib3 raises many types mid-body
        reason = "timed out" if "Timeout" in type(error).__name__ else None
        raise FetchError(
            f"the answer from {where} broke off: {reason or type(error).__name__}"
        ) from None
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(value)  # 400 digits: inf, capped by the caller
        return seconds if not math.isnan(seconds) else None
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(when.tzinfo)).total_seconds())
    except (TypeError, ValueError, OverflowError):
        return None


def _reason(error: Exception) -> str:
    text = str(error)
    if (
        "Name or service not known" in text
        or "NameResolutionError" in text
        or ("getaddrinfo" in text)
    ):
        return "host name not found"
    if "Connection refused" in text:
        return "connection refused"
    if "timed out" in text.lower():
        return "timed out"
    return type(error).__name__
