"""Saves stacks and the on-air state off the GUI thread, in order, latest last.

A take must never stutter on a slow disk, so every save runs on one worker
thread that writes in the order saves were asked for; a failure comes back as
a signal for the console to show. The on-air state is saved on every program
change, so saves of it are coalesced: one waiting write takes the latest. On a
server store each saved state is also published for display stations on other
machines, on the same worker, after the file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from electionboard.model.rundown import OnAirState
from electionboard.model.stacks import StackBook
from electionboard.store.errors import StoreError
from electionboard.store.stacks_file import save_on_air, save_stacks

log = logging.getLogger(__name__)


class _Task(QRunnable):
    """One save; reports a failure through ``failed`` and never raises."""

    def __init__(self, save: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__()
        self._save = save
        self._failed = failed

    def run(self) -> None:
        """QRunnable: write the file."""
        try:
            self._save()
        except (OSError, StoreError) as error:
            self._failed(str(error))
        except Exception as error:  # a bug must not stop saving for the night
            log.exception("a studio save failed")
            self._failed(repr(error))


class Publish(Protocol):
    """Sends saved on-air states to the display stations (``StudioPublisher``)."""

    def __call__(self, state: OnAirState) -> None:
        """Publish ``state``; raises StoreError when it could not."""

    def close(self) -> None:
        """Let go of the connection."""


class StudioWriter(QObject):
    """Writes into ``folder``; at most one write at a time, in the order asked.

    ``publish``, where given, also sends each saved on-air state to the
    display stations (a server store); it runs on the worker.
    """

    failed = Signal(str)  # queued from the worker to the GUI thread

    def __init__(
        self,
        folder: Path,
        parent: QObject | None = None,
        *,
        publish: Publish | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._publish = publish
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one thread: writes land in order
        self._last_book: StackBook | None = None
        self._last_state: OnAirState | None = None
        self._lock = threading.Lock()
        self._waiting_state: OnAirState | None = None  # queued, not yet written
        self.failed.connect(self._forget)

    def save_book(self, book: StackBook) -> None:
        """Save every stack (skipped when nothing changed since the last save)."""
        if book == self._last_book:
            return
        self._last_book = book
        folder = self.folder
        self._start(lambda: save_stacks(folder, book), "the stacks")

    def save_state(self, state: OnAirState) -> None:
        """Save what is on air (skipped when nothing changed since the last save)."""
        if state == self._last_state:
            return
        self._last_state = state
        with self._lock:
            queued = self._waiting_state is not None
            self._waiting_state = state
        if not queued:
            self._start(self._write_state, "what is on air")

    def _write_state(self) -> None:
        """On the worker: write the latest state asked for, once."""
        with self._lock:
            state, self._waiting_state = self._waiting_state, None
        if state is not None:
            save_on_air(self.folder, state)
            if self._publish is not None:
                self._publish(state)

    def _start(self, save: Callable[[], None], what: str) -> None:
        def failed(error: str) -> None:
            log.warning("could not save %s: %s", what, error)
            self.failed.emit(f"Could not save {what}: {error}")

        self._pool.start(_Task(save, failed))

    def _forget(self, _message: str) -> None:
        """After a failure the next save writes again, even if nothing changed."""
        self._last_book, self._last_state = None, None

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for the saves in flight; False if some still run after ``msecs``."""
        return self._pool.waitForDone(msecs)

    def close(self, msecs: int = 5000) -> bool:
        """Finish the saves in flight, then close the publisher's connection."""
        finished = self.wait(msecs)
        if self._publish is not None:
            self._publish.close()
        return finished
