"""The trend chart's axes in words: clock or day ticks, and round value steps.

A network's trend graphic labels time the way a viewer says it ("9 PM",
"JUN 14") in the election's own zone, and its value axis in a few round
steps ("40%", "250K"). No Qt: these are words and numbers the screen places.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model.screens import TrendMeasure
from electionboard.presentation.clock_words import day_text, in_zone

MAX_TIME_TICKS = 6
"""More clock words than this crowd the axis at 34 px."""
_MINUTE_STEPS = (15, 30, 60, 120, 180, 360, 720)
_DAY_STEPS = (1, 2, 3, 4, 5, 7, 14, 28, 56)
_VALUE_STEPS = (1.0, 2.0, 2.5, 5.0)

Tick = tuple[float, str]
"""(position on the axis: seconds since the epoch, or a value; its words)."""


def clock_tick_words(moment: dt.datetime, zone: dt.tzinfo | None) -> str:
    """'9 PM' on the hour, '9:30 PM' off it: how an anchor says a time."""
    local = in_zone(moment, zone)
    hour = local.hour % 12 or 12
    suffix = "AM" if local.hour < 12 else "PM"
    minute = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minute} {suffix}"


def _local_midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone)


def time_ticks(
    start: dt.datetime, end: dt.datetime, zone: dt.tzinfo | None
) -> tuple[Tick, ...]:
    """Round moments between ``start`` and ``end`` with their words.

    Within a night: every 15 minutes to 12 hours, on the clock's round
    marks; over days of counting: local midnights every 1 to 56 days, as
    'JUN 14'. The smallest step giving at most ``MAX_TIME_TICKS`` is taken.
    """
    if end < start:
        start, end = end, start
    here = zone or start.tzinfo or dt.UTC
    span = (end - start).total_seconds()
    for minutes in _MINUTE_STEPS:
        if span / (60 * minutes) > MAX_TIME_TICKS:
            continue
        local = in_zone(start, here)
        into = (local.hour * 60 + local.minute) % minutes
        first = local.replace(second=0, microsecond=0) - dt.timedelta(minutes=into)
        ticks: list[Tick] = []
        moment = first
        while moment <= end:
            if moment >= start:
                ticks.append((moment.timestamp(), clock_tick_words(moment, here)))
            moment += dt.timedelta(minutes=minutes)
        return tuple(ticks)
    first_day = in_zone(start, here).date()
    for days in _DAY_STEPS:
        if span / (86_400 * days) > MAX_TIME_TICKS:
            continue
        found: list[Tick] = []
        day = first_day
        while (midnight := _local_midnight(day, here)) <= end:
            if midnight >= start:
                found.append((midnight.timestamp(), day_text(midnight, here).upper()))
            day += dt.timedelta(days=days)
        return tuple(found)
    return ((start.timestamp(), day_text(start, here).upper()),)


def value_step(top: float) -> float:
    """The smallest round whole step (1, 2, 2.5 or 5 times a power of ten)
    reaching ``top`` in at most 5 steps: a few gridlines, never a ruler."""
    if top <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(top))
    for scale in (0.1, 1.0):
        for base in _VALUE_STEPS:
            step = base * power * scale
            if step >= 1 and step.is_integer() and top / step <= 5:
                return step
    return 10 * power


def value_range(largest: float, measure: TrendMeasure) -> tuple[float, float]:
    """The value axis' top and its gridline step for a largest point of ``largest``.

    Share: the next 10 above the leader (never so close that the line rides
    the top gridline), every 10 points, or 20 past 60%. Votes: round steps.
    """
    if measure is TrendMeasure.SHARE:
        top = max(10.0, math.ceil(largest / 10.0) * 10.0)
        if top - largest < 1.5 and top < 100:
            top += 10.0
        top = min(top, 100.0)
        return top, (10.0 if top <= 60 else 20.0)
    step = value_step(max(largest, 1.0) * 1.04)
    top = max(step, math.ceil(max(largest, 1.0) * 1.04 / step) * step)
    return top, step


def value_words(value: float, measure: TrendMeasure, top: float = 0.0) -> str:
    """'40%', or '250K' / '1.5M' / '5,000' for a count: gridline words.

    An axis reaching 10,000 or more says every count in thousands, so its
    words line up ('2K' under '10K', not '2,000').
    """
    if measure is TrendMeasure.SHARE:
        return f"{value:g}%"
    count = round(value)
    if count >= 1_000_000:
        return f"{count / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if count and max(count, top) >= 10_000:
        return f"{count / 1_000:.1f}".rstrip("0").rstrip(".") + "K"
    return f"{count:,}"


def value_ticks(top: float, step: float, measure: TrendMeasure) -> tuple[Tick, ...]:
    """Every gridline from 0 to ``top`` with its words."""
    count = round(top / step)
    return tuple(
        (i * step, value_words(i * step, measure, top)) for i in range(count + 1)
    )


GAP_LIMIT = 3 * 3600.0
"""A wait between updates longer than this (seconds) is drawn shortened."""
GAP_WIDTH = 5400.0
"""How long a shortened wait looks on the axis, in seconds of the night."""


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Real moments to positions along the time axis, with long waits shortened.

    The count of an election night and the days of counting after it share
    one axis: each wait between updates longer than ``GAP_LIMIT`` takes only
    ``GAP_WIDTH``, so a night's hours are not squeezed against weeks of
    canvass. Positions are seconds: equal to the real moment up to the first
    shortened wait.
    """

    knots: tuple[tuple[float, float], ...]
    """(real seconds since the epoch, axis position) at each update."""
    breaks: tuple[float, ...] = ()
    """Axis positions of the middle of each shortened wait."""

    def position(self, real: float) -> float:
        """Where the real moment ``real`` falls along the axis."""
        if not self.knots:
            return real
        first_real, first_axis = self.knots[0]
        if real <= first_real:
            return first_axis - (first_real - real)
        for (a_real, a_axis), (b_real, b_axis) in itertools.pairwise(self.knots):
            if real <= b_real:
                share = (real - a_real) / (b_real - a_real) if b_real > a_real else 1.0
                return a_axis + (b_axis - a_axis) * share
        last_real, last_axis = self.knots[-1]
        return last_axis + (real - last_real)


