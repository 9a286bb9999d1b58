"""Property tests: every kind's verdicts hold for every completion of the count."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import (
    MAJORITY,
    Candidate,
    Measure,
    MeasureResult,
    Outcome,
    OutrightVerdict,
    Race,
    RaceStandings,
    Rule,
    Threshold,
    tabulate,
)


@dataclass(frozen=True)
class Case:
    """A race, R, and one completion of the count using at most R votes."""

    race: Race
    votes: list[int]
    remaining: int
    gains: list[int]

    @property
    def final(self) -> list[int]:
        return [v + g for v, g in zip(self.votes, self.gains, strict=True)]


thresholds = st.one_of(
    st.just(MAJORITY),
    st.builds(
        Threshold,
        st.integers(1, 10).flatmap(
            lambda den: st.integers(1, den).map(lambda num: Fraction(num, den))
        ),
        st.booleans(),
    ),
)


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    """Seats or advance, with or without an outright threshold."""
    places = draw(st.integers(1, 4))
    outright = draw(st.one_of(st.none(), thresholds))
    if draw(st.booleans()):
        return Rule(seats=places, outright=outright if places == 1 else None)
    return Rule(advance=max(2, places), outright=outright)


@st.composite
def cases(draw: st.DrawFn, *, measure: bool) -> Case:
    count = draw(st.integers(2 if measure else 1, 6))
    votes = draw(st.lists(st.integers(0, 60), min_size=count, max_size=count))
    # Small R often, so that outright wins and passed measures come up.
    remaining = draw(st.one_of(st.integers(0, 12), st.integers(0, 80)))
    used = draw(st.integers(0, remaining))
    cuts = draw(st.lists(st.integers(0, used), min_size=count - 1, max_size=count - 1))
    bounds = [0, *sorted(cuts), used]
    gains = [bounds[i + 1] - bounds[i] for i in range(count)]
    ids = [chr(ord("a") + i) for i in range(count)]
    passing = None
    if measure:
        passing = Measure(draw(st.sampled_from(ids)), draw(thresholds))
    race = Race(
        id="r",
        name="Race",
        rule=Rule() if measure else draw(rules()),
        candidates=tuple(
            Candidate(id=c, name=c.upper(), ballot_order=n)
            for n, c in enumerate(ids, start=1)
        ),
        totals=tuple(votes),
        remaining_ballots=remaining,
        measure=passing,
        uncontested=draw(st.booleans()),
    )
    return Case(race, votes, remaining, gains)


def _outright_winner(rule: Rule, final: list[int]) -> int | None:
    """Who, in this completion, has the threshold and first place outright."""
    if rule.outright is None or len(final) <= rule.places:
        return None
    total = sum(final)
    for i, v in enumerate(final):
        if rule.outright.met(v, total) and all(
            v > w for j, w in enumerate(final) if j != i
        ):
            return i
    return None


def _check_candidates(case: Case, standings: RaceStandings) -> None:
    rule = case.race.rule
    final = case.final
    places = rule.places
    winner = _outright_winner(rule, final)
    for i, candidate in enumerate(case.race.candidates):
        line = standings.standing(candidate.id)
        rivals = [v for j, v in enumerate(final) if j != i]
        at_or_above = sum(v >= final[i] for v in rivals)
        above = sum(v > final[i] for v in rivals)
        inside = at_or_above < places
        if line.outcome is Outcome.WON:
            assert winner == i or (rule.elects and inside)
        if line.outcome is Outcome.ADVANCES:
            assert not rule.elects
            assert inside
            assert winner is None
        if line.outcome is Outcome.ELIMINATED:
            assert above >= places or (winner is not None and winner != i)
    if standings.outright is OutrightVerdict.WON:
        won = [s for s in standings.candidates if s.outcome is Outcome.WON]
        assert len(won) == 1
        assert winner == case.race.candidate_index(won[0].candidate.id)
    if standings.outright is OutrightVerdict.IMPOSSIBLE:
        assert winner is None
    if len(final) <= places:
        settled = Outcome.WON if rule.elects else Outcome.ADVANCES
        assert all(s.outcome is settled for s in standings.candidates)


@settings(max_examples=1500, deadline=None)
@given(cases(measure=False))
def test_candidate_verdicts_survive_any_completion(case: Case) -> None:
    _check_candidates(case, tabulate(case.race))


@settings(max_examples=1500, deadline=None)
@given(cases(measure=True))
def test_measure_verdicts_survive_any_completion(case: Case) -> None:
    standings = tabulate(case.race)
    measure = case.race.measure
    assert measure is not None
    index = case.race.candidate_index(measure.passes_with)
    final = case.final
    met = measure.threshold.met(final[index], sum(final))
    if standings.measure_result is MeasureResult.PASSES:
        assert met
    if standings.measure_result is MeasureResult.FAILS:
        assert not met
    if case.remaining == 0 and sum(case.votes) > 0:
        # A final count always settles a measure.
        assert standings.measure_result is not MeasureResult.PENDING


@settings(max_examples=300, deadline=None)
@given(cases(measure=False), cases(measure=True))
def test_unknown_outstanding_settles_only_what_the_rule_does(
    candidates: Case, measure: Case
) -> None:
    contested = replace(candidates.race, remaining_ballots=None)
    standings = tabulate(contested)
    if len(contested.candidates) > contested.rule.places:
        assert all(s.outcome is Outcome.PENDING for s in standings.candidates)
    assert standings.outright in (None, OutrightVerdict.OPEN)
    open_measure = tabulate(replace(measure.race, remaining_ballots=None))
    assert open_measure.measure_result is MeasureResult.PENDING
    final = tabulate(replace(measure.race, remaining_ballots=None, final=True))
    if sum(measure.votes) > 0:
        assert final.measure_result is not MeasureResult.PENDING
