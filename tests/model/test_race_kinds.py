"""Seats, outright thresholds, measures, uncontested races: exact verdicts."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from electionboard.model import (
    MAJORITY,
    Candidate,
    InvalidRaceError,
    Measure,
    MeasureResult,
    Outcome,
    OutrightVerdict,
    Race,
    RaceKind,
    RaceStatus,
    Rule,
    RuleError,
    Threshold,
    check_race,
    tabulate,
)
from tests.builders import call, race

NC = Threshold(Fraction(3, 10))
SIXTY = Threshold(Fraction(3, 5), at_least=True)


def measure(yes: int, no: int, threshold: Threshold = SIXTY, **fields: Any) -> Race:
    return replace(
        race([yes, no], names=["Yes", "No"]),
        measure=Measure("yes", threshold),
        **fields,
    )


def test_advance_one_is_a_single_seat_as_native_documents_always_meant() -> None:
    assert Rule(advance=1) == Rule() == Rule(seats=1)
    assert Rule(advance=1).advance is None
    assert Rule(advance=2, majority_wins=True).outright == MAJORITY
    assert Rule(advance=2, outright=MAJORITY).majority_wins
    assert not Rule(advance=2, outright=NC).majority_wins


def test_a_rule_says_one_thing() -> None:
    with pytest.raises(RuleError):
        Rule(seats=2, advance=2)
    with pytest.raises(RuleError):
        Rule(advance=2, majority_wins=True, outright=NC)
    with pytest.raises(RuleError):
        Rule(seats=4, outright=MAJORITY)
    with pytest.raises(ValueError, match="above 0"):
        Threshold(Fraction(0))


def test_thresholds_are_exact_at_the_boundary() -> None:
    assert not NC.met(300, 1000)
    assert NC.met(301, 1000)
    assert SIXTY.met(600, 1000)
    assert not SIXTY.met(599, 1000)
    assert NC.fewest(1000) == 301
    assert SIXTY.fewest(1000) == 600
    assert SIXTY.fewest(1001) == 601
    assert MAJORITY.describe() == "more than 50%"
    assert Threshold(Fraction(2, 3), at_least=True).describe() == "at least 66.7%"


def test_vote_for_four_elects_four() -> None:
    standings = tabulate(
        replace(race([900, 800, 700, 600, 100, 50], remaining=400), rule=Rule(seats=4))
    )
    outcomes = [s.outcome for s in standings.candidates]
    assert outcomes == [Outcome.WON] * 4 + [Outcome.ELIMINATED] * 2
    assert standings.status is RaceStatus.DECIDED


def test_north_carolina_thirty_percent_is_more_than_thirty() -> None:
    rule = Rule(advance=2, outright=NC)
    # Exactly 30% of a final count is not enough: top two to the runoff.
    at = tabulate(replace(race([300, 290, 210, 200], final=True), rule=rule))
    assert at.outright is OutrightVerdict.IMPOSSIBLE
    assert [s.outcome for s in at.candidates[:2]] == [Outcome.ADVANCES] * 2
    over = tabulate(replace(race([301, 290, 210, 199], final=True), rule=rule))
    assert over.outright is OutrightVerdict.WON
    assert over.standing("a").outcome is Outcome.WON
    assert over.standing("b").reason == "A has won outright with more than 30%"


def test_a_threshold_under_half_also_needs_first_place() -> None:
    # A and B both have more than 30% however the rest fall; B may still lead.
    rule = Rule(advance=2, outright=NC)
    standings = tabulate(replace(race([400, 390, 110], remaining=100), rule=rule))
    assert standings.outright is OutrightVerdict.OPEN
    assert standings.standing("a").outcome is Outcome.PENDING
    safe = tabulate(replace(race([500, 390, 10], remaining=100), rule=rule))
    assert safe.outright is OutrightVerdict.WON
    assert safe.outright_reason == (
        "A has 500 of at most 1,000 votes, more than 30% however the rest fall"
    )


def test_measure_at_57_percent_final_fails_a_60_percent_bar() -> None:
    standings = tabulate(measure(570, 430, final=True))
    assert standings.kind is RaceKind.MEASURE
    assert standings.measure_result is MeasureResult.FAILS
    assert standings.measure_reason == (
        "Yes has 570 of 1,000 votes, short of at least 60%"
    )
    assert standings.standing("yes").outcome is Outcome.ELIMINATED
    assert standings.standing("no").outcome is Outcome.WON
    assert standings.status is RaceStatus.DECIDED


def test_measure_passes_once_the_rest_cannot_pull_it_below() -> None:
    # 700 of 1,000 with 166 left: at worst 700 of 1,166 = 60.03%.
    assert tabulate(measure(700, 300, remaining_ballots=166)).measure_result is (
        MeasureResult.PASSES
    )
    # 167 left: 700 of 1,167 is 59.98%, so not yet.
    pending = tabulate(measure(700, 300, remaining_ballots=167))
    assert pending.measure_result is MeasureResult.PENDING
    assert pending.measure_reason == (
        "Yes needs 1 of the 167 votes remaining to be sure of at least 60%"
    )


def test_all_precincts_in_with_unknown_outstanding_is_not_settled() -> None:
    # The Georgia amendment: 81.6% yes, every precinct in, nobody has called it.
    georgia = replace(
        measure(816, 184, MAJORITY), precincts_reporting=2656, precincts_total=2656
    )
    standings = tabulate(georgia)
    assert standings.all_precincts_in
    assert standings.measure_result is MeasureResult.PENDING
    called = tabulate(georgia, call=call("yes"))
    assert called.measure_result is MeasureResult.PASSES
    assert called.measure_reason == "called by Desk"
    assert called.status is RaceStatus.CALLED


def test_uncontested_candidate_is_elected_with_no_votes() -> None:
    standings = tabulate(race([0]))
    assert standings.uncontested
    assert standings.standing("a").outcome is Outcome.WON
    assert standings.status is RaceStatus.DECIDED
    primary = tabulate(race([0], advance=2, majority_wins=True))
    assert primary.standing("a").outcome is Outcome.ADVANCES
    assert tabulate(replace(race([5, 3]), uncontested=True)).uncontested


def test_precinct_percent_rounds_down_until_the_last_is_in() -> None:
    standings = tabulate(
        replace(race([1, 2]), precincts_reporting=2172, precincts_total=2173)
    )
    assert standings.reporting_percent == 99
    assert not standings.all_precincts_in


def test_expected_share_is_an_estimate_that_never_settles_anything() -> None:
    estimated = tabulate(replace(race([600, 400]), expected_votes=2000))
    assert estimated.expected_share_counted == 50.0
    assert all(s.outcome is Outcome.PENDING for s in estimated.candidates)
    assert tabulate(
        replace(race([6, 4]), expected_share_counted=62.0)
    ).expected_share_counted == pytest.approx(62.0)


def test_a_total_that_disagrees_with_its_vote_types_is_a_problem() -> None:
    typed = replace(
        race([100, 50]),
        vote_types=("Election Day", "Absentee"),
        votes_by_type=((60, 40), (30, 19)),
        problems=("no reporting units",),
    )
    assert tabulate(typed).problems == (
        "no reporting units",
        "B: published total 50 but the vote types sum to 49",
    )


def test_check_race_guards_the_new_fields() -> None:
    with pytest.raises(InvalidRaceError, match=r"measure\.passes_with"):
        check_race(replace(measure(1, 2), measure=Measure("maybe")))
    with pytest.raises(InvalidRaceError, match="do not match the vote types"):
        check_race(replace(race([1]), vote_types=("A", "B"), votes_by_type=((1,),)))
    with pytest.raises(InvalidRaceError, match="electoral_votes_won"):
        check_race(
            replace(
                race([1]), candidates=(Candidate("a", "A", electoral_votes_won=-1),)
            )
        )
