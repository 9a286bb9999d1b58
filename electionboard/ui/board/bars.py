"""Horizontal bars as one plain QGraphicsItem, one rectangle per row.

It paints what pyqtgraph's BarGraphItem painted (filled rectangles, no pen)
without pyqtgraph: importing pyqtgraph was the largest part of start-up, and
only the trend screen needs it. The item is created once and updated in
place; an update that changes nothing repaints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPicture
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget


class _BarsItem(QGraphicsItem):
    """Filled rectangles with no outline, one child item per bar.

    Qt unites every partial update of one item into a single rectangle, so
    one item for all the bars repainted a column from the shortest bar's end
    to the longest's across every row (and the labels and pills over it) on
    every frame of a glide. A child per bar repaints only the strip its own
    end crossed.
    """

    def __init__(self, reach: float | None = None) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self._reach = reach
        """The right edge no bar passes (the track's end), None: unknown."""
        self.rects: list[QRectF] = []
        self.colours: list[QColor] = []
        self._bars: list[_BarItem] = []

    def set_bars(self, rects: list[QRectF], colours: list[QColor]) -> None:
        """New rectangles and colours; repaints only the bars that differ."""
        if rects == self.rects and colours == self.colours:
            return
        while len(self._bars) < len(rects):
            self._bars.append(_BarItem(self, self._reach))
        for index, bar in enumerate(self._bars):
            if index < len(rects):
                bar.set_bar(rects[index], colours[index])
            bar.setVisible(index < len(rects))
        self.rects, self.colours = rects, colours

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the bars are the children; this item draws nothing itself."""
        return QRectF()

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: nothing of its own (ItemHasNoContents)."""


class _BarItem(QGraphicsItem):
    """One bar, played from its recording; its extent reaches the track's end,
    so a moving end never changes its geometry (which repaints all of it)."""

    def __init__(self, parent: QGraphicsItem, reach: float | None) -> None:
        super().__init__(parent)
        self._reach = reach
        self._rect = QRectF()
        self._colour = QColor()
        self._bounds = QRectF()
        self._picture = QPicture()

    def set_bar(self, rect: QRectF, colour: QColor) -> None:
        """Move, resize or recolour the bar, repainting what that changes."""
        before, was = self._rect, self._colour
        if rect == before and colour == was:
            return
        bounds = QRectF(rect)
        if self._reach is not None and rect.right() < self._reach:
            bounds.setRight(self._reach)
        self._rect, self._colour = QRectF(rect), QColor(colour)
        self._picture = _recording(rect, colour)
        if bounds != self._bounds:
            self.prepareGeometryChange()  # repaints the old and new extents
            self._bounds = bounds
            self.update()
            return
        if colour != was:
            self.update(before.united(rect).adjusted(-_EDGE, -_EDGE, _EDGE, _EDGE))
            return
        low, high = sorted((before.right(), rect.right()))
        self.update(
            QRectF(
                low - _EDGE,
                rect.top() - _EDGE,
                high - low + 2 * _EDGE,
                rect.height() + 2 * _EDGE,
            )
        )

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the bar's row from its start to the track's end."""
        return QRectF(self._bounds)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the bar filled in its colour, played from the recording."""
        self._picture.play(painter)


_EDGE = 2.0
"""Scene pixels either side of a moved end repainted: its anti-aliased edge."""


_RECORDINGS: dict[tuple[object, ...], QPicture] = {}
"""Recent recordings of one bar by rectangle and colour: program and preview
draw the same bars in the same frame, so the second scene plays the first's."""
_RECORDINGS_KEPT = 256


def _recording(rect: QRectF, colour: QColor) -> QPicture:
    """One bar's recording, shared by bars of the same rectangle and colour.

    Keyed by the RGB the painter fills with (the 16-bit channels as floats,
    whatever the colour's spec).
    """
    key = (rect.getRect(), colour.getRgbF())
    picture = _RECORDINGS.get(key)
    if picture is None:
        picture = _RECORDINGS[key] = _recorded([rect], [colour])
        if len(_RECORDINGS) > _RECORDINGS_KEPT:
            del _RECORDINGS[next(iter(_RECORDINGS))]  # the oldest
    return picture


def _recorded(rects: list[QRectF], colours: list[QColor]) -> QPicture:
    """The bars drawn into a QPicture, played back on every paint.

    pyqtgraph drew them this way; a recording's anti-aliased edges land on
    exactly the pixels it did, which drawing each rectangle live does not
    (by up to 3 levels along the bars' fractional edges).
    """
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, colour in zip(rects, colours, strict=True):
            painter.setBrush(colour)
            painter.drawRect(rect)
    finally:
        painter.end()
    return picture


class HorizontalBars:
    """Bars that start at ``left`` and grow rightwards, one per row, never
    past ``reach`` when given (the track's end)."""

    def __init__(
        self, left: float, height: float, z: float = 0.0, *, reach: float | None = None
    ) -> None:
        self._left = left
        self._height = height
        self._item = _BarsItem(reach)
        self._item.setZValue(z)
        self._tops: list[float] = []
        self._lengths: list[float] = []
        self._colours: list[QColor] = []
        self._drawn: tuple[list[float], list[float], list[QColor], float] | None = None
        """What the bars were last built from (copies of the colours)."""

    def set_height(self, height: float) -> None:
        """Change every bar's thickness (the rows' pitch changed)."""
        self._height = height

    @property
    def item(self) -> QGraphicsItem:
        """The graphics item to add to a scene."""
        return self._item

    @property
    def lengths(self) -> list[float]:
        """Current bar lengths in scene units, in row order."""
        return list(self._lengths)

    @property
    def tops(self) -> list[float]:
        """Current bar tops in scene units, in row order."""
        return list(self._tops)

    def update(
        self,
        tops: Sequence[float],
        lengths: Sequence[float],
        colours: Sequence[QColor] | None = None,
    ) -> None:
        """Move and resize the bars (and recolour them when ``colours`` given).

        A bar without a colour is not drawn. The same bars again build
        nothing (the tracks stay put through most of a glide).
        """
        self._tops = list(tops)
        self._lengths = [max(0.0, length) for length in lengths]
        if colours is not None:
            self._colours = list(colours)
        drawn = (self._tops, self._lengths, self._colours, self._height)
        if drawn == self._drawn:
            return
        self._drawn = (
            self._tops,
            self._lengths,
            [QColor(c) for c in self._colours],
            self._height,
        )
        rects = [
            QRectF(self._left, top, length, self._height)
            for top, length in zip(self._tops, self._lengths, strict=True)
        ]
        count = min(len(rects), len(self._colours))
        self._item.set_bars(rects[:count], [QColor(c) for c in self._colours[:count]])
