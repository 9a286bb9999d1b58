"""The desk store on a thread of its own; the GUI thread never waits on disk.

A SQLite connection belongs to the thread that opened it, and a write may wait
seconds on another instance's lock, so the store is opened, used and closed on
one dedicated QThread that runs requests one at a time, in order. Requests go
there by a queued signal; each reply, and the state read after every change or
when another instance has written, comes back the same way.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar, cast

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

from electionboard.model.overlay import EntryRejected
from electionboard.presentation.desk_state import DeskState, read_state
from electionboard.store import DeskStore, StoreError
from electionboard.store.returns_csv import DropsNotConfirmed, ReturnsRejected

log = logging.getLogger(__name__)

StoreFactory = Callable[[], DeskStore]
"""Opens the store; called on the desk thread."""
T = TypeVar("T")
Action = Callable[[DeskStore], object]
"""One desk action; runs on the desk thread and must capture no Qt object."""
OnDone = Callable[[object], None]
"""A callback whose action's result type ``submit`` checked at its call."""
OnError = Callable[[Exception], None]

EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    EntryRejected,
    StoreError,
    ReturnsRejected,
    DropsNotConfirmed,
    OSError,
    sqlite3.Error,
)
"""What an action may raise in normal use; anything else is logged as a bug."""


class _Stoppable(Protocol):
    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Request:
    number: int
    action: Action


@dataclass(frozen=True, slots=True)
class _Reply:
    number: int
    result: object
    error: Exception | None


class DeskWorker(QObject):
    """Owns the store on the desk thread. Created on the GUI thread, then moved."""

    opened = Signal()
    open_failed = Signal(str)
    replied = Signal(object)  # _Reply
    state_read = Signal(object)  # DeskState
    connection_changed = Signal(bool)
    """A server store's push connection came up (True) or went away (False)."""
    _pushed = Signal(int)  # a revision, from the listener's thread

    def __init__(
        self, open_store: StoreFactory, operator: str, poll_msecs: int
    ) -> None:
        super().__init__()  # no parent: it moves to the desk thread
        self._open_store = open_store
        self._operator = operator
        self._poll_msecs = poll_msecs
        self._store: DeskStore | None = None
        self._timer: QTimer | None = None
        self._listener: _Stoppable | None = None
        self._revision = -1

    @Slot()
    def start(self) -> None:
        """Open the store and read its state; then poll for other instances."""
        try:
            self._store = self._open_store()
        except Exception as error:  # any failure must reach the operator
            log.exception("the desk store could not be opened")
            self.open_failed.emit(f"The desk data could not be opened: {error}")
            return
        self._listener = self._listen(self._store)
        if self._listener is None:
            # SQLite: another instance's writes show by the file's revision.
            self._timer = QTimer(self)
            self._timer.setInterval(self._poll_msecs)
            self._timer.timeout.connect(self.poll)
            self._timer.start()
        self.opened.emit()
        self._emit_state()

    def _listen(self, store: DeskStore) -> _Stoppable | None:
        """A server store pushes every committed action: no polling at all."""
        if type(store).__name__ != "PostgresDeskStore":
            return None
        from electionboard.store.pg_store import PostgresDeskStore

        assert isinstance(store, PostgresDeskStore)
        self._pushed.connect(self._on_pushed)
        listener = store.change_listener(
            self._pushed.emit, on_state=self.connection_changed.emit
        )
        listener.start()
        return listener

    @Slot(int)
    def _on_pushed(self, revision: int) -> None:
        if revision != self._revision:
            self._emit_state()

    @Slot(object)
    def run(self, request: _Request) -> None:
        """Run one action; on success the fresh state goes out before the reply."""
        store = self._store
        if store is None:
            error = StoreError("the desk data is not open; nothing was saved")
            self.replied.emit(_Reply(request.number, None, error))
            return
        try:
            result = request.action(store)
        except EXPECTED_ERRORS as error:
            self.replied.emit(_Reply(request.number, None, error))
            return
        except Exception as error:  # a bug must not stop the desk thread
            log.exception("a desk action failed")
            self.replied.emit(_Reply(request.number, None, error))
            return
        self._emit_state()
        self.replied.emit(_Reply(request.number, result, None))

    @Slot()
    def poll(self) -> None:
        """Re-read the state when another instance has written since."""
        store = self._store
        if store is None:
            return
        try:
            changed = store.revision() != self._revision
        except Exception:  # a busy or vanished file: try again next tick
            log.warning("could not read the desk data's revision", exc_info=True)
            return
        if changed:
            self._emit_state()

    def _emit_state(self) -> None:
        assert self._store is not None
        try:
            state = read_state(self._store, self._operator)
        except Exception:  # keep the last state; the next poll tries again
            log.warning("could not read the desk data", exc_info=True)
            self._revision = -1
            return
        self._revision = state.revision
        self.state_read.emit(state)

    @Slot()
    def stop(self) -> None:
        """Close the store, come home to the GUI thread, and end the desk thread."""
        if self._timer is not None:
            self._timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._store is not None:
            self._store.close()
            self._store = None
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        thread = QThread.currentThread()
        thread.quit()


