"""Keeps a watch folder current with what is on air, for playout systems.

Each time the scene shows new content the exporter renders its end state on
the GUI thread (coalesced: at most one render per interval, once the bars have
settled or, while new changes keep the bars gliding, after one glide's time at
most) and writes it on a worker: ``<board>_<race>.png`` under a stable name a
playout system watches, plus a ``<board>_<race>_<YYYYMMDDTHHMMSSZ>.png``
archive copy. At most one write is in flight; changes meanwhile coalesce into
one more render when it finishes, of the latest state. Every file is renamed
into place from a hidden temporary name, so a reader never sees half a file.

The worker then prunes archive copies past the retention rule (never a stable
file), and writes no archive copies while the folder's disk is short of space,
saying so through ``disk_changed`` until space returns.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage

from electionboard.model.retention import DEFAULT_RETENTION, Retention
from electionboard.store.archives import (
    DEFAULT_MIN_FREE_MB,
    FreeSpace,
    free_bytes,
    prune_archives,
)
from electionboard.ui.animation import frame_starting
from electionboard.ui.board.scene import ANIMATION_MS, BoardScene
from electionboard.ui.export import (
    ExportFormat,
    Replace,
    encode,
    render_scene,
    stable_name,
    timestamped_name,
    write_encoded,
)
from electionboard.ui.screens.base import ScreenScene

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Monotonic = Callable[[], float]

INTERVAL_MS = 250
SETTLE_POLL_MS = 50
MAX_SETTLE_WAIT_MS = ANIMATION_MS
"""Longest a change waits for the bars to settle before its end state is
written anyway: under changes faster than a glide they never settle."""
MB = 1024 * 1024


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class _Job:
    """One render to write: made on the GUI thread, read on the worker."""

    image: QImage
    stable: Path
    archive: Path | None
    export_format: ExportFormat
    replace: Replace
    retention: Retention
    now: dt.datetime
    min_free_bytes: int
    free_space: FreeSpace


@dataclass(frozen=True, slots=True)
class _Outcome:
    paths: tuple[Path, ...]
    error: str | None
    free: int | None = None  # bytes free before writing; None if not known


class _WriteTask(QRunnable):
    """Encodes a job once, writes every target and prunes, off the GUI thread.

    QImage is reentrant, and the job's image is this task's own copy.
    """

    def __init__(self, job: _Job, done: Callable[[_Outcome], None]) -> None:
        super().__init__()
        self._job = job
        self._done = done

    def run(self) -> None:
        """QRunnable: write every target; report, never raise."""
        job = self._job
        written: list[Path] = []
        free: int | None = None
        try:
            files = encode(job.image, job.export_format)
            free = self._free()
            written.extend(write_encoded(job.stable, files, replace=job.replace))
            if job.archive is not None:
                if free is None or free >= job.min_free_bytes:
                    written.extend(
                        write_encoded(job.archive, files, replace=job.replace)
                    )
                prune_archives(job.stable.parent, job.retention, job.now)
        except OSError as error:
            self._done(_Outcome(tuple(written), str(error), free))
            return
        except Exception as error:  # a bug must not stop exports for the night
            log.exception("watch-folder write failed")
            self._done(_Outcome(tuple(written), repr(error), free))
            return
        self._done(_Outcome(tuple(written), None, free))

    def _free(self) -> int | None:
        """Free bytes on the folder's disk; None when archives are off or unknown."""
        job = self._job
        if job.archive is None:
            return None
        folder = job.stable.parent
        folder.mkdir(parents=True, exist_ok=True)
        try:
            return job.free_space(folder)
        except OSError as error:
            log.info("cannot read the free space of %s: %s", folder, error)
            return None


