"""A typed wrapper over pyqtgraph's BarGraphItem for horizontal bars.

pyqtgraph is untyped; keeping it behind this class stops ``Any`` spreading
into the board. The item is created once and updated in place with setOpts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem


class HorizontalBars:
    """Bars that start at ``left`` and grow rightwards, one per row."""

    def __init__(self, left: float, height: float, z: float = 0.0) -> None:
        self._left = left
        self._height = height
        self._item: Any = pg.BarGraphItem(
            x0=[], y0=[], width=[], height=[], pen=pg.mkPen(None)
        )
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
        item: QGraphicsItem = self._item
        return item

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
        """Move and resize the bars (and recolour them when ``colours`` given)."""
        self._tops = list(tops)
        self._lengths = [max(0.0, length) for length in lengths]
        if colours is not None:
            self._colours = list(colours)
        count = len(self._tops)
        self._item.setOpts(
            x0=[self._left] * count,
            y0=self._tops,
            width=self._lengths,
            height=[self._height] * count,
            brushes=[pg.mkBrush(colour) for colour in self._colours[:count]],
            # pyqtgraph fails on an empty ``pens`` list (a race with no rows);
            # None falls back to the item's single, empty pen.
            pens=[pg.mkPen(None)] * count if count else None,
        )
