"""Properties of tabulate_rcv on random ballot sets, against a slow reference.

The reference below is written from the rules (docs/ranked-choice.md), ballot
by ballot and round by round, re-reading every ballot from its first ranking
each round; it shares no code with the tabulator.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import assume, given
from hypothesis import strategies as st

from electionboard.model.rcv import (
    OVERVOTE,
    BallotPattern,
    OvervoteRule,
    RankCell,
    RcvRules,
    RcvTabulation,
    TieBreakMode,
)
from electionboard.model.rcv_standings import first_choice_verdict
from electionboard.model.rcv_tabulate import tabulate_rcv

NAMES = "ABCDEFG"

Round = tuple[dict[str, int], int, frozenset[str], tuple[str, ...]]


def reference_read(
    cells: Sequence[RankCell], continuing: Sequence[str], rules: RcvRules
) -> str | None:
    """Who this ballot counts for among ``continuing``; None when inactive."""
    last_marked = 0
    for rank, cell in enumerate(cells, start=1):
        if cell is None:
            continue
        skipped = rank - last_marked - 1
        if (
            rules.max_skipped_rankings is not None
            and skipped > rules.max_skipped_rankings
        ):
            return None
        last_marked = rank
        if cell is OVERVOTE:
            if rules.overvote_rule is OvervoteRule.EXHAUST_IMMEDIATELY:
                return None
            continue
        if cell in continuing:
            return str(cell)
    return None


def reference(
    ballots: Sequence[BallotPattern], candidates: Sequence[str], rules: RcvRules
) -> tuple[list[Round], list[str]]:
    """Rounds as (tallies, inactive, eliminated, elected), and the winners."""
    rng = random.Random(rules.random_seed)
    continuing = list(candidates)
    history: list[dict[str, int]] = []
    rounds: list[Round] = []
    winners: list[str] = []

    def tiebreak(tied: list[str], *, loser: bool) -> str:
        if rules.tiebreak_mode is TieBreakMode.PREVIOUS_ROUND_COUNTS_THEN_RANDOM:
            for past in reversed(history[:-1]):
                best = (
                    min(past[c] for c in tied) if loser else max(past[c] for c in tied)
                )
                tied = [c for c in tied if past[c] == best]
                if len(tied) == 1:
                    return tied[0]
        ordered = sorted(tied)
        return ordered[rng.randrange(len(ordered))]

    while True:
        tallies = dict.fromkeys(continuing, 0)
        inactive = 0
        for ballot in ballots:
            choice = reference_read(ballot.rankings, continuing, rules)
            if choice is None:
                inactive += ballot.count
            else:
                tallies[choice] += ballot.count
        history.append(tallies)
        total = sum(tallies.values())
        elected: list[str] = []
        if not winners:
            if len(continuing) == 1:
                elected = list(continuing)
            else:
                elected = [c for c in continuing if 2 * tallies[c] > total]
                if not elected and len(continuing) == 2:
                    elected = [tiebreak(list(continuing), loser=False)]
        winners += elected
        eliminated: list[str] = []
        keep_going = rules.continue_until_two_remain and len(continuing) > 2
        if not elected and (not winners or keep_going):
            if rules.batch_elimination:
                # Every set of "all candidates below tally t" whose votes sum
                # to less than t can go at once; take the largest that leaves
                # at least two candidates.
                sets = []
                for t in sorted(set(tallies.values())):
                    below = [c for c in continuing if tallies[c] < t]
                    if below and sum(tallies[c] for c in below) < t:
                        sets.append(below)
                sets = [s for s in sets if len(continuing) - len(s) >= 2]
                if sets and len(sets[-1]) > 1:
                    eliminated = sets[-1]
            if not eliminated:
                fewest = min(tallies.values())
                last = [c for c in continuing if tallies[c] == fewest]
                eliminated = [last[0] if len(last) == 1 else tiebreak(last, loser=True)]
        rounds.append((tallies, inactive, frozenset(eliminated), tuple(elected)))
        continuing = [c for c in continuing if c not in eliminated]
        if eliminated or (winners and keep_going):
            continue
        return rounds, winners


def observed(tabulation: RcvTabulation) -> tuple[list[Round], list[str]]:
    rounds = [
        (dict(r.tallies), r.inactive, frozenset(r.eliminated), r.elected)
        for r in tabulation.rounds
    ]
    return rounds, list(tabulation.winners)


cells = st.sampled_from([*NAMES, None, None, OVERVOTE])


@st.composite
def contests(draw: st.DrawFn) -> tuple[list[BallotPattern], str]:
    candidates = NAMES[: draw(st.integers(2, 7))]
    cell = st.sampled_from([*candidates, None, None, OVERVOTE])
    patterns = draw(
        st.lists(
            st.builds(
                BallotPattern,
                st.lists(cell, max_size=6).map(tuple),
                st.one_of(st.integers(0, 3), st.integers(0, 20)),
            ),
            max_size=25,
        )
    )
    return patterns, candidates


rules_strategy = st.builds(
    RcvRules,
    overvote_rule=st.sampled_from(OvervoteRule),
    max_skipped_rankings=st.sampled_from([None, 0, 1, 2]),
    batch_elimination=st.booleans(),
    continue_until_two_remain=st.booleans(),
    tiebreak_mode=st.sampled_from(TieBreakMode),
    random_seed=st.integers(0, 2**32),
)


@given(contests(), rules_strategy)
def test_tabulation_equals_the_reference(
    contest: tuple[list[BallotPattern], str], rules: RcvRules
) -> None:
    ballots, candidates = contest
    assert observed(tabulate_rcv(ballots, candidates, rules)) == reference(
        ballots, candidates, rules
    )


@given(contests(), rules_strategy)
def test_every_round_conserves_ballots_and_transfers_explain_the_change(
    contest: tuple[list[BallotPattern], str], rules: RcvRules
) -> None:
    ballots, candidates = contest
    count = tabulate_rcv(ballots, candidates, rules)
    cast = sum(b.count for b in ballots)
    assert count.ballots == cast
    for before, now in zip((None, *count.rounds), count.rounds, strict=False):
        assert now.continuing_votes + now.inactive == cast
        assert sum(n for _, n in now.inactive_by_reason) == now.inactive
        votes = [v for _, v in now.tallies]
        assert votes == sorted(votes, reverse=True)
        if before is None:
            assert now.transfers == ()
            continue
        for candidate, votes_now in now.tallies:
            arrived = sum(t.votes for t in now.transfers if t.target == candidate)
            assert votes_now - (before.votes_of(candidate) or 0) == arrived
        out = sum(t.votes for t in now.transfers if t.target is None)
        assert now.inactive - before.inactive == out
        assert {t.source for t in now.transfers} <= set(before.eliminated)


@given(contests(), rules_strategy)
def test_round_one_tallies_are_the_first_choices(
    contest: tuple[list[BallotPattern], str], rules: RcvRules
) -> None:
    ballots, candidates = contest
    expected = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        marked = [(r, c) for r, c in enumerate(ballot.rankings, 1) if c is not None]
        for i, (rank, cell) in enumerate(marked):
            gap = rank - (marked[i - 1][0] if i else 0) - 1
            limit = rules.max_skipped_rankings
            if limit is not None and gap > limit:
                break
            if cell is OVERVOTE:
                if rules.overvote_rule is OvervoteRule.EXHAUST_IMMEDIATELY:
                    break
                continue
            expected[str(cell)] += ballot.count
            break
    first = tabulate_rcv(ballots, candidates, rules).rounds[0]
    assert dict(first.tallies) == expected


@given(contests(), rules_strategy)
def test_the_winner_has_more_than_half_of_the_continuing_votes(
    contest: tuple[list[BallotPattern], str], rules: RcvRules
) -> None:
    ballots, candidates = contest
    count = tabulate_rcv(ballots, candidates, rules)
    assert len(count.winners) == 1
    (winner,) = count.winners
    final = count.rounds[-1]
    won_in = next(r for r in count.rounds if winner in r.elected)
    for round_ in (won_in, final):
        votes = round_.votes_of(winner)
        assert votes is not None
        tied_pair = (
            len(round_.tallies) == 2 and round_.tallies[0][1] == round_.tallies[1][1]
        )
        if len(round_.tallies) > 1 and not tied_pair:
            assert 2 * votes > round_.continuing_votes


def _has_ties(count: RcvTabulation) -> bool:
    for round_ in count.rounds:
        votes = [v for _, v in round_.tallies]
        if round_.eliminated and votes.count(min(votes)) > 1:
            return True
        if len(votes) == 2 and votes[0] == votes[1]:
            return True
    return False


@given(contests(), rules_strategy)
def test_batch_elimination_elects_whom_one_by_one_elects(
    contest: tuple[list[BallotPattern], str], rules: RcvRules
) -> None:
    ballots, candidates = contest
    one = tabulate_rcv(
        ballots,
        candidates,
        RcvRules(
            overvote_rule=rules.overvote_rule,
            max_skipped_rankings=rules.max_skipped_rankings,
            continue_until_two_remain=rules.continue_until_two_remain,
        ),
    )
    assume(not _has_ties(one))
    batch = tabulate_rcv(
        ballots,
        candidates,
        RcvRules(
            overvote_rule=rules.overvote_rule,
            max_skipped_rankings=rules.max_skipped_rankings,
            continue_until_two_remain=rules.continue_until_two_remain,
            batch_elimination=True,
        ),
    )
    assert batch.winners == one.winners
    assert len(batch.rounds) <= len(one.rounds)


def _within(cell: RankCell, candidates: str) -> RankCell:
    if isinstance(cell, str) and cell not in candidates:
        return None
    return cell


@given(contests(), contests(), rules_strategy)
def test_a_safe_first_choice_lead_wins_whatever_the_outstanding_ballots_say(
    counted: tuple[list[BallotPattern], str],
    later: tuple[list[BallotPattern], str],
    rules: RcvRules,
) -> None:
    ballots, candidates = counted
    extra, _ = later
    # The outstanding ballots may name only this contest's candidates.
    extra = [
        BallotPattern(tuple(_within(c, candidates) for c in b.rankings), b.count)
        for b in extra
    ]
    first = tabulate_rcv(ballots, candidates, rules).rounds[0]
    first_choices = [first.votes_of(c) or 0 for c in candidates]
    outstanding = sum(b.count for b in extra)
    verdict = first_choice_verdict(first_choices, outstanding)
    everything = tabulate_rcv([*ballots, *extra], candidates, rules)
    if verdict.safe is not None:
        assert everything.winners == (candidates[verdict.safe],)
    else:
        assert verdict.possible == sum(first_choices) + outstanding
