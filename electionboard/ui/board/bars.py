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
    """Paints filled rectangles with no outline."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRectF] = []
        self.colours: list[QColor] = []
        self._bounds = QRectF()
        self._picture = QPicture()

    def set_bars(self, rects: list[QRectF], colours: list[QColor]) -> None:
        """New rectangles and colours; repaints only when they differ."""
        if rects == self.rects and colours == self.colours:
            return
        bounds = QRectF()
        for rect in rects:
            bounds = bounds.united(rect)
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.rects, self.colours = rects, colours
        self._picture = _recorded(rects, colours)
        self.update()

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the union of the bars."""
        return QRectF(self._bounds)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: each bar filled in its colour, played from the recording."""
        self._picture.play(painter)


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
    """Bars that start at ``left`` and grow rightwards, one per row."""

    def __init__(self, left: float, height: float, z: float = 0.0) -> None:
        self._left = left
        self._height = height
        self._item = _BarsItem()
        self._item.setZValue(z)
        self._tops: list[float] = []
        self._lengths: list[float] = []
        self._colours: list[QColor] = []

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

        A bar without a colour is not drawn.
        """
        self._tops = list(tops)
        self._lengths = [max(0.0, length) for length in lengths]
        if colours is not None:
            self._colours = list(colours)
        rects = [
            QRectF(self._left, top, length, self._height)
            for top, length in zip(self._tops, self._lengths, strict=True)
        ]
        count = min(len(rects), len(self._colours))
        self._item.set_bars(rects[:count], [QColor(c) for c in self._colours[:count]])
