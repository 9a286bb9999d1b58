"""The native ``rcv`` block: rules, published rounds, and race-only problems."""

from __future__ import annotations

import json
from typing import Any

import pytest

from electionboard.model import (
    InactiveReason,
    OvervoteRule,
    RankedChoice,
    RcvRules,
    TieBreakMode,
    Transfer,
)
from electionboard.sources.native import parse_native

ROUNDS: list[dict[str, Any]] = [
    {
        "round": 1,
        "tallies": {"ann": 40, "bo": 35, "cy": 25},
        "inactive": 0,
        "eliminated": ["cy"],
    },
    {
        "round": 2,
        "tallies": {"ann": 50, "bo": 45},
        "inactive": 5,
        "elected": ["ann"],
        "inactive_by_reason": {"exhausted": 4, "overvote": 1},
    },
]


def document(rcv: object, **race: Any) -> bytes:
    contest: dict[str, Any] = {
        "id": "mayor",
        "name": "Mayor",
        "final": True,
        "candidates": [
            {"id": "ann", "name": "Ann"},
            {"id": "bo", "name": "Bo"},
            {"id": "cy", "name": "Cy"},
        ],
        "totals": {"ann": 40, "bo": 35, "cy": 25},
        "rcv": rcv,
    }
    contest.update(race)
    other = {
        "id": "sheriff",
        "name": "Sheriff",
        "candidates": [{"id": "x", "name": "X"}],
        "totals": {"x": 7},
    }
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "E", "date": "2022-08-16"},
            "updated": "2022-08-31T16:00:00-08:00",
            "races": [contest, other],
        }
    ).encode()


def test_published_rounds_are_read_in_order_highest_first() -> None:
    race = parse_native(document({"rounds": ROUNDS})).race("mayor")
    assert race.problems == ()
    assert race.is_ranked_choice
    rcv = race.ranked_choice
    assert rcv is not None
    assert rcv.published
    assert rcv.rules == RcvRules()
    first, second = rcv.rounds
    assert first.number == 1
    assert first.tallies == (("ann", 40), ("bo", 35), ("cy", 25))
    assert (first.inactive, first.eliminated, first.elected) == (0, ("cy",), ())
    assert first.transfers == ()
    assert second.tallies == (("ann", 50), ("bo", 45))
    assert (second.inactive, second.elected) == (5, ("ann",))
    assert second.inactive_by_reason == (
        (InactiveReason.EXHAUSTED, 4),
        (InactiveReason.OVERVOTE, 1),
    )
    # The first choices stay the race's ordinary votes.
    assert race.totals == (40, 35, 25)


def test_one_elimination_says_where_its_votes_went() -> None:
    race = parse_native(document({"rounds": ROUNDS})).race("mayor")
    assert race.ranked_choice is not None
    assert race.ranked_choice.rounds[1].transfers == (
        Transfer("cy", "ann", 10),
        Transfer("cy", "bo", 10),
        Transfer("cy", None, 5),
    )


def test_a_batch_elimination_gives_no_transfers_it_cannot_split() -> None:
    rounds = [
        {
            "round": 1,
            "tallies": {"ann": 60, "bo": 30, "cy": 10},
            "eliminated": ["bo", "cy"],
            "elected": [],
        },
        {"round": 2, "tallies": {"ann": 90}, "inactive": 10, "elected": ["ann"]},
    ]
    race = parse_native(document({"rounds": rounds})).race("mayor")
    assert race.ranked_choice is not None
    assert race.ranked_choice.rounds[1].transfers == ()


def test_rule_options_are_named_as_in_rcv_rules() -> None:
    rcv = {
        "overvote_rule": "alwaysSkipToNextRank",
        "max_skipped_rankings": 1,
        "batch_elimination": True,
        "continue_until_two_remain": True,
        "tiebreak_mode": "random",
        "random_seed": 20220816,
    }
    race = parse_native(document(rcv)).race("mayor")
    assert race.ranked_choice == RankedChoice(
        rules=RcvRules(
            overvote_rule=OvervoteRule.ALWAYS_SKIP_TO_NEXT_RANK,
            max_skipped_rankings=1,
            batch_elimination=True,
            continue_until_two_remain=True,
            tiebreak_mode=TieBreakMode.RANDOM,
            random_seed=20220816,
        ),
        published=False,
    )


