"""The lower third's pieces: a candidate's cell and the title tab over the
strip (the L-bar's column blocks are in lbar_block.py).

Each piece owns its texts and marks, made once and updated in place; the
scene decides what they say and where they sit (presentation/lower_third.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem

from electionboard.presentation.lower_third import (
    Box,
    StripCandidate,
    share_text,
    votes_text,
)
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.strip_items import CheckBadge, Plate
from electionboard.ui.theme import Theme

PAD = 30.0
"""From a cell's colour chip to its words, at 1080 lines."""
CHIP_WIDTH = 12.0
SHARE_TOP = 72.0
"""The share's line under the name's (a 42 px name from 16 ends at 67)."""


def _line(font: QFont) -> float:
    return QFontMetricsF(font).height()


class CandidateCell:
    """Chip, check, name, share (which rolls) and votes of one candidate."""

    def __init__(
        self, parent: QGraphicsItem, scale: float, min_px: int, theme: Theme
    ) -> None:
        s = self._s = scale
        self._theme = theme
        self.chip = Plate(QColor(theme.neutral), parent)
        self.check = CheckBadge(
            40 * s, QColor(theme.call), QColor(theme.on_call), parent
        )
        name_font = board_font(42 * s, QFont.Weight.Bold)
        self.name = TextItem(
            name_font, QColor(theme.text), parent, min_pixel_size=min_px
        )
        share_font = board_font(62 * s, QFont.Weight.ExtraBold)
        self.share = TextItem(share_font, QColor(theme.text), parent)
        votes_font = board_font(32 * s, QFont.Weight.DemiBold)
        self.party = TextItem(
            board_font(30 * s, QFont.Weight.DemiBold), QColor(theme.muted), parent
        )
        self.votes = TextItem(
            votes_font,
            QColor(theme.muted),
            parent,
            right_aligned=True,
            min_pixel_size=min_px,
        )
        self.key = ""
        self._box = Box(0, 0, 0, 0)
        self._dimmed = False

    def items(self) -> tuple[QGraphicsItem, ...]:
        """Everything the cell draws."""
        return (self.chip, self.check, self.name, self.party, self.share, self.votes)

    def set_visible(self, *, visible: bool) -> None:
        """Show or hide the whole cell."""
        for item in self.items():
            item.setVisible(visible)

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place."""
        self._theme = theme
        self.check.set_colours(QColor(theme.call), QColor(theme.on_call))
        self.share.set_colour(QColor(theme.text))
        self.votes.set_colour(QColor(theme.muted))
        self.party.set_colour(QColor(theme.muted))
        self.name.set_colour(QColor(theme.dimmed if self._dimmed else theme.text))

    def place(self, box: Box) -> None:
        """Lay the cell out in ``box`` (raster pixels)."""
        s = self._s
        self._box = box
        inset = 24 * s
        self.chip.set_rect(
            QRectF(box.x, box.y + inset, CHIP_WIDTH * s, box.h - 2 * inset)
        )
        self.share.set_anchor(box.x + PAD * s, box.y + SHARE_TOP * s)

    def show(self, line: StripCandidate) -> None:
        """Words, colours and the check for ``line`` (figures: ``roll``)."""
        s, box = self._s, self._box
        self.key = line.key
        self._dimmed = line.dimmed
        self.chip.set_colour(self._theme.colour(line.colour_key))
        self.check.setVisible(line.checked)
        left = box.x + PAD * s
        name_top = box.y + 16 * s
        if line.checked:
            self.check.setPos(
                left, name_top + (_line(self.name.font()) - self.check.size()) / 2
            )
            left += self.check.size() + 12 * s
        # The party as the board has it: a small muted tag after the name.
        self.party.set_text(line.party)
        tag = self.party.width() + 12 * s if line.party else 0.0
        self.name.set_max_width(box.right - 18 * s - left - tag)
        self.name.set_texts((line.name, line.short_name))
        self.name.set_anchor(left, name_top)
        self.name.set_colour(
            QColor(self._theme.dimmed if line.dimmed else self._theme.text)
        )
        self.party.setVisible(bool(line.party))
        name_base = self.name.y() + QFontMetricsF(self.name.font()).ascent()
        party_ascent = QFontMetricsF(self.party.font()).ascent()
        self.party.set_anchor(
            left + self.name.width() + 12 * s, name_base - party_ascent
        )

    def roll(self, share: float, votes: float) -> None:
        """Figures part way through a glide (or at its end)."""
        s, box = self._s, self._box
        self.share.set_text(share_text(share))
        count = votes_text(round(votes))
        share_metrics = QFontMetricsF(self.share.font())
        # Room judged against the widest share, so a roll never re-fits the votes.
        widest = share_metrics.horizontalAdvance("100.0%")
        room = box.w - PAD * s - widest - 36 * s
        self.votes.set_max_width(room)
        self.votes.set_texts((f"{count} votes", count))
        base = box.y + SHARE_TOP * s + share_metrics.ascent()
        votes_ascent = QFontMetricsF(self.votes.font()).ascent()
        self.votes.set_anchor(box.right - 18 * s, base - votes_ascent)


class TitleTab:
    """The race's name on an accent plate over the strip, the call at its end.

    The plate stays put through a wipe; the words and the call's plate are
    on the layer that fades and slides (``words``).
    """

    def __init__(
        self, plate: Plate, words: QGraphicsItem, scale: float, theme: Theme
    ) -> None:
        s = self._s = scale
        self._theme = theme
        self.plate = plate
        caps = board_font(34 * s, QFont.Weight.ExtraBold)
        self._caps = caps
        self.title = TextItem(caps, QColor(theme.on_accent), words)
        self.call_plate = Plate(QColor(theme.call), words)
        self.call = TextItem(caps, QColor(theme.on_call), words, right_aligned=True)
        self._called = False

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place."""
        self._theme = theme
        self.title.set_colour(QColor(theme.on_accent))
        self._colour_call()

    def draw(
        self, tab: Box, title: str, call_forms: tuple[str, ...], *, called: bool
    ) -> None:
        """``title`` in ``tab`` (raster pixels), ``call_forms`` right of it.

        The title stays whole if the call's shortest form still fits beside
        it (an L-bar's tab is narrower); else it gets 55% and is elided.
        """
        s = self._s
        pad = 22 * s
        gap = 24 * s
        title_h = self.title.boundingRect().height() or 41 * s
        text_y = tab.y + (tab.h - title_h) / 2
        title_room = tab.w - 2 * pad
        if call_forms:
            metrics = QFontMetricsF(self._caps)
            shortest = min(metrics.horizontalAdvance(f) for f in call_forms)
            title_room = max(
                tab.w * 0.55 - 2 * pad, title_room - shortest - 2 * pad - gap
            )
        self.title.set_max_width(title_room)
        self.title.set_text(title)
        self.title.set_anchor(tab.x + pad, text_y)
        self.plate.set_rect(QRectF(tab.x, tab.y, self.title.width() + 2 * pad, tab.h))
        visible = bool(call_forms)
        self.call_plate.setVisible(visible)
        self.call.setVisible(visible)
        if not visible:
            return
        room = tab.right - self.plate.rect().right() - gap - 2 * pad
        self.call.set_max_width(room)
        self.call.set_texts(call_forms)
        self.call.set_anchor(tab.right - pad, text_y)
        width = self.call.width() + 2 * pad
        self.call_plate.set_rect(QRectF(tab.right - width, tab.y, width, tab.h))
        self._called = called
        self._colour_call()

    def _colour_call(self) -> None:
        theme = self._theme
        called = self._called
        self.call_plate.set_colour(QColor(theme.call if called else theme.accent))
        self.call.set_colour(QColor(theme.on_call if called else theme.on_accent))
