"""The big board tile's parts: the winner's check, a candidate's items, words.

Kept apart from the tile's layout so each module has one job: these are the
small pieces a tile arranges.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.presentation import bigboard_geometry as bg
from electionboard.presentation.fitting import break_in_two
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import SCREEN_MIN_PX


def tile_font(pixels_at_1080: float, scale: float, weight: QFont.Weight) -> QFont:
    """The board's font at a size given at 1080 lines, never under the floor."""
    return board_font(round(max(pixels_at_1080, SCREEN_MIN_PX) * scale), weight)


def share_text(share: float) -> str:
    """'55.2%': one decimal, as the race board has it."""
    return f"{share:.1f}%"


def votes_text(votes: float) -> str:
    """'1,234,567'."""
    return f"{round(votes):,}"


@dataclass(frozen=True, slots=True)
class RowTexts:
    """A candidate's words in a tile, as drawn."""

    name: str
    votes: str
    share: str
    checked: bool


def two_lines(text: str, metrics: QFontMetricsF, room: float) -> str:
    """``text`` on two lines of ``room``: at its ' · ' when both parts fit
    ('FLORIDA ·' over 'U.S. HOUSE DISTRICT 7'), else the most even break,
    else as many words as fit over the rest, elided."""
    width = metrics.horizontalAdvance
    head, part, tail = text.partition(" · ")
    if part and width(head + " ·") <= room and width(tail) <= room:
        return f"{head} ·\n{tail}"
    broken = break_in_two(text, width, room)
    if broken is not None:
        return "\n".join(broken)
    words = text.split()
    cut = 1
    while cut < len(words) and width(" ".join(words[: cut + 1])) <= room:
        cut += 1
    first = metrics.elidedText(" ".join(words[:cut]), Qt.TextElideMode.ElideRight, room)
    rest = " ".join(words[cut:])
    second = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, room)
    return f"{first}\n{second}" if rest else first


class CheckBadge(QGraphicsObject):
    """The winner's check: a call-coloured square with the check in its ink."""

    def __init__(self, size: float, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._fill = QColor()
        self._ink = QColor()

    def set_colours(self, fill: QColor, ink: QColor) -> None:
        """The call's colour and the ink on it."""
        self._fill, self._ink = fill, ink
        self.update()

    def fill(self) -> QColor:
        """The square's colour (tests)."""
        return QColor(self._fill)

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the square."""
        return QRectF(0, 0, self._size, self._size)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the square, then the check stroked across it."""
        size = self._size
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(self.boundingRect(), size * 0.18, size * 0.18)
        pen = QPen(self._ink, size * 0.14)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        path = QPainterPath(QPointF(size * 0.24, size * 0.52))
        path.lineTo(size * 0.43, size * 0.71)
        path.lineTo(size * 0.77, size * 0.31)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)


class RowItems:
    """One candidate's name, count, share, track and bar inside a tile."""

    def __init__(self, tile: QGraphicsItem, kind: bg.TileType, scale: float) -> None:
        s = scale
        self.check = CheckBadge(kind.name_px * 0.86 * s, tile)
        self.name = TextItem(
            tile_font(kind.name_px, s, QFont.Weight.Bold), QColor(), tile
        )
        self.party = TextItem(
            tile_font(kind.party_px, s, QFont.Weight.DemiBold), QColor(), tile
        )
        self.votes = TextItem(
            tile_font(kind.votes_px, s, QFont.Weight.DemiBold),
            QColor(),
            tile,
            right_aligned=True,
        )
        self.share = TextItem(
            tile_font(kind.share_px, s, QFont.Weight.ExtraBold),
            QColor(),
            tile,
            right_aligned=True,
        )
        self.track = QGraphicsRectItem(tile)
        self.bar = QGraphicsRectItem(tile)
        for rect in (self.track, self.bar):
            rect.setPen(QPen(Qt.PenStyle.NoPen))
        self.check.setVisible(False)

    def set_visible(self, *, visible: bool) -> None:
        """Show the candidate's items, or hide them all (a shorter field)."""
        for item in (self.name, self.votes, self.share, self.track, self.bar):
            item.setVisible(visible)
        if not visible:
            self.check.setVisible(False)
            self.party.setVisible(False)
