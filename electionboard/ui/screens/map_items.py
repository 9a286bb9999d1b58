"""The county map's drawing pieces: a county that cross-fades, and the hatch.

A county's look is a fill colour plus how much of the not-reporting hatch
lies over it, so a county coming in glides from hatched grey to its
leader's colour instead of jumping.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.model.shapes import CountyShape
from electionboard.presentation.county_map import MapFit

HATCH_PITCH = 14.0
"""Pixels at 1080 lines between the not-reporting hatch's lines."""
HATCH_LINE = 3.0


@dataclass(frozen=True, slots=True)
class Look:
    """What a county shows: its fill and the hatch's strength over it (0-1)."""

    fill: QColor
    hatch: float = 0.0

    def towards(self, other: Look, progress: float) -> Look:
        """The look ``progress`` (0-1) of the way to ``other``."""
        a, b = self.fill, other.fill

        def mix(x: float, y: float) -> float:
            return x + (y - x) * progress

        return Look(
            QColor.fromRgbF(
                mix(a.redF(), b.redF()),
                mix(a.greenF(), b.greenF()),
                mix(a.blueF(), b.blueF()),
                mix(a.alphaF(), b.alphaF()),
            ),
            mix(self.hatch, other.hatch),
        )


def hatch_brush(colour: QColor, scale: float) -> QBrush:
    """Diagonal lines on transparency, tiled seamlessly at this raster."""
    side = max(4, round(HATCH_PITCH * scale))
    tile = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    tile.fill(Qt.GlobalColor.transparent)
    painter = QPainter(tile)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, HATCH_LINE * scale))
    for offset in (-side, 0, side):
        painter.drawLine(QLineF(offset, side, offset + side, 0))
    painter.end()
    return QBrush(tile)


def county_path(shape: CountyShape, fit: MapFit, scale: float) -> QPainterPath:
    """The county's rings in scene pixels; odd-even fill cuts the holes."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shape.rings:
        points = [QPointF(*fit.place(x, y)) * scale for x, y in ring]
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
        path.closeSubpath()
    return path


class CountyItem(QGraphicsPathItem):
    """One county: a fill, a thin border, and the hatch at some strength."""

    def __init__(
        self,
        shape: CountyShape,
        path: QPainterPath,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(path, parent)
        self.fips = shape.fips
        self.name = shape.name
        self._look = Look(QColor(0, 0, 0, 0))
        self._hatch = QBrush()

    @property
    def look(self) -> Look:
        """What the county shows this frame."""
        return self._look

    def set_hatch(self, brush: QBrush) -> None:
        """The not-reporting hatch to lay over the fill."""
        self._hatch = brush
        self.update()

    def set_look(self, look: Look) -> None:
        """Show ``look`` (a frame of a glide, or its end)."""
        self._look = look
        self.setBrush(QBrush(look.fill))
        self.update()

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """The fill, the hatch over it, then the border on top of both."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self.path(), self.brush())
        if self._look.hatch > 0.0:
            painter.save()
            painter.setOpacity(painter.opacity() * self._look.hatch)
            painter.fillPath(self.path(), self._hatch)
            painter.restore()
        painter.strokePath(self.path(), self.pen())
