"""One candidate's line: colour stripe, name, party, votes, share and tag."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QGraphicsScene,
)

from electionboard.presentation import geometry as g
from electionboard.presentation.content import RowContent, Tag
from electionboard.presentation.fitting import name_forms
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import Theme

DIMMED_STRIPE_OPACITY = 0.42
"""An eliminated row's stripe fades; its texts take the theme's dimmed colour."""

Chip = tuple[str, bool]
"""A row's chip: its label ('' for none) and whether the desk ticked it."""


def chip_of(row: RowContent | None) -> Chip:
    """The chip ``row`` shows beside its bar: its tag, or CLINCHED when ticked."""
    if row is None:
        return "", False
    if row.tag is not Tag.NONE:
        return row.tag.value, row.checked
    return ("CLINCHED" if row.checked else ""), row.checked


class CandidateRow(QGraphicsObject):
    """Text and decorations of one row; its bar lives in the shared chart.

    Type sizes follow the board's layout (bigger rows for fewer candidates);
    every row's name is drawn at the board's one name size (set_name_pixels),
    a name too long at it takes a shorter form ('M. J. Smith'), and only
    then is elided, always leaving room for the party tag.
    """

    def __init__(
        self,
        theme: Theme,
        scale: float,
        parent: QGraphicsItem | None = None,
        *,
        layout: g.BoardLayout | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._scale = scale
        self._layout = layout or g.board_layout(7, None)
        s = scale
        text = QColor(theme.text)
        muted = QColor(theme.muted)
        self._stripe = QGraphicsRectItem(self)
        self._stripe.setPen(QPen(Qt.PenStyle.NoPen))
        self._name = TextItem(
            board_font(self._layout.name_px * s, QFont.Weight.Bold),
            text,
            self,
            max_width=g.NAME_MAX_WIDTH * s,
            min_pixel_size=round(g.BODY_MIN_PX * s),
        )
        self._party = TextItem(
            board_font(self._layout.tag_px * s, QFont.Weight.DemiBold), muted, self
        )
        self._votes = TextItem(
            board_font(self._layout.votes_px * s, QFont.Weight.DemiBold),
            muted,
            self,
            right_aligned=True,
        )
        self._share = TextItem(
            board_font(self._layout.share_px * s, QFont.Weight.ExtraBold),
            text,
            self,
            right_aligned=True,
        )
        self._tag = PillItem(
            board_font(self._layout.tag_px * s, QFont.Weight.ExtraBold),
            *theme.tag_colours(""),
            self,
        )
        self._note = PillItem(
            board_font(g.CAPS_MIN_PX * s, QFont.Weight.Bold),
            muted,
            muted,
            self,
            outline=True,
        )
        self._tag.setVisible(False)
        self._note.setVisible(False)
        self._chip_room: (
            tuple[tuple[object, ...], PillItem, float, float, float] | None
        ) = None
        """place_tag's measures that do not move with the bar, and their inputs."""
        self._tag_dressed: tuple[str, Theme] = ("", theme)
        """The label and theme the tag's colours are for."""
        self._content: RowContent | None = None
        self._held_chip: Chip | None = None
        self._fade = 1.0
        self._numbers = (0.0, 0.0)
        self._bar_end = g.BAR_LEFT * s
        self._mark_x: float | None = None
        self._portrait: QGraphicsItem | None = None
        self._portrait_room = 0.0
        self._keep_clear: float | None = None
        self._name_pixels: int | None = None
        self._votes_pixels: int | None = None
        self._sized_for: g.BoardLayout | None = None
        self._figures_shown: tuple[object, ...] | None = None
        """The figures' strings and sizes as last laid out (set_numbers)."""
        self.set_layout(self._layout)

    def set_portrait(self, item: QGraphicsItem | None, room: float) -> None:
        """The one hook for a headshot (ui/board/headshot.py): ``item`` sits
        where the name starts, centred on the bar, and the name moves ``room``
        scene pixels right to make way. None takes it away."""
        if self._portrait is not None and self._portrait is not item:
            old = self._portrait
            old.setVisible(False)
            # The stubs say scene() is never None; an item out of a scene has none.
            scene = cast("QGraphicsScene | None", old.scene())
            if scene is not None:
                scene.removeItem(old)  # and so off this row
        self._portrait = item
        self._portrait_room = room if item is not None else 0.0
        if item is not None:
            item.setParentItem(self)
            self._place_portrait(item)
        if self._content is not None:
            self.set_content(self._content, force=True)

    def _place_portrait(self, item: QGraphicsItem) -> None:
        s = self._scale
        top = (self._layout.pitch * s - item.boundingRect().height()) / 2
        item.setPos(g.NAME_X * s, top)

    def portrait(self) -> QGraphicsItem | None:
        """The headshot item hooked in, if any."""
        return self._portrait

    def set_theme(self, theme: Theme) -> None:
        """Recolour the row's texts and pills (the stripe follows its content)."""
        self._theme = theme
        self._recolour()
        if self._content is not None:
            self._stripe.setBrush(QBrush(theme.colour(self._content.colour_key)))

    def _recolour(self) -> None:
        theme = self._theme
        dimmed = self._content is not None and self._content.dimmed
        text = theme.surface("dimmed" if dimmed else "text")
        muted = theme.surface("dimmed" if dimmed else "muted")
        self._name.set_colour(text)
        self._party.set_colour(muted)
        self._votes.set_colour(muted)
        self._share.set_colour(text)
        self._tag.set_colours(*theme.tag_colours(self._tag.text()))
        self._tag_dressed = (self._tag.text(), theme)
        self._note.set_colours(muted, muted)

    def set_layout(self, layout: g.BoardLayout) -> None:
        """Size the row's type and stripe for the board's row pitch.

        Only a changed pitch re-sizes anything: fonts and text fitting cost
        milliseconds a row, and most updates keep the layout.
        """
        if layout == self._sized_for:
            return
        self._sized_for = layout
        s = self._scale
        self._layout = layout
        bar = layout.bar_height
        self._stripe.setRect(
            QRectF(
                g.SAFE_LEFT * s,
                (layout.pitch - bar) / 2 * s,
                g.STRIPE_WIDTH * s,
                bar * s,
            )
        )
        self._name.set_base_font(board_font(layout.name_px * s, QFont.Weight.Bold))
        self._party.set_base_font(board_font(layout.tag_px * s, QFont.Weight.DemiBold))
        self._votes.set_base_font(
            board_font(layout.votes_px * s, QFont.Weight.DemiBold)
        )
        self._share.set_base_font(
            board_font(layout.share_px * s, QFont.Weight.ExtraBold)
        )
        self._tag.set_font(board_font(layout.tag_px * s, QFont.Weight.ExtraBold))
        if self._portrait is not None:
            self._place_portrait(self._portrait)
        if self._content is not None:
            self.set_content(self._content, force=True)
        self.set_numbers(*self._numbers)
        self.place_tag(self._bar_end)

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: children draw everything; the row itself has no extent."""
        return QRectF()

    def paint(self, *args: object) -> None:  # Qt virtual
        """Qt: nothing of its own to draw."""

    @property
    def content(self) -> RowContent | None:
        """What the row shows."""
        return self._content

    def _text_top(self, pixels: float) -> float:
        """Top of a line of ``pixels`` type centred in the row (scene units)."""
        return (self._layout.pitch - pixels * g.LINE_HEIGHT) / 2 * self._scale

    def set_content(self, row: RowContent, *, force: bool = False) -> None:
        """Update the words and colours; numbers come through set_numbers.

        The same content again is a no-op unless ``force`` (a new layout or
        portrait re-places it).
        """
        if row == self._content and not force:
            return
        before = self._content
        if not force and before is not None and _words(before) == _words(row):
            # Only the figures moved (every poll): they come through
            # set_numbers, and the words and colours stay as they are.
            self._content = row
            return
        s = self._scale
        layout = self._layout
        self._content = row
        stripe = QBrush(self._theme.colour(row.colour_key))
        if stripe != self._stripe.brush():  # the same brush repaints nothing
            self._stripe.setBrush(stripe)
        # The party tag keeps its room: the name gives way, never the party.
        room = self._portrait_room
        self._party.set_text(row.party)
        party_room = self._party.width() + g.PARTY_GAP * s if row.party else 0.0
        self._name.set_max_width(g.NAME_MAX_WIDTH * s - party_room - room)
        forms = (row.name,) if row.key == "__others__" else _name_forms(row.name)
        self._name.set_texts(forms)
        text_top = self._text_top(layout.name_px)
        self._name.set_anchor(g.NAME_X * s + room, text_top)
        # On the name's baseline as drawn (a pinned size sits lower than
        # the layout's).
        drawn = self._name.font().pixelSize()
        self._party.set_anchor(
            g.NAME_X * s + room + self._name.width() + g.PARTY_GAP * s,
            self._name.y() + max(0.0, (drawn - layout.tag_px * s) * 0.9),
        )
        self._party.setVisible(bool(row.party))
        self._note.set_content(row.note)
        self._stripe.setOpacity(DIMMED_STRIPE_OPACITY if row.dimmed else 1.0)
        self._recolour()
        self.setOpacity(self._fade)

    def set_fade(self, fade: float) -> None:
        """Fade the whole row (0 hidden, 1 shown) while it changes places."""
        fade = min(1.0, max(0.0, fade))
        if fade != self._fade:  # most rows stay whole through a glide
            self._fade = fade
            self.setOpacity(fade)

    def set_numbers(self, votes: float, share: float) -> None:
        """Show (possibly mid-animation) votes and share.

        A glide asks every frame; the figures are laid out again only when
        their strings (or the sizes they are drawn at) change.
        """
        s = self._scale
        layout = self._layout
        self._numbers = (votes, share)
        share_text, votes_text = f"{share:.1f}%", f"{round(votes):,}"
        figures = self._content is None or self._content.figures
        shown = (share_text, votes_text, layout, self._votes_pixels, figures)
        if shown == self._figures_shown:
            return
        self._figures_shown = shown
        self._share.set_text_at(
            share_text, g.SHARE_RIGHT * s, self._text_top(layout.share_px)
        )
        # The count keeps its column unless a wide share ('100.0%') needs room.
        right = min(g.VOTES_RIGHT * s, self._share.x() - g.FIGURE_GAP * s)
        self._votes.set_text_at(
            votes_text, right, self._text_top(layout.votes_px) + 3 * s
        )
        self._votes.setVisible(figures)
        self._share.setVisible(figures)

    def hold_chip(self, chip: Chip | None) -> None:
        """Show ``chip`` instead of the content's own until released with None.

        The scene holds the chips a call brings (WINNER, ADVANCES) until its
        banner reveals the call, so the call lands as one event.
        """
        self._held_chip = chip
        self.place_tag(self._bar_end, keep_clear=self._keep_clear)

    def set_mark(self, x: float | None) -> None:
        """Where the threshold mark crosses the row (scene x), None without one:
        the tag is never cut by it."""
        self._mark_x = x
        self.place_tag(self._bar_end, keep_clear=self._keep_clear)

    def _chip_label(self) -> tuple[str, bool]:
        held = self._held_chip
        return chip_of(self._content) if held is None else held

    def chip_width(self) -> float:
        """The width of the tag or note the row shows, 0 without one."""
        label, checked = self._chip_label()
        self._tag.set_content(label, checked=checked)
        if label:
            return self._tag.boundingRect().width()
        row = self._content
        return self._note.boundingRect().width() if row and row.note else 0.0

    def place_tag(self, bar_end: float, *, keep_clear: float | None = None) -> None:
        """Put the tag just past the end of the bar, or inside it if no room.

        Never past the track's end or onto the vote count, and never across
        the threshold mark, nor across ``keep_clear`` (the x of a moving line
        across the rows: a ranked-choice round's threshold mid-transfer): then
        on the side of the line with room, inside the bar left of the line
        when the bar reaches past it.
        """
        s = self._scale
        self._bar_end = bar_end
        self._keep_clear = keep_clear
        row = self._content
        label, checked = self._chip_label()
        self._tag.set_content(label, checked=checked)
        if self._tag_dressed != (label, self._theme):  # a glide asks every frame
            self._tag_dressed = (label, self._theme)
            self._tag.set_colours(*self._theme.tag_colours(label))
        gap = 12 * s
        # What does not move with the bar, measured again only when the chip,
        # the count's place, the row's content or its layout changes.
        asked = (label, checked, self._votes.x(), row, self._layout)
        room = self._chip_room
        if room is None or room[0] != asked:
            votes_left = self._votes.sceneBoundingRect().left() - self.scenePos().x()
            limit = min((g.BAR_LEFT + g.BAR_MAX) * s, votes_left - gap)
            pill = self._tag if label else self._note
            bounds = pill.boundingRect()
            top = (self._layout.pitch * s - bounds.height()) / 2
            room = self._chip_room = (asked, pill, bounds.width(), top, limit)
        _, pill, width, top, limit = room
        mark = keep_clear if keep_clear is not None else self._mark_x
        x = _chip_x(bar_end, width, gap, g.BAR_LEFT * s + gap, limit, mark)
        if pill is self._note and row is not None and not row.figures:
            x = g.SHARE_RIGHT * s - width  # in the figures' place
        # At a whole pixel, so a tag riding its bar keeps one device fraction
        # and is drawn from its image (PillItem._paint_image).
        pill.setPos(round(x), top)
        if pill is self._tag:
            self._note.setPos(x, top)
            self._note.setVisible(False)
        else:
            self._note.setVisible(bool(row and row.note))

    def text_items(self) -> list[QGraphicsItem]:
        """Every visible text and pill of the row (for overlap tests)."""
        items: list[QGraphicsItem] = [
            self._name,
            self._party,
            self._votes,
            self._share,
            self._tag,
            self._note,
        ]
        return [item for item in items if item.isVisible()]

    def texts(self) -> dict[str, str]:
        """What each text shows, for tests and accessibility."""
        return {
            "name": self._name.text(),
            "party": self._party.text() if self._party.isVisible() else "",
            "votes": self._votes.text() if self._votes.isVisible() else "",
            "share": self._share.text() if self._share.isVisible() else "",
            "tag": self._tag.text() if self._tag.isVisible() else "",
            "note": self._note.text() if self._note.isVisible() else "",
        }

    def name_fit_pixels(self) -> int:
        """The largest name size, down to the minimum, at which the whole name
        fits its room (the scene gives every row the smallest of these)."""
        return self._name.largest_fitting_pixel_size()

    def votes_fit_pixels(self, votes: str, share: str) -> int:
        """The largest count size at which ``votes`` beside ``share`` keeps
        FIGURE_GAP clear of the track's end: body size first, capitals' minimum
        only for a count that fits no other way (an 8-digit count, 100.0%)."""
        layout = self._layout
        return _count_pixels(
            votes, share, layout.share_px, layout.votes_px, self._scale
        )

    def set_votes_pixels(self, pixels: int | None) -> None:
        """Draw the count at the board's one count size (None: the layout's)."""
        if pixels == self._votes_pixels:
            return
        self._votes_pixels = pixels
        self._votes.pin_pixel_size(pixels)
        self.set_numbers(*self._numbers)

    def set_name_pixels(self, pixels: int | None) -> None:
        """Draw the name at the board's one name size (None: its own fit).

        The same size again changes nothing: most polls keep it, and
        re-placing every name costs milliseconds of the GUI thread.
        """
        if pixels == self._name_pixels:
            return
        self._name_pixels = pixels
        self._name.pin_pixel_size(pixels)
        if self._content is not None:
            self.set_content(self._content, force=True)

    def name_font_pixels(self) -> int:
        """The name's drawn pixel size (tests: never under the minimum)."""
        return self._name.font().pixelSize()


@lru_cache(maxsize=1024)
def _name_forms(name: str) -> tuple[str, ...]:
    """name_forms, worked out once per name (a row's content changes every poll)."""
    return tuple(name_forms(name))


@lru_cache(maxsize=1024)
def _count_pixels(
    votes: str, share: str, share_px: float, votes_px: float, s: float
) -> int:
    """CandidateRow.votes_fit_pixels, measured once per figures and sizes:
    every row of both scenes asks it again each poll."""
    share_font = board_font(share_px * s, QFont.Weight.ExtraBold)
    share_left = g.SHARE_RIGHT * s - QFontMetricsF(share_font).horizontalAdvance(share)
    right = min(g.VOTES_RIGHT * s, share_left - g.FIGURE_GAP * s)
    room = right - (g.BAR_LEFT + g.BAR_MAX + g.FIGURE_GAP) * s
    pixels = round(votes_px * s)
    floor = round(g.CAPS_MIN_PX * s)
    while pixels > floor:
        font = board_font(pixels, QFont.Weight.DemiBold)
        if QFontMetricsF(font).horizontalAdvance(votes) <= room:
            break
        pixels -= 1
    return pixels


def _words(row: RowContent) -> tuple[object, ...]:
    """Everything ``set_content`` draws: the content less its figures."""
    return (
        row.key,
        row.name,
        row.party,
        row.tag,
        row.checked,
        row.dimmed,
        row.note,
        row.colour_key,
        row.initials,
        row.figures,
    )


def _chip_x(
    bar_end: float,
    width: float,
    gap: float,
    low: float,
    high: float,
    mark: float | None,
) -> float:
    """Left edge of a chip: past the bar, else inside its end, clear of the mark.

    ``low`` and ``high`` bound the chip (the track, the vote count); a mark
    line at ``mark`` is kept ``gap / 2`` clear of the chip's edges.
    """
    clear = gap / 2

    def fits(x: float) -> bool:
        if x < low - 0.5 or x + width > high + 0.5:
            return False
        return mark is None or not (x - clear < mark < x + width + clear)

    tries = [bar_end + gap, bar_end - width - gap]
    if mark is not None:
        tries += [mark - clear - gap - width, mark + clear + gap]
    for x in tries:
        if fits(x):
            return x
    return max(low, min(bar_end - width - gap, high - width))
