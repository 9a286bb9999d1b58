"""Keeps a watch folder current with what is on air, for playout systems.

Each time the scene shows new content the exporter renders it on the GUI
thread (coalesced: at most one render per interval, once the bars have
settled) and writes it on a worker: ``<board>_<race>.png`` under a stable name
a playout system watches, plus a ``<board>_<race>_<YYYYMMDDTHHMMSSZ>.png``
archive copy. At most one write is in flight; changes meanwhile coalesce into
one more render when it finishes. Every file is renamed into place from a
hidden temporary name, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage

from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import (
    ExportFormat,
    Replace,
    encode,
    render_scene,
    stable_name,
    timestamped_name,
    write_encoded,
)

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

INTERVAL_MS = 250
SETTLE_POLL_MS = 50


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class _Job:
    """One render to write: made on the GUI thread, read on the worker."""

    image: QImage
    targets: tuple[Path, ...]
    export_format: ExportFormat
    replace: Replace


@dataclass(frozen=True, slots=True)
class _Outcome:
    paths: tuple[Path, ...]
    error: str | None


class _WriteTask(QRunnable):
    """Encodes a job once and writes every target, off the GUI thread.

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
        try:
            files = encode(job.image, job.export_format)
            for target in job.targets:
                written.extend(write_encoded(target, files, replace=job.replace))
        except OSError as error:
            self._done(_Outcome(tuple(written), str(error)))
            return
        except Exception as error:  # a bug must not stop exports for the night
            log.exception("watch-folder write failed")
            self._done(_Outcome(tuple(written), repr(error)))
            return
        self._done(_Outcome(tuple(written), None))


class WatchFolderExporter(QObject):
    """Writes the scene to ``folder`` whenever it shows new content.

    It follows ``scene.content_shown`` by itself; ``content_changed`` is the
    same hook for anything else that changes the picture.
    """

    written = Signal(list)  # [Path]: the stable file(s) first, then archives
    failed = Signal(str)
    _write_finished = Signal(object)  # _Outcome, queued from the worker

    def __init__(
        self,
        scene: BoardScene,
        folder: Path,
        *,
        board: str = "board",
        export_format: ExportFormat = ExportFormat.RGBA,
        archive: bool = True,
        interval_ms: int = INTERVAL_MS,
        clock: Clock = _utc_now,
        replace: Replace = os.replace,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.folder = folder
        self.board = board
        self.export_format = export_format
        self.archive = archive
        self._clock = clock
        self._replace = replace
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

    @property
    def pending(self) -> bool:
        """True while a change is not yet on disk."""
        return self._dirty or self._in_flight

    def content_changed(self, content: object = None) -> None:
        """Note a change; the render follows within the interval."""
        if self._stopped:
            return
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
        if self.scene.is_animating():
            # Render the settled picture, and never cut the on-air animation.
            self._timer.start(SETTLE_POLL_MS)
            return
        content = self.scene.content
        self._dirty = False
        # The same words in the same look and format are not a change: a
        # re-shown race must not add archive copies.
        picture = (content, self.board, self.scene.theme, self.export_format)
        if content is None or picture == self._last:
            return
        self._last = picture
        stable = self.folder / stable_name(self.board, content.race_id)
        targets = [stable]
        if self.archive:
            archived = timestamped_name(content.race_id, self._clock(), self.board)
            targets.append(self.folder / archived)
        job = _Job(
            render_scene(self.scene),
            tuple(targets),
            self.export_format,
            self._replace,
        )
        self._in_flight = True
        self._pool.start(_WriteTask(job, self._write_finished.emit))

    def _on_write_finished(self, outcome: _Outcome) -> None:
        self._in_flight = False
        if outcome.error is not None:
            self._last = None  # the next change writes again, whatever it is
            log.warning("watch-folder export failed: %s", outcome.error)
            self.failed.emit(outcome.error)
        else:
            self.written.emit(list(outcome.paths))
        if self._dirty and not self._stopped and not self._timer.isActive():
            self._timer.start(self._interval_ms)
