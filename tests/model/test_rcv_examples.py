"""Worked examples of the instant-runoff tabulator, one per rule, rounds written out."""

from __future__ import annotations

import pytest

from electionboard.model.rcv import (
    OVERVOTE,
    BallotPattern,
    InactiveReason,
    OvervoteRule,
    RankCell,
    RcvRules,
    RcvTabulation,
    TieBreakMode,
    Transfer,
)
from electionboard.model.rcv_tabulate import tabulate_rcv


def ballots(*rows: tuple[int, str]) -> list[BallotPattern]:
    """Patterns from ``(count, "A B _ !")``: ``_`` a skip, ``!`` an overvote."""
    patterns = []
    for count, text in rows:
        cells: list[RankCell] = []
        for cell in text.split():
            cells.append(None if cell == "_" else OVERVOTE if cell == "!" else cell)
        patterns.append(BallotPattern(tuple(cells), count))
    return patterns


def table(tabulation: RcvTabulation) -> list[tuple[object, ...]]:
    """Each round as (tallies, inactive, eliminated, elected)."""
    return [
        (dict(r.tallies), r.inactive, r.eliminated, r.elected)
        for r in tabulation.rounds
    ]


def test_plain_instant_runoff_rounds() -> None:
    count = tabulate_rcv(
        ballots((8, "A"), (7, "B C"), (5, "C B"), (3, "D C A"), (1, "D")),
        "ABCD",
        RcvRules(),
    )
    assert table(count) == [
        ({"A": 8, "B": 7, "C": 5, "D": 4}, 0, ("D",), ()),
        ({"A": 8, "C": 8, "B": 7}, 1, ("B",), ()),
        ({"C": 15, "A": 8}, 1, (), ("C",)),
    ]
    assert count.winners == ("C",)
    assert count.ballots == 24
    # Highest first; equal tallies in the candidates' order.
    assert count.rounds[1].tallies == (("A", 8), ("C", 8), ("B", 7))
    assert count.rounds[1].transfers == (
        Transfer("D", "C", 3),
        Transfer("D", None, 1),
    )
    assert count.rounds[2].transfers == (Transfer("B", "C", 7),)
    assert count.rounds[2].inactive_by_reason == ((InactiveReason.EXHAUSTED, 1),)


def test_a_first_round_majority_stops_at_round_one_and_zero_candidates_show() -> None:
    count = tabulate_rcv(ballots((6, "A"), (4, "B")), "ABZ", RcvRules())
    assert table(count) == [({"A": 6, "B": 4, "Z": 0}, 0, (), ("A",))]


def test_exactly_half_is_not_a_majority() -> None:
    count = tabulate_rcv(ballots((5, "A"), (3, "B"), (2, "C B")), "ABC", RcvRules())
    assert table(count) == [
        ({"A": 5, "B": 3, "C": 2}, 0, ("C",), ()),
        ({"B": 5, "A": 5}, 0, (), ("A",)),
    ]
    # Two left and tied: the winner is the one with more in round 1 (A: 5 > 3).


def test_overvote_exhausts_by_default_and_is_skipped_by_option() -> None:
    rows = ballots((4, "A"), (3, "B"), (2, "! B"), (2, "C ! A"))
    exhaust = tabulate_rcv(rows, "ABC", RcvRules())
    assert table(exhaust) == [
        ({"A": 4, "B": 3, "C": 2}, 2, ("C",), ()),
        ({"A": 4, "B": 3}, 4, (), ("A",)),
    ]
    assert exhaust.rounds[0].inactive_by_reason == ((InactiveReason.OVERVOTE, 2),)
    assert exhaust.rounds[1].transfers == (Transfer("C", None, 2),)
    skip = tabulate_rcv(
        rows, "ABC", RcvRules(overvote_rule=OvervoteRule.ALWAYS_SKIP_TO_NEXT_RANK)
    )
    assert table(skip) == [
        ({"B": 5, "A": 4, "C": 2}, 0, ("C",), ()),
        ({"A": 6, "B": 5}, 0, (), ("A",)),
    ]


def test_max_skipped_rankings_exhausts_at_more_than_k_consecutive_skips() -> None:
    rows = ballots((5, "A"), (4, "B"), (2, "C _ B"), (2, "C _ _ B"), (1, "_ _ C"))
    unlimited = tabulate_rcv(rows, "ABC", RcvRules())
    # B's 4 ballots rank nobody else; A and C then tie at 5, and C had more
    # in round 1, so C wins the tie for the seat.
    assert table(unlimited) == [
        ({"C": 5, "A": 5, "B": 4}, 0, ("B",), ()),
        ({"C": 5, "A": 5}, 4, (), ("C",)),
    ]
    one = tabulate_rcv(rows, "ABC", RcvRules(max_skipped_rankings=1))
    # "_ _ C" has two skips before its first mark: exhausted in round 1.
    assert table(one)[0] == ({"A": 5, "B": 4, "C": 4}, 1, ("C",), ())
    assert one.rounds[0].inactive_by_reason == ((InactiveReason.SKIPPED, 1),)
    # C's ballots: "C _ B" (one skip) reach B; "C _ _ B" (two) are exhausted.
    assert table(one)[1] == ({"B": 6, "A": 5}, 3, (), ("B",))
    assert one.rounds[1].transfers == (Transfer("C", "B", 2), Transfer("C", None, 2))
    zero = tabulate_rcv(rows, "ABC", RcvRules(max_skipped_rankings=0))
    assert table(zero)[0] == ({"A": 5, "B": 4, "C": 4}, 1, ("C",), ())
    assert table(zero)[1] == ({"A": 5, "B": 4}, 5, (), ("A",))


