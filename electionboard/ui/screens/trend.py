"""The trend screen: one race's candidates as lines over the night.

Drawn from ``presentation.trend`` (which lines, axis words, label places) with
pyqtgraph curves in scene pixels, styled for air: no axis box or chrome, a few
faint gridlines with large words, clock words under the plot, thick lines in
the race board's candidate colours and a dot and label at each line's end. A
new point glides in: the lines grow to it while the axes ease to their new
range, over ``GLIDE_MS``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from PySide6.QtCore import QEasingCurve, QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QWidget,
)

from electionboard.model.screens import ScreenKind
from electionboard.presentation import geometry as g
from electionboard.presentation import trend as t
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.trend_axes import uncrowded
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock, Tween
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import SCREEN_MIN_PX, ScreenScene
from electionboard.ui.screens.trend_line import TrendLineItems, cut_at
from electionboard.ui.theme import DARK, Theme

GLIDE_MS = 500
AS_OF_MAX_WIDTH = 640.0
FOOT_Y = 984.0
TIME_WORDS_GAP = 28.0
"""Least room between two time words, 1080 units."""


def _lerp(a: float, b: float, p: float) -> float:
    return a + (b - a) * p


class TrendScene(ScreenScene):
    """Share or votes of the entry's race (``ScreenInput.race_id``) over the
    night, from ``ScreenInput.history``; ``options.measure`` picks which."""

    kind = ScreenKind.TREND

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
        self._content: t.TrendContent | None = None
        self._from_frame: t.Frame | None = None
        self._from_end = 0.0
        self._progress = 1.0
        self._title = TextItem(
            board_font(self.font_px(g.TITLE_PX), QFont.Weight.ExtraBold),
            QColor(theme.text),
            max_width=g.TITLE_MAX_WIDTH * s,
            min_pixel_size=self.font_px(g.TITLE_MIN_PX),
        )
        self._title.set_anchor(g.SAFE_LEFT * s, g.TITLE_Y * s)
        self._strap = TextItem(
            board_font(self.font_px(g.SUBTITLE_PX), QFont.Weight.DemiBold),
            QColor(theme.accent),
            max_width=(g.SAFE_RIGHT - g.SAFE_LEFT - AS_OF_MAX_WIDTH - 40) * s,
            min_pixel_size=self.font_px(SCREEN_MIN_PX),
        )
        self._strap.set_anchor(g.SAFE_LEFT * s, g.SUBTITLE_Y * s)
        self._as_of = TextItem(
            board_font(self.font_px(g.SMALL_CAPS_PX), QFont.Weight.DemiBold),
            QColor(theme.muted),
            right_aligned=True,
            max_width=AS_OF_MAX_WIDTH * s,
            min_pixel_size=self.font_px(SCREEN_MIN_PX),
        )
        self._as_of.set_anchor(g.SAFE_RIGHT * s, (g.SUBTITLE_Y + 4) * s)
        self._rule = QGraphicsRectItem(
            QRectF(
                g.SAFE_LEFT * s,
                g.RULE_Y * s,
                (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
                g.RULE_HEIGHT * s,
            )
        )
        self._rule.setPen(QPen(Qt.PenStyle.NoPen))
        self._message = TextItem(
            board_font(self.font_px(g.HEADLINE_PX), QFont.Weight.ExtraBold),
            QColor(theme.muted),
        )
        self._foot = TextItem(
            board_font(self.font_px(SCREEN_MIN_PX), QFont.Weight.DemiBold),
            QColor(theme.muted),
        )
        self._foot.set_anchor(g.SAFE_LEFT * s, FOOT_Y * s)
        for item in (
            self._title,
            self._strap,
            self._as_of,
            self._rule,
            self._message,
            self._foot,
        ):
            self.addItem(item)
        self._grid: list[QGraphicsLineItem] = []
        self._value_words: list[TextItem] = []
        self._time_words: list[TextItem] = []
        self._breaks: list[QGraphicsLineItem] = []
        self._lines = [
            TrendLineItems(
                self, s, self.font_px(t.LABEL_PX), self.font_px(t.LABEL_MIN_PX)
            )
            for _ in range(t.TOP_LINES)
        ]
        self._tween: Tween = animations.tween(
            self, QEasingCurve.Type.OutCubic, self._on_frame
        )
        self._apply_theme()

    # -- ScreenScene -------------------------------------------------------------

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        content = t.trend_content(data, self._label_width)
        before = self._content
        self._tween.stop()
        glide = (
            animate
            and content is not None
            and before is not None
            and before.race_id == content.race_id
            and before.measure is content.measure
            and bool(before.lines)
            and content.frame.end > before.frame.end
        )
        self._content = content
        if glide and before is not None:
            self._from_frame = self._drawn_frame(before)
            self._from_end = before.frame.end
            self._tween.start(GLIDE_MS)
            return
        self._draw(1.0)

    def _apply_theme(self) -> None:
        theme = self.theme
        self._title.set_colour(QColor(theme.text))
        self._strap.set_colour(QColor(theme.accent))
        self._as_of.set_colour(QColor(theme.muted))
        self._rule.setBrush(QBrush(QColor(theme.accent)))
        self._message.set_colour(QColor(theme.muted))
        self._foot.set_colour(QColor(theme.muted))
        for words in (*self._value_words, *self._time_words):
            words.set_colour(QColor(theme.muted))
        for index, line in enumerate(self._grid):
            line.setPen(self._grid_pen(baseline=index == 0))
        for mark in self._breaks:
            mark.setPen(self._break_pen())

    def is_animating(self) -> bool:
        """ScreenScene: True while a new point glides in."""
        return self._tween.is_running()

    def finish_animation(self) -> None:
        """ScreenScene: jump to the settled chart."""
        self._tween.stop()
        self._draw(1.0)

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """ScreenScene: the settled chart inside the block, then the glide resumes."""
        if not self._tween.is_running():
            yield
            return
        progress = self._progress
        self._draw(1.0)
        try:
            yield
        finally:
            self._draw(progress)

    # -- tests -------------------------------------------------------------------

    @property
    def content(self) -> t.TrendContent | None:
        """What the chart shows (its end state)."""
        return self._content

    def line_points(self, index: int) -> list[tuple[float, float]]:
        """The ``index``-th line's vertices as drawn, in scene pixels."""
        return self._lines[index].points()

    def label_texts(self) -> list[str]:
        """The end labels shown, top line first."""
        return [i.label.text() for i in self._lines if i.label.isVisible()]

    def line_colour(self, index: int) -> QColor:
        """The ``index``-th line's colour."""
        return self._lines[index].colour()

    # -- drawing -----------------------------------------------------------------

    def _label_width(self, text: str) -> float:
        """An end label's width at its full size, in 1080 units."""
        font = board_font(self.font_px(t.LABEL_PX), QFont.Weight.ExtraBold)
        return QFontMetricsF(font).horizontalAdvance(text) / self._s

    def _on_frame(self, progress: float) -> None:
        self._draw(progress)

    def _drawn_frame(self, content: t.TrendContent) -> t.Frame:
        """Where a glide in flight has the axes now (else the settled frame)."""
        if self._from_frame is None or self._progress >= 1.0:
            return content.frame
        return self._frame_at(content, self._progress)

    def _frame_at(self, content: t.TrendContent, progress: float) -> t.Frame:
        start = self._from_frame or content.frame
        end = content.frame
        return replace(
            end,
            start=_lerp(start.start, end.start, progress),
            end=_lerp(start.end, end.end, progress),
            top=_lerp(start.top, end.top, progress),
            plot=replace(
                end.plot, right=_lerp(start.plot.right, end.plot.right, progress)
            ),
        )

    def _draw(self, progress: float) -> None:
        self._progress = progress
        content = self._content
        if content is None:
            self._draw_empty("NO TREND FOR THIS RACE")
            return
        self._title.set_text(content.title)
        self._strap.set_text(content.strap)
        self._as_of.set_text(self.stale_text() or content.as_of)
        frame = content.frame if progress >= 1.0 else self._frame_at(content, progress)
        self._draw_values(content, frame)
        self._draw_times(content, frame)
        moment = (
            frame.end
            if progress >= 1.0
            else _lerp(self._from_end, content.frame.end, progress)
        )
        self._draw_lines(content, frame, moment)
        self._message.setVisible(bool(content.message))
        if content.message:
            self._place_message(content.message)
        foot = (
            f"TOP {len(content.lines)} OF {len(content.lines) + content.left_out} "
            "CANDIDATES SHOWN"
            if content.left_out
            else ""
        )
        self._foot.set_text(foot)
        self._foot.setVisible(bool(foot))

    def _draw_empty(self, message: str) -> None:
        self._title.set_text("")
        self._strap.set_text("")
        self._as_of.set_text(self.stale_text())
        for item in (*self._grid, *self._value_words, *self._time_words, *self._breaks):
            item.setVisible(False)
        for items in self._lines:
            items.set_visible(visible=False)
        self._foot.setVisible(False)
        self._message.setVisible(True)
        self._place_message(message)

    def _place_message(self, message: str) -> None:
        self._message.set_text(message)
        s = self._s
        x = (t.PLOT.left + t.PLOT.width / 2) * s - self._message.width() / 2
        y = (t.PLOT.top + t.PLOT.height / 2) * s - self._message.boundingRect().height()
        self._message.set_anchor(x, y)

    def _grid_pen(self, *, baseline: bool) -> QPen:
        colour = QColor(self.theme.muted)
        colour.setAlphaF(0.55 if baseline else 0.22)
        pen = QPen(colour)
        pen.setWidthF(self.px(3.0 if baseline else 2.0))
        pen.setCosmetic(False)
        return pen

    def _words(self, pool: list[TextItem], count: int) -> list[TextItem]:
        while len(pool) < count:
            words = TextItem(
                board_font(self.font_px(g.SMALL_CAPS_PX), QFont.Weight.DemiBold),
                QColor(self.theme.muted),
            )
            self.addItem(words)
            pool.append(words)
        for extra in pool[count:]:
            extra.setVisible(False)
        return pool[:count]

    def _draw_values(self, content: t.TrendContent, frame: t.Frame) -> None:
        s = self._s
        ticks = content.value_ticks
        while len(self._grid) < len(ticks):
            line = QGraphicsLineItem()
            line.setZValue(1)
            line.setPen(self._grid_pen(baseline=not self._grid))
            self.addItem(line)
            self._grid.append(line)
        for extra in self._grid[len(ticks) :]:
            extra.setVisible(False)
        words = self._words(self._value_words, len(ticks))
        for (value, text), line, item in zip(ticks, self._grid, words, strict=False):
            _, y = frame.point(frame.start, value)
            inside = value <= frame.top + 1e-9
            plot = frame.plot
            line.setLine(QLineF(plot.left * s, y * s, plot.right * s, y * s))
            line.setVisible(inside)
            item.set_text(text)
            item.set_anchor(
                t.AXIS_WORDS_RIGHT * s - item.width(),
                y * s - item.boundingRect().height() / 2,
            )
            item.setVisible(inside)

    def _draw_times(self, content: t.TrendContent, frame: t.Frame) -> None:
        s = self._s
        words = self._words(self._time_words, len(content.time_ticks))
        placed: list[tuple[float, float]] = []
        inside: list[bool] = []
        for (position, text), item in zip(content.time_ticks, words, strict=True):
            x, _ = frame.point(position, 0.0)
            item.set_text(text)
            item.set_anchor(x * s - item.width() / 2, t.TIME_WORDS_TOP * s)
            placed.append((x * s, item.width()))
            inside.append(frame.start - 1 <= position <= frame.end + 1)
        candidates = [p for p, ok in zip(placed, inside, strict=True) if ok]
        verdicts = iter(uncrowded(candidates, self.px(TIME_WORDS_GAP)))
        for item, ok in zip(words, inside, strict=True):
            item.setVisible(ok and next(verdicts))
        while len(self._breaks) < len(content.breaks):
            mark = QGraphicsLineItem()
            mark.setZValue(1)
            mark.setPen(self._break_pen())
            self.addItem(mark)
            self._breaks.append(mark)
        for index, mark in enumerate(self._breaks):
            if index >= len(content.breaks):
                mark.setVisible(False)
                continue
            x, _ = frame.point(content.breaks[index], 0.0)
            plot = frame.plot
            mark.setLine(QLineF(x * s, plot.top * s, x * s, plot.bottom * s))
            mark.setVisible(frame.start <= content.breaks[index] <= frame.end)

    def _break_pen(self) -> QPen:
        colour = QColor(self.theme.muted)
        colour.setAlphaF(0.16)
        pen = QPen(colour)
        pen.setWidthF(self.px(2.0))
        pen.setCosmetic(False)
        pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _draw_lines(
        self, content: t.TrendContent, frame: t.Frame, moment: float
    ) -> None:
        drawn = [
            [frame.point(a, v) for a, v in cut_at(line.points, moment)]
            for line in content.lines
        ]
        plot = frame.plot
        ends = [points[-1][1] if points else plot.bottom for points in drawn]
        centres = t.spread(ends, t.LABEL_PITCH, plot.top, plot.bottom)
        theme = self.theme
        casing = QColor(theme.plate if theme.plated else theme.background_bottom)
        for index, items in enumerate(self._lines):
            if index >= len(content.lines) or not drawn[index]:
                items.set_visible(visible=False)
                continue
            line = content.lines[index]
            items.style(theme.colour(line.colour_key), casing, QColor(theme.text))
            items.set_visible(visible=True)
            label = line.label
            if self._progress < 1.0:
                # Mid-glide the figure counts with the line; settled, it is exact.
                value = cut_at(line.points, moment)[-1][1]
                label = t.end_label(line.name, value, content.measure)
            items.place(drawn[index], centres[index], label, index, plot.right)
        # Every end label at one size: the largest at which all of them fit.
        ends_shown = [i.label for i in self._lines if i.label.isVisible()]
        if ends_shown:
            size = min(words.largest_fitting_pixel_size() for words in ends_shown)
            for words in ends_shown:
                words.pin_pixel_size(size)
