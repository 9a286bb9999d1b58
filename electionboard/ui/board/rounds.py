"""A ranked-choice round on the board: arriving votes and the inactive ballots.

The scene's bars already glide from round k-1's votes to round k's; this
layer draws, over each receiving bar, the votes arriving from the eliminated
bars in the colour of the bar they came from, and the inactive ballots as a
chip under the rows that counts up as they go inactive. Where everything sits
comes from ``presentation.rcv_rounds``; this only draws it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent
from electionboard.presentation.rcv_rounds import (
    RoundsView,
    incoming_spans,
    transfer_frame,
)
from electionboard.presentation.rcv_words import inactive_words, round_mark
from electionboard.ui.board.items import PillItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

SEAM = 3.0
"""The gap (1080 units) between a bar's own votes and those arriving."""


class _Segments(QGraphicsObject):
    """Filled rectangles, replaced whole on each frame."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self._rects: list[tuple[QRectF, QColor]] = []
        self._bounds = QRectF()

    def set_rects(self, rects: list[tuple[QRectF, QColor]]) -> None:
        """Draw ``rects`` in their colours, in order, instead of the last set."""
        self.prepareGeometryChange()
        self._rects = rects
        bounds = QRectF()
        for rect, _ in rects:
            bounds = bounds.united(rect)
        self._bounds = bounds
        self.update()

    def rects(self) -> list[tuple[QRectF, QColor]]:
        """What is drawn."""
        return list(self._rects)

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: every segment."""
        return self._bounds

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: the rectangles, flat."""
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, colour in self._rects:
            painter.setBrush(colour)
            painter.drawRect(rect)


class RoundsLayer:
    """Items for the round on show; hidden for any other board."""

    def __init__(self, scale: float, theme: Theme) -> None:
        self._s = scale
        self._theme = theme
        self._layout = g.board_layout(0, None)
        self.segments = _Segments()
        self.segments.setZValue(2.5)  # over the bars, under the marks
        self.inactive = PillItem(
            board_font(g.SMALL_CAPS_PX * scale, QFont.Weight.ExtraBold),
            QColor(theme.muted),
            QColor(theme.muted),
            outline=True,
        )
        self.inactive.setZValue(4)
        self.inactive.setVisible(False)  # an empty pill would still draw its plate
        self._view: RoundsView | None = None
        self._colours: dict[str, QColor] = {}
        self._rows: dict[str, str] = {}
        self._transfer = False
        self._inactive_votes = 0.0

    def items(self) -> tuple[QGraphicsItem, ...]:
        """The items to add to the scene."""
        return self.segments, self.inactive

    @property
    def view(self) -> RoundsView | None:
        """The round on show, None for a board with no rounds."""
        return self._view

    @property
    def in_transfer(self) -> bool:
        """Whether the glide on show is the transfer into this round."""
        return self._transfer

    def inactive_votes(self) -> float:
        """The inactive ballots the chip shows now (mid-transfer too)."""
        return self._inactive_votes

    def set_theme(self, theme: Theme) -> None:
        """Recolour the chip; segments take their colours at the next frame."""
        self._theme = theme
        self.inactive.set_colours(QColor(theme.muted), QColor(theme.muted))
        if self._view is not None:
            self._colours = {k: theme.colour(c) for k, c in self._rows.items()}

    def show(
        self,
        content: BoardContent,
        previous: BoardContent | None,
        layout: g.BoardLayout,
    ) -> None:
        """Take ``content``'s round; a step from the round before is a transfer."""
        view = content.rounds
        self._view = view
        self._layout = layout
        self._rows = {row.key: row.colour_key for row in content.rows}
        if previous is not None and previous.rounds is not None:
            for row in previous.rows:
                self._rows.setdefault(row.key, row.colour_key)
        self._colours = {k: self._theme.colour(c) for k, c in self._rows.items()}
        self._transfer = (
            view is not None
            and previous is not None
            and previous.race_id == content.race_id
            and previous.rounds is not None
            and previous.rounds.number == view.number - 1
        )
        self.segments.setVisible(view is not None)
        self.inactive.set_content("" if view is None else inactive_words(0))
        if view is not None:
            # In the footer the layout keeps under a round's rows (as the
            # threshold's label, in ui/board/scene.py), clear of the banner.
            bottom = layout.rows_bottom + 8
            self.inactive.setPos(g.NAME_X * self._s, bottom * self._s)

    def threshold(self, t: float) -> tuple[float | None, str]:
        """The threshold line's track fraction and label ``t`` into the transfer.

        Half of the votes still continuing at that point (the ballots less
        those inactive so far), so the line moves with the bars; outside a
        transfer, the round's own.
        """
        view = self._view
        if view is None:
            return None, ""
        continuing = float(view.continuing)
        if self._transfer:
            continuing = view.ballots - transfer_frame(view, t).inactive
        return view.fraction(continuing / 2), round_mark(round(continuing))

    def on_frame(self, t: float, bars: dict[str, tuple[float, float, float]]) -> None:
        """Draw frame ``t`` given each row's bar as drawn: (top, length) in px
        and the row's fade (a row changing places fades, and so do its
        arriving votes)."""
        view = self._view
        if view is None:
            return
        s = self._s
        per_vote = g.BAR_MAX * s / view.scale_votes if view.scale_votes else 0.0
        rects: list[tuple[QRectF, QColor]] = []
        seam_colour = QColor(self._theme.plate)
        for key, (top, length, fade) in bars.items():
            if key not in view.keys or per_vote == 0:
                continue
            drawn = length / per_vote
            for source, start, end in incoming_spans(view, key, t, drawn):
                left = g.BAR_LEFT * s + start * per_vote
                width = (end - start) * per_vote
                seam = min(SEAM * s, width)
                height = self._layout.bar_height * s
                rect = QRectF(left + seam, top, width - seam, height)
                colour = QColor(self._colours.get(source, seam_colour))
                colour.setAlphaF(colour.alphaF() * fade)
                seam_faded = QColor(seam_colour)
                seam_faded.setAlphaF(seam_colour.alphaF() * fade)
                rects.append((QRectF(left, top, seam, height), seam_faded))
                rects.append((rect, colour))
        self.segments.set_rects(rects)
        inactive = transfer_frame(view, t).inactive if self._transfer else view.inactive
        self._inactive_votes = inactive
        self.inactive.set_content(inactive_words(inactive))

    def segment_rects(self) -> list[tuple[QRectF, QColor]]:
        """The arriving votes' rectangles as drawn, seams left out (tests)."""
        if not self.segments.isVisible():
            return []
        return self.segments.rects()[1::2]
