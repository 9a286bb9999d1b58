"""Property: ``check_built_race`` refuses what ``check_race`` refuses, in its words.

Drawn races meet the preconditions ``check_built_race`` states (what a typed
decoder and a parser's construction guarantee); their figures run up to and
past every bound, so each refusal is reached.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import (
    MAX_CANDIDATES,
    MAX_VOTES,
    Call,
    CallOutcome,
    Candidate,
    InvalidRaceError,
    Measure,
    Race,
    Rule,
    check_race,
)
from electionboard.model.validation import check_built_race
from tests.model.test_tabulate_fast_path import _rules

_counts = st.one_of(
    st.sampled_from([0, 1, MAX_VOTES - 1, MAX_VOTES, MAX_VOTES + 1, 10**40]),
    st.integers(0, 100),
)
_maybe_counts = st.one_of(st.none(), _counts)


@st.composite
def built_races(draw: st.DrawFn) -> Race:
    """Races as a parser builds them: unique ids, counts of 0 or more."""
    count = draw(st.sampled_from([0, 1, 2, 3, 150, MAX_CANDIDATES + 1]))
    ids = [f"c{i}" for i in range(count)]
    won = draw(st.lists(_maybe_counts, min_size=min(count, 3), max_size=min(count, 3)))
    won += [None] * (count - len(won))
    candidates = tuple(
        Candidate(id=ids[i], name=f"Name {i}", electoral_votes_won=won[i])
        for i in range(count)
    )
    totals: tuple[int, ...] | None = None
    if draw(st.booleans()):
        if count > 10 and draw(st.booleans()):
            # Many big counts: over the race's sum bound, under each count's.
            totals = (MAX_VOTES,) * count
        else:
            totals = tuple(draw(st.lists(_counts, min_size=count, max_size=count)))
    measure = None
    if draw(st.booleans()) and ids:
        measure = Measure(passes_with=draw(st.sampled_from(ids[:3])))
    call = None
    if draw(st.booleans()):
        named = draw(st.lists(st.sampled_from(ids[:3]), max_size=2)) if ids else []
        call = Call(draw(st.sampled_from(list(CallOutcome))), tuple(named), "AP")
    return Race(
        id="r",
        name="Race",
        rule=draw(_rules()),
        candidates=candidates,
        totals=totals,
        precincts_reporting=draw(_maybe_counts),
        precincts_total=draw(_maybe_counts),
        call=call,
        measure=measure,
        uncontested=draw(st.booleans()),
        expected_share_counted=draw(st.one_of(st.none(), st.floats(0, 100))),
        problems=tuple(draw(st.lists(st.sampled_from(["x: broken"]), max_size=1))),
        electoral_votes=draw(_maybe_counts),
    )


def _refusal(check: object, race: Race) -> tuple[str, str, str, str] | None:
    assert callable(check)
    try:
        check(race)
    except InvalidRaceError as error:
        return error.race_id, error.field, error.problem, str(error)
    return None


@settings(max_examples=500)
@given(built_races())
def test_built_race_check_refuses_exactly_what_check_race_refuses(race: Race) -> None:
    assert _refusal(check_built_race, race) == _refusal(check_race, race)


def test_each_bound_is_refused() -> None:
    """The refusals the property compares do happen (not only passes)."""
    one = (Candidate("a", "A"),)
    many = tuple(Candidate(f"c{i}", "N") for i in range(150))
    too_many = tuple(Candidate(f"c{i}", "N") for i in range(MAX_CANDIDATES + 1))
    cases = {
        "candidates": Race("r", "R", Rule(), too_many),
        "totals": Race("r", "R", Rule(), one, totals=(MAX_VOTES + 1,)),
        "votes": Race("r", "R", Rule(), many, totals=(MAX_VOTES,) * 150),
        "electoral_votes": Race("r", "R", Rule(), one, electoral_votes=MAX_VOTES + 1),
        "precincts_reporting": Race(
            "r", "R", Rule(), one, precincts_reporting=3, precincts_total=2
        ),
        "candidates[a].electoral_votes_won": Race(
            "r", "R", Rule(), (Candidate("a", "A", electoral_votes_won=10**10),)
        ),
    }
    for field, race in cases.items():
        refused = _refusal(check_built_race, race)
        assert refused is not None
        assert refused[1] == field
        assert refused == _refusal(check_race, race)
