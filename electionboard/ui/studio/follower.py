"""Follows the producer's program from the studio folder, for a display station.

The producer's studio saves what is on air (``on_air.json``) after every
take, atomically. A display station watches that folder, reads the file on
a worker when it changes (disk I/O never on the GUI thread) and says what
program and the keyed layer now show. A newer file replaces the older by a
rename, so the folder is watched rather than the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, Signal

from electionboard.model.rundown import OnAirState
from electionboard.model.stacks import StackEntry
from electionboard.store.stacks_file import load_on_air
from electionboard.ui.screens.registry import LAYER_KINDS

log = logging.getLogger(__name__)


def program_of(state: OnAirState) -> StackEntry | None:
    """What program shows full frame in ``state``."""
    if state.full_frame is not None:
        return state.full_frame
    on_air = state.on_air
    if on_air is None or on_air.screen in LAYER_KINDS:
        return None
    return on_air


class _Read(QRunnable):
    def __init__(self, follower: ProgramFollower) -> None:
        super().__init__()
        self._follower = follower

    def run(self) -> None:
        """QRunnable: read the on-air file; report on the GUI thread."""
        self._follower.read_now()


class ProgramFollower(QObject):
    """Emits ``followed(program entry, layer entry)`` whenever either changes."""

    followed = Signal(object, object)  # StackEntry | None, StackEntry | None
    _read = Signal(object)  # OnAirState, from the worker

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._watcher = QFileSystemWatcher([str(folder)], self)
        self._watcher.directoryChanged.connect(self._on_changed)
        self._read.connect(self._on_read)
        self._last: tuple[StackEntry | None, StackEntry | None] | None = None

    def start(self) -> None:
        """Read what is on air now; then follow every change."""
        self._on_changed()

    def read_now(self) -> None:
        """On the worker: the saved on-air state (nothing on air if unreadable)."""
        self._read.emit(load_on_air(self.folder))

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop watching; finish the read in flight."""
        self._watcher.directoryChanged.disconnect(self._on_changed)
        return self._pool.waitForDone(msecs)

    def _on_changed(self, _path: str = "") -> None:
        self._pool.start(_Read(self))

    def _on_read(self, state: OnAirState) -> None:
        if state == OnAirState():
            return  # no file yet, or one that could not be read: keep the picture
        now = (program_of(state), state.layer)
        if now != self._last:
            self._last = now
            self.followed.emit(*now)
