"""Property: contested races with R unknown take a short road to the full standings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import Call, Candidate, Race, Rule, tabulate
from electionboard.model.standings import Outcome, RaceStatus
from electionboard.model.tabulate import tabulate_general
from tests.model.test_tabulate_fast_path import _calls, _rules


@st.composite
def contested_races(draw: st.DrawFn, *, bounded: bool) -> Race:
    """Candidate races with totals and more names than places.

    ``bounded`` also draws what bounds R (final, remaining ballots, registered
    voters), so the full road is taken too and the dispatch is tested.
    """
    rule = draw(_rules())
    count = draw(st.integers(rule.places + 1, rule.places + 4))
    # Small figures so equal votes (ties, all zero) come up often.
    votes = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    orders = draw(st.lists(st.integers(0, 2), min_size=count, max_size=count))
    names = draw(
        st.lists(st.sampled_from(["Ann", "Bo"]), min_size=count, max_size=count)
    )
    candidates = tuple(
        Candidate(id=chr(ord("a") + i), name=names[i], ballot_order=orders[i])
        for i in range(count)
    )
    maybe = st.one_of(st.none(), st.integers(0, 40)) if bounded else st.none()
    return Race(
        id="r",
        name="Race",
        rule=rule,
        candidates=candidates,
        totals=tuple(votes),
        precincts_reporting=draw(st.one_of(st.none(), st.integers(0, 3))),
        precincts_total=draw(st.one_of(st.none(), st.integers(3, 5))),
        final=draw(st.booleans()) if bounded else False,
        registered_voters=draw(maybe),
        remaining_ballots=draw(maybe),
        call=draw(_calls),
        uncontested=draw(st.booleans()),
        expected_votes=draw(st.one_of(st.none(), st.integers(0, 40))),
        expected_share_counted=draw(st.one_of(st.none(), st.floats(0, 100))),
        problems=tuple(draw(st.lists(st.sampled_from(["x: broken"]), max_size=1))),
    )


def _same(race: Race, desk: Call | None, too_close_share: float) -> None:
    fast = tabulate(race, call=desk, too_close_share=too_close_share)
    full = tabulate_general(race, call=desk, too_close_share=too_close_share)
    assert fast == full
    # Equality of dataclasses does not see the types of enum members and floats.
    assert fast.status is full.status
    assert fast.outright is full.outright
    assert [s.outcome for s in fast.candidates] == [s.outcome for s in full.candidates]
    assert [type(s.share) for s in fast.candidates] == [float] * len(race.candidates)
    assert [type(m) for m in (fast.lead_margin, fast.cutoff_margin)] == [
        type(m) for m in (full.lead_margin, full.cutoff_margin)
    ]


@settings(max_examples=500)
@given(contested_races(bounded=False), _calls, st.sampled_from([0.0, 0.05, 0.5]))
def test_unbounded_short_road_equals_the_full_arithmetic(
    race: Race, desk: Call | None, too_close_share: float
) -> None:
    _same(race, desk, too_close_share)


@settings(max_examples=300)
@given(contested_races(bounded=True), _calls, st.sampled_from([0.0, 0.05, 0.5]))
def test_every_contested_race_tabulates_as_the_full_road(
    race: Race, desk: Call | None, too_close_share: float
) -> None:
    _same(race, desk, too_close_share)


def test_an_unbounded_race_is_pending_and_counting() -> None:
    """Two names, one seat, R unknown: nobody settled, the count goes on."""
    race = Race(
        id="r",
        name="Race",
        rule=Rule(),
        candidates=(
            Candidate("a", "A", ballot_order=2),
            Candidate("b", "B", ballot_order=1),
        ),
        totals=(3, 3),
    )
    standings = tabulate(race)
    assert standings.status is RaceStatus.COUNTING
    assert [s.candidate.id for s in standings.candidates] == ["b", "a"]
    assert [s.outcome for s in standings.candidates] == [Outcome.PENDING] * 2
    assert standings.leader is None
    assert standings.summary == "Votes still to be counted: unknown"
