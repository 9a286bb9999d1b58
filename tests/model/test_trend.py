"""A race's trend grows in time order, stays small, and its shares are exact."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import tabulate
from electionboard.model.screens import TrendMeasure
from electionboard.model.trend import (
    MAX_SAMPLES,
    TrendSample,
    sample_of,
    series,
    with_sample,
)
from tests.builders import race

START = dt.datetime(2022, 6, 7, 20, 0, tzinfo=dt.UTC)
IDS = ("a", "b", "c")


def at(minutes: float) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def sample(minutes: float, *votes: int, counted: float | None = None) -> TrendSample:
    return TrendSample(at(minutes), tuple(zip(IDS, votes, strict=False)), counted)


samples = st.builds(
    sample,
    st.integers(min_value=0, max_value=2_000),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=0, max_value=50),
)


def grown(polls: list[TrendSample], cap: int = MAX_SAMPLES) -> tuple[TrendSample, ...]:
    history: tuple[TrendSample, ...] = ()
    for poll in polls:
        history = with_sample(history, poll, cap)
    return history


def test_sample_of_takes_ballot_order_and_precincts_when_no_estimate() -> None:
    standings = tabulate(race([10, 30, 5]))
    made = sample_of(standings, START)
    assert made.votes == (("a", 10), ("b", 30), ("c", 5))
    assert made.counted == 50.0
    assert made.at == START


def test_unchanged_figures_extend_a_flat_run_instead_of_growing() -> None:
    history = grown([sample(m, 1, 2, 3) for m in range(0, 60, 1)])
    assert [s.at for s in history] == [at(0), at(59)]
    assert with_sample(history, sample(59, 1, 2, 3)) == history


def test_a_corrected_document_at_the_same_moment_replaces_the_last() -> None:
    history = grown([sample(0, 1, 1, 1), sample(5, 2, 2, 2)])
    corrected = with_sample(history, sample(5, 3, 2, 2))
    assert [s.votes[0][1] for s in corrected] == [1, 3]


def test_a_stale_answer_is_dropped() -> None:
    history = grown([sample(0, 1, 1, 1), sample(5, 2, 2, 2)])
    assert with_sample(history, sample(3, 9, 9, 9)) == history


def test_a_whole_night_of_fifteen_second_polls_stays_under_the_cap() -> None:
    polls = [sample(m / 4, m, m // 2, 7) for m in range(4 * 60 * 12)]
    history = grown(polls)
    assert len(history) == MAX_SAMPLES
    assert history[0] == polls[0]
    assert history[-1] == polls[-1]
    gaps = [(b.at - a.at).total_seconds() for a, b in itertools.pairwise(history)]
    assert max(gaps) <= 4 * min(gaps), "thinning keeps the night evenly spread"


@given(st.lists(samples, max_size=60), st.integers(min_value=2, max_value=12))
def test_grown_trends_are_ordered_without_duplicates_and_keep_both_ends(
    polls: list[TrendSample], cap: int
) -> None:
    history = grown(polls, cap)
    times = [s.at for s in history]
    assert times == sorted(set(times))
    assert len(history) <= cap
    if polls:
        assert history[0].at == polls[0].at
        newest = max(p.at for p in polls)
        # The last answer for the newest moment is the one kept.
        assert history[-1] == [p for p in polls if p.at == newest][-1]


@given(st.lists(samples, min_size=1, max_size=30))
def test_shares_at_every_moment_sum_to_100(polls: list[TrendSample]) -> None:
    history = grown(polls)
    lines = series(history, TrendMeasure.SHARE)
    for moment in {s.at for s in history}:
        values = [v for line in lines for t, v in line.points if t == moment]
        total = next(s.total for s in history if s.at == moment)
        if total == 0:
            assert values == []
        else:
            assert math.isclose(math.fsum(values), 100.0, abs_tol=1e-9)


def test_votes_keep_zero_points_and_shares_skip_an_empty_count() -> None:
    history = (sample(0, 0, 0, 0), sample(30, 3, 1, 0))
    shares = {s.candidate_id: s.points for s in series(history, TrendMeasure.SHARE)}
    votes = {s.candidate_id: s.points for s in series(history, TrendMeasure.VOTES)}
    assert shares["a"] == ((at(30), 75.0),)
    assert shares["c"] == ((at(30), 0.0),)
    assert votes["a"] == ((at(0), 0.0), (at(30), 3.0))
    assert [line.candidate_id for line in series(history, TrendMeasure.VOTES)] == [
        "a",
        "b",
        "c",
    ]