class WatchFolderExporter(QObject):
    """Writes the scene to ``folder`` whenever it shows new content.

    It follows ``scene.content_shown`` by itself; ``content_changed`` is the
    same hook for anything else that changes the picture. ``retention`` says
    which archive copies to keep (``archive=False`` writes none); below
    ``min_free_bytes`` free, archives pause and stable files go on.
    """

    written = Signal(list)  # [Path]: the stable file(s) first, then archives
    failed = Signal(str)
    disk_changed = Signal(bool, str)  # low on space?, a line for the operator
    _write_finished = Signal(object)  # _Outcome, queued from the worker

    def __init__(
        self,
        scene: BoardScene | ScreenScene,
        folder: Path,
        *,
        board: str = "board",
        export_format: ExportFormat = ExportFormat.RGBA,
        archive: bool = True,
        retention: Retention = DEFAULT_RETENTION,
        min_free_bytes: int = DEFAULT_MIN_FREE_MB * MB,
        interval_ms: int = INTERVAL_MS,
        max_settle_wait_ms: int = MAX_SETTLE_WAIT_MS,
        clock: Clock = _utc_now,
        monotonic: Monotonic = time.monotonic,
        free_space: FreeSpace = free_bytes,
        replace: Replace = os.replace,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.folder = folder
        self.board = board
        self.export_format = export_format
        self.retention = retention
        self.archive = archive and self.retention.archives
        self.min_free_bytes = min_free_bytes
        self._clock = clock
        self._monotonic = monotonic
        self._free_space = free_space
        self._replace = replace
        self._max_settle_wait_ms = max_settle_wait_ms
        self._dirty_since: float | None = None  # the oldest change not on disk
        self._low_space: bool | None = None  # as last told; None before the first
        self._dirty = False
        self._in_flight = False
        self._stopped = False
        self._last: tuple[object, ...] | None = None  # what is already on disk
        self._interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._export)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._write_finished.connect(self._on_write_finished)
        scene.content_shown.connect(self.content_changed)

    def set_scene(self, scene: object) -> None:
        """Follow ``scene`` from now on: program took another board kind.

        Anything but a race board or a screen (a still) is ignored.
        """
        if not isinstance(scene, BoardScene | ScreenScene) or scene is self.scene:
            return
        self.scene.content_shown.disconnect(self.content_changed)
        self.scene = scene
        scene.content_shown.connect(self.content_changed)
        self.content_changed()

    @property
    def pending(self) -> bool:
        """True while a change is not yet on disk."""
        return self._dirty or self._in_flight

    def content_changed(self, _content: object = None) -> None:
        """Note a change; the render follows within the interval."""
        if self._stopped:
            return
        if self._dirty_since is None:
            self._dirty_since = self._monotonic()
        self._dirty = True
        if not self._in_flight and not self._timer.isActive():
            self._timer.start(self._interval_ms)

    def set_board(self, board: str) -> None:
        """Name later files after ``board`` (e.g. a stack's name)."""
        self.board = board
        self.content_changed()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop following the scene; wait for the write in flight.

        Returns:
            False if the write did not finish within ``msecs``.
        """
        self._stopped = True
        self._timer.stop()
        self._dirty = False
        return self._pool.waitForDone(msecs)

    def _export(self) -> None:
        if self._stopped or not self._dirty:
            return
        if self.scene.is_animating() and not self._waited_long_enough():
            # Rendering mid-glide costs the glide a frame: wait for it to
            # settle, but not for ever while new changes keep restarting it.
            self._timer.start(SETTLE_POLL_MS)
            return
        content, named = _shown(self.scene)
        self._dirty = False
        self._dirty_since = None
        # The same words in the same look and format are not a change: a
        # re-shown race must not add archive copies.
        picture = (content, self.board, self.scene.theme, self.export_format)
        if content is None or named is None or picture == self._last:
            return
        self._last = picture
        now = self._clock()
        archived = None
        if self.archive:
            name = timestamped_name(named, now, self.board)
            archived = self.folder / name
        if self.scene.is_animating():
            frame_starting()  # poll workers wait while this renders and repaints
        job = _Job(
            render_scene(self.scene),  # the end state; a glide goes on
            self.folder / stable_name(self.board, named),
            archived,
            self.export_format,
            self._replace,
            self.retention,
            now,
            self.min_free_bytes,
            self._free_space,
        )
        self._in_flight = True
        self._pool.start(_WriteTask(job, self._write_finished.emit))

    def _waited_long_enough(self) -> bool:
        if self._dirty_since is None:
            return True
        waited_ms = (self._monotonic() - self._dirty_since) * 1000
        return waited_ms >= self._max_settle_wait_ms

    def _on_write_finished(self, outcome: _Outcome) -> None:
        self._in_flight = False
        if outcome.free is not None:
            self._tell_disk(outcome.free)
        if outcome.error is not None:
            self._last = None  # the next change writes again, whatever it is
            log.warning("watch-folder export failed: %s", outcome.error)
            self.failed.emit(outcome.error)
        else:
            self.written.emit(list(outcome.paths))
        if self._dirty and not self._stopped and not self._timer.isActive():
            self._timer.start(self._interval_ms)

    def _tell_disk(self, free: int) -> None:
        """Say when archives pause for space and when they resume; once each."""
        low = free < self.min_free_bytes
        if low == self._low_space:
            return
        self._low_space = low
        if low:
            text = (
                f"Archive copies paused: {free // MB} MB free in {self.folder}, "
                f"below {self.min_free_bytes // MB} MB; stable files still update"
            )
            log.warning("%s", text)
        else:
            text = f"Archive copies on: keeping {describe(self.retention)}"
        self.disk_changed.emit(low, text)


def _shown(scene: BoardScene | ScreenScene) -> tuple[object, str | None]:
    """What a scene shows (for "is this a change") and what files are named
    after: a race board's race, or a screen's kind and race."""
    if isinstance(scene, BoardScene):
        content = scene.content
        return content, content.race_id if content is not None else None
    return scene.shown, scene.export_id()


def describe(rule: Retention) -> str:
    """'the last 50 per race', 'the last 12 hours' or 'none'."""
    if rule.count is not None:
        return f"the last {rule.count} per race"
    if rule.hours is not None:
        return f"the last {rule.hours:g} hours"
    return "none"