def time_scale(moments: Sequence[dt.datetime]) -> TimeScale:
    """The axis for updates at ``moments`` (any order; duplicates are one)."""
    reals = sorted({m.timestamp() for m in moments})
    if not reals:
        return TimeScale(())
    knots = [(reals[0], reals[0])]
    breaks: list[float] = []
    for before, after in itertools.pairwise(reals):
        wait = after - before
        step = wait if wait <= GAP_LIMIT else GAP_WIDTH
        axis = knots[-1][1]
        if wait > GAP_LIMIT:
            breaks.append(axis + step / 2)
        knots.append((after, axis + step))
    return TimeScale(tuple(knots), tuple(breaks))


def axis_ticks(
    moments: Sequence[dt.datetime], zone: dt.tzinfo | None, scale: TimeScale
) -> tuple[Tick, ...]:
    """Time words along a shortened axis, the most telling first.

    The first stretch (the night) gets round clock ticks however short; the
    first update after each shortened wait is said by its day ('JUN 14'); a
    later stretch of an hour or more gets clock ticks of its own. The screen
    drops any that would crowd one placed before it, so the order is the
    priority: the night's clock words, then the days, then later hours.
    """
    ordered = sorted(set(moments))
    if not ordered:
        return ()
    runs: list[list[dt.datetime]] = [[ordered[0]]]
    for before, after in itertools.pairwise(ordered):
        if (after - before).total_seconds() > GAP_LIMIT:
            runs.append([after])
        else:
            runs[-1].append(after)

    def clock(run: list[dt.datetime]) -> list[Tick]:
        return [
            (scale.position(at), words)
            for at, words in time_ticks(run[0], run[-1], zone)
        ]

    night = clock(runs[0]) if len(runs[0]) > 1 else []
    days = [
        (scale.position(run[0].timestamp()), day_text(run[0], zone).upper())
        for run in runs[1:]
    ]
    later = [
        tick
        for run in runs[1:]
        if (run[-1] - run[0]).total_seconds() >= 3600
        for tick in clock(run)
    ]
    return (*night, *days, *later)


def uncrowded(ticks: Sequence[tuple[float, float]], gap: float) -> list[bool]:
    """Which ticks (centre, width), in priority order, to keep: none closer than
    ``gap`` to one kept before it, so no two words touch."""
    kept: list[tuple[float, float]] = []
    verdicts: list[bool] = []
    for centre, width in ticks:
        clear = all(
            abs(centre - other) >= (width + other_width) / 2 + gap
            for other, other_width in kept
        )
        verdicts.append(clear)
        if clear:
            kept.append((centre, width))
    return verdicts
