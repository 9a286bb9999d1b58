"""The ticker: a bar along the bottom with every selected race crawling by.

The offset is a pure function of time on an injected monotonic clock
(``presentation.ticker.crawl_offset``), so each frame is where it should be
however late the timer fires: on air a precise QTimer at the display's pace
calls ``tick``; tests move their clock and call it by hand. Segments never
move but with the offset: new figures change only races not yet on screen
(``CrawlPlan``). The label plate at the left stays put; the crawl is clipped
to the bar right of it. Exports render the current frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from electionboard.model.screens import ScreenKind, selected_races
from electionboard.presentation import geometry as g
from electionboard.presentation import ticker as tk
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.strip_items import Plate, paint_check
from electionboard.ui.theme import DARK, Theme

FRAME_MS = 16
"""The on-air timer: about the display's 60 frames a second (the offset
comes from the clock, so a late frame is never a slow one)."""

Clock = Callable[[], float]
"""Seconds on a monotonic clock."""


class SegmentFonts:
    """The crawl's fonts at one raster, and how wide a segment draws."""

    def __init__(self, scale: float) -> None:
        px = tk.TEXT_PX * scale
        self.fonts = {
            tk.RunKind.TITLE: board_font(px, QFont.Weight.ExtraBold),
            tk.RunKind.NAME: board_font(px, QFont.Weight.DemiBold),
            tk.RunKind.SHARE: board_font(px, QFont.Weight.ExtraBold),
            tk.RunKind.NOTE: board_font(px, QFont.Weight.DemiBold),
        }
        self._metrics = {kind: QFontMetricsF(font) for kind, font in self.fonts.items()}
        self.space = self._metrics[tk.RunKind.NAME].horizontalAdvance(" ")
        self.run_gap = 1.6 * self.space * 2
        self.height = self._metrics[tk.RunKind.NAME].height()
        self.check = self.height * 0.78

    def advance(self, run: tk.Run) -> float:
        """A run's drawn width, its check mark included."""
        width = self._metrics[run.kind].horizontalAdvance(run.text)
        return width + (self.check + self.space if run.checked else 0.0)

    def width(self, segment: tk.Segment) -> float:
        """A segment's drawn width: runs, a space before each share, gaps between."""
        total = 0.0
        for n, run in enumerate(segment.runs):
            if n:
                total += self.space if run.kind is tk.RunKind.SHARE else self.run_gap
            total += self.advance(run)
        return total


