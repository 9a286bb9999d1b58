"""What sits behind the graphics: the full-frame background and the plate.

The background is the theme's gradient or chroma-key colour, or nothing at all;
the plate is an opaque panel behind the graphics, drawn only when the
background is keyed or absent, reaching past title-safe but inside
action-safe.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem

from electionboard.presentation import geometry as g
from electionboard.ui.theme import Theme

# The plate reaches this far past the title-safe box (1080 units); it must stay
# inside action-safe (28.8 px and 16.2 px further out).
PLATE_OUTSET_X = 20.0
PLATE_OUTSET_Y = 12.0
PLATE_RADIUS = 14.0


class Backdrop:
    """The background and plate items, restyled in place by ``set_theme``."""

    def __init__(self, raster: g.Raster) -> None:
        s = raster.scale
        self._height = raster.height
        self.background = QGraphicsRectItem(QRectF(0, 0, raster.width, raster.height))
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
        self.background.setBrush(brush)
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