def test_an_empty_block_is_a_ranked_choice_race_with_first_choices_only() -> None:
    race = parse_native(document({})).race("mayor")
    assert race.ranked_choice == RankedChoice()
    assert race.problems == ()


def test_a_race_without_the_block_is_not_ranked_choice() -> None:
    election = parse_native(document({}))
    assert not election.race("sheriff").is_ranked_choice


def with_round(index: int, **changes: Any) -> list[dict[str, Any]]:
    rounds = [dict(r) for r in ROUNDS]
    rounds[index].update(changes)
    return rounds


@pytest.mark.parametrize(
    ("rcv", "words"),
    [
        (5, "rcv: Expected `object`, got `int`"),
        ({"overvote_rule": "sometimes"}, "rcv.overvote_rule: Invalid enum value"),
        ({"max_skipped_rankings": -1}, "rcv.max_skipped_rankings: expected a whole"),
        ({"rounds": with_round(0, round=2)}, "rcv.rounds[0].round: expected round 1"),
        (
            {"rounds": with_round(0, tallies={"ann": -1})},
            "rcv.rounds[0].tallies[...]: expected a whole number >= 0",
        ),
        (
            {"rounds": with_round(0, tallies={"ann": 10**10})},
            "rcv.rounds[0].tallies[...]: too large: at most 9,999,999,999",
        ),
        (
            {"rounds": with_round(0, tallies={"zed": 1})},
            "rcv.rounds[0].tallies: unknown candidate 'zed'",
        ),
        ({"rounds": with_round(0, tallies={})}, "no continuing candidates"),
        (
            {"rounds": with_round(1, tallies={"ann": 50, "cy": 45})},
            "rcv.rounds[1].tallies: 'cy' was eliminated in round 1",
        ),
        (
            {"rounds": with_round(1, elected=["cy"])},
            "rcv.rounds[1].elected: 'cy' is not continuing in round 2",
        ),
        (
            {"rounds": with_round(0, eliminated=["zed"])},
            "rcv.rounds[0].eliminated: 'zed' is not continuing in round 1",
        ),
        (
            {"rounds": with_round(1, inactive=4, inactive_by_reason=None)},
            "rcv.rounds[1]: 95 continuing + 4 inactive = 99 ballots; round 1 had 100",
        ),
        (
            {"rounds": with_round(1, inactive_by_reason={"exhausted": 1})},
            "rcv.rounds[1].inactive_by_reason: adds up to 1, not the 5 inactive",
        ),
        (
            {"rounds": with_round(1, inactive_by_reason={"lost": 5})},
            "rcv.rounds[1].inactive_by_reason: Invalid enum value 'lost' (a key)",
        ),
    ],
)
def test_a_bad_block_is_a_problem_on_that_race_only(rcv: object, words: str) -> None:
    election = parse_native(document(rcv))
    race = election.race("mayor")
    (problem,) = race.problems
    assert words in problem
    assert "\n" not in problem
    # Kept as a ranked-choice race with its candidates, and no figures.
    assert race.is_ranked_choice
    assert [c.id for c in race.candidates] == ["ann", "bo", "cy"]
    assert race.totals is None
    # Every other race applies as it stands.
    sheriff = election.race("sheriff")
    assert sheriff.problems == ()
    assert sheriff.totals == (7,)


@pytest.mark.parametrize("rule", [{"seats": 2}, {"advance": 2}])
def test_a_ranked_choice_race_elects_one(rule: dict[str, int]) -> None:
    race = parse_native(document({}, **rule)).race("mayor")
    assert race.problems == (
        "rcv: a ranked-choice race elects one: no seats or advance",
    )
