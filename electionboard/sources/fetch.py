"""Fetch a feed's bytes from a file or an http(s) URL: the project's one reader.

Every request has explicit (connect, read) timeouts, a total deadline and a size
limit, and the body is streamed so a huge or endless answer is refused before it
fills memory or holds a poll for ever. Credentials never follow a redirect to
another server. Files are read the same way: in chunks, within the limit, and
only regular files (a FIFO or a device would hang or never end).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import os
import stat
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

import requests

from electionboard.sources.errors import FetchError, NotModifiedError
from electionboard.sources.watchdog import Watchdog, WatchedAdapter

DEFAULT_TIMEOUT = (3.05, 10.0)
DEFAULT_DEADLINE = 20.0
"""Seconds one fetch may take in all, from connecting to the last byte."""
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key"}
)
"""Headers (lower case) never sent on to another server by a redirect."""
_CHUNK = 256 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused."""


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """Everything one fetch needs, built on the GUI thread and run elsewhere."""

    location: str
    etag: str | None = None
    last_modified: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    deadline: float = DEFAULT_DEADLINE
    """Seconds for the whole answer; slower is a failure, however it trickles."""
    secret_headers: tuple[str, ...] = ()
    """More header names to treat as credentials, beyond CREDENTIAL_HEADERS."""

    def __post_init__(self) -> None:
        """A zero, negative or NaN time would fail every fetch, unexplained."""
        connect, read = self.timeout
        for name, seconds in (
            ("deadline", self.deadline),
            ("connect timeout", connect),
            ("read timeout", read),
        ):
            if not seconds > 0:  # NaN too
                raise ValueError(f"the fetch {name} must be positive, not {seconds!r}")


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The body and the validators to send next time."""

    data: bytes
    etag: str | None = None
    last_modified: str | None = None
    rehearsal: bool = False
    """The server marked the answer as a replay (``X-Electionboard-Replay``)."""


REPLAY_HEADER = "X-Electionboard-Replay"


def is_url(location: str) -> bool:
    """True for http(s) locations, False for file paths."""
    return location.startswith(("http://", "https://"))


def fetch(request: FetchRequest) -> FetchResult:
    """Fetch a location's bytes.

    Raises:
        NotModifiedError: the validators still match.
        FetchError: anything else went wrong, in words an operator can act on.
    """
    if is_url(request.location):
        data_result = _fetch_http(request)
    else:
        data_result = _fetch_file(request)
    return FetchResult(
        maybe_gunzip(data_result.data, request.max_bytes),
        data_result.etag,
        data_result.last_modified,
        data_result.rehearsal,
    )


def maybe_gunzip(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Undo gzip when the bytes are gzip, refusing bombs past ``max_bytes``."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError) as error:
        raise FetchError(f"corrupt gzip data: {error}") from None
    if len(out) > max_bytes:
        raise FetchError(f"feed is larger than the {max_bytes:,}-byte limit")
    return out


def read_local(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, deadline: float = DEFAULT_DEADLINE
) -> bytes:
    """A regular file's bytes, within the size limit and the deadline.

    Raises:
        FetchError: missing, unreadable, not a regular file, too big or too slow.
    """
    request = FetchRequest(str(path), max_bytes=max_bytes, deadline=deadline)
    return _fetch_file(request).data


def _fetch_file(request: FetchRequest) -> FetchResult:
    path = Path(request.location)
    try:
        _refuse_special(path, path.stat())
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb", buffering=0) as stream:
            info = os.fstat(stream.fileno())
            _refuse_special(path, info)  # swapped for a FIFO since the stat
            if info.st_size > request.max_bytes:
                raise FetchError(
                    f"{path.name} is larger than the {request.max_bytes:,}-byte limit"
                )
            tag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
            if request.etag is not None and request.etag == tag:
                raise NotModifiedError(f"{path.name} has not changed")
            data = _read_file_limited(stream, path, request, info.st_size)
    except FileNotFoundError:
        raise FetchError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise FetchError(f"{path} is a folder, not a feed file") from None
    except PermissionError:
        raise FetchError(f"no permission to read {path}") from None
    except OSError as error:
        raise FetchError(f"cannot read {path}: {error.strerror or error}") from None
    return FetchResult(data, etag=tag)


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_special(path: Path, info: os.stat_result) -> None:
    """Only regular files: a FIFO waits for a writer, /dev/zero never ends."""
    if stat.S_ISDIR(info.st_mode):
        raise FetchError(f"{path} is a folder, not a feed file")
    if stat.S_ISREG(info.st_mode):
        return
    kind = next(
        (name for test, name in _SPECIAL_KINDS if test(info.st_mode)), "not a file"
    )
    raise FetchError(f"{path} is {kind}, not a regular file: a feed must be a file")


def _read_file_limited(
    stream: BinaryIO, path: Path, request: FetchRequest, expected: int = 0
) -> bytes:
    """Chunk by chunk, so a file that grows while read still stops at the limit.

    The first read asks for the whole ``expected`` size (the file's size when
    opened), so an ordinary file is one read, not one per chunk.
    """
    ends = time.monotonic() + request.deadline
    chunks: list[bytes] = []
    size = 0
    first = min(max(expected + 1, _CHUNK), request.max_bytes + 1)
    while chunk := stream.read(first if not chunks else _CHUNK):
        size += len(chunk)
        if size > request.max_bytes:
            raise FetchError(
                f"{path.name} is larger than the {request.max_bytes:,}-byte limit"
            )
        if time.monotonic() > ends:
            raise FetchError(_too_slow(path.name, request.deadline))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_slow(where: str, deadline: float) -> str:
    return (
        f"the feed is answering too slowly "
        f"(no complete answer from {where} in {deadline:g} s)"
    )


def _fetch_http(request: FetchRequest) -> FetchResult:
    """One exchange under the watchdog: past the deadline, its result is void."""
    where = public_location(request.location)
    watchdog = Watchdog(request.deadline)
    try:
        with watchdog, _FetchSession(request) as session:
            result = _exchange(session, request, where, watchdog)
    except Exception:
        if watchdog.expired:
            raise FetchError(_too_slow(where, request.deadline)) from None
        raise
    if watchdog.expired:  # cut mid-body, the bytes may look complete
        raise FetchError(_too_slow(where, request.deadline))
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


class HttpStatusError(FetchError):
    """The server answered with an error status; may ask us to wait."""

    def __init__(self, status: int, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


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
        for chunk in response.raw.stream(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{where} sent more than the {limit:,}-byte limit")
            if watchdog.left() <= 0:
                raise FetchError(_too_slow(where, request.deadline))
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


def origin(url: str) -> str:
    """scheme://host:port with the default port filled in, for comparing.

    A user name or password in the URL is left out. Empty for a URL with no
    host or a bad port.
    """
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.casefold()
    if port is None:
        port = _DEFAULT_PORTS.get(scheme)
    host = (parts.hostname or "").casefold()
    return f"{scheme}://{host}:{port}" if host else ""


def public_location(location: str) -> str:
    """The URL's scheme, host and port only: never echo credentials, paths or
    query strings, which may hold API keys."""
    parts = urlsplit(location)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}" if host else "the feed server"


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


__all__ = [
    "CREDENTIAL_HEADERS",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "FetchRequest",
    "FetchResult",
    "HttpStatusError",
    "fetch",
    "is_url",
    "maybe_gunzip",
    "origin",
    "public_location",
    "read_local",
]
