"""The trend screen's words and layout: which lines, where, and what they say.

One race's share (or votes) over the night, drawn like a network's trend
graphic: a title and a strapline, a plot inside title-safe with a few round
gridlines and clock words under it, and at each line's end its candidate's
name and latest figure ("BASS 43.1%"), pushed apart so no two collide. No
Qt: positions are in 1080-line units, which the screen scales.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from electionboard.model.election import Candidate
from electionboard.model.screens import TrendMeasure
from electionboard.model.trend import Series, series
from electionboard.presentation import geometry as g
from electionboard.presentation import palette
from electionboard.presentation.casing import proper_title
from electionboard.presentation.clock_words import clock_text, day_text, zone_text
from electionboard.presentation.content import candidate_name
from electionboard.presentation.fitting import Measure, name_forms
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.text import plain
from electionboard.presentation.trend_axes import (
    Tick,
    axis_ticks,
    time_scale,
    value_range,
)
from electionboard.presentation.trend_axes import value_ticks as _value_ticks

TOP_LINES = 4
"""Lines drawn: more than four tangle into spaghetti on air."""

# Layout, in 1080-line units.
TITLE_PX = g.TITLE_PX
STRAP_PX = g.SUBTITLE_PX
AXIS_PX = g.SMALL_CAPS_PX
LABEL_PX = 38
LABEL_MIN_PX = 30
PLOT_LEFT = g.SAFE_LEFT + 124.0
"""Gridline words sit right-aligned left of the plot."""
AXIS_WORDS_RIGHT = PLOT_LEFT - 20.0
PLOT_TOP = 272.0
PLOT_BOTTOM = 900.0
PLOT_RIGHT = 1430.0
"""End labels take the room between here and title-safe's right edge, unless
theirs need more (down to ``PLOT_RIGHT_MIN``) or less (up to ``PLOT_RIGHT_MAX``)."""
PLOT_RIGHT_MIN = 1260.0
PLOT_RIGHT_MAX = 1500.0
LABEL_GAP = 48.0
"""From a line's last point to its label's words (a chip stands between)."""
LABEL_PITCH = LABEL_PX * g.LINE_HEIGHT + 8.0
"""Closest two end labels' centres may be."""
TIME_WORDS_TOP = 928.0
LINE_WIDTH = 7.0
DOT_RADIUS = 11.0


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in 1080-line units."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        """Left to right."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Top to bottom."""
        return self.bottom - self.top


PLOT = Rect(PLOT_LEFT, PLOT_TOP, PLOT_RIGHT, PLOT_BOTTOM)


@dataclass(frozen=True, slots=True)
class Frame:
    """What the plot spans: the mapping from (moment, value) to the page."""

    start: float
    """The time axis' position at the plot's left edge (``TimeScale``)."""
    end: float
    top: float
    """The value at the plot's top edge (the bottom is 0)."""
    plot: Rect = PLOT
    """Where the plot sits: its right edge leaves the end labels their room."""

    def point(self, at: float, value: float) -> tuple[float, float]:
        """Where (``at``, ``value``) falls, in 1080-line units."""
        plot = self.plot
        span = self.end - self.start
        x = (
            plot.right
            if span <= 0
            else plot.left + (at - self.start) / span * plot.width
        )
        y = plot.bottom - (value / self.top if self.top > 0 else 0.0) * plot.height
        return x, y


@dataclass(frozen=True, slots=True)
class TrendLine:
    """One candidate's line and its end label."""

    candidate_id: str
    colour_key: str
    points: tuple[tuple[float, float], ...]
    """(time axis position, value), oldest first."""
    name: str
    """'BASS': the end label's name."""
    label: str
    """'BASS 43.1%': name and latest figure, at the line's end."""


