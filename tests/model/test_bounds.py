"""The bounds on vote figures, race sums and candidate counts, in the model.

One absurd figure (a 400-digit count in a desk CSV) used to be saved and then
make every recompute raise OverflowError; these pin the one set of rules every
parser, the desk and the store now share, and that tabulation cannot raise on
anything inside them.
"""

from __future__ import annotations

import pytest

from electionboard.model import (
    MAX_CANDIDATES,
    MAX_RACE_VOTES,
    MAX_VOTES,
    Candidate,
    InvalidRaceError,
    Precinct,
    Race,
    Rule,
    check_race,
    count_from_text,
    tabulate,
)
from electionboard.model.overlay import EntryRejected, apply_overlay, check_entry
from tests.builders import election, race


def test_the_bounds_are_the_documented_ones() -> None:
    assert (MAX_VOTES, MAX_RACE_VOTES, MAX_CANDIDATES) == (
        9_999_999_999,
        999_999_999_999,
        1_000,
    )


def test_a_figure_at_the_bound_passes_and_one_over_is_refused() -> None:
    check_race(race([MAX_VOTES, 0]))
    with pytest.raises(InvalidRaceError, match="totals: too large: at most"):
        check_race(race([MAX_VOTES + 1, 0]))


def precinct_race(*columns: tuple[int, ...], registered: int | None = None) -> Race:
    return Race(
        id="r",
        name="R",
        rule=Rule(),
        candidates=(Candidate("a", "A"), Candidate("b", "B")),
        precincts=tuple(
            Precinct(f"p{n}", f"P{n}", True, votes, registered)
            for n, votes in enumerate(columns)
        ),
    )


def test_a_precinct_figure_over_the_bound_is_refused() -> None:
    with pytest.raises(InvalidRaceError, match=r"precincts\[p0\]\.votes: too large"):
        check_race(precinct_race((10**400, 0)))


def test_a_registered_count_over_the_bound_is_refused() -> None:
    with pytest.raises(InvalidRaceError, match="registered_voters: too large"):
        check_race(precinct_race((1, 0), registered=10**10))
    with pytest.raises(InvalidRaceError, match="remaining_ballots: too large"):
        check_race(race([1, 0], remaining=10**10))


def test_a_race_sum_over_the_bound_is_refused() -> None:
    full = [(MAX_VOTES, 0)] * 100
    check_race(precinct_race(*full))
    with pytest.raises(InvalidRaceError, match="votes: more than 999,999,999,999"):
        check_race(precinct_race(*full, (100, 0)))


def many(count: int) -> Race:
    return race([1] * count, names=[f"C{n}" for n in range(count)])


def test_candidates_are_bounded_per_race() -> None:
    check_race(many(MAX_CANDIDATES))
    with pytest.raises(InvalidRaceError, match="1,001 candidates; at most 1,000"):
        check_race(many(MAX_CANDIDATES + 1))


@pytest.mark.parametrize(
    ("text", "count"),
    [("0", 0), ("9999999999", MAX_VOTES), ("0000000000042", 42)],
)
def test_counts_from_text(text: str, count: int) -> None:
    assert count_from_text(text) == count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("10000000000", "too large: at most 9,999,999,999"),
        ("9" * 5000, "too large"),  # past Python's own limit on int("...")
        ("-1", "expected a whole number"),
        ("1e3", "expected a whole number"),
        ("\u0661", "expected a whole number"),
        ("", "expected a whole number"),
    ],
)
def test_bad_count_text(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words) as caught:
        count_from_text(text)
    assert text[:20] not in str(caught.value) or not text


def test_tabulation_at_the_bounds_is_finite_and_exact() -> None:
    votes = [MAX_VOTES] * 100
    standings = tabulate(
        race(votes, remaining=MAX_VOTES, names=[f"C{n}" for n in range(100)])
    )
    assert standings.total_votes == 100 * MAX_VOTES
    assert [s.share for s in standings.candidates] == [1.0] * 100
    assert standings.cutoff_margin is not None
    assert standings.cutoff_margin.points == 0.0


def test_tabulation_does_not_overflow_even_past_the_bounds() -> None:
    """Shares are exact integer division, so no float ever holds a raw figure."""
    standings = tabulate(race([10**400, 10**399]))
    assert [round(s.share, 6) for s in standings.candidates] == [90.909091, 9.090909]


def test_a_desk_figure_over_the_bound_is_refused() -> None:
    feed = election(precinct_race((1, 2), (0, 0)))
    with pytest.raises(EntryRejected) as caught:
        check_entry(feed, "r", "p1", {"a": MAX_VOTES + 1, "b": 0})
    assert caught.value.problems == {
        "votes.a": "too large: at most 9,999,999,999 votes"
    }
    assert check_entry(feed, "r", "p1", {"a": MAX_VOTES, "b": 0}) == (MAX_VOTES, 0)


def test_a_desk_entry_pushing_the_race_past_its_bound_is_refused() -> None:
    feed = election(precinct_race(*[(MAX_VOTES, 0)] * 100, (0, 0)))
    with pytest.raises(EntryRejected) as caught:
        check_entry(feed, "r", "p100", {"a": 100, "b": 0})
    assert "more than 999,999,999,999 votes" in caught.value.problems["votes"]


def test_an_invalid_saved_entry_is_left_out_and_reported() -> None:
    feed = election(precinct_race((1, 2), (0, 0)))
    overlaid = apply_overlay(
        feed,
        {("r", "p0"): {"a": 10**400, "b": 0}, ("r", "p1"): (-1, 5), ("r", "p9"): {}},
        {},
    )
    assert overlaid.invalid == {
        ("r", "p0"): "too large: at most 9,999,999,999 votes",
        ("r", "p1"): "votes cannot be negative, got -1",
    }
    assert overlaid.unmatched == {("r", "p9")}
    assert overlaid.manual_races == frozenset()
    assert overlaid.election.race("r") == feed.race("r")
    assert tabulate(overlaid.election.race("r")).total_votes == 3


def test_a_valid_entry_beside_an_invalid_one_still_applies() -> None:
    feed = election(precinct_race((1, 2), (0, 0)))
    overlaid = apply_overlay(
        feed, {("r", "p0"): {"a": 10**400}, ("r", "p1"): {"a": 7, "b": 1}}, {}
    )
    shown = overlaid.election.race("r")
    assert shown.precincts[1] == feed.race("r").precincts[1]._replace(votes=(7, 1))
    assert set(overlaid.invalid) == {("r", "p0")}
