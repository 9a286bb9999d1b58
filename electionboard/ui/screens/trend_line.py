"""One candidate's line on the trend screen: curve, end dot, leader and label.

Created once per drawn line and placed in place on every frame of a glide;
positions come in 1080-line units and are scaled here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
)

from electionboard.presentation import geometry as g
from electionboard.presentation import trend as t
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.trend_curve import TrendCurve

CHIP = 16.0
"""The colour chip before each end label, 1080 units square."""
CASING = 6.0
"""How much wider than the line its dark casing is, so crossings stay clear."""


def cut_at(
    points: Sequence[tuple[float, float]], moment: float
) -> list[tuple[float, float]]:
    """The line up to ``moment``, ending exactly there (mid-segment if need be)."""
    kept: list[tuple[float, float]] = []
    for at, value in points:
        if at <= moment:
            kept.append((at, value))
            continue
        if kept:
            before_at, before = kept[-1]
            share = (moment - before_at) / (at - before_at)
            kept.append((moment, before + (value - before) * share))
        break
    return kept


class TrendLineItems:
    """One candidate's curve, its casing, end dot, leader, chip and label."""

    def __init__(
        self, scene: QGraphicsScene, scale: float, label_px: int, label_min_px: int
    ) -> None:
        self._s = scale
        self._room = (g.SAFE_RIGHT - t.PLOT_RIGHT - t.LABEL_GAP) * scale
        self.casing = TrendCurve(z=10)
        self.curve = TrendCurve(z=11)
        self.dot = QGraphicsEllipseItem()
        self.dot.setZValue(12)
        self.leader = QGraphicsLineItem()
        self.leader.setZValue(9)
        self.chip = QGraphicsRectItem()
        self.chip.setPen(QPen(Qt.PenStyle.NoPen))
        self.label = TextItem(
            board_font(label_px, QFont.Weight.ExtraBold),
            QColor("white"),
            max_width=self._room,
            min_pixel_size=label_min_px,
        )
        self.label.setZValue(12)
        self._line_height = QFontMetricsF(self.label.font()).height()
        for item in self._items():
            scene.addItem(item)

    def _items(self) -> tuple[QGraphicsItem, ...]:
        return (
            self.casing.item,
            self.curve.item,
            self.dot,
            self.leader,
            self.chip,
            self.label,
        )

    def set_visible(self, *, visible: bool) -> None:
        """Show or hide every part of the line."""
        for item in self._items():
            item.setVisible(visible)

    def style(self, colour: QColor, casing: QColor, ink: QColor) -> None:
        """The candidate's colour, the casing behind it and the label's ink."""
        s = self._s
        self.casing.set_pen(casing, (t.LINE_WIDTH + CASING) * s)
        self.curve.set_pen(colour, t.LINE_WIDTH * s)
        self.dot.setBrush(QBrush(colour))
        ring = QPen(casing)
        ring.setWidthF(4 * s)
        self.dot.setPen(ring)
        self.chip.setBrush(QBrush(colour))
        leader = QPen(colour)
        leader.setWidthF(3 * s)
        leader.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.leader.setPen(leader)
        self.label.set_colour(ink)

    def place(
        self,
        points: Sequence[tuple[float, float]],
        centre: float,
        label: str,
        rank: int,
        plot_right: float,
    ) -> None:
        """Draw through ``points`` (1080 units); the label centred at ``centre``.

        ``rank`` 0 is the top line: its dot is drawn over lower ones ending
        close by.
        """
        s = self._s
        scene_points = [(x * s, y * s) for x, y in points]
        self.casing.set_points(scene_points)
        self.curve.set_points(scene_points)
        x, y = points[-1]
        radius = t.DOT_RADIUS
        self.dot.setZValue(12 + (t.TOP_LINES - rank) / 10)
        self.dot.setRect(
            QRectF((x - radius) * s, (y - radius) * s, 2 * radius * s, 2 * radius * s)
        )
        chip_x = plot_right + (t.LABEL_GAP - CHIP) / 2 + 4
        self.chip.setRect(
            QRectF(chip_x * s, (centre - CHIP / 2) * s, CHIP * s, CHIP * s)
        )
        self.leader.setLine(QLineF(x * s, y * s, chip_x * s, centre * s))
        self.leader.setVisible(abs(centre - y) > 2 or x < plot_right - 2)
        room = (g.SAFE_RIGHT - plot_right - t.LABEL_GAP) * s
        if room != self._room:
            self._room = room
            self.label.set_max_width(room)
        self.label.pin_pixel_size(None)
        self.label.set_text(label)
        # Centred on the line the full-size font takes; a shrunk label
        # centres itself within it (TextItem).
        self.label.set_anchor(
            (plot_right + t.LABEL_GAP) * s, centre * s - self._line_height / 2
        )

    def colour(self) -> QColor:
        """The line's colour (tests)."""
        return self.chip.brush().color()

    def points(self) -> list[tuple[float, float]]:
        """The vertices drawn, in scene pixels (tests)."""
        return self.curve.points()
