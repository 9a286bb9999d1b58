"""The program scene: one race drawn as broadcast graphics at a fixed raster.

Items are created once per race and updated in place; changes between
snapshots animate for about half a second, and a new theme recolours the
items in place. The same scene is shown scaled in the window and rendered 1:1
for export.

The glide: numbers roll and bars grow for the whole half second; a row that
changes places lifts out (fades where it was) and settles in (fades in where
it goes), so no two rows are ever drawn over each other. The header, the
cutoff line and the marks change at the moment the rows change places.

A call's moment (ui/board/banner.py) holds the rows' chips as they were until
the banner reveals the call: WINNER or ADVANCES lands with the call's words.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import (
    QEasingCurve,
    QLineF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QWidget,
)

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, RowContent, rule_forms
from electionboard.presentation.fitting import break_in_two
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.backdrop import Backdrop
from electionboard.ui.board.banner import BANNER_Z, CallBanner
from electionboard.ui.board.bars import HorizontalBars
from electionboard.ui.board.headshot import Headshots, ImageLoader
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.logo import IdentityBug
from electionboard.ui.board.rounds import RoundsLayer
from electionboard.ui.board.row import CandidateRow, Chip, chip_of
from electionboard.ui.board.slug import TestSlug
from electionboard.ui.board.watermark import TestWatermark
from electionboard.ui.fonts import board_font, register_fonts
from electionboard.ui.theme import DARK, Theme

ANIMATION_MS = 500
ROUNDS_FOOTER_TOP = 8.0
"""Where the inactive chip and the threshold label sit under a round's rows."""
SWITCH = 0.5
"""Eased progress at which re-seated rows and the header change over."""
TRANSFER_SWITCH = 0.8
"""The same in a ranked-choice transfer: rows stay in place while the votes
move, then a row that a transfer lifts past another changes places."""
TRANSFER_FADE = 0.1
"""How long (eased) such a row takes to fade out, and then in."""
MOVED = 0.5
"""Scene pixels a row's top must change by for the row to be re-seated."""


@dataclass(slots=True)
class _RowState:
    top: float
    length: float
    votes: float
    share: float


