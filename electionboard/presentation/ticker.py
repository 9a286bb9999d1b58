"""The ticker's words, its bar, and where each race's segment is in the crawl.

The crawl's offset is a pure function of time (``crawl_offset``). Which
segment sits where is ``CrawlPlan``'s: segments are laid end to end on a
track, each at a fixed track position from the moment it is scheduled, so a
segment on screen never moves but with the offset. New figures change only
segments not yet on screen (the rest of the queue is laid again after the
last one showing); a race already crawling keeps its old words until it next
comes round. After the last race the first comes again, one gap behind: the
loop is seamless however few races there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model import CallOutcome, RaceStandings
from electionboard.presentation import geometry as g
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle
from electionboard.presentation.lower_third import (
    Box,
    reporting,
    share_text,
    strip_content,
    strip_title,
)

LABEL = "RESULTS"
"""The plate left of the crawl when the station sets no locator."""


class RunKind(StrEnum):
    """How a piece of a segment is drawn."""

    TITLE = "title"
    NAME = "name"
    SHARE = "share"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a segment's words; ``checked`` puts the call's mark before it."""

    text: str
    kind: RunKind
    checked: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """One race's words in the crawl."""

    race_id: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The words as one line ('MAYOR · Bass 43.1% · ... · 62% in')."""
        parts: list[str] = []
        for run in self.runs:
            mark = "✓ " if run.checked else ""
            if run.kind is RunKind.SHARE and parts:
                parts[-1] = f"{parts[-1]} {run.text}"
            else:
                parts.append(f"{mark}{run.text}")
        return " · ".join(parts)


def reporting_words(standings: RaceStandings) -> str:
    """'62% in', 'est. 62% in', '<1% in', '1,234 votes', 'no votes yet'."""
    if standings.total_votes == 0 and standings.precincts_reporting == 0:
        return "no votes yet"
    figure, label = reporting(standings)
    if label == "EST. VOTE IN":
        return f"est. {figure} in"
    if label == "VOTES":
        return f"{standings.total_votes:,} votes"
    return f"{figure} in"


def segment_for(standings: RaceStandings, style: AirStyle = DEFAULT_STYLE) -> Segment:
    """A race's segment: title, the top two or three with shares, how much is in.

    A one-seat race names its top two, a race with more places one more
    than it has places (up to three).
    """
    race = standings.race
    places = 2 if race.is_measure else min(3, race.rule.places + 1)
    strip = strip_content(standings, style, places)
    runs = [Run(strip_title(standings, style), RunKind.TITLE)]
    if standings.total_votes > 0:
        for line in strip.candidates:
            runs.append(Run(line.short_name, RunKind.NAME, checked=line.checked))
            runs.append(Run(share_text(line.share), RunKind.SHARE))
    runs.append(Run(reporting_words(standings), RunKind.NOTE))
    call = standings.call
    if call is not None and call.outcome is CallOutcome.TOO_CLOSE:
        runs.append(Run("too close to call", RunKind.NOTE))
    return Segment(race.id, tuple(runs))


def crawl_offset(t: float, speed: float, scale: float = 1.0) -> float:
    """How far the crawl has moved after ``t`` seconds: ``speed`` pixels a
    second at 1080 lines, times the raster's ``scale``; 0 before it starts."""
    return speed * scale * max(t, 0.0)


# -- the plan ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    """A segment on the track: it enters the window's right edge when the
    offset reaches ``start`` and has left the left edge at ``start + width +
    window width``."""

    serial: int
    segment: Segment
    start: float
    width: float

    @property
    def end(self) -> float:
        """The track position of its right edge."""
        return self.start + self.width


class CrawlPlan:
    """Which segments are on the track, and where (pure: no clock, no Qt).

    Args:
        window: the crawl's visible width (pixels).
        gap: room between one segment and the next (pixels).
        measure: a segment's drawn width (the scene measures with its fonts).
    """

    def __init__(
        self, window: float, gap: float, measure: Callable[[Segment], float]
    ) -> None:
        self._window = window
        self._gap = gap
        self._measure = measure
        self._segments: dict[str, Segment] = {}
        self._order: tuple[str, ...] = ()
        self._placed: list[Placed] = []
        self._serial = 0

    @property
    def window(self) -> float:
        """The visible width."""
        return self._window

    @property
    def placed(self) -> tuple[Placed, ...]:
        """Every segment on the track, in crawl order."""
        return tuple(self._placed)

    def x(self, placed: Placed, offset: float) -> float:
        """Its left edge in window coordinates (0: the window's left edge)."""
        return self._window + placed.start - offset

    def on_screen(self, offset: float) -> tuple[Placed, ...]:
        """The segments at least partly in the window at ``offset``."""
        return tuple(
            p
            for p in self._placed
            if self.x(p, offset) < self._window and self._seen(p, offset)
        )

    def _seen(self, placed: Placed, offset: float) -> bool:
        return self.x(placed, offset) + placed.width > 0

    def update(self, segments: Sequence[Segment], offset: float) -> None:
        """New words: segments already entered keep theirs and their place;
        the queue after them is laid again from ``segments``."""
        self._segments = {s.race_id: s for s in segments}
        self._order = tuple(self._segments)
        self._placed = [p for p in self._placed if p.start <= offset]
        self.advance(offset)

    def advance(self, offset: float) -> tuple[Placed, ...]:
        """Drop what has left, queue what comes next; what is on the track."""
        self._placed = [p for p in self._placed if self._seen(p, offset)]
        if not self._order:
            return self.placed
        if not self._placed:
            # The crawl starts full, its first race at the window's left edge:
            # a ticker cut to air, or exported, is never an empty bar.
            self._place(self._order[0], offset - self._window + self._gap / 2)
        # Keep one segment queued beyond the right edge, so whatever enters
        # next is decided before it shows.
        while self._placed[-1].start <= offset:
            last = self._placed[-1]
            self._place(self._next(last.segment.race_id), last.end + self._gap)
        return self.placed

    def _next(self, race_id: str) -> str:
        if race_id not in self._order:
            return self._order[0]
        return self._order[(self._order.index(race_id) + 1) % len(self._order)]

    def _place(self, race_id: str, start: float) -> None:
        segment = self._segments[race_id]
        self._serial += 1
        width = max(1.0, self._measure(segment))
        self._placed.append(Placed(self._serial, segment, start, width))


# -- geometry, in 1080-line units ----------------------------------------------

BAR_TOP = 956.0
BAR_HEIGHT = 84.0
"""The bar's bottom at 1040, inside action-safe (1042.2); its text, centred,
stays above title-safe's bottom (1026)."""
TEXT_PX = 40
LABEL_PAD = 26.0
GAP = 96.0
"""Between two races: room for the separator mark."""


@dataclass(frozen=True, slots=True)
class TickerLayout:
    """The bar across the frame and the label plate at its left."""

    bar: Box
    label_text_x: float
    """The label's left: title-safe's left edge (the plate runs to the frame's)."""


def ticker_layout() -> TickerLayout:
    """The bar full width along the bottom; the label inside title-safe."""
    return TickerLayout(Box(0.0, BAR_TOP, g.BASE_WIDTH, BAR_HEIGHT), g.SAFE_LEFT)
