"""A typed wrapper over pyqtgraph's PlotCurveItem: one thick line on air.

pyqtgraph is untyped; keeping it behind this class stops ``Any`` spreading
into the trend screen. The item is created once and updated in place. Like
the board's bars, PySide6 is imported (by the package's ui layer) before
pyqtgraph, so pyqtgraph binds to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem


class TrendCurve:
    """A polyline in scene pixels: round joins and caps, antialiased, scaled
    with the view (not a cosmetic pen, so a preview keeps its proportions)."""

    def __init__(self, z: float) -> None:
        self._item: Any = pg.PlotCurveItem(antialias=True)
        self._item.setZValue(z)
        self._xs: tuple[float, ...] = ()
        self._ys: tuple[float, ...] = ()

    @property
    def item(self) -> QGraphicsItem:
        """The graphics item to add to a scene."""
        item: QGraphicsItem = self._item
        return item

    def set_pen(self, colour: QColor, width: float) -> None:
        """Draw in ``colour`` at ``width`` scene pixels."""
        pen = QPen(colour)
        pen.setWidthF(width)
        pen.setCosmetic(False)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._item.setPen(pen)

    def set_points(self, points: Sequence[tuple[float, float]]) -> None:
        """The line's vertices, left to right; none hides it."""
        self._xs = tuple(x for x, _ in points)
        self._ys = tuple(y for _, y in points)
        self._item.setData(
            x=np.asarray(self._xs, dtype=float), y=np.asarray(self._ys, dtype=float)
        )
        self._item.setVisible(bool(points))

    def points(self) -> list[tuple[float, float]]:
        """The vertices drawn (tests)."""
        return list(zip(self._xs, self._ys, strict=True))
