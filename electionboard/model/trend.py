"""One race's figures at one moment of the night, for the trend screen.

A trend is the ordered samples of a race seen over the night; samples are
plain data so the store can keep them and a replay can rebuild them. The
rules for growing a trend (no duplicate moments, a bounded size however long
the night) and for turning it into lines live here, so the store, the replay
and the screen agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from electionboard.model.screens import TrendMeasure
from electionboard.model.standings import RaceStandings

MAX_SAMPLES = 500
"""Samples kept per race: a whole night of 15 s polls stays small."""


@dataclass(frozen=True, slots=True)
class TrendSample:
    """A race's votes per candidate as of ``at`` (the feed's update time).

    Attributes:
        at: the snapshot's update time (aware).
        votes: (candidate id, votes) in the race's candidate order.
        counted: the share of the vote counted, 0-100, where known
            (expected vote, else precincts); None when the feed says neither.
    """

    at: dt.datetime
    votes: tuple[tuple[str, int], ...]
    counted: float | None = None

    @property
    def total(self) -> int:
        """Every vote in the sample: what its shares are of."""
        return sum(count for _, count in self.votes)


@dataclass(frozen=True, slots=True)
class Series:
    """One candidate's line: (moment, value) points, oldest first."""

    candidate_id: str
    points: tuple[tuple[dt.datetime, float], ...]

    @property
    def last(self) -> float | None:
        """The line's latest value (its end label), None with no point."""
        return self.points[-1][1] if self.points else None


def sample_of(standings: RaceStandings, at: dt.datetime) -> TrendSample:
    """The race's figures as of ``at``: votes in ballot (race) order.

    Counted is the expected share counted where the feed estimates one, else
    the share of precincts reporting, else None.
    """
    by_id = {line.candidate.id: line.votes for line in standings.candidates}
    votes = tuple((c.id, by_id.get(c.id, 0)) for c in standings.race.candidates)
    counted = standings.expected_share_counted
    if counted is None and standings.precincts_total:
        counted = standings.reporting_share
    return TrendSample(at=at, votes=votes, counted=counted)


def _same_figures(a: TrendSample, b: TrendSample) -> bool:
    return a.votes == b.votes and a.counted == b.counted


def with_sample(
    history: Sequence[TrendSample], sample: TrendSample, cap: int = MAX_SAMPLES
) -> tuple[TrendSample, ...]:
    """``history`` grown by ``sample``: ordered by time, one sample a moment.

    A sample older than the last is a stale answer and is dropped; one at the
    last moment replaces it when its figures differ (a corrected document).
    Unchanged figures at a later moment extend a flat run rather than add to
    it (a run keeps its first and last sample), so a quiet hour costs two
    samples. Past ``cap`` the trend is thinned where samples lie closest in
    time; the first and the last are always kept.
    """
    if cap < 2:
        raise ValueError("a trend keeps at least its first and last samples")
    kept = tuple(history)
    if not kept:
        return (sample,)
    last = kept[-1]
    if sample.at < last.at:
        return kept
    if sample.at == last.at:
        return kept if _same_figures(last, sample) else (*kept[:-1], sample)
    if len(kept) >= 2 and _same_figures(last, sample) and _same_figures(kept[-2], last):
        return (*kept[:-1], sample)
    return thinned((*kept, sample), cap)


def thinned(samples: Sequence[TrendSample], cap: int) -> tuple[TrendSample, ...]:
    """At most ``cap`` samples: drop those whose neighbours lie closest in time.

    Dropping where samples crowd keeps the shape of the night spread evenly
    over its hours; the first and last samples are never dropped.
    """
    kept = list(samples)
    while len(kept) > max(cap, 2):
        crowded = min(
            range(1, len(kept) - 1),
            key=lambda i: (kept[i + 1].at - kept[i - 1].at, i),
        )
        del kept[crowded]
    return tuple(kept)


def share_of(votes: int, total: int) -> Fraction | None:
    """Exactly ``votes`` as a percentage of ``total``; None with no votes at all."""
    if total <= 0:
        return None
    return Fraction(100 * votes, total)


def series(samples: Sequence[TrendSample], measure: TrendMeasure) -> tuple[Series, ...]:
    """Each candidate's line over ``samples``, in order of first appearance.

    Shares are of each sample's own total, so every point's shares sum to
    100; a sample with no votes gives no share point (nothing to share yet)
    while it still gives vote points of 0.
    """
    order: list[str] = []
    points: dict[str, list[tuple[dt.datetime, float]]] = {}
    for sample in samples:
        total = sample.total
        for candidate_id, count in sample.votes:
            if candidate_id not in points:
                order.append(candidate_id)
                points[candidate_id] = []
            if measure is TrendMeasure.VOTES:
                points[candidate_id].append((sample.at, float(count)))
                continue
            share = share_of(count, total)
            if share is not None:
                points[candidate_id].append((sample.at, float(share)))
    return tuple(Series(c, tuple(points[c])) for c in order)
