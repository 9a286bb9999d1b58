"""Push from the shared database: every committed desk action, as it commits.

Each action sends ``NOTIFY electionboard_desk, '<revision>'`` in its own
transaction, so PostgreSQL delivers it at commit and never for a rolled-back
action. The listener holds one connection that LISTENs and blocks in
``notifies()``; nothing queries the database in a loop. The wait times out
every ``wake`` seconds only so that ``stop()`` is honoured promptly.

When the server goes away the listener reconnects by itself, with backoff,
and then reports the revision it finds, so nothing committed while it was
away goes unseen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from electionboard.store.pg_tables import CHANNEL
from electionboard.store.urls import redacted, scrubbed

_log = logging.getLogger(__name__)

RevisionCallback = Callable[[int], None]
StateCallback = Callable[[bool], None]
Latest = Callable[[psycopg.Connection[tuple[object, ...]]], int]

DESK_REVISION = "SELECT COALESCE(max(id), 0) FROM audit"
"""The desk's revision: the latest audit id."""


def latest(query: str) -> Latest:
    """A reader of the revision ``query`` selects; 0 before its table exists."""

    def read(connection: psycopg.Connection[tuple[object, ...]]) -> int:
        try:
            row = connection.execute(query.encode()).fetchone()
        except psycopg.errors.UndefinedTable:
            return 0
        return int(str(row[0])) if row else 0

    return read


_DESK_LATEST = latest(DESK_REVISION)


def _payload_revision(payload: str) -> int | None:
    """The revision a notification carries: ``17`` or ``name:17``."""
    number = payload.rpartition(":")[2]
    return int(number) if number.isdigit() else None


class PgChangeListener:
    """A daemon thread that calls ``on_revision`` with each new revision.

    Callbacks run on the listener's thread: a Qt caller hands them to the GUI
    thread with a queued signal. Revisions arrive in increasing order; one
    already reported is not reported again.

    Args:
        url: the store's database URL (kept out of every message).
        on_revision: called with each new revision.
        on_state: called with True when listening and False when the
            connection is lost, for the operators' connection light.
        wake: seconds between checks for ``stop()``.
        retry: the longest pause between reconnection attempts, in seconds.
        channel: the channel to LISTEN on (the desk's by default).
        revision: reads the latest revision on (re)connecting.
        what: what the updates are, for the log ("desk updates").
    """

    def __init__(
        self,
        url: str,
        on_revision: RevisionCallback,
        *,
        on_state: StateCallback | None = None,
        wake: float = 0.25,
        retry: float = 2.0,
        channel: str = CHANNEL,
        revision: Latest | None = None,
        what: str = "desk updates",
    ) -> None:
        self._url = url
        self._channel = channel
        self._latest = revision or _DESK_LATEST
        self._what = what
        self._on_revision = on_revision
        self._on_state = on_state
        self._wake = wake
        self._retry = retry
        self._stop = threading.Event()
        self._last = -1
        self.listening = threading.Event()
        """Set while the listener is connected and LISTENing."""
        self._thread = threading.Thread(
            target=self._run, name="electionboard-pg-listener", daemon=True
        )

    def __repr__(self) -> str:
        return f"PgChangeListener({redacted(self._url)!r})"

    def start(self) -> PgChangeListener:
        """Start listening; returns self, to chain with the constructor."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and wait (up to ``timeout``) for the thread to end."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def __enter__(self) -> PgChangeListener:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run(self) -> None:
        pause = 0.05
        while not self._stop.is_set():
            try:
                self._listen()
                pause = 0.05
            except psycopg.Error as error:
                self._lost(error)
                self._stop.wait(pause)
                pause = min(pause * 2, self._retry)

    def _listen(self) -> None:
        connect_timeout = max(1, round(self._retry))
        with psycopg.connect(
            self._url, autocommit=True, connect_timeout=connect_timeout
        ) as connection:
            connection.execute(f"LISTEN {self._channel}".encode())
            revision = self._latest(connection)
            self.listening.set()
            if self._on_state is not None:
                self._on_state(True)
            self._report(revision)
            while not self._stop.is_set():
                for notify in connection.notifies(timeout=self._wake):
                    pushed = _payload_revision(notify.payload)
                    if notify.channel == self._channel and pushed is not None:
                        self._report(pushed)

    def _report(self, revision: int) -> None:
        if revision <= self._last:
            return
        self._last = revision
        try:
            self._on_revision(revision)
        except Exception:
            # A subscriber's bug must not stop every later update reaching it.
            _log.exception(
                "a subscriber to %s failed on revision %d", self._what, revision
            )

    def _lost(self, error: psycopg.Error) -> None:
        if self.listening.is_set():
            self.listening.clear()
            first = str(error).strip().splitlines()[0] if str(error) else ""
            _log.warning(
                "%s paused: the database is unreachable at %s (%s)",
                self._what,
                redacted(self._url),
                scrubbed(first, self._url),
            )
            if self._on_state is not None:
                self._on_state(False)