@dataclass(frozen=True, slots=True)
class TrendContent:
    """Everything the trend screen draws for one race."""

    race_id: str
    title: str
    strap: str
    """'SHARE OF THE VOTE OVER THE NIGHT', or the votes form."""
    as_of: str
    """'AS OF JUL 1 · 5:00 PM PDT': when the last point was current."""
    measure: TrendMeasure
    frame: Frame
    value_ticks: tuple[Tick, ...]
    time_ticks: tuple[Tick, ...]
    """Most telling first: the screen drops any that would crowd those before."""
    breaks: tuple[float, ...]
    """Time axis positions where a long wait between updates was shortened."""
    lines: tuple[TrendLine, ...]
    """At most ``TOP_LINES``, highest latest value first."""
    left_out: int
    """Candidates with a line not drawn (below the top ``TOP_LINES``)."""
    message: str = ""
    """Shown instead of lines when there is nothing to draw yet."""


def surname(name: str) -> str:
    """'Bass' of 'Karen Bass', 'de León' of 'Kevin de León': the end label's name."""
    shortest = name_forms(name)[-1].split()
    while len(shortest) > 1 and shortest[0].endswith(".") and len(shortest[0]) <= 3:
        shortest = shortest[1:]
    return " ".join(shortest)


def figure_words(value: float, measure: TrendMeasure) -> str:
    """'43.1%' or '278,511': an end label's figure."""
    if measure is TrendMeasure.SHARE:
        return f"{value:.1f}%"
    return f"{round(value):,}"


def end_label(name: str, value: float, measure: TrendMeasure) -> str:
    """'BASS 43.1%': a line's end label (a glide counts the figure up to it)."""
    return f"{name} {figure_words(value, measure)}"


def strap_words(measure: TrendMeasure) -> str:
    """What the chart measures, in the strapline."""
    if measure is TrendMeasure.SHARE:
        return "SHARE OF THE VOTE OVER THE NIGHT"
    return "VOTES OVER THE NIGHT"


def top_lines(lines: Sequence[Series], count: int = TOP_LINES) -> tuple[Series, ...]:
    """The ``count`` lines with the highest latest value (ballot order breaks ties)."""
    drawn = [line for line in lines if line.points]
    ranked = sorted(
        enumerate(drawn), key=lambda pair: (-(pair[1].last or 0.0), pair[0])
    )
    return tuple(line for _, line in ranked[:count])


def spread(
    wanted: Sequence[float], pitch: float, low: float, high: float
) -> list[float]:
    """Label centres near ``wanted`` with at least ``pitch`` between any two.

    Labels keep their order (the highest line's label stays on top) and stay
    within ``low``..``high`` when they can all fit; colliding labels form a
    block centred on the mean of what they wanted, which moves each as little
    as a block of equal pitch can.
    """
    if not wanted:
        return []
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    room = high - low
    pitch = (
        min(pitch, room / (len(wanted) - 1)) if len(wanted) > 1 and room > 0 else pitch
    )
    blocks: list[list[int]] = []  # indices into ``order``, each block a run
    starts: list[float] = []
    for slot in range(len(order)):
        blocks.append([slot])
        starts.append(_block_start([wanted[order[slot]]], pitch, low, high))
        while len(blocks) > 1 and starts[-2] + len(blocks[-2]) * pitch > starts[-1]:
            merged = blocks[-2] + blocks[-1]
            blocks[-2:] = [merged]
            values = [wanted[order[s]] for s in merged]
            starts[-2:] = [_block_start(values, pitch, low, high)]
    placed = [0.0] * len(wanted)
    for block, start in zip(blocks, starts, strict=True):
        for n, slot in enumerate(block):
            placed[order[slot]] = start + n * pitch
    return placed


def _block_start(
    values: Sequence[float], pitch: float, low: float, high: float
) -> float:
    """The first centre of a block of ``values`` at ``pitch``, kept in bounds."""
    count = len(values)
    centred = sum(values) / count - (count - 1) * pitch / 2
    return max(low, min(centred, high - (count - 1) * pitch))


