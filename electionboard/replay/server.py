"""Serve a recorded night over HTTP as if it were a live feed, for rehearsals.

The board polls ``/feed`` exactly as it polls a real source: each snapshot has
its own ETag and Last-Modified, so revalidation gets 304 until the replay moves
on, and AP recordings also answer AP's ``nextrequest`` deltas. Every answer
carries ``X-Electionboard-Replay: 1`` so a board can tell test data from live.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from electionboard.replay import apnext
from electionboard.replay.playhead import Playhead, waits_between
from electionboard.replay.recording import Recording

log = logging.getLogger(__name__)

DEFAULT_SPEED = 60.0
"""An hour of election night in a minute: the bundled night in about 13."""
DEFAULT_MAX_WAIT = 60.0
"""Longest wall-clock wait for one snapshot, and the hold before a loop restarts."""
DEFAULT_HOST = "127.0.0.1"
LISTEN_BACKLOG = 1024
"""Connections the kernel holds while the accept loop is busy: every board and
desk of a newsroom may poll one rehearsal at the same instant. 128 still lost
connects with 200 clients at once; bench/replay_load.py measures it. The kernel
caps it (Linux: net.core.somaxconn, 4096 by default)."""
REPLAY_HEADER = "X-Electionboard-Replay"
_LAP_PAUSE = 60
"""Recorded seconds between laps, so Last-Modified keeps rising when looping."""


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer before the headers every reply shares are added."""

    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReplayStatus:
    """Where the replay stands, as ``/status`` reports it."""

    position: int
    total: int
    file: str
    at: dt.datetime
    lap: int
    next_change_in: float | None

    def to_dict(self) -> dict[str, Any]:
        """The ``/status`` JSON document."""
        return {
            "position": self.position,
            "total": self.total,
            "file": self.file,
            "at": self.at.isoformat(),
            "lap": self.lap,
            "next_change_in": self.next_change_in,
        }


