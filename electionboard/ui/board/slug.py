"""The TEST DATA slug: a hard plate in the frame's corner on every test output.

The watermark says it across the frame; the slug says it where a producer
looks first, square and opaque, inside title-safe and clear of every figure.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from electionboard.presentation import geometry as g
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

TEXT = "TEST DATA · NOT FOR AIR"
TOP = g.TITLE_Y + 12.0
"""The slug's top in 1080 units: on the title's line, level with the STALE badge."""


class TestSlug(QGraphicsObject):
    """A square-cornered plate in the theme's alarm colour, top right of title-safe."""

    def __init__(self, raster: g.Raster, theme: Theme) -> None:
        super().__init__()
        s = raster.scale
        self._font = board_font(g.SMALL_CAPS_PX * s, QFont.Weight.ExtraBold)
        metrics = QFontMetricsF(self._font)
        self._pad = metrics.height() * 0.45
        self._size = (
            metrics.horizontalAdvance(TEXT) + 2 * self._pad,
            metrics.height() * 1.2,
        )
        self._fill = QColor(theme.stale)
        self._ink = QColor(theme.on_stale)
        self.setZValue(60)
        self.setPos(g.SAFE_RIGHT * s - self._size[0], TOP * s)
        self.setVisible(False)

    def text(self) -> str:
        """The slug's words."""
        return TEXT

    def set_theme(self, theme: Theme) -> None:
        """The stale badge's colours: the theme's alarm, with its legible ink."""
        self._fill = QColor(theme.stale)
        self._ink = QColor(theme.on_stale)
        self.update()

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the plate's extent."""
        return QRectF(0, 0, *self._size)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the plate and its words."""
        rect = self.boundingRect()
        painter.fillRect(rect, self._fill)
        painter.setFont(self._font)
        painter.setPen(self._ink)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), TEXT)
