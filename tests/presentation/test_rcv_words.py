"""A ranked-choice board's words: first choices, each round, the final round."""

from __future__ import annotations

import dataclasses

import pytest

from electionboard.model import CallOutcome, Outcome, RankedChoice, RcvRound, tabulate
from electionboard.presentation.content import BannerTone, Tag, board_content
from electionboard.presentation.rcv_board import ELIMINATED_NOTE, shown_round
from electionboard.presentation.rcv_words import (
    NO_ONE_ABOVE_HALF,
    inactive_words,
    needed_to_win,
    winner_line,
)
from tests.builders import UPDATED, call
from tests.presentation.rcv_contest import (
    ROUND_1,
    ROUND_2,
    ROUNDS,
    alaska_race,
    alaska_standings,
    first_choices,
    with_rounds,
)

# -- first choices only ----------------------------------------------------------


def test_first_choices_say_no_one_is_above_half_and_show_no_winner() -> None:
    content = board_content(first_choices(), UPDATED)
    assert content.headline == NO_ONE_ABOVE_HALF
    assert content.headline == "RANKED-CHOICE · FIRST CHOICES · NO ONE ABOVE 50%"
    assert content.detail.startswith("Mary Peltola leads first choices with 39.1%")
    assert content.tone is BannerTone.EARLY
    assert content.rule.startswith("RANKED-CHOICE · FIRST CHOICES")
    assert content.rounds is None
    # No plurality cutoff line, no tag: a third place can still win.
    assert content.cutoff_after is None
    assert all(row.tag is Tag.NONE and not row.checked for row in content.rows)
    assert content.mark_label == "OVER 50% WINS IN ROUND 1"
    # A 60% axis: the 50% line inside the track, on a gridline.
    assert content.axis_share == 60.0
    assert content.mark_fraction == pytest.approx(50 / 60)


def test_a_first_choice_majority_so_far_is_not_a_win() -> None:
    totals = {"peltola": 100_000, "palin": 58_339, "begich": 30_000, "writein": 1}
    standings = first_choices(totals)
    assert all(s.outcome is not Outcome.WON for s in standings.candidates)
    content = board_content(standings, UPDATED)
    assert content.headline == (
        "RANKED-CHOICE · FIRST CHOICES · MARY PELTOLA ABOVE 50% SO FAR"
    )
    assert "WINS" not in content.headline
    assert content.tone is BannerTone.EARLY
    assert content.rows[0].tag is Tag.NONE


def test_the_model_saying_safe_on_first_choices_is_the_result() -> None:
    standings = first_choices({"peltola": 120_000, "palin": 50_000, "begich": 1})
    lines = tuple(
        dataclasses.replace(line, outcome=Outcome.WON)
        if line.candidate.id == "peltola"
        else line
        for line in standings.candidates
    )
    content = board_content(dataclasses.replace(standings, candidates=lines), UPDATED)
    assert content.headline == "MARY PELTOLA WINS IN ROUND 1"
    assert content.tone is BannerTone.DECIDED
    assert content.rows[0].tag is Tag.WINNER


def test_a_plurality_win_on_a_finished_count_is_no_ranked_choice_win() -> None:
    race = alaska_race()
    finished = tabulate(dataclasses.replace(race, ranked_choice=RankedChoice()))
    content = board_content(finished, UPDATED)
    assert content.headline == NO_ONE_ABOVE_HALF
    assert all(row.tag is Tag.NONE for row in content.rows)


def test_a_desk_call_on_first_choices_is_shown_as_the_desk_made_it() -> None:
    standings = first_choices()
    race = dataclasses.replace(
        standings.race, call=call("peltola", outcome=CallOutcome.WON)
    )
    called = tabulate(race)
    content = board_content(called, UPDATED)
    assert content.tone is BannerTone.CALLED
    assert content.headline == "MARY PELTOLA WINS"
    assert content.detail.startswith("Called by Desk")


# -- rounds -------------------------------------------------------------------------


