"""Candidate headshots: pictures from a folder, masked to one circle, or initials.

The folder's files are read on a worker (``ImageLoader``), never on the GUI
thread; until a picture arrives, and for a candidate without one, the row
shows a disc in the candidate's colour with their initials.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from electionboard.presentation.content import RowContent
from electionboard.ui.board.row import CandidateRow
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_BYTES = 8 * 1024 * 1024
"""A headshot file past this size is ignored (a mistake, not a headshot)."""
PIXELS = 256
"""Pictures are kept scaled to this square: enough for a 4K disc."""
DIAMETER = 56.0
"""The disc's diameter in 1080 units: a classic row's bar, and inside the
tightest row the layout makes (geometry.MIN_PITCH), centred on the row."""
ROOM = DIAMETER + 14.0
"""How far the name moves right to make room for the disc."""


def headshot_files(folder: Path, candidate_id: str) -> tuple[Path, ...]:
    """Where ``<id>.png`` (or ``.jpg``) would be: the worker tries each in turn."""
    if not candidate_id or "/" in candidate_id or "\\" in candidate_id:
        return ()
    if candidate_id.startswith("."):
        return ()
    return tuple(folder / f"{candidate_id}{suffix}" for suffix in SUFFIXES)


def read_image(path: Path, size: int | None = PIXELS) -> QImage | None:
    """The picture at ``path`` cropped square and scaled, or None if unreadable."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
    except OSError:
        return None
    image = QImage(str(path))
    if image.isNull():
        return None
    if size is None:
        return image
    side = min(image.width(), image.height())
    # A headshot's face is in its upper middle: crop from the top, centred.
    square = image.copy((image.width() - side) // 2, 0, side, side)
    return square.scaled(
        size,
        size,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class _LoadTask(QRunnable):
    def __init__(
        self, loader: ImageLoader, wanted: Mapping[str, tuple[Path, ...]]
    ) -> None:
        super().__init__()
        self._loader = loader
        self._wanted = wanted

    def run(self) -> None:
        """QRunnable: read each file; the loader hands them to the GUI thread."""
        self._loader.read(self._wanted)


class ImageLoader(QObject):
    """Reads pictures off the GUI thread and announces them by a queued signal.

    QImage is reentrant, so a worker may build one and hand it over.
    """

    loaded = Signal(object)  # dict[str, QImage]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._images: dict[str, QImage] = {}
        self._asked: set[str] = set()

    def request(self, wanted: Mapping[str, tuple[Path, ...]]) -> None:
        """Read, on the worker, the first readable file of each key not asked before.

        Keys starting ``headshot:`` are cropped square and scaled to PIXELS.
        """
        fresh = {k: p for k, p in wanted.items() if k not in self._asked and p}
        if not fresh:
            return
        self._asked.update(fresh)
        self._pool.start(_LoadTask(self, fresh))

    def read(self, wanted: Mapping[str, tuple[Path, ...]]) -> None:
        """Read now, on this thread (the worker, or a headless export)."""
        images = {}
        for key, paths in wanted.items():
            size = PIXELS if key.startswith("headshot:") else None
            for path in paths:
                image = read_image(path, size) if path.is_file() else None
                if image is not None:
                    images[key] = image
                    break
        with self._lock:
            self._images.update(images)
        self.loaded.emit(images)

    def image(self, key: str) -> QImage | None:
        """The picture for ``key`` once read, else None."""
        with self._lock:
            return self._images.get(key)

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for the reads in flight (shutdown, tests, export)."""
        return self._pool.waitForDone(msecs)


class HeadshotItem(QGraphicsObject):
    """A circle: the candidate's picture masked to it, or their initials."""

    def __init__(self, scale: float) -> None:
        super().__init__()
        self._d = DIAMETER * scale
        self._font = board_font(round(DIAMETER * 0.42 * scale), QFont.Weight.ExtraBold)
        self._image: QImage | None = None
        self._initials = ""
        self._fill = QColor("#555555")
        self._ink = QColor("#ffffff")

    def show_image(self, image: QImage | None) -> None:
        """The picture to mask into the circle; None for the initials disc."""
        self._image = image
        self.update()

    def show_initials(self, initials: str, fill: QColor) -> None:
        """Initials in a disc of ``fill``, inked dark or light to read on it."""
        self._initials = initials
        self._fill = QColor(fill)
        light = fill.lightnessF() > 0.6
        self._ink = QColor("#111111" if light else "#ffffff")
        self.update()

    def has_picture(self) -> bool:
        """True when a picture, not initials, fills the circle."""
        return self._image is not None

    def initials(self) -> str:
        """The disc's initials (shown when there is no picture)."""
        return self._initials

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the circle's square."""
        return QRectF(0, 0, self._d, self._d)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the masked picture, or the disc and its initials."""
        rect = self.boundingRect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        circle = QPainterPath()
        circle.addEllipse(rect)
        if self._image is not None:
            painter.setClipPath(circle)
            painter.drawImage(rect, self._image)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(self._fill))
        painter.drawEllipse(rect)
        painter.setFont(self._font)
        painter.setPen(self._ink)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._initials)


class Headshots:
    """Gives each row its headshot item, and refreshes them as pictures arrive."""

    def __init__(self, loader: ImageLoader, folder: Path | None, scale: float) -> None:
        self._loader = loader
        self._folder = folder
        self._scale = scale

    @property
    def enabled(self) -> bool:
        """Whether the station set a headshots folder."""
        return self._folder is not None

    def dress(self, row: CandidateRow, content: RowContent, theme: Theme) -> None:
        """Hook the row's headshot in (``CandidateRow.set_portrait``) and fill it."""
        if self._folder is None or content.key == "__others__":
            row.set_portrait(None, 0.0)
            return
        item = row.portrait()
        if not isinstance(item, HeadshotItem):
            item = HeadshotItem(self._scale)
            row.set_portrait(item, ROOM * self._scale)
        item.show_initials(content.initials, theme.colour(content.colour_key))
        key = f"headshot:{content.key}"
        item.show_image(self._loader.image(key))
        self._loader.request({key: headshot_files(self._folder, content.key)})

    def refresh(self, rows: Mapping[str, CandidateRow]) -> None:
        """Show pictures the loader has read since the rows were dressed."""
        for key, row in rows.items():
            item = row.portrait()
            if isinstance(item, HeadshotItem):
                item.show_image(self._loader.image(f"headshot:{key}"))
