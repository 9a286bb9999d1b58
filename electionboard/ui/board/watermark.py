"""The TEST DATA watermark, so rehearsal pictures can never pass for results.

It lies behind the graphics, so it never crosses a name or a figure; the
hard corner slug (``slug.py``) carries the warning where it must be read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from electionboard.presentation import geometry as g
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

TEXT = "TEST DATA"
OPACITY = 0.22
ANGLE = -14.0
PIXELS = 190
Z_VALUE = -80
"""Above the backdrop and its plate (-100, -90), below every bar and text."""


class TestWatermark(QGraphicsSimpleTextItem):
    """Large, tilted, translucent words behind the middle of the frame."""

    def __init__(self, raster: g.Raster, theme: Theme) -> None:
        super().__init__(TEXT)
        self.setFont(board_font(PIXELS * raster.scale, QFont.Weight.ExtraBold))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setOpacity(OPACITY)
        self.setZValue(Z_VALUE)
        bounds = self.boundingRect()
        self.setTransformOriginPoint(bounds.center())
        self.setRotation(ANGLE)
        self.setPos(
            raster.width / 2 - bounds.width() / 2,
            raster.height / 2 - bounds.height() / 2,
        )
        self.set_theme(theme)
        self.setVisible(False)

    def set_theme(self, theme: Theme) -> None:
        """Colour it like the stale badge: the theme's alarm colour."""
        self.setBrush(QBrush(QColor(theme.stale)))
