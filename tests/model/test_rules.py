"""Clinch, elimination and majority rules, with their reasons in numbers."""

from __future__ import annotations

from electionboard.model import Outcome, RaceStatus, place_verdicts, tabulate
from tests.builders import race


def test_single_winner_clinches_when_runner_up_cannot_catch_up() -> None:
    standings = tabulate(race([1000, 700, 100], remaining=299))
    winner = standings.standing("a")
    assert winner.clinched
    assert winner.outcome is Outcome.WON
    assert winner.reason == "B needs 300 more votes than A gains; only 299 remain"


def test_a_reachable_tie_is_not_safe() -> None:
    standings = tabulate(race([1000, 700], remaining=300))
    assert not standings.standing("a").clinched
    assert standings.standing("a").outcome is Outcome.PENDING


def test_eliminated_when_all_remaining_votes_are_not_enough() -> None:
    standings = tabulate(race([1000, 700, 100], remaining=299))
    c = standings.standing("c")
    assert c.eliminated
    assert c.outcome is Outcome.ELIMINATED
    assert c.reason == "C trails A by 900 votes; only 299 remain"
    b = standings.standing("b")
    assert b.eliminated
    assert b.reason == "B trails A by 300 votes; only 299 remain"


def test_reaching_a_tie_is_not_elimination() -> None:
    standings = tabulate(race([1000, 700], remaining=300))
    assert not standings.standing("b").eliminated


def test_top_two_needs_two_rivals_to_be_caught() -> None:
    # To push A out, B needs 10 and C needs 100 more than A gains: 110 > 100.
    standings = tabulate(race([300, 290, 200, 140, 110], advance=2, remaining=100))
    a = standings.standing("a")
    assert a.outcome is Outcome.ADVANCES
    assert a.reason == (
        "B and C together need 110 more votes than A gains; only 100 remain"
    )
    # C can draw level with B using 90 of the 100.
    assert standings.standing("b").outcome is Outcome.PENDING
    assert standings.standing("c").outcome is Outcome.PENDING
    assert standings.standing("d").reason == "D trails B by 150 votes; only 100 remain"
    assert standings.standing("e").outcome is Outcome.ELIMINATED


def test_rivals_already_ahead_cost_nothing() -> None:
    verdicts = place_verdicts(["A", "B", "C"], [500, 300, 200], 2, 99)
    assert verdicts[1].clinched
    assert verdicts[1].reason == "C needs 100 more votes than B gains; only 99 remain"
    verdicts = place_verdicts(["A", "B", "C"], [500, 300, 200], 2, 100)
    assert not verdicts[1].clinched


def test_unknown_outstanding_settles_nothing() -> None:
    standings = tabulate(race([10_000, 1, 0]))
    assert standings.outstanding is None
    assert all(s.outcome is Outcome.PENDING for s in standings.candidates)
    assert standings.status is RaceStatus.COUNTING


def test_fewer_candidates_than_places_all_advance() -> None:
    standings = tabulate(race([0, 0], advance=2))
    assert all(s.clinched for s in standings.candidates)


def test_top_four_variant() -> None:
    standings = tabulate(race([900, 800, 700, 600, 100, 50], advance=4, remaining=400))
    outcomes = [s.outcome for s in standings.candidates]
    assert outcomes == [Outcome.ADVANCES] * 4 + [Outcome.ELIMINATED] * 2


def test_majority_winner_wins_outright_and_others_are_eliminated() -> None:
    # 1000 + 200 possible; a majority of that is 601.
    standings = tabulate(
        race([601, 300, 99], advance=2, majority_wins=True, remaining=200)
    )
    assert standings.standing("a").outcome is Outcome.WON
    assert standings.standing("a").clinched
    assert standings.standing("b").outcome is Outcome.ELIMINATED
    assert standings.standing("b").reason == "A has won a majority outright"
    assert standings.status is RaceStatus.DECIDED


def test_exactly_half_is_not_a_majority() -> None:
    standings = tabulate(
        race([600, 300, 100], advance=2, majority_wins=True, remaining=200)
    )
    assert standings.standing("a").outcome is Outcome.PENDING


def test_advance_waits_while_a_majority_is_possible() -> None:
    # A and B have clinched the top two; A could still reach a majority.
    standings = tabulate(
        race([450, 400, 50], advance=2, majority_wins=True, remaining=100)
    )
    a, b = standings.standing("a"), standings.standing("b")
    assert a.clinched
    assert b.clinched
    assert a.outcome is Outcome.PENDING
    assert b.outcome is Outcome.PENDING
    assert a.reason == (
        "a majority is still possible: A needs 51 of the 100 votes remaining"
    )
    assert standings.standing("c").outcome is Outcome.ELIMINATED


def test_advance_once_no_majority_is_reachable() -> None:
    # Possible total 1100; majority 551; A can reach at most 550.
    standings = tabulate(
        race([450, 400, 150], advance=2, majority_wins=True, remaining=100)
    )
    assert standings.standing("a").outcome is Outcome.ADVANCES
    assert standings.standing("b").outcome is Outcome.ADVANCES
    assert standings.standing("c").outcome is Outcome.ELIMINATED
    assert standings.status is RaceStatus.DECIDED


def test_final_count_without_majority_sends_top_two_to_runoff() -> None:
    votes = [280_000, 233_000, 47_000, 44_000, 11_000, 7_000, 6_000]
    standings = tabulate(
        race(
            votes,
            advance=2,
            majority_wins=True,
            final=True,
            names=["Bass", "Caruso", "de León", "Viola", "Feuer", "F", "G"],
        )
    )
    assert [s.outcome for s in standings.candidates[:2]] == [Outcome.ADVANCES] * 2
    assert all(s.outcome is Outcome.ELIMINATED for s in standings.candidates[2:])
    assert standings.status is RaceStatus.DECIDED
