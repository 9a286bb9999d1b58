"""A real HTTP server on loopback whose answers tests script, faults included."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    """One scripted answer: a body with its status, or a misbehaviour."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stall_after: int | None = None
    etag: bool = True
    content_length: bool = True
    """False: send no Content-Length; the body ends when the connection closes."""
    drip: float | None = None
    """Seconds between bytes: the body (or with ``drip_headers`` the whole
    answer) is sent one byte at a time, each well inside a read timeout."""
    drip_headers: bool = False
    endless_chunked: bool = False
    """A chunked body that never ends: one chunk every ``drip`` seconds."""


class FeedServer:
    """Serves ``answer`` for every GET; tests swap it between polls.

    ``routes`` overrides the answer for an exact request path (with its query),
    so a test can serve a full response and AP-style next requests side by side.
    """

    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        """Listen on loopback ``host`` at ``port``; 0 picks a free one."""
        self.answer = Answer()
        self.routes: dict[str, Answer] = {}
        self.requests: list[dict[str, str]] = []
        self.paths: list[str] = []
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(dict(self.headers.items()))
                server.paths.append(self.path)
                # The client may give up first (a timeout under test).
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server.respond(self)

            def log_message(self, format: str, *args: object) -> None:
                """Keep test output quiet."""

        self._httpd = ThreadingHTTPServer((host, port), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def url(self) -> str:
        """Base URL of the feed."""
        return self.url_for("/feed.json")

    def url_for(self, path: str) -> str:
        """This server's URL for ``path`` (which starts with a slash)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the socket and any stalled handlers."""
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def respond(self, handler: BaseHTTPRequestHandler) -> None:
        """Write the current answer (or the path's route), honouring If-None-Match."""
        answer = self.routes.get(handler.path, self.answer)
        if answer.delay and self._stop.wait(answer.delay):
            return  # stopping: the client is long gone
        tag = '"' + hashlib.sha1(answer.body).hexdigest() + '"'
        if (
            answer.etag
            and answer.status == 200
            and handler.headers.get("If-None-Match") == tag
        ):
            handler.send_response(304)
            handler.send_header("ETag", tag)
            handler.end_headers()
            return
        if answer.drip_headers or answer.endless_chunked:
            self._respond_raw(handler, answer, tag)
            return
        handler.send_response(answer.status)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        if answer.etag and answer.status == 200:
            handler.send_header("ETag", tag)
        if answer.content_length:
            handler.send_header("Content-Length", str(len(answer.body)))
        handler.end_headers()
        if answer.stall_after is not None:
            handler.wfile.write(answer.body[: answer.stall_after])
            handler.wfile.flush()
            self._stop.wait(30)
            return
        if answer.drip is not None:
            self._trickle(handler, answer.body, answer.drip)
            return
        handler.wfile.write(answer.body)

    def _respond_raw(
        self, handler: BaseHTTPRequestHandler, answer: Answer, tag: str
    ) -> None:
        """Headers a byte at a time, or a chunked body that never ends."""
        every = answer.drip or 0.05
        lines = [f"HTTP/1.1 {answer.status} OK", f"ETag: {tag}"]
        lines += [f"{name}: {value}" for name, value in answer.headers.items()]
        if answer.endless_chunked:
            lines.append("Transfer-Encoding: chunked")
        else:
            lines.append(f"Content-Length: {len(answer.body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
        if answer.drip_headers:
            self._trickle(handler, head + answer.body, every)
            return
        handler.wfile.write(head + b"1\r\n{\r\n")
        while not self._stop.wait(every):
            handler.wfile.write(b"1\r\n \r\n")
            handler.wfile.flush()

    def _trickle(
        self, handler: BaseHTTPRequestHandler, data: bytes, every: float
    ) -> None:
        for index in range(len(data)):
            handler.wfile.write(data[index : index + 1])
            handler.wfile.flush()
            if self._stop.wait(every):
                return


OTHER_HOST = "127.0.0.2"
"""Another host as far as any URL can tell, still on loopback."""


def serve(host: str = "127.0.0.1") -> Iterator[FeedServer]:
    """Generator body for a pytest fixture."""
    server = FeedServer(host=host)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        time.sleep(0)
