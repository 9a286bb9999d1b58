"""Fetch a feed's bytes from a file or an http(s) URL, with revalidation.

Every request has explicit (connect, read) timeouts and a size limit, and the
body is streamed so a huge answer is refused before it fills memory.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

from electionboard.sources.errors import FetchError, NotModifiedError

DEFAULT_TIMEOUT = (3.05, 10.0)
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_CHUNK = 256 * 1024


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """Everything one fetch needs, built on the GUI thread and run elsewhere."""

    location: str
    etag: str | None = None
    last_modified: str | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    headers: tuple[tuple[str, str], ...] = field(default=())


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


def fetch(
    request: FetchRequest, session: requests.Session | None = None
) -> FetchResult:
    """Fetch a location's bytes.

    Raises:
        NotModifiedError: the validators still match.
        FetchError: anything else went wrong, in words an operator can act on.
    """
    if is_url(request.location):
        data_result = _fetch_http(request, session)
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


def _fetch_file(request: FetchRequest) -> FetchResult:
    path = Path(request.location)
    try:
        stat = path.stat()
        if stat.st_size > request.max_bytes:
            raise FetchError(
                f"{path.name} is larger than the {request.max_bytes:,}-byte limit"
            )
        tag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if request.etag is not None and request.etag == tag:
            raise NotModifiedError(f"{path.name} has not changed")
        data = path.read_bytes()
    except FileNotFoundError:
        raise FetchError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise FetchError(f"{path} is a folder, not a feed file") from None
    except PermissionError:
        raise FetchError(f"no permission to read {path}") from None
    except OSError as error:
        raise FetchError(f"cannot read {path}: {error.strerror or error}") from None
    return FetchResult(data, etag=tag)


def _fetch_http(request: FetchRequest, session: requests.Session | None) -> FetchResult:
    headers = dict(request.headers)
    headers.setdefault("Accept-Encoding", "gzip")
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    client = session or requests
    where = public_location(request.location)
    try:
        response = client.get(
            request.location, headers=headers, timeout=request.timeout, stream=True
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
        data = _read_limited(response, request.max_bytes, where)
        return FetchResult(
            data,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            rehearsal=response.headers.get(REPLAY_HEADER) == "1",
        )


class HttpStatusError(FetchError):
    """The server answered with an error status; may ask us to wait."""

    def __init__(self, status: int, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def _read_limited(response: requests.Response, limit: int, where: str) -> bytes:
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
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(when.tzinfo)).total_seconds())
    except (TypeError, ValueError):
        return None


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
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "FetchRequest",
    "FetchResult",
    "HttpStatusError",
    "fetch",
    "is_url",
    "maybe_gunzip",
    "public_location",
]
