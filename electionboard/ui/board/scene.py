"""The program scene: one race drawn as broadcast graphics at a fixed raster.

Items are created once per race and updated in place; changes between
snapshots animate for about half a second, and a new theme recolours the
items in place. The same scene is shown scaled in the window and rendered 1:1
for export.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import (
    QEasingCurve,
    QLineF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QWidget,
)

from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.backdrop import Backdrop
from electionboard.ui.board.banner import CallBanner
from electionboard.ui.board.bars import HorizontalBars
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.row import CandidateRow
from electionboard.ui.board.watermark import TestWatermark
from electionboard.ui.fonts import board_font, register_fonts
from electionboard.ui.theme import DARK, Theme

ANIMATION_MS = 500


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
        self._track_colours: list[QColor] = []
        self._build_background()
        self._build_header()
        self._build_chart()
        self._build_banner(animations)
        self._watermark = TestWatermark(raster, theme)
        self.addItem(self._watermark)
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
            min_pixel_size=round(48 * s),
        )
        self._rule_text = TextItem(
            board_font(g.SUBTITLE_PX * s, QFont.Weight.DemiBold),
            accent,
            max_width=1120 * s,
            min_pixel_size=round(g.CAPS_MIN_PX * s),
        )
        self._reporting = TextItem(
            board_font(g.SUBTITLE_PX * s, QFont.Weight.DemiBold),
            text,
            right_aligned=True,
        )
        self._updated = TextItem(
            board_font(g.SMALL_CAPS_PX * s, QFont.Weight.DemiBold),
            muted,
            right_aligned=True,
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
        self._tracks = HorizontalBars(g.BAR_LEFT * s, g.BAR_HEIGHT * s, z=1)
        self._bars = HorizontalBars(g.BAR_LEFT * s, g.BAR_HEIGHT * s, z=2)
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
            self._s, self.theme, owner=self, animations=animations
        )
        for item in self._banner.items():
            self.addItem(item)

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
        """Scene rectangles of the header's title, time stamp and badge (tests)."""
        return {
            "title": self._title.sceneBoundingRect(),
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

    def bar_length(self, key: str) -> float:
        """A bar's current drawn length in scene pixels."""
        return self._shown[key].length

    def bar_rect(self, key: str) -> QRectF:
        """A bar's current rectangle in scene coordinates."""
        state = self._shown[key]
        s = self._s
        return QRectF(g.BAR_LEFT * s, state.top, state.length, g.BAR_HEIGHT * s)

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
        self._content = content
        if new_race:
            self._rebuild_rows()
        self._update_header(content)
        self._banner.show(content, self.theme, moment=animate and not new_race)
        self._watermark.setVisible(content.test_data)
        self._set_targets(content, grow_from_zero=new_race)
        self._update_cutoff(content)
        self._update_mark(content)
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
        try:
            with self._banner.end_state():
                yield
        finally:
            if self._animation.is_running():
                self._on_frame(self._animation.progress())

    # -- internals -----------------------------------------------------------------

    def _rebuild_rows(self) -> None:
        for row in self._rows.values():
            self.removeItem(row)
            row.deleteLater()
        self._rows = {}
        self._shown = {}

    def _update_header(self, content: BoardContent) -> None:
        self._title.set_text(content.title)
        self._rule_text.set_text(content.rule)
        self._reporting.set_text(content.reporting)
        self._updated.set_text(content.updated)
        self._place_header_right()

    def _place_header_right(self) -> None:
        s = self._s
        # The rule line takes only the room the reporting text leaves it.
        rule_room = (
            g.SAFE_RIGHT - g.SAFE_LEFT - g.TITLE_GAP
        ) * s - self._reporting.width()
        self._rule_text.set_max_width(max(0.0, min(1120 * s, rule_room)))
        right = g.SAFE_RIGHT * s
        top = (g.TITLE_Y + 16) * s
        if self._stale.isVisible():
            width = self._stale.boundingRect().width()
            self._stale.setPos(right - width, top - 4 * s)
            right -= width + 20 * s
        self._updated.set_anchor(right, top)
        # The title takes only the room the time stamp and badge leave it.
        left = g.SAFE_LEFT * s
        room = right - self._updated.width() - g.TITLE_GAP * s - left
        self._title.set_max_width(max(0.0, min(g.TITLE_MAX_WIDTH * s, room)))

    def _set_targets(self, content: BoardContent, *, grow_from_zero: bool) -> None:
        s = self._s
        mid = (g.ROW_HEIGHT - g.BAR_HEIGHT) / 2 * s
        self._order = [row.key for row in content.rows]
        self._start = {}
        self._target = {}
        for index, row_content in enumerate(content.rows):
            row = self._rows.get(row_content.key)
            if row is None:
                row = CandidateRow(self.theme, s)
                row.setZValue(5)
                self.addItem(row)
                self._rows[row_content.key] = row
            row.set_content(row_content)
            top = g.row_top(index, content.cutoff_after) * s
            target = _RowState(
                top + mid,
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
        colours = [self.theme.colour(r.colour_key) for r in content.rows]
        self._bar_colours = colours
        self._track_colours = [QColor(self.theme.track)] * len(colours)

    def _update_cutoff(self, content: BoardContent) -> None:
        s = self._s
        visible = content.cutoff_after is not None
        self._cutoff_line.setVisible(visible)
        self._cutoff_label.set_content(content.cutoff_label if visible else "")
        if content.cutoff_after is None:
            return
        y = g.cutoff_y(content.cutoff_after) * s
        self._cutoff_line.setLine(QLineF(g.SAFE_LEFT * s, y, g.SAFE_RIGHT * s, y))
        label = self._cutoff_label.boundingRect()
        self._cutoff_label.setPos(g.NAME_X * s, y - label.height() / 2)

    def _update_mark(self, content: BoardContent) -> None:
        """The threshold line spans every row; its label sits below the last."""
        s = self._s
        fraction = content.mark_fraction
        visible = fraction is not None and bool(content.rows)
        self._mark_line.setVisible(visible)
        self._mark_label.set_content(content.mark_label if visible else "")
        if fraction is None or not content.rows:
            return
        x = (g.BAR_LEFT + g.BAR_MAX * min(1.0, max(0.0, fraction))) * s
        last = len(content.rows) - 1
        top = (g.row_top(0, content.cutoff_after) + 4) * s
        bottom = (g.row_top(last, content.cutoff_after) + g.ROW_HEIGHT - 4) * s
        self._mark_line.setLine(QLineF(x, top, x, bottom))
        # Beside the line, on the track's side with room (never on the
        # numbers right of the track), below the last row or above the banner.
        label = self._mark_label.boundingRect()
        gap = 10 * s
        left = x - gap - label.width()
        track_end = (g.BAR_LEFT + g.BAR_MAX) * s
        fits_right = x + gap + label.width() <= track_end
        if left < g.BAR_LEFT * s or (
            fits_right and content.rows[-1].bar_fraction < fraction
        ):
            left = x + gap  # right of the line, over track the bar leaves empty
        below = min(bottom - label.height(), (g.BANNER_TOP - 8) * s - label.height())
        self._mark_label.setPos(left, below)

    def _on_frame(self, t: float) -> None:
        tops: list[float] = []
        lengths: list[float] = []
        for key in self._order:
            start, end = self._start[key], self._target[key]
            state = _RowState(
                start.top + (end.top - start.top) * t,
                start.length + (end.length - start.length) * t,
                start.votes + (end.votes - start.votes) * t,
                start.share + (end.share - start.share) * t,
            )
            self._shown[key] = state
            row = self._rows[key]
            mid = (g.ROW_HEIGHT - g.BAR_HEIGHT) / 2 * self._s
            row.setPos(0, state.top - mid)
            row.set_numbers(state.votes, state.share)
            row.place_tag(g.BAR_LEFT * self._s + state.length)
            tops.append(state.top)
            lengths.append(state.length)
        self._tracks.update(
            tops, [g.BAR_MAX * self._s] * len(tops), self._track_colours
        )
        self._bars.update(tops, lengths, self._bar_colours)
