"""The board's words for every race kind: seats, thresholds, measures, estimates."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from electionboard.model import (
    CallOutcome,
    Measure,
    Race,
    Rule,
    Threshold,
    tabulate,
)
from electionboard.presentation.content import (
    BannerTone,
    Tag,
    banner_for,
    board_content,
    rows_for,
)
from tests.builders import UPDATED, call, race

SIXTY = Threshold(Fraction(3, 5), at_least=True)
THIRTY = Threshold(Fraction(3, 10))


def measure(
    yes: int, no: int, *, threshold: Threshold = SIXTY, final: bool = False
) -> Race:
    base = race([yes, no], names=["Yes", "No"], final=final, remaining=None)
    choices = tuple(
        dataclasses.replace(c, party=c.name.upper()) for c in base.candidates
    )
    return dataclasses.replace(
        base,
        name="Amendment 1",
        candidates=choices,
        measure=Measure("yes", threshold),
    )


def ruled(votes: list[int], rule: Rule, **changes: object) -> Race:
    base = race(votes, remaining=changes.pop("remaining", None))  # type: ignore[arg-type]
    return dataclasses.replace(base, rule=rule, **changes)  # type: ignore[arg-type]


# -- rule words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (Rule(), "MOST VOTES WINS"),
        (Rule(seats=4), "FOUR SEATS · TOP FOUR ELECTED"),
        (Rule(advance=2), "TOP TWO ADVANCE TO THE GENERAL ELECTION"),
        (
            Rule(advance=2, majority_wins=True),
            "TOP TWO ADVANCE · A MAJORITY WINS OUTRIGHT",
        ),
        (Rule(seats=1, majority_wins=True), "A MAJORITY WINS OUTRIGHT"),
        (Rule(advance=2, outright=THIRTY), "TOP TWO ADVANCE · OVER 30% WINS OUTRIGHT"),
        (
            Rule(advance=2, outright=Threshold(Fraction(7, 20), at_least=True)),
            "TOP TWO ADVANCE · 35% WINS OUTRIGHT",
        ),
    ],
)
def test_rule_words(rule: Rule, words: str) -> None:
    standings = tabulate(ruled([50, 30, 20, 10, 5, 1], rule))
    assert board_content(standings, UPDATED).rule == words


def test_measure_rule_names_the_choice_and_the_threshold() -> None:
    content = board_content(tabulate(measure(57, 43)), UPDATED)
    assert content.rule == "BALLOT MEASURE · YES NEEDS 60%"
    two_thirds = measure(57, 43, threshold=Threshold(Fraction(2, 3), at_least=True))
    assert board_content(tabulate(two_thirds), UPDATED).rule == (
        "BALLOT MEASURE · YES NEEDS TWO-THIRDS"
    )


# -- seats ------------------------------------------------------------------------


def test_vote_for_four_called_three_says_elected_and_the_seat_open() -> None:
    judges = ruled(
        [900, 800, 700, 600, 100, 50],
        Rule(seats=4),
        remaining=10_000,
        call=call("a", "b", "c", outcome=CallOutcome.WON),
    )
    standings = tabulate(judges)
    headline, detail, tone = banner_for(standings, UPDATED)
    assert headline == "ELECTED: A, B, C"
    assert detail == "1 seat still open · Called by Desk at 1:00 AM"
    assert tone is BannerTone.CALLED
    tags = {r.key: r.tag for r in rows_for(standings, 7)}
    assert tags["a"] is Tag.ELECTED
    assert tags["d"] is Tag.NONE
    assert board_content(standings, UPDATED).cutoff_after == 4


def test_vote_for_two_decided_by_the_math_elects_both() -> None:
    standings = tabulate(ruled([900, 800, 10], Rule(seats=2), remaining=100))
    headline, _, _ = banner_for(standings)
    assert headline == "ELECTED: A, B"
    assert [r.tag for r in rows_for(standings, 7)][:2] == [Tag.ELECTED, Tag.ELECTED]


def test_a_single_seat_call_is_still_a_winner() -> None:
    standings = tabulate(race([5, 4], call=call("a", outcome=CallOutcome.WON)))
    assert banner_for(standings)[0] == "A WINS"
    assert rows_for(standings, 7)[0].tag is Tag.WINNER


# -- outright thresholds ------------------------------------------------------------


def test_thirty_percent_outright_win_and_its_mark() -> None:
    primary = ruled(
        [4_000, 2_000, 1_500, 1_000], Rule(advance=2, outright=THIRTY), remaining=100
    )
    standings = tabulate(primary)
    content = board_content(standings, UPDATED)
    assert content.headline == "A WINS OUTRIGHT"
    assert content.mark_label == "OVER 30% WINS"
    # The leader (47.1%) sets a 50% axis; 30% sits at 30/50 of the track.
    assert content.axis_share == 50
    assert content.mark_fraction == pytest.approx(30 / 50)


def test_nobody_at_thirty_percent_sends_the_top_two_to_a_runoff() -> None:
    primary = ruled(
        [2_900, 2_800, 2_700, 2_600], Rule(advance=2, outright=THIRTY), final=True
    )
    content = board_content(tabulate(primary), UPDATED)
    assert content.headline == "A AND B ADVANCE TO RUNOFF"
    # Nobody reached the mark: the track stretches to 30% so the line fits.
    assert content.mark_fraction == pytest.approx(1.0)


# -- uncontested and empty races ----------------------------------------------------


def test_uncontested_candidate_shown_elected() -> None:
    standings = tabulate(race([0], names=["Solo"]))
    content = board_content(standings, UPDATED)
    assert content.rule == "UNCONTESTED · MOST VOTES WINS"
    assert content.headline == "SOLO WINS"
    assert content.detail == "Uncontested"
    assert content.rows[0].tag is Tag.WINNER


def test_uncontested_advancing_by_the_rule() -> None:
    standings = tabulate(ruled([10, 5], Rule(advance=2)))
    content = board_content(standings, UPDATED)
    assert content.rule == "UNCONTESTED · TOP TWO ADVANCE TO THE GENERAL ELECTION"
    assert content.headline == "A AND B ADVANCE"
    assert {r.tag for r in content.rows} == {Tag.ADVANCES}


def test_a_race_with_no_candidates_says_so() -> None:
    empty = dataclasses.replace(race([]), totals=())
    content = board_content(tabulate(empty), UPDATED)
    assert content.headline == "NO CANDIDATES REPORTED YET"
    assert content.tone is BannerTone.WAITING
    assert content.rows == ()
    assert content.mark_fraction is None
    assert content.rule == "MOST VOTES WINS"


def test_a_race_with_problems_still_airs_its_figures() -> None:
    broken = dataclasses.replace(race([60, 40]), problems=("totals disagree",))
    content = board_content(tabulate(broken), UPDATED)
    assert [r.votes for r in content.rows] == [60, 40]
    assert "totals disagree" not in content.headline + content.detail


# -- measures --------------------------------------------------------------------------


def test_sixty_percent_measure_at_fifty_seven_fails_never_yes_wins() -> None:
    content = board_content(tabulate(measure(570, 430, final=True)), UPDATED)
    assert content.headline == "FAILS · NEEDED 60%"
    assert "WINS" not in content.headline
    assert content.tone is BannerTone.DECIDED


def test_measure_that_passes() -> None:
    content = board_content(tabulate(measure(640, 360, final=True)), UPDATED)
    assert content.headline == "PASSES · NEEDED 60%"
    assert content.mark_label == "60% TO PASS"
    assert content.mark_fraction == pytest.approx(0.6)
    assert [r.bar_fraction for r in content.rows] == pytest.approx([0.64, 0.36])


def test_measure_choices_carry_no_party_tags_or_winner_chips() -> None:
    rows = rows_for(tabulate(measure(640, 360, final=True)), 7)
    assert [(r.name, r.party, r.tag) for r in rows] == [
        ("Yes", "", Tag.NONE),
        ("No", "", Tag.NONE),
    ]


def test_measure_pending_with_every_precinct_in_says_what_is_known() -> None:
    georgia = dataclasses.replace(
        measure(816, 184, threshold=Threshold(Fraction(1, 2))),
        precincts_reporting=2_656,
        precincts_total=2_656,
    )
    headline, detail, _ = banner_for(tabulate(georgia))
    assert headline == "ALL PRECINCTS IN · NOT YET CALLED"
    assert detail == "Yes 81.6%, needs more than 50%; outstanding vote unknown"


def test_measure_called_by_the_desk_passes() -> None:
    called = dataclasses.replace(
        measure(700, 300), call=call("yes", outcome=CallOutcome.WON)
    )
    headline, detail, tone = banner_for(tabulate(called), UPDATED)
    assert headline == "PASSES · NEEDED 60%"
    assert detail == "Called by Desk at 1:00 AM"
    assert tone is BannerTone.CALLED


# -- expected vote -------------------------------------------------------------------


def test_expected_vote_beside_precincts() -> None:
    estimated = dataclasses.replace(race([60, 40]), expected_share_counted=62.9)
    content = board_content(tabulate(estimated), UPDATED)
    assert content.reporting == "EST. 62% OF VOTE COUNTED · 1 OF 2 PRECINCTS · 50%"


def test_expected_vote_instead_of_votes_when_no_precincts() -> None:
    estimated = dataclasses.replace(
        race([60, 40]),
        precincts_reporting=None,
        precincts_total=None,
        expected_votes=400,
    )
    content = board_content(tabulate(estimated), UPDATED)
    assert content.reporting == "EST. 25% OF VOTE COUNTED"


def test_no_estimate_once_final() -> None:
    done = dataclasses.replace(race([60, 40], final=True), expected_share_counted=97)
    assert "EST." not in board_content(tabulate(done), UPDATED).reporting


def test_a_decided_measure_says_its_share_and_the_need_briefly() -> None:
    _, detail, _ = banner_for(tabulate(measure(640, 360, final=True)))
    assert detail == "Yes 64.0%, needed at least 60% · Final count"
