"""Property: the short road for uncontested races gives the full standings."""

from __future__ import annotations

import datetime as dt
import gc
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import (
    MAJORITY,
    Call,
    CallOutcome,
    Candidate,
    Election,
    Race,
    Rule,
    Threshold,
    tabulate,
    tabulate_election,
)
from electionboard.model.tabulate import tabulate_general

_calls = st.one_of(
    st.none(),
    st.builds(
        Call,
        st.sampled_from(list(CallOutcome)),
        st.lists(st.sampled_from(["a", "b", "c"]), max_size=2).map(tuple),
        st.just("AP"),
    ),
)


@st.composite
def _rules(draw: st.DrawFn) -> Rule:
    places = draw(st.integers(1, 6))
    outright = draw(
        st.one_of(
            st.none(),
            st.just(MAJORITY),
            st.builds(Threshold, st.just(Fraction(3, 10)), st.booleans()),
        )
    )
    if draw(st.booleans()):
        return Rule(seats=places, outright=outright if places == 1 else None)
    return Rule(advance=max(2, places), outright=outright)


@st.composite
def uncontested_races(draw: st.DrawFn) -> Race:
    """Candidate races with totals and no more names than places."""
    rule = draw(_rules())
    count = draw(st.integers(1, rule.places))
    # Small figures so equal votes (ties, all zero) come up often.
    votes = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    orders = draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    candidates = tuple(
        Candidate(id=chr(ord("a") + i), name=f"Name {i}", ballot_order=orders[i])
        for i in range(count)
    )
    reporting = draw(st.one_of(st.none(), st.integers(0, 3)))
    return Race(
        id="r",
        name="Race",
        rule=rule,
        candidates=candidates,
        totals=tuple(votes),
        precincts_reporting=reporting,
        precincts_total=draw(st.one_of(st.none(), st.integers(3, 5))),
        final=draw(st.booleans()),
        registered_voters=draw(st.one_of(st.none(), st.integers(0, 40))),
        remaining_ballots=draw(st.one_of(st.none(), st.integers(0, 40))),
        call=draw(_calls),
        uncontested=draw(st.booleans()),
        expected_votes=draw(st.one_of(st.none(), st.integers(0, 40))),
        expected_share_counted=draw(st.one_of(st.none(), st.floats(0, 100))),
        problems=tuple(draw(st.lists(st.sampled_from(["x: broken"]), max_size=1))),
    )


@settings(max_examples=400)
@given(uncontested_races(), _calls, st.sampled_from([0.0, 0.05, 0.5]))
def test_uncontested_short_road_equals_the_full_arithmetic(
    race: Race, desk: Call | None, too_close_share: float
) -> None:
    fast = tabulate(race, call=desk, too_close_share=too_close_share)
    full = tabulate_general(race, call=desk, too_close_share=too_close_share)
    assert fast == full
    # Equality of dataclasses does not see the types of enum members and floats.
    assert [type(s.share) for s in fast.candidates] == [float] * len(race.candidates)
    assert fast.status is full.status


def test_a_contested_race_takes_the_full_road() -> None:
    """Two names for one seat: the short road does not apply (and gives the same)."""
    race = Race(
        id="r",
        name="Race",
        rule=Rule(),
        candidates=(Candidate("a", "A"), Candidate("b", "B")),
        totals=(3, 3),
        remaining_ballots=1,
    )
    standings = tabulate(race)
    assert standings == tabulate_general(race)
    assert standings.cutoff_margin is not None


@pytest.mark.parametrize("state", ["on", "off"])
def test_tabulate_election_leaves_the_collector_as_it_found_it(state: str) -> None:
    """The pause is tabulation's own: the caller's GC setting comes back."""
    race = Race(
        id="r", name="Race", rule=Rule(), candidates=(Candidate("a", "A"),), totals=(1,)
    )
    election = Election(
        id="e",
        name="E",
        date=dt.date(2016, 4, 26),
        updated=dt.datetime(2016, 4, 27, tzinfo=dt.UTC),
        races=(race,),
    )
    enabled = state == "on"
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        (standings,) = tabulate_election(election)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
    assert standings == tabulate_general(race)
