"""Property tests: the verdicts hold for every way the rest of the count can go."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import Outcome, tabulate
from tests.builders import race

Case = tuple[list[int], int, int, bool, list[int]]


@st.composite
def race_and_completion(draw: st.DrawFn) -> Case:
    """Votes, R, N, majority rule, and one completion using at most R votes."""
    count = draw(st.integers(min_value=1, max_value=6))
    votes = draw(st.lists(st.integers(0, 60), min_size=count, max_size=count))
    remaining = draw(st.integers(0, 80))
    advance = draw(st.integers(1, 3))
    majority = draw(st.booleans())
    used = draw(st.integers(0, remaining))
    cuts = draw(st.lists(st.integers(0, used), min_size=count - 1, max_size=count - 1))
    bounds = [0, *sorted(cuts), used]
    gains = [bounds[i + 1] - bounds[i] for i in range(count)]
    return votes, remaining, advance, majority, gains


@settings(max_examples=800, deadline=None)
@given(race_and_completion())
def test_verdicts_survive_any_completion(case: Case) -> None:
    votes, remaining, advance, majority, gains = case
    standings = tabulate(
        race(votes, advance=advance, majority_wins=majority, remaining=remaining)
    )
    final = [v + g for v, g in zip(votes, gains, strict=True)]
    total = sum(final)
    someone_has_majority = any(2 * v > total for v in final)
    for i, candidate in enumerate(standings.race.candidates):
        line = standings.standing(candidate.id)
        rivals = [v for j, v in enumerate(final) if j != i]
        at_or_above = sum(v >= final[i] for v in rivals)
        above = sum(v > final[i] for v in rivals)
        if line.clinched:
            assert at_or_above < advance
        if line.eliminated:
            assert above >= advance or (majority and someone_has_majority)
        if line.outcome is Outcome.WON:
            assert 2 * final[i] > total or (advance == 1 and at_or_above == 0)
        if line.outcome is Outcome.ADVANCES:
            assert at_or_above < advance
            # With no more candidates than places every one goes on, as the
            # rule says, whoever has a majority.
            assert not (majority and someone_has_majority) or len(votes) <= advance
