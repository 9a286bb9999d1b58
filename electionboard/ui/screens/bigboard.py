"""The big board: 4, 6 or 9 races at once, each a tile, under one title line.

Words and rectangles come from presentation/bigboard.py and its geometry;
this scene makes the items once per grid and updates them in place. Between
snapshots every share and count rolls and every bar grows over one
half-second tween (OutCubic, on the AnimationClock seam, like BoardScene);
``end_state`` shows the settled picture for exports.

Only the first page of races shows (pages are a later concern); a tile whose
race is new jumps to its figures rather than gliding from another race's.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from electionboard.model.screens import ScreenKind
from electionboard.presentation import bigboard_geometry as bg
from electionboard.presentation import geometry as g
from electionboard.presentation.bigboard import (
    BigBoardContent,
    TileContent,
    bigboard_content,
)
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.bigboard_tile import Tile
from electionboard.ui.screens.glide import Glide
from electionboard.ui.theme import DARK, Theme

ANIMATION_MS = 500
SWITCH = 0.5
"""Eased progress at which a tile's re-ranked candidates change places."""
NO_RACES = "NO RACES TO SHOW FOR THIS BOARD"

Figures = tuple[float, float, float]
"""A candidate's votes, share and bar fraction (0-1) in one frame."""


class BigBoardScene(ScreenScene):
    """Title line, results time, and a grid of race tiles."""

    kind = ScreenKind.BIG_BOARD

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
    ) -> None:
        super().__init__(raster, theme, parent, animations=animations)
        s = self._s
        self._content: BigBoardContent | None = None
        self._page = 0
        self._pager = QTimer(self)
        self._pager.timeout.connect(self.turn_page)
        self._active = True
        self._grid = 0
        self._tiles: list[Tile] = []
        self._start: dict[tuple[str, str], Figures] = {}
        self._target: dict[tuple[str, str], Figures] = {}
        self._drawn: dict[tuple[str, str], Figures] = {}
        self._before: dict[int, TileContent] = {}
        self._title = TextItem(
            board_font(self.font_px(bg.HEADER_TITLE_PX), QFont.Weight.ExtraBold),
            QColor(theme.text),
            min_pixel_size=self.font_px(bg.HEADER_TITLE_MIN_PX),
        )
        self._updated = TextItem(
            board_font(self.font_px(bg.HEADER_UPDATED_PX), QFont.Weight.DemiBold),
            QColor(theme.muted),
            right_aligned=True,
        )
        self._stale = PillItem(
            board_font(self.font_px(bg.HEADER_UPDATED_PX), QFont.Weight.ExtraBold),
            QColor(theme.stale),
            QColor(theme.on_stale),
        )
        self._stale.setVisible(False)
        self._divider = QGraphicsRectItem(
            QRectF(
                g.SAFE_LEFT * s,
                bg.DIVIDER_Y * s,
                (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
                bg.DIVIDER_HEIGHT * s,
            )
        )
        self._divider.setPen(Qt.PenStyle.NoPen)
        self._empty = TextItem(
            board_font(self.font_px(44), QFont.Weight.Bold), QColor(theme.muted)
        )
        self._empty.setVisible(False)
        for item in (self._title, self._updated, self._stale, self._divider):
            self.addItem(item)
        self.addItem(self._empty)
        self._motion = self._glides_with(Glide(self, animations, self._on_frame))
        self._apply_theme()

    # -- ScreenScene -------------------------------------------------------------

    def _apply_theme(self) -> None:
        theme = self.theme
        self._title.set_colour(QColor(theme.text))
        self._updated.set_colour(QColor(theme.muted))
        self._stale.set_colours(QColor(theme.stale), QColor(theme.on_stale))
        self._divider.setBrush(QBrush(QColor(theme.accent)))
        self._empty.set_colour(QColor(theme.muted))
        for tile in self._tiles:
            tile.set_theme(theme)

    def turn_page(self) -> None:
        """The dwell is up: the next page of races (the first after the last)."""
        content, data = self._content, self.shown
        if content is None or data is None or content.pages < 2:
            return
        self._page = (content.page + 1) % content.pages
        self._show(data, animate=False)

    @property
    def page(self) -> int:
        """The page shown, from 0."""
        return self._content.page if self._content is not None else 0

    def pager(self) -> QTimer:
        """The timer that turns pages on air (tests look, never wait)."""
        return self._pager

    def set_active(self, active: bool) -> None:  # noqa: FBT001 - a plain switch
        """ScreenScene: no page turns while on no view."""
        self._active = active
        self._sync_pager()

    def _sync_pager(self) -> None:
        content, data = self._content, self.shown
        turning = (
            self._active
            and content is not None
            and data is not None
            and content.pages > 1
        )
        if not turning:
            self._pager.stop()
        elif data is not None and not self._pager.isActive():
            self._pager.start(round(data.options.race_dwell * 1000))

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        content = bigboard_content(data, self._page)
        self._page = content.page
        before = self._content
        self._content = content
        self._sync_pager()
        self._build_tiles(content.grid)
        self._header(content)
        previous = dict(self._drawn)
        self._start, self._target = {}, {}
        self._before = {}
        # Parties beside the names on every tile, or on none: a board where
        # some tiles name parties and others do not reads as a mistake.
        parties = all(
            tile.parties_fit(tile_content)
            for tile, tile_content in zip(self._tiles, content.tiles, strict=False)
        )
        for tile in self._tiles:
            tile.set_parties_allowed(allowed=parties)
        for index, tile in enumerate(self._tiles):
            if index >= len(content.tiles):
                tile.setVisible(False)
                continue
            tile_content = content.tiles[index]
            old = tile.content
            if (
                animate
                and old is not None
                and before is not None
                and old.race_id == tile_content.race_id
                and [r.key for r in old.rows] != [r.key for r in tile_content.rows]
            ):
                # Candidates trade places: the old order until the switch.
                self._before[index] = old
            else:
                tile.set_content(tile_content)
            for row in tile_content.rows:
                key = (tile_content.race_id, row.key)
                target = (float(row.votes), row.share, row.bar_fraction)
                self._target[key] = target
                self._start[key] = previous.get(key, target)
        self._empty.setVisible(not content.tiles)
        if not content.tiles:
            self._empty.set_text(NO_RACES)
            width = self._empty.width()
            self._empty.set_anchor(
                (self.raster.width - width) / 2, (g.SAFE_TOP + 500) * self._s
            )
        self._motion.stop()
        if animate and (self._start != self._target or self._before):
            self._motion.start(ANIMATION_MS)
        else:
            self._on_frame(1.0)

    def set_stale(self, text: str | None) -> None:
        """The STALE badge left of the results time, or none."""
        super().set_stale(text)
        self._stale.set_content(text or "")
        if self._content is not None:
            self._place_header_right()

    # -- public (tests) ----------------------------------------------------------

    @property
    def content(self) -> BigBoardContent | None:
        """What the board shows (its end state)."""
        return self._content

    def tiles(self) -> list[Tile]:
        """The tiles on show, in reading order."""
        return [tile for tile in self._tiles if tile.isVisible()]

    def title_text(self) -> str:
        """The title line's words as drawn."""
        return self._title.text()

    def updated_text(self) -> str:
        """The results time as drawn."""
        return self._updated.text()

    # -- internals ---------------------------------------------------------------

    def _build_tiles(self, grid: int) -> None:
        """A tile per place in the grid, made again only for a new grid."""
        if grid == self._grid:
            return
        for tile in self._tiles:
            self.removeItem(tile)
            tile.deleteLater()
        self._grid = grid
        self._tiles = [
            Tile(layout, self._s, self.theme) for layout in bg.tile_layouts(grid)
        ]
        for tile in self._tiles:
            self.addItem(tile)
        self._drawn = {}

    def _header(self, content: BigBoardContent) -> None:
        self._title_words = content.title
        self._updated.set_text(content.updated)
        self._place_header_right()

    def _place_header_right(self) -> None:
        """The time (and badge) at the right, left of the TEST DATA slug when
        it is on; the title takes the room they leave."""
        s = self._s
        line = bg.HEADER_TITLE_PX * g.LINE_HEIGHT
        right = g.SAFE_RIGHT * s
        if self.shows_test_slug():
            right = self.slug_rect().left() - 20 * s
        if self._stale.isVisible():
            badge = self._stale.boundingRect()
            top = g.TITLE_Y * s + (line * s - badge.height()) / 2
            self._stale.setPos(right - badge.width(), top)
            right -= badge.width() + 20 * s
        updated_top = g.TITLE_Y + (line - bg.HEADER_UPDATED_PX * g.LINE_HEIGHT) / 2
        self._updated.set_anchor(right, updated_top * s)
        room = right - self._updated.width() - g.TITLE_GAP * s - g.SAFE_LEFT * s
        self._title.set_max_width(max(0.0, room))
        self._title.set_text(self._title_words)
        self._title.set_anchor(g.SAFE_LEFT * s, g.TITLE_Y * s)

    def _on_frame(self, t: float) -> None:
        """Every row's figures at eased progress ``t`` between the snapshots.

        A tile whose candidates trade places keeps the old order (and its
        words) until SWITCH, then takes the new: the figures crossing there
        are close, so no name jumps over a very different number.
        """
        content = self._content
        if content is None:
            return
        drawn: dict[tuple[str, str], Figures] = {}
        for index, (tile, tile_content) in enumerate(
            zip(self._tiles, content.tiles, strict=False)
        ):
            before = self._before.get(index)
            shown = before if before is not None and t < SWITCH else tile_content
            if tile.content is not shown:
                tile.set_content(shown)
            figures = []
            for row in shown.rows:
                key = (shown.race_id, row.key)
                now = self._figures_at(key, t)
                drawn[key] = now
                figures.append(now)
            tile.set_figures(figures)
        self._drawn = drawn

    def _figures_at(self, key: tuple[str, str], t: float) -> Figures:
        """A candidate's figures at ``t``; one leaving the tile stays put."""
        start = self._start.get(key) or self._drawn.get(key)
        end = self._target.get(key)
        if start is None or end is None:
            return start or end or (0.0, 0.0, 0.0)
        return (
            start[0] + (end[0] - start[0]) * t,
            start[1] + (end[1] - start[1]) * t,
            start[2] + (end[2] - start[2]) * t,
        )