class BoardScene(QGraphicsScene):
    """Header, bars with their cutoff line, and the call banner.

    ``content_shown`` fires with the BoardContent each time ``show_content``
    puts words and numbers on the scene, e.g. for a watch-folder export.
    """

    content_shown = Signal(object)  # BoardContent

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
        headshots_dir: Path | None = None,
        logo: Path | None = None,
    ) -> None:
        super().__init__(0, 0, raster.width, raster.height, parent)
        register_fonts()
        self.raster = raster
        self.theme = theme
        self._s = raster.scale
        self._content: BoardContent | None = None
        self._rows: dict[str, CandidateRow] = {}
        self._order: list[str] = []
        self._shown: dict[str, _RowState] = {}
        self._start: dict[str, _RowState] = {}
        self._target: dict[str, _RowState] = {}
        self._bar_colours: list[QColor] = []
        self._layout = g.board_layout(0, None)
        self._shown_layout = self._layout
        self._header_shown: BoardContent | None = None
        self._prepared_for: BoardContent | None = None
        """The content whose switch frame is being prepared for."""
        self._to_prepare: list[Callable[[], None]] = []
        """What is left to draw ahead for it, a text a frame."""
        self._grid: list[QGraphicsLineItem] = []
        self._row_content: dict[str, RowContent] = {}
        self._new_keys: set[str] = set()
        self._held_chips: dict[str, Chip] | None = None
        """Each row's chip from before a call, shown until the call's reveal."""
        self._title_text = ""
        self._build_background()
        self._build_header()
        self._build_chart()
        self._build_banner(animations)
        self.rounds = RoundsLayer(self._s, theme)
        """A ranked-choice round's arriving votes and inactive ballots."""
        for item in self.rounds.items():
            self.addItem(item)
        self._watermark = TestWatermark(raster, theme)
        self.addItem(self._watermark)
        self._slug = TestSlug(raster, theme)
        self.addItem(self._slug)
        # Identity (issue 13): headshots and the logo bug, read on a worker.
        self.images = ImageLoader(self)
        self._headshots = Headshots(self.images, headshots_dir, self._s)
        self._bug = IdentityBug(self._s, self.images, logo)
        for item in self._bug.items():
            # On the banner's holder: the same place in the banner at any row count.
            item.setParentItem(self._banner_holder)
        self.images.loaded.connect(self._on_images_loaded)
        self._apply_theme()
        self._animation = animations.tween(
            self, QEasingCurve.Type.OutCubic, self._on_frame
        )

    # -- building -------------------------------------------------------------

    def _rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        s = self._s
        return QRectF(x * s, y * s, w * s, h * s)

    def _build_background(self) -> None:
        self._backdrop = Backdrop(self.raster)
        for item in self._backdrop.items():
            self.addItem(item)

    def _build_header(self) -> None:
        s = self._s
        text, muted, accent = (
            QColor(self.theme.text),
            QColor(self.theme.muted),
            QColor(self.theme.accent),
        )
        self._title = TextItem(
            board_font(g.TITLE_PX * s, QFont.Weight.ExtraBold),
            text,
            max_width=g.TITLE_MAX_WIDTH * s,
            min_pixel_size=round(g.TITLE_MIN_PX * s),
            whole_pixels=True,
        )
        self._rule_text = TextItem(
            board_font(g.SUBTITLE_PX * s, QFont.Weight.DemiBold),
            accent,
            max_width=1120 * s,
            min_pixel_size=round(g.CAPS_MIN_PX * s),
            whole_pixels=True,
        )
        self._reporting = TextItem(
            board_font(g.SUBTITLE_PX * s, QFont.Weight.DemiBold),
            text,
            right_aligned=True,
            whole_pixels=True,
        )
        self._updated = TextItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.DemiBold),
            muted,
            right_aligned=True,
            whole_pixels=True,
        )
        self._stale = PillItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.ExtraBold),
            QColor(self.theme.stale),
            QColor(self.theme.on_stale),
        )
        self._stale.setVisible(False)
        self._divider = QGraphicsRectItem(
            self._rect(g.SAFE_LEFT, g.RULE_Y, g.SAFE_RIGHT - g.SAFE_LEFT, g.RULE_HEIGHT)
        )
        self._divider.setBrush(QBrush(accent))
        self._divider.setPen(QPen(Qt.PenStyle.NoPen))
        for item in (
            self._title,
            self._rule_text,
            self._reporting,
            self._updated,
            self._stale,
            self._divider,
        ):
            self.addItem(item)
        self._title.set_anchor(g.SAFE_LEFT * s, g.TITLE_Y * s)
        self._rule_text.set_anchor(g.SAFE_LEFT * s, g.SUBTITLE_Y * s)
        self._reporting.set_anchor(g.SAFE_RIGHT * s, g.SUBTITLE_Y * s)

    def _build_chart(self) -> None:
        s = self._s
        reach = (g.BAR_LEFT + g.BAR_MAX) * s
        self._tracks = HorizontalBars(g.BAR_LEFT * s, g.MIN_PITCH * s, z=1, reach=reach)
        self._bars = HorizontalBars(g.BAR_LEFT * s, g.MIN_PITCH * s, z=2, reach=reach)
        self.addItem(self._tracks.item)
        self.addItem(self._bars.item)
        pen = QPen(QColor(self.theme.accent), 4 * s)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self._cutoff_line = QGraphicsLineItem()
        self._cutoff_line.setPen(pen)
        self._cutoff_line.setZValue(3)
        self._cutoff_label = PillItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.ExtraBold),
            QColor(self.theme.accent),
            QColor(self.theme.on_accent),
        )
        self._cutoff_label.setZValue(4)
        self.addItem(self._cutoff_line)
        self.addItem(self._cutoff_label)
        self._cutoff_line.setVisible(False)
        self._cutoff_label.setVisible(False)
        # The threshold mark: a solid share line across the bars, labelled.
        mark_pen = QPen(QColor(self.theme.text), g.MARK_WIDTH * s)
        mark_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self._mark_line = QGraphicsLineItem()
        self._mark_line.setPen(mark_pen)
        self._mark_line.setZValue(3)
        self._mark_label = PillItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.ExtraBold),
            QColor(self.theme.text),
            QColor(self.theme.plate),
        )
        self._mark_label.setZValue(4)
        self.addItem(self._mark_line)
        self.addItem(self._mark_label)
        self._mark_line.setVisible(False)
        self._mark_label.setVisible(False)

    def _build_banner(self, animations: AnimationClock) -> None:
        self._banner = CallBanner(
            self._s,
            self.theme,
            owner=self,
            animations=animations,
            on_reveal=self._release_chips,
        )
        # The banner follows the last row: its items ride on one holder,
        # moved up from its lowest place (BANNER_TOP) by the layout.
        self._banner_holder = QGraphicsRectItem()
        self._banner_holder.setPen(QPen(Qt.PenStyle.NoPen))
        self._banner_holder.setZValue(BANNER_Z)  # over the rows, as its items ask
        self.addItem(self._banner_holder)
        for item in self._banner.items():
            item.setParentItem(self._banner_holder)

    def _apply_theme(self) -> None:
        """Recolour the items that live as long as the scene."""
        theme = self.theme
        text, muted, accent = (
            QColor(theme.text),
            QColor(theme.muted),
            QColor(theme.accent),
        )
        self._backdrop.set_theme(theme)
        self._watermark.set_theme(theme)
        self._slug.set_theme(theme)
        self._title.set_colour(text)
        self._rule_text.set_colour(accent)
        self._reporting.set_colour(text)
        self._updated.set_colour(muted)
        self._stale.set_colours(QColor(theme.stale), QColor(theme.on_stale))
        self._divider.setBrush(QBrush(accent))
        pen = self._cutoff_line.pen()
        pen.setColor(accent)
        self._cutoff_line.setPen(pen)
        self._cutoff_label.set_colours(accent, QColor(theme.on_accent))
        mark_pen = self._mark_line.pen()
        mark_pen.setColor(text)
        self._mark_line.setPen(mark_pen)
        self._mark_label.set_colours(text, QColor(theme.plate))
        self.rounds.set_theme(theme)
        for line in self._grid:
            line.setPen(self._grid_pen())

    def _grid_pen(self) -> QPen:
        colour = QColor(self.theme.text)
        colour.setAlphaF(0.16)
        pen = QPen(colour, g.GRID_WIDTH * self._s)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    # -- public ----------------------------------------------------------------

    @property
    def content(self) -> BoardContent | None:
        """What the scene shows (the animation's end state)."""
        return self._content

    def set_theme(self, theme: Theme) -> None:
        """Restyle the live scene: recolour every item, re-show the content.

        The content jumps to its end state rather than animating again.
        """
        self.theme = theme
        self._apply_theme()
        for row in self._rows.values():
            row.set_theme(theme)
        if self._content is not None:
            self.show_content(self._content, animate=False)

    def set_transparent(self, *, transparent: bool) -> None:
        """Hide the full-frame background whatever the theme (alpha 0 there)."""
        self._backdrop.set_background_hidden(hidden=transparent)

    def set_stale(self, text: str | None) -> None:
        """Show the STALE badge with ``text`` (e.g. 'STALE · 2 MIN'), or hide it."""
        self._stale.set_content(text or "")
        self._place_header_right()

    def stale_text(self) -> str:
        """The stale badge's text, empty when hidden."""
        return self._stale.text() if self._stale.isVisible() else ""

    def header_rects(self) -> dict[str, QRectF]:
        """Scene rectangles of the header's texts and badge (tests)."""
        return {
            "title": self._title.sceneBoundingRect(),
            "rule": self._rule_text.sceneBoundingRect(),
            "reporting": self._reporting.sceneBoundingRect(),
            "updated": self._updated.sceneBoundingRect(),
            "stale": self._stale.sceneBoundingRect()
            if self._stale.isVisible()
            else QRectF(),
        }

    def banner_texts(self) -> tuple[str, str]:
        """Headline and second line of the banner."""
        return self._banner.texts()

    def header_texts(self) -> dict[str, str]:
        """The header's words."""
        return {
            "title": self._title.text(),
            "rule": self._rule_text.text(),
            "reporting": self._reporting.text(),
            "updated": self._updated.text(),
        }

    def row_order(self) -> list[str]:
        """Row keys from top to bottom as they will settle."""
        return list(self._order)

    def row(self, key: str) -> CandidateRow:
        """The row item for a candidate id (or ``__others__``)."""
        return self._rows[key]

    def layout(self) -> g.BoardLayout:
        """The layout on screen now (1080 units); it changes with the rows."""
        return self._shown_layout

    def banner_rect(self) -> QRectF:
        """The banner's plate in scene coordinates."""
        return self._banner.plate.sceneBoundingRect()

    def grid_xs(self) -> list[float]:
        """Scene x of each share gridline (every 10% of the axis)."""
        return [line.line().x1() for line in self._grid if line.isVisible()]

    def bar_length(self, key: str) -> float:
        """A bar's current drawn length in scene pixels."""
        return self._shown[key].length

    def bar_rect(self, key: str) -> QRectF:
        """A bar's current rectangle in scene coordinates."""
        state = self._shown[key]
        s = self._s
        height = self._shown_layout.bar_height * s
        return QRectF(g.BAR_LEFT * s, state.top, state.length, height)

    def flags_text(self) -> str:
        """The banner's flags (desk figures, not in feed), empty when none."""
        return self._banner.flags_text()

    def cutoff_label(self) -> str:
        """The cutoff line's label, empty when the line is hidden."""
        return self._cutoff_label.text() if self._cutoff_label.isVisible() else ""

    def mark_line(self) -> QLineF | None:
        """The threshold mark in scene coordinates, None when hidden."""
        return self._mark_line.line() if self._mark_line.isVisible() else None

    def mark_line_pen_width(self) -> float:
        """The threshold mark's stroke width in scene pixels (tests)."""
        return self._mark_line.pen().widthF()

    def mark_label(self) -> str:
        """The threshold mark's label, empty when hidden."""
        return self._mark_label.text() if self._mark_label.isVisible() else ""

    def shows_test_watermark(self) -> bool:
        """True while the TEST DATA watermark is on."""
        return self._watermark.isVisible()

    def shows_test_slug(self) -> bool:
        """True while the TEST DATA · NOT FOR AIR corner slug is on."""
        return self._slug.isVisible()

    def slug_rect(self) -> QRectF:
        """The slug's scene rectangle (tests)."""
        return self._slug.sceneBoundingRect()

    @property
    def identity(self) -> IdentityBug:
        """The logo bug and locator."""
        return self._bug

    def _on_images_loaded(self, _images: object) -> None:
        self._headshots.refresh(self._rows)
        self._unify_name_sizes()
        if self._content is not None:
            self._show_banner(self._content)

    def _show_banner(self, content: BoardContent, *, moment: bool = False) -> None:
        taken = self._bug.show(content, self.theme)
        self._banner.show(content, self.theme, moment=moment, room_taken=taken)

    def is_animating(self) -> bool:
        """True while bars are still moving or a call's moment still plays."""
        return self._animation.is_running() or self._banner.is_wiping()

    def banner_drawn_texts(self) -> tuple[str, ...]:
        """The banner's words in this frame (the held beat, mid-wipe)."""
        return self._banner.drawn_texts()

    def banner_wipe_rect(self) -> QRectF:
        """The call plate's extent mid-wipe in scene pixels, empty otherwise."""
        return self._banner.wipe_rect()

    def show_content(self, content: BoardContent, *, animate: bool = True) -> None:
        """Show a race; changes glide into place unless ``animate`` is False."""
        new_race = self._content is None or self._content.race_id != content.race_id
        previous = self._content
        self._content = content
        if new_race:
            self._rebuild_rows()
            self._header_shown = None
        self._layout = g.board_layout(
            len(content.rows),
            content.cutoff_after,
            title_lines=self._title_lines(content.title),
            footer=g.ROUNDS_FOOTER if content.rounds is not None else 0.0,
        )
        self.rounds.show(content, previous, self._layout)
        if self.rounds.in_transfer:
            # The header says the round the banner and the votes go to, from
            # the transfer's first frame (the layout stays: rounds share it).
            self._update_header(content)
        self._show_banner(content, moment=animate and not new_race)
        if not self._banner.holds_call():
            self._held_chips = None
        elif self._held_chips is None and previous is not None:
            self._held_chips = {row.key: chip_of(row) for row in previous.rows}
        self._watermark.setVisible(content.test_data)
        self._slug.setVisible(content.test_data)
        self._place_header_right()
        self._set_targets(content, grow_from_zero=new_race)
        self._hold_chips(self._held_chips)
        if new_race or not animate:
            self._switch_to(content)
        self._animation.stop()
        if animate:
            self._animation.start(ANIMATION_MS)
        else:
            self._on_frame(1.0)
        self.content_shown.emit(content)

    def finish_animation(self) -> None:
        """Jump to the end state (for export and tests)."""
        if self._animation.is_running():
            self._animation.stop()
        self._on_frame(1.0)
        self._banner.finish()

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """Show the end state inside the block, then put a glide back where it was.

        An export renders the settled picture this way without cutting the
        glide on air: nothing repaints until the event loop runs again.
        """
        self._on_frame(1.0)
        self._hold_chips(None)
        try:
            with self._banner.end_state():
                yield
        finally:
            self._hold_chips(self._held_chips)
            if self._animation.is_running():
                self._on_frame(self._animation.progress())

    def chips_held(self) -> bool:
        """True while a call's moment holds the rows' chips back (tests)."""
        return self._held_chips is not None

    def _hold_chips(self, held: dict[str, Chip] | None) -> None:
        """Rows show their chip from ``held`` (none if they had none), or their own."""
        for key, row in self._rows.items():
            row.hold_chip(None if held is None else held.get(key, ("", False)))

    def _release_chips(self) -> None:
        """The banner revealed the call: its chips come up with it."""
        self._held_chips = None
        self._hold_chips(None)

    # -- internals -----------------------------------------------------------------

    def _rebuild_rows(self) -> None:
        for row in self._rows.values():
            self.removeItem(row)
            row.deleteLater()
        self._rows = {}
        self._shown = {}

    def _title_lines(self, title: str) -> int:
        """One line if the title fits its room at the smallest title size."""
        return _title_lines(title, self._s)

    def _switch_to(self, content: BoardContent) -> None:
        """Show ``content``'s header, layout, cutoff and marks (once per content)."""
        if self._header_shown is content:
            return
        self._header_shown = content
        # Shown: the same content shown again later is prepared again (its
        # images were since replaced by other words').
        self._prepared_for = None
        self._shown_layout = self._layout
        for key, row in self._rows.items():
            row.set_layout(self._layout)
            target = self._row_content.get(key)
            if target is not None:
                row.set_content(target)
        self._unify_name_sizes()
        self._update_header(content)
        self._update_cutoff(content)
        self._update_mark(content)
        self._update_grid(content)
        self._bars.set_height(self._layout.bar_height * self._s)
        self._tracks.set_height(self._layout.bar_height * self._s)
        self._banner_holder.setPos(
            0, (self._layout.banner_top - g.BANNER_TOP) * self._s
        )

    def _prepare_switch(self, content: BoardContent) -> None:
        """Draw the words ``content``'s switch will show, one text a frame
        on the frames before it: at 4K each new text is a millisecond or
        two of outline fills, and the switch frame is the glide's longest."""
        if self._header_shown is content:
            return
        if self._prepared_for is not content:
            self._prepared_for = content
            self._to_prepare = [
                lambda: self._updated.prepare((content.updated,)),
                lambda: self._reporting.prepare((content.reporting,)),
                lambda: self._rule_text.prepare(rule_forms(content.rule)),
            ]
            if content.cutoff_after is not None:
                self._to_prepare.append(
                    lambda: self._cutoff_label.prepare(content.cutoff_label)
                )
        if self._to_prepare:
            self._to_prepare.pop(0)()

    def _update_header(self, content: BoardContent) -> None:
        s = self._s
        layout = self._layout
        two = layout.title_lines > 1
        self._title.set_base_font(
            board_font(
                (g.TITLE_TWO_LINE_PX if two else g.TITLE_PX) * s,
                QFont.Weight.ExtraBold,
            )
        )
        self._title_text = content.title
        self._rule_text.set_anchor(g.SAFE_LEFT * s, layout.subtitle_y * s)
        self._reporting.set_anchor(g.SAFE_RIGHT * s, layout.subtitle_y * s)
        self._divider.setRect(
            self._rect(
                g.SAFE_LEFT, layout.rule_y, g.SAFE_RIGHT - g.SAFE_LEFT, g.RULE_HEIGHT
            )
        )
        self._rule_text.set_texts(rule_forms(content.rule))
        self._reporting.set_text(content.reporting)
        self._updated.set_text(content.updated)
        self._place_header_right()

    def _fit_title(self, room: float) -> None:
        """The title on one line, or broken in two evenly, or elided."""
        title = self._title_text
        self._title.set_max_width(room)
        if self._shown_layout.title_lines < 2:
            self._title.set_text(title)
            return
        metrics = QFontMetricsF(
            board_font(g.TITLE_TWO_LINE_PX * self._s, QFont.Weight.ExtraBold)
        )
        lines = break_in_two(title, metrics.horizontalAdvance, room)
        self._title.set_text("\n".join(lines) if lines is not None else title)

    def _place_header_right(self) -> None:
        s = self._s
        # The rule line takes only the room the reporting text leaves it.
        rule_room = (
            g.SAFE_RIGHT - g.SAFE_LEFT - g.TITLE_GAP
        ) * s - self._reporting.width()
        self._rule_text.set_max_width(max(0.0, min(1120 * s, rule_room)))
        right = g.SAFE_RIGHT * s
        top = (g.TITLE_Y + 16) * s
        if self._slug.isVisible():
            right -= self._slug.boundingRect().width() + 20 * s
        if self._stale.isVisible():
            width = self._stale.boundingRect().width()
            self._stale.setPos(right - width, top - 4 * s)
            right -= width + 20 * s
        self._updated.set_anchor(right, top)
        # The title takes only the room the time stamp and badge leave it.
        left = g.SAFE_LEFT * s
        room = right - self._updated.width() - g.TITLE_GAP * s - left
        self._fit_title(max(0.0, min(g.TITLE_MAX_WIDTH * s, room)))

    def _set_targets(self, content: BoardContent, *, grow_from_zero: bool) -> None:
        s = self._s
        layout = self._layout
        self._order = [row.key for row in content.rows]
        self._start = {}
        self._target = {}
        self._row_content = {row.key: row for row in content.rows}
        self._new_keys = set()
        for index, row_content in enumerate(content.rows):
            row = self._rows.get(row_content.key)
            if row is None:
                row = CandidateRow(self.theme, s, layout=self._shown_layout)
                row.setZValue(5)
                self.addItem(row)
                self._rows[row_content.key] = row
                row.set_content(row_content)
                if not grow_from_zero:
                    self._new_keys.add(row_content.key)
                self._headshots.dress(row, row_content, self.theme)
            target = _RowState(
                layout.bar_top(index) * s,
                row_content.bar_fraction * g.BAR_MAX * s,
                float(row_content.votes),
                row_content.share,
            )
            self._target[row_content.key] = target
            shown = self._shown.get(row_content.key)
            if shown is None:
                shown = _RowState(target.top, 0.0, 0.0, 0.0)
                if not grow_from_zero:
                    shown = _RowState(
                        target.top, target.length, target.votes, target.share
                    )
            self._start[row_content.key] = _RowState(
                shown.top, shown.length, shown.votes, shown.share
            )
        for key in list(self._rows):
            if key not in self._target:
                row = self._rows.pop(key)
                self.removeItem(row)
                row.deleteLater()
                self._shown.pop(key, None)
        self._bar_colours = [self.theme.colour(r.colour_key) for r in content.rows]
        self._unify_name_sizes()

    def _unify_name_sizes(self) -> None:
        """Every row's name at one size: the largest at which all fit whole;
        every count at one size, clear of the track at the widest count."""
        rows = list(self._rows.values())
        if not rows:
            return
        pixels = min(row.name_fit_pixels() for row in rows)
        for row in rows:
            row.set_name_pixels(pixels)
        targets = list(self._row_content.values())
        if not targets:
            return
        votes = f"{max(target.votes for target in targets):,}"
        share = f"{max(target.share for target in targets):.1f}%"
        count = min(row.votes_fit_pixels(votes, share) for row in rows)
        for row in rows:
            row.set_votes_pixels(count)

    def _update_cutoff(self, content: BoardContent) -> None:
        s = self._s
        visible = content.cutoff_after is not None
        self._cutoff_line.setVisible(visible)
        self._cutoff_label.set_content(content.cutoff_label if visible else "")
        cutoff = self._layout.cutoff_y()
        if cutoff is None:
            self._cutoff_line.setVisible(False)
            self._cutoff_label.set_content("")
            return
        y = cutoff * s
        self._cutoff_line.setLine(QLineF(g.SAFE_LEFT * s, y, g.SAFE_RIGHT * s, y))
        label = self._cutoff_label.boundingRect()
        self._cutoff_label.setPos(g.NAME_X * s, y - label.height() / 2)

    def _update_mark(self, content: BoardContent) -> None:
        """The threshold line spans every row; its label never covers a bar."""
        self._place_mark(content, content.mark_fraction, content.mark_label)

    def _place_mark(
        self, content: BoardContent, fraction: float | None, text: str
    ) -> None:
        s = self._s
        visible = fraction is not None and bool(content.rows)
        self._mark_line.setVisible(visible)
        self._mark_label.set_content(text if visible else "")
        if fraction is None or not content.rows:
            for row in self._rows.values():
                row.set_mark(None)
            return
        x = (g.BAR_LEFT + g.BAR_MAX * min(1.0, max(0.0, fraction))) * s
        for row in self._rows.values():
            row.set_mark(x)
        layout = self._layout
        top = (layout.rows_top + 4) * s
        bottom = (layout.rows_bottom - 4) * s
        self._mark_line.setLine(QLineF(x, top, x, bottom))
        if content.rounds is not None:
            # Under the rows, beside the inactive chip, in the footer the
            # layout keeps for them: the rows' notes and chips need the room.
            label = self._mark_label.boundingRect()
            left = x - 10 * s - label.width()
            if left < g.BAR_LEFT * s:
                left = x + 10 * s
            self._mark_label.setPos(left, (layout.rows_bottom + ROUNDS_FOOTER_TOP) * s)
            return
        self._mark_label.setPos(*self._mark_label_place(content, x))

    def _mark_label_place(self, content: BoardContent, x: float) -> tuple[float, float]:
        """Beside the line over track no bar or chip takes (last row first),
        else beside the line's top in the gap under the header."""
        s = self._s
        layout = self._layout
        label = self._mark_label.boundingRect()
        width, height = label.width(), label.height()
        gap = 10 * s
        track = (g.BAR_LEFT * s, (g.BAR_LEFT + g.BAR_MAX) * s)
        sides = [
            left
            for left in (x + gap, x - gap - width)
            if track[0] <= left and left + width <= track[1]
        ]
        bar_height = layout.bar_height * s
        for index in reversed(range(min(len(content.rows), layout.rows))):
            row_content = content.rows[index]
            taken = (g.BAR_LEFT + g.BAR_MAX * row_content.bar_fraction) * s
            row = self._rows.get(row_content.key)
            chip = row.chip_width() if row is not None else 0.0
            if chip:
                taken += chip + 2 * 12 * s
            bar_top = layout.bar_top(index) * s
            for left in sides:
                if left >= taken + gap:
                    return left, bar_top + (bar_height - height) / 2
        # In the header's gap, on the divider like a tab: under the subtitle
        # line's texts, just clear of the first bar.
        subtitle = (layout.subtitle_y + g.SUBTITLE_PX * g.LINE_HEIGHT) * s
        first_bar = layout.bar_top(0) * s
        left = sides[0] if sides else x + gap
        return left, max(subtitle + 2 * s, first_bar - 4 * s - height)

    def _update_grid(self, content: BoardContent) -> None:
        """Faint lines every 10% of the share axis, across the rows."""
        s = self._s
        layout = self._layout
        ticks = g.axis_ticks(content.axis_share) if content.rows else ()
        while len(self._grid) < len(ticks):
            line = QGraphicsLineItem()
            line.setPen(self._grid_pen())
            line.setZValue(1.5)  # over the tracks, under the bars
            self.addItem(line)
            self._grid.append(line)
        top, bottom = layout.rows_top * s, layout.rows_bottom * s
        for index, line in enumerate(self._grid):
            line.setVisible(index < len(ticks))
            if index < len(ticks):
                x = (g.BAR_LEFT + g.BAR_MAX * ticks[index]) * s
                line.setLine(QLineF(x, top, x, bottom))

    def _on_frame(self, t: float) -> None:
        """One frame of the glide at eased progress ``t``.

        Before SWITCH every row is where it was; from SWITCH on, where it
        goes. A row that changes places fades out before and in after, so
        the two sets of places are never on screen together.
        """
        transfer = self.rounds.in_transfer
        switch = TRANSFER_SWITCH if transfer else SWITCH
        late = t >= switch
        if late and self._content is not None:
            self._switch_to(self._content)
        elif t > 0 and self._content is not None:
            self._prepare_switch(self._content)
        s = self._s
        mark_x = self._follow_threshold(t)
        tops: list[float] = []
        fades: list[float] = []
        lengths: list[float] = []
        bar_colours: list[QColor] = []
        track_colours: list[QColor] = []
        track = self.theme.surface("track")
        bar_top = (self._shown_layout.pitch - self._shown_layout.bar_height) / 2
        bar_left = g.BAR_LEFT * s
        for key, colour in zip(self._order, self._bar_colours, strict=True):
            start, end = self._start[key], self._target[key]
            row = self._rows[key]
            moved = abs(end.top - start.top) > MOVED
            fade = 1.0
            if moved and transfer:
                fade = _transfer_fade(t)
            elif moved:
                fade = (t - SWITCH) / (1 - SWITCH) if late else 1 - t / SWITCH
            elif key in self._new_keys:  # new to the race: in after the switch
                fade = (t - switch) / (1 - switch) if late else 0.0
            state = _RowState(
                end.top if late else start.top,
                start.length + (end.length - start.length) * t,
                start.votes + (end.votes - start.votes) * t,
                start.share + (end.share - start.share) * t,
            )
            self._shown[key] = state
            row.setPos(0, state.top - bar_top * s)
            row.set_fade(fade)
            row.set_numbers(state.votes, state.share)
            row.place_tag(bar_left + state.length, keep_clear=mark_x)
            tops.append(state.top)
            fades.append(fade)
            lengths.append(state.length)
            bar_colours.append(_faded(colour, fade))
            track_colours.append(_faded(track, fade))
        self._tracks.update(tops, [g.BAR_MAX * s] * len(tops), track_colours)
        self._bars.update(tops, lengths, bar_colours)
        drawn = zip(tops, lengths, fades, strict=True)
        self.rounds.on_frame(t, dict(zip(self._order, drawn, strict=True)))

    def _follow_threshold(self, t: float) -> float | None:
        """In a transfer, move the threshold with the continuing votes.

        Returns the line's x in scene pixels on a round's board (the row
        notes keep clear of it), None on any other board.
        """
        content = self._content
        if content is None or content.rounds is None:
            return None
        if self.rounds.in_transfer:
            fraction, label = self.rounds.threshold(t)
            self._place_mark(content, fraction, label)
        line = self.mark_line()
        return line.x1() if line is not None else None


@lru_cache(maxsize=256)
def _title_lines(title: str, s: float) -> int:
    """BoardScene._title_lines, measured once per title and scale (each poll
    of each scene asks again)."""
    font = board_font(g.TITLE_MIN_PX * s, QFont.Weight.ExtraBold)
    width = QFontMetricsF(font).horizontalAdvance(title)
    return 1 if width <= g.TITLE_MAX_WIDTH * s else 2


def _transfer_fade(t: float) -> float:
    """A re-seated row in a transfer: out just before the switch, in after."""
    if t < TRANSFER_SWITCH:
        return min(1.0, (TRANSFER_SWITCH - t) / TRANSFER_FADE)
    return min(1.0, (t - TRANSFER_SWITCH) / TRANSFER_FADE)


def _faded(colour: QColor, fade: float) -> QColor:
    """``colour`` at ``fade`` of its alpha; whole (most rows, most frames) as is."""
    if fade == 1.0:
        return colour  # the bars copy what they keep
    faded = QColor(colour)
    faded.setAlphaF(colour.alphaF() * fade)
    return faded
