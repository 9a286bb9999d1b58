"""The lower third: one race at a time in a strip keyed over the program.

It cycles through the screen's races, each for ``options.race_dwell``
seconds: a QTimer calls ``advance`` on air, and tests call it by hand. A new
race wipes in (the old words fade out, the new slide in); new figures for
the race on show roll from the old numbers. As an L-bar (``options.l_bar``)
a column down the right of title-safe (lbar_column.py) meets the strip as
one L and lists the races coming up. Everything but the plates is alpha 0,
so the mixer's picture shows through (squeezed to the upper left by an L).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QEasingCurve, QRectF, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from electionboard.model.screens import ScreenKind, selected_races
from electionboard.model.standings import RaceStandings
from electionboard.presentation import geometry as g
from electionboard.presentation import lbar
from electionboard.presentation import lower_third as lt
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import SCREEN_MIN_PX, ScreenScene
from electionboard.ui.screens.lbar_column import LBarColumn
from electionboard.ui.screens.lower_third_parts import CandidateCell, TitleTab
from electionboard.ui.screens.strip_items import Plate
from electionboard.ui.theme import DARK, Theme

WIPE_MS = 600
ROLL_MS = 900
SLIDE = 16.0
"""How far the new race's words slide in from the right, at 1080 lines: less
than any word's margin to its plate's right edge, so none slides off it."""
RULE = 4.0
"""The accent line along the strip's top, at 1080 lines."""
EMPTY_TITLE = "NO RACES SELECTED"