class SegmentItem(QGraphicsObject):
    """One race's words in the crawl, drawn in runs of their own weight and colour."""

    def __init__(
        self,
        placed: tk.Placed,
        fonts: SegmentFonts,
        theme: Theme,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.placed = placed
        self._fonts = fonts
        self._theme = theme

    def text(self) -> str:
        """The words (layout checks)."""
        return self.placed.segment.text

    def font(self) -> QFont:
        """The crawl's main font (layout checks)."""
        return QFont(self._fonts.fonts[tk.RunKind.NAME])

    def set_theme(self, theme: Theme) -> None:
        """Recolour."""
        self._theme = theme
        self.update()

    def boundingRect(self) -> QRectF:  # Qt virtual
        """Qt: the words' extent."""
        return QRectF(0, 0, self.placed.width, self._fonts.height)

    def paint(  # Qt virtual
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        """Qt: each run in turn, the call's mark before a called name."""
        theme, fonts = self._theme, self._fonts
        inks = {
            tk.RunKind.TITLE: QColor(theme.accent),
            tk.RunKind.NAME: QColor(theme.text),
            tk.RunKind.SHARE: QColor(theme.text),
            tk.RunKind.NOTE: QColor(theme.muted),
        }
        x, height = 0.0, fonts.height
        for n, run in enumerate(self.placed.segment.runs):
            if n:
                x += fonts.space if run.kind is tk.RunKind.SHARE else fonts.run_gap
            if run.checked:
                top = (height - fonts.check) / 2
                paint_check(
                    painter,
                    QRectF(x, top, fonts.check, fonts.check),
                    QColor(theme.call),
                    QColor(theme.on_call),
                )
                x += fonts.check + fonts.space
            width = fonts.advance(run) - (
                fonts.check + fonts.space if run.checked else 0
            )
            painter.setFont(fonts.fonts[run.kind])
            painter.setPen(inks[run.kind])
            painter.drawText(
                QRectF(x, 0, width + 2, height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                run.text,
            )
            x += width


class TickerScene(ScreenScene):
    """The crawl of the screen's selected races along the bottom of the frame.

    ``clock`` is the monotonic time the offset is computed from;
    ``run=False`` leaves the frame timer off, so a test calls ``tick``.
    """

    kind = ScreenKind.TICKER
    layer = True

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
        clock: Clock = time.monotonic,
        run: bool = True,
    ) -> None:
        super().__init__(raster, theme, parent, animations=animations)
        s = self._s
        self._clock = clock
        self._layout = tk.ticker_layout()
        self._fonts = SegmentFonts(s)
        bar = self._layout.bar.scaled(s)
        self._bar = Plate(QColor(theme.plate))
        self._bar.set_rect(QRectF(bar.x, bar.y, bar.w, bar.h))
        self._rule = Plate(QColor(theme.accent))
        self._rule.set_rect(QRectF(bar.x, bar.y, bar.w, self.px(4)))
        self._label_plate = Plate(QColor(theme.accent))
        self._label = TextItem(
            board_font(34 * s, QFont.Weight.ExtraBold), QColor(theme.on_accent)
        )
        self._label.setZValue(3)
        self._label_plate.setZValue(2)
        self._rule.setZValue(2)
        self._window = Plate(QColor(0, 0, 0, 0))
        self._window.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self._window.setZValue(1)
        for item in (
            self._bar,
            self._rule,
            self._window,
            self._label_plate,
            self._label,
        ):
            self.addItem(item)
        self._plan = tk.CrawlPlan(1.0, self.px(tk.GAP), self._fonts.width)
        self._items: dict[int, SegmentItem] = {}
        self._marks: dict[int, Plate] = {}
        self._speed = 0.0
        self._base_offset = 0.0
        self._base_time: float | None = None
        self._offset = 0.0
        self._set_label(tk.LABEL)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._running = run

    # -- public ------------------------------------------------------------------

    @property
    def offset(self) -> float:
        """How far the crawl has moved, in scene pixels."""
        return self._offset

    def window_rect(self) -> QRectF:
        """Where the crawl shows: the bar right of the label plate."""
        return self._window.rect()

    def bar_rect(self) -> QRectF:
        """The whole bar, scene pixels."""
        return self._bar.rect()

    def label_rect(self) -> QRectF:
        """The label plate, scene pixels."""
        return self._label_plate.rect()

    def segment_items(self) -> list[SegmentItem]:
        """The segments on the track, in crawl order."""
        return [self._items[p.serial] for p in self._plan.placed]

    def visible_segments(self) -> list[SegmentItem]:
        """The segments at least partly in the window, in crawl order."""
        window = self.window_rect()
        return [
            item
            for item in self.segment_items()
            if item.sceneBoundingRect().intersects(window)
        ]

    def text_items(self) -> list[QGraphicsItem]:
        """ScreenScene: the label, and each segment wholly in the window (one
        partly under the plate or past the frame's edge is clipped there)."""
        window = self.window_rect().adjusted(-0.5, -0.5, 0.5, 0.5)
        return [
            item
            for item in super().text_items()
            if not isinstance(item, SegmentItem)
            or window.contains(item.sceneBoundingRect())
        ]

    def frame_timer(self) -> QTimer:
        """The timer that calls ``tick`` on air (tests look, never wait)."""
        return self._timer

    def stop(self) -> None:
        """Stop the frame timer (closing the scene)."""
        self._timer.stop()

    def set_active(self, active: bool) -> None:  # noqa: FBT001 - a plain switch
        """ScreenScene: stop crawling while on no view; go on from where it was."""
        if not active:
            self._timer.stop()
            self._base_offset, self._base_time = self._offset, None
            return
        if self._running and self._plan.placed and not self._timer.isActive():
            self._timer.start()

    def tick(self) -> None:
        """A frame: read the clock, move the crawl, queue what comes next."""
        now = self._clock()
        if self._base_time is None:
            self._base_time = now
        self._offset = self._base_offset + tk.crawl_offset(
            now - self._base_time, self._speed, self._s
        )
        self._plan.advance(self._offset)
        self._sync()

    # -- ScreenScene -------------------------------------------------------------

    def _show(self, data: ScreenInput, *, animate: bool) -> None:  # noqa: ARG002
        """ScreenScene: the crawl has no glide; new words wait their turn."""
        speed = data.options.speed
        if speed != self._speed:
            # Rebase, so a new speed carries on from where the crawl is.
            now = self._clock()
            if self._base_time is not None:
                self._base_offset = self._offset
            self._base_time = now
            self._speed = speed
        locator = data.style.locator.strip()
        self._set_label(locator.upper() if locator else tk.LABEL)
        segments = [
            tk.segment_for(s, data.style)
            for s in selected_races(data.standings, data.options)
        ]
        self._plan.update(segments, self._offset)
        self.tick()
        if self._running and segments and not self._timer.isActive():
            self._timer.start()
        elif not segments:
            self._timer.stop()

    def _apply_theme(self) -> None:
        theme = self.theme
        self._bar.set_colour(QColor(theme.plate))
        self._rule.set_colour(QColor(theme.accent))
        self._label_plate.set_colour(QColor(theme.accent))
        self._label.set_colour(QColor(theme.on_accent))
        for item in self._items.values():
            item.set_theme(theme)
        for mark in self._marks.values():
            mark.set_colour(QColor(theme.accent))

    # -- drawing -----------------------------------------------------------------

    def _set_label(self, text: str) -> None:
        s = self._s
        bar = self._layout.bar.scaled(s)
        pad = self.px(tk.LABEL_PAD)
        self._label.set_max_width(self.px(520))
        self._label.set_text(text)
        height = self._label.boundingRect().height()
        self._label.set_anchor(
            self._layout.label_text_x * s, bar.y + (bar.h - height) / 2
        )
        right = self._layout.label_text_x * s + self._label.width() + pad
        self._label_plate.set_rect(QRectF(bar.x, bar.y, right - bar.x, bar.h))
        window = QRectF(right, bar.y, bar.right - right, bar.h)
        if window != self._window.rect():
            self._window.set_rect(window)
            self._plan = self._replanned(window.width())

    def _replanned(self, width: float) -> tk.CrawlPlan:
        plan = tk.CrawlPlan(width, self.px(tk.GAP), self._fonts.width)
        old = self._plan
        if old.placed:
            segments = list({p.segment.race_id: p.segment for p in old.placed}.values())
            plan.update(segments, self._offset)
        return plan

    def _sync(self) -> None:
        """Items for the placed segments, at their track positions."""
        window = self._window.rect()
        top = window.y() + (window.height() - self._fonts.height) / 2
        live = {p.serial for p in self._plan.placed}
        for serial in [k for k in self._items if k not in live]:
            item = self._items.pop(serial)
            mark = self._marks.pop(serial)
            self.removeItem(item)
            self.removeItem(mark)
        dot = self.px(10)
        for placed in self._plan.placed:
            if placed.serial not in self._items:
                item = SegmentItem(placed, self._fonts, self.theme, self._window)
                mark = Plate(QColor(self.theme.accent), self._window)
                mark.set_rect(QRectF(0, 0, dot, dot))
                self._items[placed.serial] = item
                self._marks[placed.serial] = mark
            item = self._items[placed.serial]
            x = window.x() + self._plan.x(placed, self._offset)
            item.setPos(x, top)
            gap_centre = x + placed.width + self.px(tk.GAP) / 2
            self._marks[placed.serial].setPos(
                gap_centre - dot / 2, window.center().y() - dot / 2
            )
