"""One candidate's line: colour stripe, name, party, votes, share and tag."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsRectItem

from electionboard.presentation import geometry as g
from electionboard.presentation.content import RowContent, Tag
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

DIMMED_STRIPE_OPACITY = 0.42
"""An eliminated row's stripe fades; its texts take the theme's dimmed colour."""


class CandidateRow(QGraphicsObject):
    """Text and decorations of one row; its bar lives in the shared chart."""

    def __init__(
        self, theme: Theme, scale: float, parent: QGraphicsItem | None = None
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._scale = scale
        s = scale
        text = QColor(theme.text)
        muted = QColor(theme.muted)
        mid = (g.ROW_HEIGHT - g.BAR_HEIGHT) / 2
        self._stripe = QGraphicsRectItem(
            QRectF(g.SAFE_LEFT * s, mid * s, g.STRIPE_WIDTH * s, g.BAR_HEIGHT * s), self
        )
        self._stripe.setPen(QPen(Qt.PenStyle.NoPen))
        self._name = TextItem(
            board_font(g.NAME_PX * s, QFont.Weight.Bold),
            text,
            self,
            max_width=g.NAME_MAX_WIDTH * s,
            min_pixel_size=round(g.BODY_MIN_PX * s),
        )
        self._party = TextItem(
            board_font(g.TAG_PX * s, QFont.Weight.DemiBold), muted, self
        )
        self._votes = TextItem(
            board_font(g.VOTES_PX * s, QFont.Weight.DemiBold),
            muted,
            self,
            right_aligned=True,
        )
        self._share = TextItem(
            board_font(g.SHARE_PX * s, QFont.Weight.ExtraBold),
            text,
            self,
            right_aligned=True,
        )
        tag_font = board_font(g.TAG_PX * s, QFont.Weight.ExtraBold)
        self._tag = PillItem(tag_font, *theme.tag_colours(""), self)
        self._note = PillItem(
            board_font(g.CAPS_MIN_PX * s, QFont.Weight.Bold),
            muted,
            muted,
            self,
            outline=True,
        )
        self._tag.setVisible(False)
        self._note.setVisible(False)
        self._content: RowContent | None = None

    def set_theme(self, theme: Theme) -> None:
        """Recolour the row's texts and pills (the stripe follows its content)."""
        self._theme = theme
        self._recolour()
        if self._content is not None:
            self._stripe.setBrush(QBrush(theme.colour(self._content.colour_key)))

    def _recolour(self) -> None:
        theme = self._theme
        dimmed = self._content is not None and self._content.dimmed
        text = QColor(theme.dimmed if dimmed else theme.text)
        muted = QColor(theme.dimmed if dimmed else theme.muted)
        self._name.set_colour(text)
        self._party.set_colour(muted)
        self._votes.set_colour(muted)
        self._share.set_colour(text)
        self._tag.set_colours(*theme.tag_colours(self._tag.text()))
        self._note.set_colours(muted, muted)

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: children draw everything; the row itself has no extent."""
        return QRectF()

    def paint(self, *args: object) -> None:  # Qt virtual
        """Qt: nothing of its own to draw."""

    @property
    def content(self) -> RowContent | None:
        """What the row shows."""
        return self._content

    def set_content(self, row: RowContent) -> None:
        """Update the words and colours; numbers come through set_numbers."""
        s = self._scale
        self._content = row
        self._stripe.setBrush(QBrush(self._theme.colour(row.colour_key)))
        text_top = (g.ROW_HEIGHT - g.NAME_PX * 1.25) / 2 * s
        self._name.set_text(row.name)
        self._name.set_anchor(g.NAME_X * s, text_top)
        self._party.set_text(row.party)
        self._party.set_anchor(
            g.NAME_X * s + self._name.width() + 16 * s,
            text_top + (g.NAME_PX - g.TAG_PX) * 0.9 * s,
        )
        self._party.setVisible(
            bool(row.party)
            and self._name.width() + self._party.width() + 16 * s
            <= g.NAME_MAX_WIDTH * s
        )
        self._note.set_content(row.note)
        self._stripe.setOpacity(DIMMED_STRIPE_OPACITY if row.dimmed else 1.0)
        self._recolour()

    def set_numbers(self, votes: float, share: float) -> None:
        """Show (possibly mid-animation) votes and share."""
        s = self._scale
        self._votes.set_text(f"{round(votes):,}")
        self._votes.set_anchor(
            g.VOTES_RIGHT * s, (g.ROW_HEIGHT - g.VOTES_PX * 1.25) / 2 * s + 3 * s
        )
        self._share.set_text(f"{share:.1f}%")
        self._share.set_anchor(
            g.SHARE_RIGHT * s, (g.ROW_HEIGHT - g.SHARE_PX * 1.25) / 2 * s
        )

    def place_tag(self, bar_end: float) -> None:
        """Put the tag just past the end of the bar, or inside it if no room."""
        s = self._scale
        row = self._content
        tag = row.tag if row is not None else Tag.NONE
        checked = row.checked if row is not None else False
        label = (
            tag.value if tag is not Tag.NONE else ("" if not checked else "CLINCHED")
        )
        self._tag.set_content(label, checked=checked)
        self._tag.set_colours(*self._theme.tag_colours(label))
        limit = (g.BAR_LEFT + g.BAR_MAX) * s
        pill = self._tag if label else self._note
        width = pill.boundingRect().width()
        height = pill.boundingRect().height()
        top = (g.ROW_HEIGHT * s - height) / 2
        gap = 12 * s
        x = bar_end + gap
        if x + width > limit + 40 * s:
            x = max(g.BAR_LEFT * s + gap, bar_end - width - gap)
        pill.setPos(x, top)
        if pill is self._tag:
            self._note.setPos(x, top)
            self._note.setVisible(False)
        else:
            self._note.setVisible(bool(row and row.note))

    def texts(self) -> dict[str, str]:
        """What each text shows, for tests and accessibility."""
        return {
            "name": self._name.text(),
            "party": self._party.text() if self._party.isVisible() else "",
            "votes": self._votes.text(),
            "share": self._share.text(),
            "tag": self._tag.text() if self._tag.isVisible() else "",
            "note": self._note.text() if self._note.isVisible() else "",
        }