class ReplayServer:
    """A recording served on a background thread; advanced by clock or by hand.

    ``clock`` is a monotonic clock in seconds; tests pass their own so timed
    moves happen without sleeping. With ``step`` the clock never moves the
    replay: only ``advance()`` does.
    """

    def __init__(
        self,
        recording: Recording,
        *,
        speed: float = DEFAULT_SPEED,
        max_wait: float = DEFAULT_MAX_WAIT,
        loop: bool = False,
        step: bool = False,
        host: str = DEFAULT_HOST,
        port: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not speed > 0 or not max_wait > 0:
            raise ValueError("speed and max_wait must be positive")
        self.recording = recording
        self._clock = clock
        self._lock = threading.Lock()
        times = [snapshot.at for snapshot in recording.snapshots]
        self._playhead = Playhead(
            waits_between(times, speed, max_wait),
            wrap_wait=max_wait,
            loop=loop,
            timed=not step,
            now=clock(),
        )
        self._stamps = _rising_seconds(times)
        self._tags = [snapshot.digest for snapshot in recording.snapshots]
        self._digests: dict[int, dict[apnext.RaceKey, str] | None] = {}
        self._host = host
        if not is_loopback(host):
            log.warning(
                "the replay serves the whole network on %s: any machine that "
                "can reach this one can read it (use --host 127.0.0.1 to serve "
                "this machine only)",
                host or "every address",
            )
        self._httpd = _HttpServer((host, port), self.reply)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The feed URL to give the board."""
        host = self._host
        if host in ("", "0.0.0.0"):
            host = socket.gethostname()
        return f"http://{host}:{self._httpd.server_address[1]}/feed"

    def start(self) -> None:
        """Serve on a background thread; the first snapshot's clock starts now."""
        with self._lock:
            self._playhead.restart(self._clock())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="replay-server",
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close the socket and join every thread."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def advance(self) -> ReplayStatus:
        """Move to the next snapshot now (Enter in ``--step`` mode)."""
        with self._lock:
            self._playhead.advance(self._clock())
        return self.status()

    def status(self) -> ReplayStatus:
        """Catch up with the clock and say where the replay stands."""
        with self._lock:
            now = self._clock()
            self._playhead.catch_up(now)
            head = self._playhead
            snapshot = self.recording.snapshots[head.position]
            return ReplayStatus(
                position=head.position,
                total=head.total,
                file=snapshot.name,
                at=snapshot.at,
                lap=head.lap,
                next_change_in=head.next_change_in(now),
            )

    def reply(self, target: str, headers: Mapping[str, str]) -> Reply:
        """The answer to a GET of ``target`` (path and query).

        ``headers`` are the request's, with names in lower case.
        """
        parts = urlsplit(target)
        if parts.path == "/status":
            body = json.dumps(self.status().to_dict()).encode()
            return Reply(200, body, {"Content-Type": "application/json"})
        if parts.path not in ("/", "/feed"):
            return _text(404, "not found: the feed is at /feed, the state at /status")
        return self._feed(parse_qs(parts.query).get("since"), headers)

    def _feed(
        self, since_values: list[str] | None, headers: Mapping[str, str]
    ) -> Reply:
        status = self.status()
        snapshot = self.recording.snapshots[status.position]
        tag = f"{status.lap}.{status.position}.{self._tags[status.position]}"
        span = self._stamps[-1] - self._stamps[0] + _LAP_PAUSE
        stamp = self._stamps[status.position] + status.lap * span
        is_ap = snapshot.format_name == "ap"
        since: int | None = None
        if is_ap and since_values:
            since = _snapshot_number(since_values[-1], status.total)
            if since is None:
                return _text(400, f"since must be 0 to {status.total - 1}")
            tag += f".since{since}"
        validators = {
            "ETag": f'"{tag}"',
            "Last-Modified": email.utils.formatdate(stamp, usegmt=True),
        }
        if _not_modified(headers, validators["ETag"], stamp):
            return Reply(304, b"", validators)
        body = snapshot.data
        if is_ap:
            host = headers.get("host") or self.url.split("/")[2]
            next_url = f"http://{host}/feed?since={status.position}"
            if since is None:
                body = apnext.with_next_request(body, next_url)
            else:
                delta = apnext.changes_since(self._race_digests(since), body, next_url)
                body = body if delta is None else delta
        return Reply(200, body, {"Content-Type": snapshot.content_type, **validators})

    def _race_digests(self, position: int) -> dict[apnext.RaceKey, str] | None:
        if position not in self._digests:
            data = self.recording.snapshots[position].data
            self._digests[position] = apnext.race_digests(data)
        return self._digests[position]


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable from this machine only."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # "" (every address) or a host name: assume the network


def _rising_seconds(times: list[dt.datetime]) -> list[int]:
    """Whole seconds for Last-Modified, each at least one past the one before."""
    stamps: list[int] = []
    for at in times:
        second = int(at.timestamp())
        stamps.append(max(second, stamps[-1] + 1) if stamps else second)
    return stamps


def _snapshot_number(text: str, total: int) -> int | None:
    number = int(text) if text.isdigit() else -1
    return number if 0 <= number < total else None


def _not_modified(headers: Mapping[str, str], etag: str, stamp: int) -> bool:
    """RFC 9110: If-None-Match decides when given; else If-Modified-Since."""
    match = headers.get("if-none-match")
    if match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or etag in tags
    since = headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return stamp <= when.timestamp()


def _text(status: int, message: str) -> Reply:
    return Reply(status, f"{message}\n".encode(), {"Content-Type": "text/plain"})


class _HttpServer(ThreadingHTTPServer):
    """Joins its request threads on close, and logs broken connections quietly."""

    daemon_threads = False
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        answer: Callable[[str, Mapping[str, str]], Reply],
    ) -> None:
        super().__init__(address, _Handler)
        self.answer = answer

    def handle_error(self, _request: object, client_address: object) -> None:
        """A client that hangs up mid-answer is not worth a traceback on stderr."""
        log.debug("a replay request from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.0, one request per connection, so threads end with their answer."""

    server_version = "electionboard-replay"
    timeout = 10.0

    def do_GET(self) -> None:
        """Answer with the body."""
        self._send(with_body=True)

    def do_HEAD(self) -> None:
        """Answer with the headers a GET would get."""
        self._send(with_body=False)

    def _send(self, *, with_body: bool) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            reply = cast(_HttpServer, self.server).answer(self.path, headers)
        except Exception:
            log.exception("replay server failed to answer %s", self.path)
            reply = _text(500, "internal error in the replay server")
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header(REPLAY_HEADER, "1")
        self.send_header("Cache-Control", "no-cache")
        if reply.status != 304:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if with_body and reply.status != 304:
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests go to the debug log, not stderr."""
        log.debug("%s %s", self.address_string(), format % args)