def _name(candidate: Candidate | None, candidate_id: str, data: ScreenInput) -> str:
    if candidate is None:
        return candidate_id.upper()
    return surname(candidate_name(candidate, data.style)).upper()


def _as_of(moment: dt.datetime, zone: dt.tzinfo | None) -> str:
    return (
        f"AS OF {day_text(moment, zone).upper()} · {clock_text(moment, zone)} "
        f"{zone_text(moment, zone)}"
    )


def plot_for(labels: Sequence[str], width: Measure | None) -> Rect:
    """The plot, its right edge leaving the widest end label its room.

    ``width`` measures a label at ``LABEL_PX`` in 1080 units (the screen's
    font metrics); without it the plot keeps its usual width.
    """
    if width is None or not labels:
        return PLOT
    room = max(width(label) for label in labels)
    right = g.SAFE_RIGHT - LABEL_GAP - room - 8.0
    return replace(PLOT, right=max(PLOT_RIGHT_MIN, min(PLOT_RIGHT_MAX, right)))


def trend_content(
    data: ScreenInput, width: Measure | None = None
) -> TrendContent | None:
    """The trend of the entry's race, or None when the snapshot lacks the race.

    ``width`` measures end labels (see ``plot_for``).
    """
    standings = data.race()
    if standings is None:
        return None
    race = standings.race
    measure = data.options.measure
    title = race_title(race.name, data)
    samples = data.history.get(race.id, ())
    all_lines = series(samples, measure)
    shown = top_lines(all_lines)
    keys = palette.colour_keys(race)
    moments = [at for line in shown for at, _ in line.points]
    scale = time_scale(moments)
    by_id = {c.id: c for c in race.candidates}
    lines: list[TrendLine] = []
    for line in shown:
        name = _name(by_id.get(line.candidate_id), line.candidate_id, data)
        points = tuple(
            (scale.position(at.timestamp()), value) for at, value in line.points
        )
        lines.append(
            TrendLine(
                candidate_id=line.candidate_id,
                colour_key=keys.get(line.candidate_id, "others"),
                points=points,
                name=name,
                label=end_label(name, line.last or 0.0, measure),
            )
        )
    largest = max((v for line in lines for _, v in line.points), default=0.0)
    top, step = value_range(largest, measure)
    plot = plot_for([line.label for line in lines], width)
    if moments:
        start, end = min(moments), max(moments)
        left, right = scale.position(start.timestamp()), scale.position(end.timestamp())
        frame = Frame(min(left, right - 3600), right, top, plot)
        ticks = axis_ticks(moments, data.zone, scale)
        as_of = _as_of(end, data.zone)
    else:
        updated = data.election.updated
        frame = Frame(updated.timestamp() - 3600, updated.timestamp(), top, plot)
        ticks = ()
        as_of = _as_of(updated, data.zone)
    return TrendContent(
        race_id=race.id,
        title=title,
        strap=strap_words(measure),
        as_of=as_of,
        measure=measure,
        frame=frame,
        value_ticks=_value_ticks(top, step, measure),
        time_ticks=ticks,
        breaks=scale.breaks,
        lines=tuple(lines),
        left_out=sum(1 for line in all_lines if line.points) - len(lines),
        message="" if lines else "NO VOTES COUNTED YET",
    )


def race_title(name: str, data: ScreenInput) -> str:
    """The race's name as the board titles it (proper case unless told not)."""
    words = plain(name)
    return words if data.style.source_casing else proper_title(words)


def label_centres(content: TrendContent, frame: Frame | None = None) -> list[float]:
    """Each end label's centre height, pushed apart, for ``frame`` (a glide's)."""
    frame = frame or content.frame
    wanted = [frame.point(*line.points[-1])[1] for line in content.lines if line.points]
    return spread(wanted, LABEL_PITCH, frame.plot.top, frame.plot.bottom)