class DeskClient(QObject):
    """The GUI thread's handle on the desk thread.

    ``submit`` an action with what to do with its result or error; both
    callbacks run on the GUI thread. ``state_changed`` follows every change
    from this instance or another one on the same data folder.
    """

    state_changed = Signal(object)  # DeskState
    unavailable = Signal(str)
    connection_changed = Signal(bool)
    """A server store's push connection is up (True) or lost (False)."""
    busy_changed = Signal(bool)
    _requested = Signal(object)  # _Request, to the desk thread
    _stop_requested = Signal()

    def __init__(
        self,
        open_store: StoreFactory,
        operator: str,
        *,
        poll_seconds: float = 2.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.operator = operator
        self._numbers = itertools.count(1)
        self._waiting: dict[int, tuple[OnDone | None, OnError | None]] = {}
        self._state: DeskState | None = None
        self._problem: str | None = None
        self._stopped = False
        self._thread = QThread()
        self._thread.setObjectName("desk")
        self._worker = DeskWorker(open_store, operator, round(poll_seconds * 1000))
        self._worker.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._thread.started.connect(self._worker.start)
        self._requested.connect(self._worker.run, queued)
        self._stop_requested.connect(self._worker.stop, queued)
        self._worker.replied.connect(self._on_reply, queued)
        self._worker.state_read.connect(self._on_state, queued)
        self._worker.open_failed.connect(self._on_open_failed, queued)
        self._worker.connection_changed.connect(self.connection_changed, queued)

    @property
    def state(self) -> DeskState | None:
        """The latest state read, or None before the first read."""
        return self._state

    @property
    def problem(self) -> str | None:
        """Why the store is unavailable, or None while it works."""
        return self._problem

    @property
    def running(self) -> bool:
        """True while the desk thread runs (between ``start`` and ``shutdown``)."""
        return self._thread.isRunning()

    @property
    def busy(self) -> bool:
        """True while an action's reply is awaited."""
        return bool(self._waiting)

    def start(self) -> None:
        """Start the desk thread, which opens the store and reads it."""
        if not self._stopped and not self._thread.isRunning():
            self._thread.start()

    def submit(
        self,
        action: Callable[[DeskStore], T],
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
    ) -> bool:
        """Queue ``action`` for the desk thread; False once shut down.

        ``action`` runs on the desk thread, so it must capture plain data only
        (never a widget); the callbacks run on the GUI thread. ``on_done`` gets
        exactly what ``action`` returned, so both are typed by one ``T``.
        """
        if self._stopped:
            return False
        number = next(self._numbers)
        was_busy = self.busy
        # The reply crosses the thread as an object; T was checked above.
        self._waiting[number] = (cast(OnDone | None, on_done), on_error)
        self._requested.emit(_Request(number, action))
        if not was_busy:
            self.busy_changed.emit(True)
        return True

    def shutdown(self, msecs: int = 15_000) -> bool:
        """Finish queued actions, close the store and stop the thread.

        Returns:
            False if the thread was still busy after ``msecs``.
        """
        if self._stopped:
            return True
        self._stopped = True
        self._waiting.clear()
        if not self._thread.isRunning():
            return True
        self._stop_requested.emit()
        finished = self._thread.wait(msecs)
        if not finished:
            log.warning("the desk thread did not stop within %d ms", msecs)
        return finished

    def _on_reply(self, reply: _Reply) -> None:
        callbacks = self._waiting.pop(reply.number, None)
        if not self._waiting:
            self.busy_changed.emit(False)
        if callbacks is None or self._stopped:
            return
        on_done, on_error = callbacks
        if reply.error is None:
            if on_done is not None:
                on_done(reply.result)
        elif on_error is not None:
            on_error(reply.error)
        else:
            log.warning("a desk action failed unheard: %s", reply.error)

    def _on_state(self, state: DeskState) -> None:
        if self._stopped:
            return
        self._state = state
        self.state_changed.emit(state)

    def _on_open_failed(self, message: str) -> None:
        self._problem = message
        self.unavailable.emit(message)