class LowerThirdScene(ScreenScene):
    """A cycling lower third (or L-bar) of the screen's selected races.

    ``cycle=False`` leaves the dwell timer off: the caller (a test) moves
    the strip on with ``advance``.
    """

    kind = ScreenKind.LOWER_THIRD
    layer = True

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
        cycle: bool = True,
    ) -> None:
        super().__init__(raster, theme, parent, animations=animations)
        s = self._s
        self._cycle = lt.RaceCycle()
        self._cycling = cycle
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.advance)
        self._races: dict[str, RaceStandings] = {}
        self._l_bar = False
        self._strip = Plate(QColor(theme.plate))
        self._status = Plate(QColor(theme.track))
        self._rule = Plate(QColor(theme.accent))
        self._tab = Plate(QColor(theme.accent))
        # The words fade and slide; the call's plate fades; plates stay put.
        self._content = Plate(QColor(0, 0, 0, 0))
        self._badges = Plate(QColor(0, 0, 0, 0))
        for plate in (
            self._strip,
            self._status,
            self._rule,
            self._tab,
            self._content,
            self._badges,
        ):
            self.addItem(plate)
        self._content.setZValue(1)
        self._badges.setZValue(1)
        min_px = round(SCREEN_MIN_PX * s)
        self._title_tab = TitleTab(self._tab, self._content, s, theme)
        self._cells = [CandidateCell(self._content, s, min_px, theme) for _ in range(3)]
        self._figure = TextItem(
            board_font(66 * s, QFont.Weight.ExtraBold),
            QColor(theme.text),
            self._content,
            right_aligned=True,
        )
        self._label = TextItem(
            board_font(30 * s, QFont.Weight.Bold),
            QColor(theme.muted),
            self._content,
            right_aligned=True,
            min_pixel_size=min_px,
        )
        self._all: dict[str, RaceStandings] = {}
        self._column = LBarColumn(self, self._animations, s, min_px, theme)
        self._shown: lt.StripContent | None = None
        self._outgoing: lt.StripContent | None = None
        self._incoming: lt.StripContent | None = None
        self._wipe_p = 1.0
        self._wipe = self._animations.tween(
            self, QEasingCurve.Type.InOutCubic, self._wipe_frame
        )
        self._roll_from: dict[str, tuple[float, float]] = {}
        self._roll_p = 1.0
        self._roll = self._animations.tween(
            self, QEasingCurve.Type.OutCubic, self._roll_frame
        )
        self._layout = lt.strip_layout(3, l_bar=False)
        self._place_plates()

    # -- public ------------------------------------------------------------------

    @property
    def race_shown(self) -> str | None:
        """The race the strip is on (the wipe's end state), None when empty."""
        return self._cycle.current

    def cycle_order(self) -> tuple[str, ...]:
        """The races the strip cycles through, in order."""
        return self._cycle.race_ids

    def dwell_ms(self) -> int:
        """How long each race stays, from the options shown."""
        data = self.shown
        return round((data.options.race_dwell if data else 6.0) * 1000)

    def cycle_timer(self) -> QTimer:
        """The timer that calls ``advance`` on air (tests look, never wait)."""
        return self._timer

    def stop_cycle(self) -> None:
        """Stop the dwell timer (closing the scene)."""
        self._timer.stop()

    def set_active(self, active: bool) -> None:  # noqa: FBT001 - a plain switch
        """ScreenScene: no cycling while on no view; a whole dwell when back."""
        if not active:
            self._timer.stop()
        elif self._cycling and len(self._races) > 1:
            self._timer.start(self.dwell_ms())

    def advance(self) -> None:
        """The dwell is up: wipe to the next race in the cycle."""
        before = self._cycle.current
        if self._cycle.advance() != before:
            self._present(animate=True)

    def is_animating(self) -> bool:
        """ScreenScene: a wipe, a roll or the column's glide is under way."""
        return (
            self._wipe.is_running()
            or self._roll.is_running()
            or self._column.is_animating()
        )

    def finish_animation(self) -> None:
        """ScreenScene: jump to the end state."""
        self._wipe.stop()
        self._roll.stop()
        self._wipe_frame(1.0)
        self._roll_frame(1.0)
        self._column.finish()

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """ScreenScene: the new race, figures at their end, then back mid-glide."""
        wipe, roll = self._wipe_p, self._roll_p
        self._wipe_frame(1.0)
        self._roll_frame(1.0)
        try:
            with self._column.end_state():
                yield
        finally:
            self._wipe_frame(wipe)
            self._roll_frame(roll)

    def strip_rect(self) -> QRectF:
        """The strip with its title tab, scene pixels (tests, keying)."""
        tab, strip = (
            self._layout.tab.scaled(self._s),
            self._layout.strip.scaled(self._s),
        )
        return QRectF(strip.x, tab.y, strip.w, strip.bottom - tab.y)

    def side_rect(self) -> QRectF | None:
        """The L-bar's column, scene pixels; None for a plain lower third."""
        return self._column.rect() if self._l_bar else None

    def side_races(self) -> tuple[str, ...]:
        """The races the L-bar's column lists, top down (its glide's end)."""
        return self._column.race_ids()

    def column(self) -> LBarColumn:
        """The L-bar's column (tests read where its blocks are drawn)."""
        return self._column

    # -- ScreenScene -------------------------------------------------------------

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        races = selected_races(data.standings, data.options)
        self._races = {s.race.id: s for s in races}
        self._all = {s.race.id: s for s in data.standings}
        self._column.set_header_words(visible=not data.test_data)
        moved = self._cycle.set_races(list(self._races))
        if data.options.l_bar != self._l_bar:
            self._l_bar = data.options.l_bar
            animate = False
        self._present(animate=animate)
        if self._cycling and len(self._races) > 1:
            if moved or not self._timer.isActive():
                self._timer.start(self.dwell_ms())
            elif self._timer.interval() != self.dwell_ms():
                self._timer.setInterval(self.dwell_ms())
        else:
            self._timer.stop()

    def _apply_theme(self) -> None:
        theme = self.theme
        self._strip.set_colour(QColor(theme.plate))
        self._status.set_colour(QColor(theme.track))
        for tab in (self._tab, self._rule):
            tab.set_colour(QColor(theme.accent))
        self._title_tab.set_theme(theme)
        self._column.set_theme(theme)
        self._figure.set_colour(QColor(theme.text))
        self._label.set_colour(QColor(theme.muted))
        for cell in self._cells:
            cell.set_theme(theme)

    # -- drawing -----------------------------------------------------------------

    def _present(self, *, animate: bool) -> None:
        """Show the cycle's race: wipe to a new one, roll a changed one."""
        current = self._cycle.current
        standings = self._races.get(current) if current is not None else None
        style = self.shown.style if self.shown else DEFAULT_STYLE
        places = 2 if self._l_bar else lt.STRIP_PLACES
        content = lt.strip_content(standings, style, places) if standings else None
        self._show_column(current, style, animate=animate)
        same_race = (
            content is not None
            and self._shown is not None
            and content.race_id == self._shown.race_id
        )
        self._incoming = content
        if not animate and self._wipe.is_running():
            self._wipe.stop()
            self._wipe_frame(1.0)
        if self._wipe.is_running():
            if self._wipe_p >= 0.5:
                self._wipe_frame(self._wipe_p)
            return
        if animate and self._shown is not None and not same_race:
            self._outgoing = self._shown
            self._wipe.start(WIPE_MS)
            return
        self._roll_from = self._displayed_figures() if animate and same_race else {}
        self._draw(content)
        if self._roll_from:
            self._roll.start(ROLL_MS)
        else:
            self._roll.stop()
            self._roll_frame(1.0)

    def _displayed_figures(self) -> dict[str, tuple[float, float]]:
        """Each cell's figures as drawn now (mid-roll included), by candidate."""
        shown = self._shown
        if shown is None:
            return {}
        figures = {}
        for line in shown.candidates:
            start = self._roll_from.get(line.key, (line.share, float(line.votes)))
            p = self._roll_p
            figures[line.key] = (
                start[0] + (line.share - start[0]) * p,
                start[1] + (line.votes - start[1]) * p,
            )
        return figures

    def _wipe_frame(self, p: float) -> None:
        self._wipe_p = p
        if p >= 0.5:
            if self._shown is not self._incoming:
                self._roll.stop()
                self._roll_from = {}
                self._draw(self._incoming)
                self._roll_frame(1.0)
            rise = min(1.0, (p - 0.5) * 2)
            self._content.setOpacity(rise)
            self._badges.setOpacity(rise)
            self._content.setPos((1.0 - rise) * self.px(SLIDE), 0)
        else:
            if self._outgoing is not None and self._shown is not self._outgoing:
                self._draw(self._outgoing)
                self._roll_frame(1.0)
            self._content.setOpacity(1.0 - p * 2)
            self._badges.setOpacity(1.0 - p * 2)
            self._content.setPos(0, 0)
        if p >= 1.0:
            self._content.setOpacity(1.0)
            self._badges.setOpacity(1.0)
            self._content.setPos(0, 0)

    def _roll_frame(self, p: float) -> None:
        self._roll_p = p
        shown = self._shown
        if shown is None:
            return
        for cell, line in zip(self._cells, shown.candidates, strict=False):
            share, votes = self._roll_from.get(
                line.key, (line.share, float(line.votes))
            )
            cell.roll(
                share + (line.share - share) * p, votes + (line.votes - votes) * p
            )

    def _draw(self, content: lt.StripContent | None) -> None:
        """Every word and mark of ``content`` at once (figures: ``_roll_frame``)."""
        self._shown = content
        lines = content.candidates if content else ()
        self._layout = lt.strip_layout(len(lines), l_bar=self._l_bar)
        self._place_plates()
        s, layout = self._s, self._layout
        for n, cell in enumerate(self._cells):
            cell.set_visible(visible=n < len(lines))
            if n < len(lines):
                cell.place(layout.cells[n].scaled(s))
                cell.show(lines[n])
        self._draw_tab(content)
        status = layout.status.scaled(s)
        right = status.right - self.px(26)
        self._figure.set_text(content.reporting_figure if content else "")
        self._figure.set_max_width(status.w - self.px(40))
        self._figure.set_anchor(right, status.y + self.px(22))
        self._label.set_max_width(status.w - self.px(40))
        self._label.set_text(content.reporting_label if content else "")
        self._label.set_anchor(right, status.y + self.px(106))

    def _draw_tab(self, content: lt.StripContent | None) -> None:
        call_forms: tuple[str, ...] = ()
        if content is not None:
            call_forms = content.call_words or (
                ("TOO CLOSE TO CALL",) if content.too_close else ()
            )
        self._title_tab.draw(
            self._layout.tab.scaled(self._s),
            content.title if content else EMPTY_TITLE,
            call_forms,
            called=content is not None and bool(content.call_words),
        )

    def _show_column(
        self, current: str | None, style: AirStyle, *, animate: bool
    ) -> None:
        """The L-bar's column: the races after ``current``, then the others."""
        ids = (
            lbar.column_races(
                self._cycle.race_ids, current, list(self._all), lbar.COLUMN_BLOCKS
            )
            if self._l_bar
            else ()
        )
        self._column.layout_for(len(ids))
        places = self._column.places()
        entries = [lbar.column_entry(self._all[i], style, places) for i in ids]
        data = self.shown
        footer = (
            lbar.column_footer(data.election, data.zone, style)
            if data is not None
            else None
        )
        self._column.show(entries, footer, animate=animate)
        # Nothing to list: the strip keeps the L-bar's width, so the picture
        # does not jump, but no empty column is drawn.
        self._column.set_visible(visible=bool(entries))

    def _place_plates(self) -> None:
        s, layout = self._s, self._layout
        strip, status = layout.strip.scaled(s), layout.status.scaled(s)
        self._strip.set_rect(QRectF(strip.x, strip.y, strip.w, strip.h))
        # An L-bar's accent runs along the cells only: the corner joins the column.
        rule_w = status.x - strip.x if self._l_bar else strip.w
        self._rule.set_rect(QRectF(strip.x, strip.y, rule_w, self.px(RULE)))
        self._status.set_rect(QRectF(status.x, status.y, status.w, status.h))
