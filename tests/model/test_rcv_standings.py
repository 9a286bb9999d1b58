"""Ranked-choice races through tabulate(), summary JSON and check_race."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from electionboard.model.election import Call, CallOutcome, Candidate, Race, Rule
from electionboard.model.rcv import (
    BallotPattern,
    RankedChoice,
    RcvRound,
    RcvRules,
)
from electionboard.model.rcv_standings import first_choice_verdict
from electionboard.model.rcv_tabulate import tabulate_rcv
from electionboard.model.report import standings_to_dict, tabulation_to_dict
from electionboard.model.standings import Outcome, RaceKind, RaceStatus
from electionboard.model.tabulate import tabulate
from electionboard.model.validation import InvalidRaceError, check_race, rcv_problems

CANDIDATES = (
    Candidate("a", "Ada"),
    Candidate("b", "Bo"),
    Candidate("c", "Cy"),
)

BALLOTS = (
    BallotPattern(("a",), 40),
    BallotPattern(("b", "c"), 20),
    BallotPattern(("b",), 5),
    BallotPattern(("c", "a"), 35),
)
"""Round 1 a 40, c 35, b 25; b out: round 2 c 55, a 40, 5 inactive: c wins."""

ROUNDS = [
    {
        "round": 1,
        "tallies": {"a": 40, "c": 35, "b": 25},
        "inactive": 0,
        "eliminated": ["b"],
        "elected": [],
    },
    {
        "round": 2,
        "tallies": {"c": 55, "a": 40},
        "inactive": 5,
        "eliminated": [],
        "elected": ["c"],
    },
]


def rcv_race(
    *,
    totals: tuple[int, ...] | None = None,
    ranked: RankedChoice | None = None,
    final: bool = False,
    remaining: int | None = None,
) -> Race:
    return Race(
        id="mayor",
        name="Mayor",
        rule=Rule(),
        candidates=CANDIDATES,
        totals=totals,
        final=final,
        remaining_ballots=remaining,
        ranked_choice=ranked if ranked is not None else RankedChoice(),
    )


def outcomes(race: Race) -> dict[str, tuple[Outcome, str]]:
    standings = tabulate(race)
    return {s.candidate.id: (s.outcome, s.reason) for s in standings.candidates}


def test_a_complete_count_from_ballots_wins_with_reasons_in_numbers() -> None:
    race = rcv_race(ranked=RankedChoice(ballots=BALLOTS), final=True)
    standings = tabulate(race)
    assert standings.kind is RaceKind.RCV
    assert standings.status is RaceStatus.DECIDED
    assert standings.rcv is not None
    assert standings.rcv.winners == ("c",)
    assert outcomes(race) == {
        "c": (Outcome.WON, "won in round 2 with 57.9% of continuing votes"),
        "a": (
            Outcome.ELIMINATED,
            "lost in round 2 with 40 votes (42.1% of continuing votes)",
        ),
        "b": (Outcome.ELIMINATED, "eliminated in round 1 with 25 votes"),
    }
    # No totals: the first choices are round 1's tallies, ranked as such.
    assert [s.votes for s in standings.candidates] == [40, 35, 25]
    # The winner leads, not the first-choice leader.
    assert standings.leader is not None
    assert standings.leader.candidate.id == "c"
    assert standings.summary == "Won in round 2 with 57.9% of continuing votes"
    assert standings.standing("c").clinched
    assert not standings.standing("a").clinched


def test_first_choices_only_never_show_a_round_one_leader_as_winner() -> None:
    race = rcv_race(totals=(48, 30, 22), remaining=10)
    standings = tabulate(race)
    assert standings.rcv is None
    assert standings.status is RaceStatus.COUNTING
    assert {s.outcome for s in standings.candidates} == {Outcome.PENDING}
    assert not any(s.clinched for s in standings.candidates)
    assert standings.summary == (
        "First choices only: no one above 50% of all possible first choices "
        "(110); 10 ballots still to be counted"
    )


def test_first_choices_above_half_of_everything_possible_are_safe() -> None:
    race = rcv_race(totals=(56, 30, 4), remaining=10)
    got = outcomes(race)
    assert got["a"] == (
        Outcome.WON,
        "56.0% of all possible first choices (56 of 100): wins in round 1",
    )
    assert got["b"][0] is Outcome.ELIMINATED
    assert tabulate(race).status is RaceStatus.DECIDED
    assert outcomes(rcv_race(totals=(50, 30, 10), remaining=10))["a"][0] is (
        Outcome.PENDING
    )
    # Nothing bounds the outstanding ballots: nobody is safe.
    assert outcomes(rcv_race(totals=(90, 5, 5)))["a"][0] is Outcome.PENDING


def test_rounds_with_ballots_outstanding_are_shown_but_decide_nothing() -> None:
    race = rcv_race(ranked=RankedChoice(ballots=BALLOTS), remaining=50)
    standings = tabulate(race)
    assert standings.rcv is not None
    assert len(standings.rcv.rounds) == 2
    assert {s.outcome for s in standings.candidates} == {Outcome.PENDING}
    assert standings.status is RaceStatus.COUNTING
    assert standings.summary == (
        "Round 2 of the count so far: Cy leads with 57.9% of continuing votes; "
        "50 ballots still to be counted"
    )
    assert outcomes(race)["b"][1] == (
        "eliminated in round 1 with 25 votes so far; 50 ballots still to be counted"
    )


def test_published_rounds_are_used_as_published() -> None:
    rounds = (
        RcvRound(1, (("a", 40), ("c", 35), ("b", 25)), 0, eliminated=("b",)),
        RcvRound(2, (("a", 60), ("c", 38)), 2, elected=("a",)),
    )
    race = rcv_race(
        totals=(40, 25, 35),
        ranked=RankedChoice(rounds=rounds, ballots=BALLOTS, published=True),
        final=True,
    )
    standings = tabulate(race)
    assert standings.rcv is not None
    assert standings.rcv.rounds == rounds
    assert standings.rcv.winners == ("a",)
    assert standings.rcv.ballots == 100
    assert outcomes(race)["a"] == (
        Outcome.WON,
        "won in round 2 with 61.2% of continuing votes",
    )


def test_a_call_still_shows_as_a_call() -> None:
    race = rcv_race(totals=(48, 30, 22), remaining=10)
    called = tabulate(race, call=Call(CallOutcome.WON, ("a",), by="desk"))
    assert called.status is RaceStatus.CALLED
    assert called.standing("a").outcome is Outcome.PENDING


def test_nothing_counted_has_not_started() -> None:
    standings = tabulate(rcv_race(totals=(0, 0, 0), remaining=100))
    assert standings.status is RaceStatus.NOT_STARTED
    assert standings.summary == "No votes counted yet"


def test_untabulatable_ballots_become_a_problem_not_a_crash() -> None:
    ranked = RankedChoice(ballots=BALLOTS, rules=RcvRules(seats=2))
    standings = tabulate(rcv_race(totals=(40, 25, 35), ranked=ranked, final=True))
    assert standings.rcv is None
    assert any("single transferable vote" in p for p in standings.problems)


def test_existing_kinds_carry_no_rounds() -> None:
    race = replace(rcv_race(totals=(5, 3, 2)), ranked_choice=None)
    standings = tabulate(race)
    assert standings.rcv is None
    assert "rounds" not in standings_to_dict(standings)


def test_summary_json_of_an_rcv_race_has_rounds_winners_and_kind() -> None:
    race = rcv_race(ranked=RankedChoice(ballots=BALLOTS), final=True)
    document = json.loads(json.dumps(standings_to_dict(tabulate(race))))
    assert document["kind"] == "rcv"
    assert document["winners"] == ["c"]
    assert document["rounds"] == ROUNDS
    assert list(document["rounds"][0]["tallies"]) == ["a", "c", "b"]
    pending = standings_to_dict(tabulate(rcv_race(totals=(1, 1, 1))))
    assert (pending["rounds"], pending["winners"]) == ([], [])


def test_tabulation_to_dict_is_exactly_the_issue_shape() -> None:
    count = tabulate_rcv(BALLOTS, ["a", "b", "c"], RcvRules())
    assert tabulation_to_dict(count) == {"rounds": ROUNDS, "winners": ["c"]}


def test_first_choice_verdict_edges() -> None:
    assert first_choice_verdict([51, 49], 0).safe == 0
    assert first_choice_verdict([50, 50], 0).safe is None
    assert first_choice_verdict([50, 40], 11).safe is None
    assert first_choice_verdict([51, 40], 10).safe == 0
    assert first_choice_verdict([], 0).safe is None


def round_(
    number: int,
    tallies: dict[str, int],
    inactive: int,
    *,
    eliminated: tuple[str, ...] = (),
) -> RcvRound:
    return RcvRound(number, tuple(tallies.items()), inactive, eliminated=eliminated)


@pytest.mark.parametrize(
    ("rounds", "words"),
    [
        (
            (round_(1, {"a": 5, "b": 4}, 0), round_(2, {"a": 5}, 3)),
            "round 2: 5 continuing + 3 inactive = 8, but round 1 has 9 ballots",
        ),
        ((round_(1, {"a": 5, "z": 4}, 0),), "round 1: 'z' is not a candidate"),
        ((round_(1, {"a": -5}, 0),), "round 1: 'a': votes cannot be negative, got -5"),
        ((round_(2, {"a": 5}, 0),), "round 1 is numbered 2"),
        (
            (round_(1, {"a": 5, "b": 4}, 0, eliminated=("c",)),),
            "round 1: eliminated 'c' is not in its tallies",
        ),
        (
            (
                round_(1, {"a": 5, "b": 4}, 0, eliminated=("b",)),
                round_(2, {"a": 5, "b": 4}, 0),
            ),
            "round 2: 'b' was already eliminated",
        ),
        (
            (round_(1, {"a": 5, "b": 4}, 2), round_(2, {"a": 10}, 1)),
            "round 2: 1 inactive, fewer than the 2 before",
        ),
    ],
)
def test_check_race_finds_broken_rounds(
    rounds: tuple[RcvRound, ...], words: str
) -> None:
    race = rcv_race(ranked=RankedChoice(rounds=rounds, published=True))
    assert words in rcv_problems(race)
    with pytest.raises(InvalidRaceError, match="ranked_choice"):
        check_race(race)
    tabulate(race)  # and tabulation does not crash on them


def test_check_race_finds_broken_ballots_and_passes_good_ones() -> None:
    good = rcv_race(ranked=RankedChoice(ballots=BALLOTS))
    check_race(good)
    assert rcv_problems(good) == []
    bad = rcv_race(ranked=RankedChoice(ballots=(BallotPattern(("a", "q"), 1),)))
    assert rcv_problems(bad) == ["ballot pattern 1: 'q' is not a candidate"]
    negative = rcv_race(ranked=RankedChoice(ballots=(BallotPattern(("a",), -2),)))
    assert rcv_problems(negative) == [
        "ballot pattern 1: count must be a whole number >= 0"
    ]
