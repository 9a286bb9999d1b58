"""What sits behind the graphics: the full-frame background and the plate.

The background is the theme's gradient or chroma-key colour, or nothing at all;
the plate is an opaque panel behind the graphics, drawn only when the
background is keyed or absent, reaching past title-safe but inside
action-safe.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.presentation import geometry as g
from electionboard.ui.theme import Theme

# The plate reaches this far past the title-safe box (1080 units); it must stay
# inside action-safe (28.8 px and 16.2 px further out).
PLATE_OUTSET_X = 20.0
PLATE_OUTSET_Y = 12.0
PLATE_RADIUS = 14.0


STRIP_WIDTH = 128
"""Columns of the gradient drawn once: the background tiles them across."""


class _Background(QGraphicsRectItem):
    """The full-frame background; a gradient is tiled from a strip of itself
    where the scene is drawn one scene pixel to a device pixel.

    A vertical gradient gives every pixel of a row the same colour, so the
    strip's copies are the gradient's own pixels (tests/ui/test_backdrop.py)
    and a repaint copies them instead of working each pixel's colour out:
    at 4K that was 1-3 ms of every glide frame. Scaled (a preview window),
    Qt samples a tiled strip slower than it works the gradient out, so
    there the gradient is drawn as it is.
    """

    def __init__(self, rect: QRectF) -> None:
        super().__init__(rect)
        self._tiled: QBrush | None = None

    def set_fill(self, brush: QBrush) -> None:
        """Fill with ``brush``; a vertical gradient gets its strip made here."""
        self.setBrush(brush)
        gradient = brush.gradient()
        self._tiled = None
        if isinstance(gradient, QLinearGradient) and (
            gradient.start().x() == gradient.finalStop().x()
        ):
            height = math.ceil(self.rect().bottom())
            strip = QImage(STRIP_WIDTH, height, QImage.Format.Format_RGB32)
            painter = QPainter(strip)
            painter.fillRect(strip.rect(), brush)
            painter.end()
            self._tiled = QBrush(strip)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Qt: the strip tiled at one scene pixel a pixel, else Qt's own."""
        transform = painter.worldTransform()
        if self._tiled is None or transform.type() not in _TRANSLATED_AT_MOST:
            super().paint(painter, option, widget)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._tiled)
        painter.drawRect(self.rect())


_TRANSLATED_AT_MOST = (
    QTransform.TransformationType.TxNone,
    QTransform.TransformationType.TxTranslate,
)


class Backdrop:
    """The background and plate items, restyled in place by ``set_theme``."""

    def __init__(self, raster: g.Raster) -> None:
        s = raster.scale
        self._height = raster.height
        self.background = _Background(QRectF(0, 0, raster.width, raster.height))
        self.background.setPen(QPen(Qt.PenStyle.NoPen))
        self.background.setZValue(-100)
        plate = QRectF(
            (g.SAFE_LEFT - PLATE_OUTSET_X) * s,
            (g.SAFE_TOP - PLATE_OUTSET_Y) * s,
            (g.SAFE_RIGHT - g.SAFE_LEFT + 2 * PLATE_OUTSET_X) * s,
            (g.SAFE_BOTTOM - g.SAFE_TOP + 2 * PLATE_OUTSET_Y) * s,
        )
        path = QPainterPath()
        path.addRoundedRect(plate, PLATE_RADIUS * s, PLATE_RADIUS * s)
        self.plate = QGraphicsPathItem(path)
        self.plate.setPen(QPen(Qt.PenStyle.NoPen))
        self.plate.setZValue(-90)
        self._has_background = True
        self._hidden = False

    def items(self) -> tuple[QGraphicsItem, ...]:
        """The items to add to the scene."""
        return self.background, self.plate

    def set_theme(self, theme: Theme) -> None:
        """Recolour for ``theme``: gradient, solid key colour or nothing."""
        if theme.background_top == theme.background_bottom:
            brush = QBrush(QColor(theme.background_top))
        else:
            gradient = QLinearGradient(0, 0, 0, self._height)
            gradient.setColorAt(0.0, QColor(theme.background_top))
            gradient.setColorAt(1.0, QColor(theme.background_bottom))
            brush = QBrush(gradient)
        self.background.set_fill(brush)
        self.plate.setBrush(QBrush(QColor(theme.plate)))
        self.plate.setVisible(theme.plated)
        self._has_background = theme.has_background
        self._sync()

    def set_background_hidden(self, *, hidden: bool) -> None:
        """Hide the background whatever the theme (a one-off keyable render)."""
        self._hidden = hidden
        self._sync()

    def _sync(self) -> None:
        self.background.setVisible(self._has_background and not self._hidden)