def test_a_candidate_ranked_again_is_ignored_at_the_later_ranking() -> None:
    count = tabulate_rcv(
        ballots((5, "A"), (4, "B"), (3, "C C B"), (1, "C C")), "ABC", RcvRules()
    )
    assert table(count) == [
        ({"A": 5, "B": 4, "C": 4}, 0, ("C",), ()),
        ({"B": 7, "A": 5}, 1, (), ("B",)),
    ]


def test_batch_elimination_drops_everyone_who_cannot_catch_up() -> None:
    rows = ballots((10, "A"), (8, "B"), (3, "C A"), (2, "D B"), (1, "E C"))
    batch = tabulate_rcv(rows, "ABCDE", RcvRules(batch_elimination=True))
    # C+D+E = 6 < B's 8: all three go at once.
    assert table(batch) == [
        ({"A": 10, "B": 8, "C": 3, "D": 2, "E": 1}, 0, ("C", "D", "E"), ()),
        ({"A": 13, "B": 10}, 1, (), ("A",)),
    ]
    single = tabulate_rcv(rows, "ABCDE", RcvRules())
    assert [r.eliminated for r in single.rounds] == [("E",), ("D",), ("C",), ()]
    assert single.winners == batch.winners


def test_continue_until_two_remain_matches_rctab() -> None:
    """RCTab's continue_until_two_with_batch_elimination test: its round table."""
    rows = ballots(
        (60, "A"),
        (15, "B"),
        (14, "C"),
        (2, "D C"),
        (3, "D"),
        (4, "E"),
        (1, "F"),
        (1, "G"),
    )
    count = tabulate_rcv(
        rows,
        "ABCDEFG",
        RcvRules(batch_elimination=True, continue_until_two_remain=True),
    )
    first = {"A": 60, "B": 15, "C": 14, "D": 5, "E": 4, "F": 1, "G": 1}
    assert table(count) == [
        (first, 0, (), ("A",)),
        (first, 0, ("D", "E", "F", "G"), ()),
        ({"A": 60, "C": 16, "B": 15}, 9, ("B",), ()),
        ({"A": 60, "C": 16}, 24, (), ()),
    ]
    assert count.winners == ("A",)
    assert count.rounds[1].transfers == ()


def test_tie_for_last_with_no_earlier_round_goes_by_lot_from_the_seed() -> None:
    tied = ballots((9, "A"), (4, "B"), (3, "C"), (1, "D B"), (1, "E C"))
    # Round 1: D and E tie at 1 with no earlier round: by lot.
    picks = {
        tabulate_rcv(tied, "ABCDE", RcvRules(random_seed=seed)).rounds[0].eliminated
        for seed in range(20)
    }
    assert picks == {("D",), ("E",)}
    again = tabulate_rcv(tied, "ABCDE", RcvRules(random_seed=7))
    assert again == tabulate_rcv(tied, "ABCDE", RcvRules(random_seed=7))


def test_tie_broken_by_previous_round_counts() -> None:
    # Round 1: A 10, B 4, C 5, D 2 (D -> B). Round 2: B 6... build B and C tied
    # in round 2 with C ahead in round 1: B goes.
    rows = ballots((10, "A"), (4, "B"), (5, "C"), (1, "D B"), (1, "D"))
    count = tabulate_rcv(rows, "ABCD", RcvRules())
    assert table(count)[:2] == [
        ({"A": 10, "C": 5, "B": 4, "D": 2}, 0, ("D",), ()),
        ({"A": 10, "B": 5, "C": 5}, 1, ("B",), ()),
    ]
    by_lot = tabulate_rcv(rows, "ABCD", RcvRules(tiebreak_mode=TieBreakMode.RANDOM))
    assert table(by_lot)[0] == table(count)[0]


def test_more_than_one_seat_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="single transferable vote"):
        tabulate_rcv(ballots((1, "A")), "AB", RcvRules(seats=2))


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([BallotPattern(("Q",), 1)], "'Q' is not a candidate"),
        ([BallotPattern(("A",), -1)], "whole number"),
        ([BallotPattern(("Q",), 0)], "'Q' is not a candidate"),
    ],
)
def test_bad_ballots_are_refused_in_words(
    rows: list[BallotPattern], words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        tabulate_rcv(rows, "AB", RcvRules())


def test_blank_ballots_are_inactive_from_round_one_and_a_lone_candidate_wins() -> None:
    count = tabulate_rcv(ballots((3, "_ _"), (2, "A")), "A", RcvRules())
    assert table(count) == [({"A": 2}, 3, (), ("A",))]
    assert count.ballots == 5