def test_a_round_names_itself_and_who_goes_out() -> None:
    content = board_content(alaska_standings(), UPDATED, round_number=2)
    assert content.headline == "ROUND 2 OF 3 · NO ONE ABOVE 50%"
    assert content.rule == "RANKED-CHOICE · ROUND 2 OF 3 · SHARE OF CONTINUING VOTES"
    assert content.detail == (
        "Nick Begich eliminated · those ballots go to their next choices"
    )
    assert content.tone is BannerTone.EARLY
    rows = {row.key: row for row in content.rows}
    assert [row.key for row in content.rows] == [
        "peltola",
        "palin",
        "begich",
        "writein",
    ]
    # Shares are of the continuing votes: 75,917 of 190,512.
    assert rows["peltola"].share == pytest.approx(100 * 75_917 / 190_512)
    assert rows["begich"].note == ELIMINATED_NOTE
    assert not rows["begich"].dimmed
    # Round 1's write-ins are out: dimmed, no votes, their bar empty.
    assert rows["writein"].dimmed
    assert rows["writein"].votes == 0
    assert rows["writein"].bar_fraction == 0.0
    assert content.mark_label == f"{needed_to_win(190_512):,} TO WIN"
    assert content.mark_label == "95,257 TO WIN"
    assert content.cutoff_after is None


def test_round_one_shows_every_candidate_and_no_inactive_yet() -> None:
    content = board_content(alaska_standings(), UPDATED, round_number=1)
    assert content.headline == "ROUND 1 OF 3 · NO ONE ABOVE 50%"
    assert [row.key for row in content.rows] == [c for c, _ in ROUND_1.tallies]
    assert content.rounds is not None
    assert content.rounds.inactive == 0
    assert content.rounds.flows == ()
    assert content.detail.startswith("Write-in eliminated")


def test_the_final_round_shows_the_winner_margin_threshold_and_inactive() -> None:
    content = board_content(alaska_standings(), UPDATED)  # default: the last round
    assert content.rounds is not None
    assert content.rounds.number == 3
    assert content.headline == (
        "MARY PELTOLA WINS IN ROUND 3 · 51.5% OF CONTINUING VOTES"
    )
    assert content.detail == (
        "Margin 5,240 · 88,647 needed, over half of 177,292 · 13,976 inactive"
    )
    assert content.tone is BannerTone.DECIDED
    assert content.rows[0].tag is Tag.WINNER
    assert winner_line(alaska_standings(), ROUNDS[-1]) == (
        "MARY PELTOLA WINS IN ROUND 3 · 51.5% OF CONTINUING VOTES · 13,976 INACTIVE"
    )


def test_a_final_round_of_a_count_still_going_is_a_lead_not_a_win() -> None:
    standings = alaska_standings()
    going = dataclasses.replace(
        standings, race=dataclasses.replace(standings.race, final=False)
    )
    content = board_content(going, UPDATED)
    assert "WINS" not in content.headline
    assert content.headline == (
        "MARY PELTOLA LEADS IN ROUND 3 · 51.5% · COUNT NOT FINAL"
    )
    assert content.tone is BannerTone.EARLY


def test_rounds_after_a_win_say_the_count_goes_on_until_two_remain() -> None:
    # Round 2 elects; round 3 repeats the tallies after the next elimination.
    won = dataclasses.replace(ROUND_2, elected=("peltola",), eliminated=())
    after = RcvRound(
        3, (("peltola", 75_917), ("palin", 59_639)), 55_712, eliminated=("begich",)
    )
    standings = with_rounds(alaska_standings(), (ROUND_1, won, after))
    content = board_content(standings, UPDATED, round_number=3)
    assert content.headline == "ROUND 3 OF 3 · MARY PELTOLA ALREADY ELECTED"
    assert content.rows[0].tag is Tag.WINNER


def test_a_round_the_race_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no round 4"):
        board_content(alaska_standings(), UPDATED, round_number=4)
    with pytest.raises(ValueError, match="no rounds yet"):
        shown_round(first_choices(), 1)
    assert shown_round(first_choices(), None) is None


def test_inactive_words_round_a_count_mid_transfer() -> None:
    assert inactive_words(12_345) == "INACTIVE BALLOTS 12,345"
    assert inactive_words(377.6) == "INACTIVE BALLOTS 378"
    assert needed_to_win(177_292) == 88_647
    assert needed_to_win(177_293) == 88_647
