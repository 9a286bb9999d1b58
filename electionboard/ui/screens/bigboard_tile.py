"""One race's tile on the big board: its plate, name, candidates and call strip.

Items are made once per tile and updated in place. The tile fits words
(shorter forms, then an ellipsis) at its grid's fixed type sizes; the
figures it is handed mid-glide are drawn as they come, so the scene alone
decides what moves.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsObject, QGraphicsPathItem

from electionboard.presentation import bigboard_geometry as bg
from electionboard.presentation.bigboard import TileContent, TileRow
from electionboard.presentation.content import BannerTone
from electionboard.ui.board.items import TextItem
from electionboard.ui.screens.base import SCREEN_MIN_PX
from electionboard.ui.screens.bigboard_items import (
    RowItems,
    RowTexts,
    share_text,
    tile_font,
    two_lines,
    votes_text,
)
from electionboard.ui.theme import Theme

FIGURE_GAP = 18.0
"""Between a name and the count, and between the count and the share (1080 units)."""
PARTY_GAP = 12.0
"""Between a name and its party (1080 units)."""
DIMMED_BAR_OPACITY = 0.42
"""An eliminated candidate's bar fades, as the race board's stripe does; its
words take the theme's dimmed colour, which keeps 4.5:1."""


class Tile(QGraphicsObject):
    """A race at a glance; children draw everything, at the tile's top left."""

    def __init__(self, layout: bg.TileLayout, scale: float, theme: Theme) -> None:
        super().__init__()
        self._layout = layout
        self._s = scale
        self._theme = theme
        self._content: TileContent | None = None
        kind = layout.type
        s = scale
        box = layout.box
        self.setPos(box.x * s, box.y * s)
        whole = QRectF(0, 0, box.width * s, box.height * s)
        radius = bg.TILE_RADIUS * s
        outline = QPainterPath()
        outline.addRoundedRect(whole, radius, radius)
        self.plate = QGraphicsPathItem(outline, self)
        strip_rect = QPainterPath()
        strip_rect.addRect(
            QRectF(0, layout.status_top * s, whole.width(), whole.height())
        )
        self.strip = QGraphicsPathItem(outline.intersected(strip_rect), self)
        self.strip.setPen(QPen(Qt.PenStyle.NoPen))
        edge = QPainterPath()
        inset = bg.CALL_EDGE * s / 2
        edge.addRoundedRect(
            whole.adjusted(inset, inset, -inset, -inset), radius - inset, radius - inset
        )
        self.edge = QGraphicsPathItem(edge, self)
        self.edge.setBrush(Qt.BrushStyle.NoBrush)
        self.edge.setZValue(3)
        self.name = TextItem(
            tile_font(kind.title_px, s, QFont.Weight.ExtraBold), QColor(), self
        )
        self.reporting = TextItem(
            tile_font(kind.reporting_px, s, QFont.Weight.DemiBold),
            QColor(),
            self,
            right_aligned=True,
        )
        self.status = TextItem(
            tile_font(kind.status_px, s, QFont.Weight.ExtraBold), QColor(), self
        )
        self.rows = [RowItems(self, kind, s) for _ in range(kind.rows)]
        self._figures: list[tuple[float, float, float]] = []
        self._votes_right = 0.0
        self._shown_rows = 0
        self._name_lines = 1
        self._with_party = False
        self._parties_allowed = True
        self.set_theme(theme)

    # -- Qt ------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: children draw everything; the tile itself has no extent."""
        return QRectF()

    def paint(self, *args: object) -> None:  # Qt virtual
        """Qt: nothing of its own to draw."""

    # -- public --------------------------------------------------------------------

    @property
    def content(self) -> TileContent | None:
        """What the tile shows (its end state)."""
        return self._content

    def set_theme(self, theme: Theme) -> None:
        """Recolour in place; the content's own colours follow in ``set_content``."""
        self._theme = theme
        self.plate.setBrush(QBrush(QColor(theme.plate)))
        self.plate.setPen(QPen(QColor(theme.track), 2 * self._s))
        edge = QPen(QColor(theme.call), bg.CALL_EDGE * self._s)
        self.edge.setPen(edge)
        self.name.set_colour(QColor(theme.text))
        for row in self.rows:
            row.check.set_colours(QColor(theme.call), QColor(theme.on_call))
            row.track.setBrush(QBrush(QColor(theme.track)))
        if self._content is not None:
            self.set_content(self._content)

    def strip_colours(self, tone: BannerTone) -> tuple[QColor, QColor]:
        """The call strip's fill and ink: the call's yellow once decided, the
        banner's too-close colour, else the quiet track (nothing to say yet)."""
        theme = self._theme
        if tone in (BannerTone.CALLED, BannerTone.DECIDED):
            return QColor(theme.call), QColor(theme.on_call)
        if tone is BannerTone.CLOSE:
            fill, ink = theme.banner[BannerTone.CLOSE]
            return QColor(fill), QColor(ink)
        return QColor(theme.track), QColor(theme.text)

    def set_content(self, content: TileContent) -> None:
        """The tile's words and colours; figures come through ``set_figures``."""
        self._content = content
        s = self._s
        layout = self._layout
        kind = layout.type
        self.setVisible(True)
        left, right = layout.inner_left * s, layout.inner_right * s
        self._fit_name(content.names, right - left, len(content.rows))
        fill, ink = self.strip_colours(content.tone)
        self.strip.setBrush(QBrush(fill))
        self.edge.setVisible(content.called)
        # The strip: the call's words left, how much is in right; the
        # reporting figure keeps its room and the words give way.
        strip_top = layout.status_top * s
        strip = kind.status_height * s
        self.reporting.set_colour(ink)
        self.reporting.set_text(content.reporting)
        self.reporting.set_anchor(
            right, strip_top + self._drop(strip, kind.reporting_px)
        )
        self.status.set_colour(ink)
        room = right - left - self.reporting.width() - FIGURE_GAP * s
        self.status.set_max_width(max(0.0, room))
        self.status.set_texts(content.status)
        self.status.set_anchor(left, strip_top + self._drop(strip, kind.status_px))
        self._place_rows(content)

    def _fit_name(self, names: tuple[str, ...], room: float, rows: int) -> None:
        """The race's name whole on one line, else broken evenly in two where
        the tile has the room, else its shorter forms, else elided; always
        from the tile's top, level with its neighbours' names."""
        s = self._s
        layout = self._layout
        kind = layout.type
        font = tile_font(kind.title_px, s, QFont.Weight.ExtraBold)
        metrics = QFontMetricsF(font)
        self.name.set_max_width(room)
        self._name_lines = 1
        if layout.title_lines(rows) > 1 and metrics.horizontalAdvance(names[0]) > room:
            self.name.set_texts((two_lines(names[0], metrics, room),))
            self._name_lines = 2
        else:
            self.name.set_texts(names)
        self.name.set_anchor(
            layout.inner_left * s,
            layout.header_top * s + self._drop(kind.header_height * s, kind.title_px),
        )

    def _drop(self, line: float, pixels_at_1080: float) -> float:
        """How far down a line of ``pixels_at_1080`` type sits, centred in ``line``."""
        return (line - max(pixels_at_1080, SCREEN_MIN_PX) * self._s * 1.21) / 2

    def _columns(self, content: TileContent) -> tuple[float, float]:
        """Where the counts end and where names must end (scene x), from the
        widest share and count the tile will show."""
        s = self._s
        kind = self._layout.type
        right = self._layout.inner_right * s
        share_font = QFontMetricsF(tile_font(kind.share_px, s, QFont.Weight.ExtraBold))
        votes_font = QFontMetricsF(tile_font(kind.votes_px, s, QFont.Weight.DemiBold))
        widest_share = max(
            [share_font.horizontalAdvance("00.0%")]
            + [share_font.horizontalAdvance(share_text(r.share)) for r in content.rows]
        )
        widest_votes = max(
            [0.0]
            + [votes_font.horizontalAdvance(votes_text(r.votes)) for r in content.rows]
        )
        votes_right = right - widest_share - FIGURE_GAP * s
        return votes_right, votes_right - widest_votes - FIGURE_GAP * s

    def set_parties_allowed(self, *, allowed: bool) -> None:
        """Whether the board shows parties at all (every tile's fit, or none)."""
        self._parties_allowed = allowed

    def _place_rows(self, content: TileContent) -> None:
        s = self._s
        layout = self._layout
        kind = layout.type
        theme = self._theme
        self._votes_right, names_end = self._columns(content)
        self._shown_rows = len(content.rows)
        self._with_party = self._parties_allowed and self.parties_fit(content)
        for index, items in enumerate(self.rows):
            row = content.rows[index] if index < len(content.rows) else None
            items.set_visible(visible=row is not None)
            if row is None:
                continue
            self._place_row(index, items, row, names_end)
            items.track.setRect(
                QRectF(
                    layout.inner_left * s,
                    layout.bar_top(index, len(content.rows), self._name_lines) * s,
                    (layout.inner_right - layout.inner_left) * s,
                    kind.bar_height * s,
                )
            )
            items.bar.setBrush(QBrush(theme.colour(row.colour_key)))
            items.bar.setOpacity(DIMMED_BAR_OPACITY if row.dimmed else 1.0)

    def parties_fit(self, content: TileContent) -> bool:
        """Parties beside every name, or beside none: only where each whole
        name and its party fit (a tile with no parties to show, a measure or
        a party primary, always fits). A name never shortens to make room for its
        party (the bar's colour says the party too), and a tile never shows
        some candidates' parties and not others'."""
        s = self._s
        kind = self._layout.type
        _, names_end = self._columns(content)
        names = QFontMetricsF(tile_font(kind.name_px, s, QFont.Weight.Bold))
        parties = QFontMetricsF(tile_font(kind.party_px, s, QFont.Weight.DemiBold))
        check = self.rows[0].check.boundingRect().width() + 12 * s
        for row in content.rows:
            start = self._layout.inner_left * s + (check if row.checked else 0.0)
            width = names.horizontalAdvance(row.names[0])
            if row.party:
                width += PARTY_GAP * s + parties.horizontalAdvance(row.party)
            if start + width > names_end:
                return False
        return True

    def _place_row(
        self, index: int, items: RowItems, row: TileRow, names_end: float
    ) -> None:
        s = self._s
        layout = self._layout
        kind = layout.type
        theme = self._theme
        top = layout.row_top(index, self._shown_rows, self._name_lines) * s
        line = kind.line_height * s
        x = layout.inner_left * s
        items.check.setVisible(row.checked)
        if row.checked:
            size = items.check.boundingRect().height()
            items.check.setPos(x, top + (line - size) / 2)
            x += size + 12 * s
        text = QColor(theme.dimmed if row.dimmed else theme.text)
        muted = QColor(theme.dimmed if row.dimmed else theme.muted)
        items.name.set_colour(text)
        items.party.set_colour(muted)
        items.votes.set_colour(muted)
        items.share.set_colour(text)
        items.party.set_text(row.party)
        with_party = self._with_party and bool(row.party)
        items.party.setVisible(with_party)
        items.name.set_max_width(max(0.0, names_end - x))
        items.name.set_texts(row.names)
        items.name.set_anchor(x, top + self._drop(line, kind.name_px))
        if with_party:
            # On the name's baseline: the smaller type sits lower in the line.
            drop = self._drop(line, kind.party_px)
            baseline = (kind.name_px - kind.party_px) * 0.4 * s
            items.party.set_anchor(
                x + items.name.width() + PARTY_GAP * s, top + drop + baseline
            )

    def set_figures(self, figures: list[tuple[float, float, float]]) -> None:
        """Votes, share and bar fraction per row, as this frame draws them."""
        s = self._s
        layout = self._layout
        kind = layout.type
        self._figures = figures
        line = kind.line_height * s
        track = (layout.inner_right - layout.inner_left) * s
        right = layout.inner_right * s
        for index, items in enumerate(self.rows):
            if index >= len(figures):
                continue
            votes, share, fraction = figures[index]
            top = layout.row_top(index, self._shown_rows, self._name_lines) * s
            items.share.set_text(share_text(share))
            items.share.set_anchor(right, top + self._drop(line, kind.share_px))
            items.votes.set_text(votes_text(votes))
            # On the share's baseline: smaller figures sit lower in the line.
            drop = self._drop(line, kind.votes_px)
            baseline = (kind.share_px - kind.votes_px) * 0.45 * s
            items.votes.set_anchor(self._votes_right, top + drop + baseline / 2)
            bar = items.track.rect()
            items.bar.setRect(
                QRectF(
                    bar.left(),
                    bar.top(),
                    track * min(1.0, max(0.0, fraction)),
                    bar.height(),
                )
            )

    def figures(self) -> list[tuple[float, float, float]]:
        """What ``set_figures`` was last given (tests)."""
        return list(self._figures)

    def texts(self) -> dict[str, str]:
        """The tile's own words as drawn (tests and accessibility)."""
        return {
            "name": self.name.text(),
            "reporting": self.reporting.text(),
            "status": self.status.text(),
        }

    def row_texts(self) -> list[RowTexts]:
        """Each shown candidate's words as drawn, top first."""
        return [
            RowTexts(
                items.name.text(),
                items.votes.text(),
                items.share.text(),
                checked=items.check.isVisible(),
            )
            for items in self.rows
            if items.name.isVisible()
        ]
