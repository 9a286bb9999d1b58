"""Fetch a feed's bytes from a file or an http(s) URL: the project's one reader.

Every request has explicit (connect, read) timeouts, a total deadline and a size
limit, and the body is streamed so a huge or endless answer is refused before it
fills memory or holds a poll for ever. Credentials never follow a redirect to
another server. Files are read the same way: in chunks, within the limit, and
only regular files (a FIFO or a device would hang or never end).
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from electionboard.sources.errors import FetchError, NotModifiedError

DEFAULT_TIMEOUT = (3.05, 10.0)
DEFAULT_DEADLINE = 20.0
"""Seconds one fetch may take in all, from connecting to the last byte."""
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key"}
)
"""Headers (lower case) never sent on to another server by a redirect."""
CHUNK = 256 * 1024
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
        # requests (and urllib3) take ~74 ms to import: only the first URL
        # fetched pays it, on the poll worker, never the start of a board.
        from electionboard.sources.http_fetch import fetch_http

        data_result = fetch_http(request)
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
    first = min(max(expected + 1, CHUNK), request.max_bytes + 1)
    while chunk := stream.read(first if not chunks else CHUNK):
        size += len(chunk)
        if size > request.max_bytes:
            raise FetchError(
                f"{path.name} is larger than the {request.max_bytes:,}-byte limit"
            )
        if time.monotonic() > ends:
            raise FetchError(too_slow(path.name, request.deadline))
        chunks.append(chunk)
    return b"".join(chunks)


def too_slow(where: str, deadline: float) -> str:
    """The words for a fetch that missed its deadline."""
    return (
        f"the feed is answering too slowly "
        f"(no complete answer from {where} in {deadline:g} s)"
    )


class HttpStatusError(FetchError):
    """The server answered with an error status; may ask us to wait."""

    def __init__(self, status: int, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


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
    "too_slow",
]
