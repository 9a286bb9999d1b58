"""A deadline on one whole HTTP exchange: connecting, headers and body together.

requests' read timeout bounds each ``recv`` alone, so a server that sends one
byte a second (in its headers or its body) never trips it and keeps a poll busy
for ever. A timer that shuts down every socket the exchange opened is the one
thing that bounds it all, wherever in urllib3 or http.client the read is stuck.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3 import poolmanager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_CURRENT: ContextVar[Watchdog | None] = ContextVar("fetch_watchdog", default=None)
"""The watchdog of the exchange running on this thread, if any."""


class Watchdog:
    """Cuts the connections of one exchange once ``seconds`` have passed.

    Used as a context manager around the exchange; every connection opened on
    this thread inside it is watched (see ``WatchedAdapter``). Sockets are
    watched through a duplicate descriptor, so shutting it down still reaches
    the connection after TLS has wrapped the original socket object.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._token: Token[Watchdog | None] | None = None

    @property
    def expired(self) -> bool:
        """True once the deadline cut the exchange: whatever came after is void."""
        return self._expired

    def left(self) -> float:
        """Seconds left before the deadline, never negative."""
        return max(0.0, self._ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        """Cut ``sock`` when the deadline passes (at once if it already has)."""
        try:
            duplicate = sock.dup()
        except OSError:
            return
        with self._lock:
            self._sockets.append(duplicate)
            if self._expired:
                _shut(duplicate)

    def __enter__(self) -> Watchdog:
        self._token = _CURRENT.set(self)
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        self._timer.join()
        if self._token is not None:
            _CURRENT.reset(self._token)
        with self._lock:
            for duplicate in self._sockets:
                duplicate.close()
            self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            for duplicate in self._sockets:
                _shut(duplicate)


def _shut(sock: socket.socket) -> None:
    """Wake any read blocked on the connection; the peer may be gone already."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(sock: socket.socket) -> socket.socket:
    watchdog = _CURRENT.get()
    if watchdog is not None:
        watchdog.watch(sock)
    return sock


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(super()._new_conn())


class _WatchedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(super()._new_conn())


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _use_watched_pools(manager: Any) -> None:
    # A SOCKS manager has pools of its own; it keeps only the per-chunk check.
    if manager.pool_classes_by_scheme == poolmanager.pool_classes_by_scheme:
        manager.pool_classes_by_scheme = _WATCHED_POOLS


class WatchedAdapter(HTTPAdapter):
    """An adapter whose connections (direct or through a proxy) are watched."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """The usual pool manager, building watched connections."""
        super().init_poolmanager(*args, **kwargs)
        _use_watched_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        """The usual proxy manager, building watched connections."""
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        _use_watched_pools(manager)
        return manager


__all__ = ["Watchdog", "WatchedAdapter"]
