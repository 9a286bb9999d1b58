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


class FeedServer:
    """Serves ``answer`` for every GET; tests swap it between polls.

    ``routes`` overrides the answer for an exact request path (with its query),
    so a test can serve a full response and AP-style next requests side by side.
    """

    def __init__(self, port: int = 0) -> None:
        """Listen on 127.0.0.1 at ``port``; 0 picks a free one."""
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

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
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
        handler.wfile.write(answer.body)


def serve() -> Iterator[FeedServer]:
    """Generator body for a pytest fixture."""
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        time.sleep(0)
