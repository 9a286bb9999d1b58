"""Plates and check badges the lower third and the ticker are drawn with.

A keyed strip is opaque plates on alpha 0: every plate here is a plain
filled rectangle (no antialiased edge on the key's straight lines), and the
check is the call's yellow disc, the same mark wherever a strip says 'called'.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)


class Plate(QGraphicsObject):
    """An opaque rectangle of one colour, resized and recoloured in place."""

    def __init__(self, colour: QColor, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._rect = QRectF()
        self._colour = QColor(colour)

    def set_rect(self, rect: QRectF) -> None:
        """Where the plate is, in its parent's coordinates."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def rect(self) -> QRectF:
        """The plate's rectangle."""
        return QRectF(self._rect)

    def set_colour(self, colour: QColor) -> None:
        """Change the fill."""
        self._colour = QColor(colour)
        self.update()

    def colour(self) -> QColor:
        """The fill."""
        return QColor(self._colour)

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the plate's extent."""
        return QRectF(self._rect)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: fill the rectangle."""
        painter.fillRect(self._rect, self._colour)


def paint_check(painter: QPainter, rect: QRectF, disc: QColor, ink: QColor) -> None:
    """The called mark: a tick in ``ink`` on a ``disc`` filling ``rect``'s height."""
    size = rect.height()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(disc)
    painter.drawEllipse(QRectF(rect.left(), rect.top(), size, size))
    pen = QPen(ink, max(2.0, size * 0.13))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left, top = rect.left(), rect.top()
    path = QPainterPath(QPointF(left + size * 0.27, top + size * 0.52))
    path.lineTo(left + size * 0.44, top + size * 0.69)
    path.lineTo(left + size * 0.74, top + size * 0.35)
    painter.drawPath(path)
    painter.restore()


class CheckBadge(QGraphicsObject):
    """The called mark as an item: a disc ``size`` across at its position."""

    def __init__(
        self, size: float, disc: QColor, ink: QColor, parent: QGraphicsItem | None
    ) -> None:
        super().__init__(parent)
        self._size = size
        self._disc = QColor(disc)
        self._ink = QColor(ink)

    def set_colours(self, disc: QColor, ink: QColor) -> None:
        """The call's colours of the theme."""
        self._disc, self._ink = QColor(disc), QColor(ink)
        self.update()

    def size(self) -> float:
        """Width and height."""
        return self._size

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the disc's square."""
        return QRectF(0, 0, self._size, self._size)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the disc and its tick."""
        paint_check(painter, self.boundingRect(), self._disc, self._ink)
