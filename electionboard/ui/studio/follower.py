"""Follows the producer's program, for a display station.

The producer's studio saves what is on air (``on_air.json``) after every
take, atomically. A station on the same machine watches that folder, reads
the file on a worker when it changes (disk I/O never on the GUI thread) and
says what program and the keyed layer now show. A newer file replaces the
older by a rename, so the folder is watched rather than the file.

On a server store the producer also publishes each take to the database; a
station anywhere follows it there (:class:`DatabaseProgramFollower`), told of
each take by the database at commit, reading it on the listener's thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, Signal

from electionboard.model.rundown import OnAirState
from electionboard.model.stacks import StackEntry
from electionboard.store.errors import StoreError
from electionboard.store.pg_studio import PublishedOnAir
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


class TakeFollower(QObject):
    """Emits ``followed(program entry, layer entry)`` whenever either changes."""

    followed = Signal(object, object)  # StackEntry | None, StackEntry | None
    _read = Signal(object)  # OnAirState, from the worker

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read.connect(self._on_read)
        self._last: tuple[StackEntry | None, StackEntry | None] | None = None

    def start(self) -> None:
        """Read what is on air now; then follow every change."""
        raise NotImplementedError

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop following; False if a read was still running after ``msecs``."""
        raise NotImplementedError

    def _on_read(self, state: OnAirState) -> None:
        if state == OnAirState():
            return  # nothing published yet, or unreadable: keep the picture
        now = (program_of(state), state.layer)
        if now != self._last:
            self._last = now
            self.followed.emit(*now)


class ProgramFollower(TakeFollower):
    """Follows the on-air file in the producer's studio folder."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._watcher = QFileSystemWatcher([str(folder)], self)
        self._watcher.directoryChanged.connect(self._on_changed)

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


class _Listener(Protocol):
    def start(self) -> object: ...
    def stop(self, timeout: float = 5.0) -> None: ...


class StudioReader(Protocol):
    """What a station needs of the database (``PostgresStudio``)."""

    def on_air(self) -> PublishedOnAir | None: ...
    def listener(
        self,
        on_revision: Callable[[int], None],
        *,
        on_state: Callable[[bool], None] | None = None,
    ) -> _Listener: ...
    def close(self) -> None: ...


class DatabaseProgramFollower(TakeFollower):
    """Follows the producer's takes published to the shared database.

    ``open_studio`` connects (network I/O), so it runs on a thread of this
    follower's own, retried every ``retry`` seconds until the server answers;
    then the listener reads each announced take on its thread, and again on
    every reconnection, so a take published while the server was out of
    reach is not missed. The station holds its picture meanwhile.
    """

    def __init__(
        self,
        open_studio: Callable[[], StudioReader],
        *,
        retry: float = 2.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_studio = open_studio
        self._retry = retry
        self._stop = threading.Event()
        self._studio: StudioReader | None = None
        self._listener: _Listener | None = None
        self._thread = threading.Thread(
            target=self._connect, name="electionboard-station-follower", daemon=True
        )

    def start(self) -> None:
        """Connect on the follower's thread; then follow every take."""
        self._thread.start()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop listening and close the connection."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(msecs / 1000)
        if self._listener is not None:
            self._listener.stop(msecs / 1000)
        if self._studio is not None:
            self._studio.close()
        return not self._thread.is_alive()

    def _connect(self) -> None:
        while not self._stop.is_set():
            try:
                studio = self._open_studio()
            except StoreError as error:
                log.warning(
                    "station: cannot follow the producer yet: %s",
                    str(error).removeprefix("not saved: "),
                )
                self._stop.wait(self._retry)
                continue
            self._studio = studio
            listener = studio.listener(
                lambda _revision: self._read_take(), on_state=self._on_connection
            )
            self._listener = listener
            if self._stop.is_set():
                return
            listener.start()
            return

    def _on_connection(self, listening: bool) -> None:  # noqa: FBT001 - a callback
        if listening:
            self._read_take()  # a take may have landed while out of reach

    def _read_take(self) -> None:
        """On the listener's thread: read the latest take; report it."""
        studio = self._studio
        if studio is None:
            return
        try:
            published = studio.on_air()
        except StoreError as error:
            log.warning("station: could not read the producer's take: %s", error)
            return
        if published is not None:
            self._read.emit(published.state)
