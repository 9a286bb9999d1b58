"""Property: AP's one-unit road gives what the summing road gives for that unit."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.sources import ap

_lines = st.lists(
    st.builds(
        ap._Candidate,
        last=st.sampled_from(["", "Smith", " Yes "]),
        first=st.sampled_from([None, "", "Ann"]),
        party=st.sampled_from([None, "Dem", "GOP", "NP", " lib "]),
        candidate_id=st.sampled_from([None, "", "1", "2", "3"]),
        pol_id=st.sampled_from([None, "p1", "p2"]),
        ballot_order=st.one_of(st.none(), st.integers(0, 5)),
        vote_count=st.integers(0, 10**6),
        incumbent=st.booleans(),
        elect_won=st.one_of(st.none(), st.integers(0, 55)),
    ),
    max_size=5,
)


def _outcome(lines: list[list[ap._Candidate]], *, measure: bool) -> object:
    try:
        return ap._combine(lines, measure=measure)
    except ap._RaceProblem as problem:
        return f"problem: {problem}"


@settings(max_examples=300)
@given(lines=_lines, measure=st.booleans())
def test_one_unit_equals_summing_over_it_and_an_empty_unit(
    *, lines: list[ap._Candidate], measure: bool
) -> None:
    # Two units, the second empty, take the summing road over the same lines.
    assert _outcome([lines], measure=measure) == _outcome([lines, []], measure=measure)


def _flagged(lines: list[ap._Candidate], *, measure: bool) -> object:
    try:
        return ap._one_unit_flagged(lines, measure=measure)
    except ap._RaceProblem as problem:
        return f"problem: {problem}"


def _unflagged(lines: list[ap._Candidate], *, measure: bool) -> object:
    try:
        candidates, totals = ap._one_unit(lines, measure=measure)
    except ap._RaceProblem as problem:
        return f"problem: {problem}"
    return candidates, totals, ap._flags([lines])


@settings(max_examples=300)
@given(
    lines=_lines.map(
        lambda lines: [
            msgspec.structs.replace(line, winner=winner)
            for line, winner in zip(lines, ["X", "R", None, "X", "x"], strict=False)
        ]
    ),
    measure=st.booleans(),
)
def test_one_pass_with_flags_equals_one_unit_then_flags(
    *, lines: list[ap._Candidate], measure: bool
) -> None:
    assert _flagged(lines, measure=measure) == _unflagged(lines, measure=measure)
