"""Single-winner instant runoff from ranked ballot patterns, as RCTab counts it.

Each round, every continuing candidate's votes are the ballots whose highest
valid ranking among continuing candidates is that candidate. A candidate with
more than half of the continuing votes wins; otherwise the last-place candidate
(or, with batch elimination, every candidate who cannot catch up) is eliminated
and each of its ballots moves to its next valid continuing ranking.

How a ballot is read, ranking by ranking (RCTab's ``Tabulator``):

- a skipped ranking (None) is passed over; with ``max_skipped_rankings`` K, a
  ballot whose next marked ranking lies more than K+1 rankings after the last
  marked one (or, for the first, after rank 0) is exhausted as SKIPPED, when the
  walk reaches it. An overvote or an ignored candidate counts as marked;
- an overvote exhausts the ballot (``exhaustImmediately``) or is passed over
  (``alwaysSkipToNextRank``);
- a candidate who is no longer continuing (eliminated, or ranked again after
  an earlier ranking) is passed over;
- no continuing candidate further down: exhausted.

Ballots are grouped by the candidate they count for, so a round only re-reads
the ballots of the candidates just eliminated, from where each one stood.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from electionboard.model.rcv import (
    OVERVOTE,
    BallotPattern,
    InactiveReason,
    OvervoteRule,
    RcvRound,
    RcvRules,
    RcvTabulation,
    TieBreakMode,
    Transfer,
)

_OVERVOTE_CODE = -1
_EXHAUSTED, _OVERVOTED, _SKIPPED = -1, -2, -3
_REASONS = {
    _EXHAUSTED: InactiveReason.EXHAUSTED,
    _OVERVOTED: InactiveReason.OVERVOTE,
    _SKIPPED: InactiveReason.SKIPPED,
}


@dataclass(slots=True)
class _Pattern:
    """One ballot pattern, its marked rankings as codes, and where it stands."""

    ranks: tuple[int, ...]
    """1-based rank numbers of the marked rankings."""
    codes: tuple[int, ...]
    """Candidate indices for those rankings; -1 for an overvote."""
    count: int
    position: int = -1
    """Index into ``ranks`` of the ranking the ballot counts at now."""


def check_rcv_rules(candidates: Sequence[str], rules: RcvRules) -> str | None:
    """Why these candidates and rules cannot be tabulated, or None when they can."""
    if rules.seats != 1:
        return (
            f"{rules.seats} seats: single transferable vote (more than one seat) "
            "is not supported; only single-winner instant runoff is"
        )
    if not candidates:
        return "a ranked-choice contest needs at least one candidate"
    if len(set(candidates)) != len(candidates):
        return "the candidates are not unique"
    if rules.max_skipped_rankings is not None and rules.max_skipped_rankings < 0:
        return "max_skipped_rankings cannot be negative"
    return None


def ballot_problem(
    number: int, ballot: BallotPattern, known: Mapping[str, int] | AbstractSet[str]
) -> str | None:
    """Why ballot pattern ``number`` (1-based) is unusable, or None."""
    if type(ballot.count) is not int or ballot.count < 0:
        return f"ballot pattern {number}: count must be a whole number >= 0"
    for cell in ballot.rankings:
        if cell is None or cell is OVERVOTE:
            continue
        if not isinstance(cell, str) or cell not in known:
            return f"ballot pattern {number}: {str(cell)[:40]!r} is not a candidate"
    return None


def tabulate_rcv(
    ballots: Sequence[BallotPattern], candidates: Sequence[str], rules: RcvRules
) -> RcvTabulation:
    """Tabulate a single-winner instant runoff, round by round.

    Args:
        ballots: ranked patterns with counts; every candidate id in them must
            be one of ``candidates``.
        candidates: the contest's candidate ids; their order breaks display
            ties (equal tallies are listed in this order).
        rules: the options (RCTab names).

    Raises:
        ValueError: more than one seat, no candidates, or ballots that name
            an unknown candidate or carry a bad count.
    """
    problem = check_rcv_rules(candidates, rules)
    if problem is not None:
        raise ValueError(problem)
    return _Count(ballots, candidates, rules).run()


class _Count:
    """The state of one tabulation; ``run`` once."""

    def __init__(
        self,
        ballots: Sequence[BallotPattern],
        candidates: Sequence[str],
        rules: RcvRules,
    ) -> None:
        self.candidates = tuple(candidates)
        self.rules = rules
        self.exhaust_overvote = rules.overvote_rule is OvervoteRule.EXHAUST_IMMEDIATELY
        self.max_gap = (
            None
            if rules.max_skipped_rankings is None
            else rules.max_skipped_rankings + 1
        )
        self.rng = random.Random(rules.random_seed)
        codes: dict[object, int] = {c: i for i, c in enumerate(candidates)}
        codes[OVERVOTE] = _OVERVOTE_CODE
        compiled = [
            _compile(number, ballot, codes)
            for number, ballot in enumerate(ballots, start=1)
        ]
        self.patterns = [pattern for pattern in compiled if pattern.count]
        self.ballots = sum(p.count for p in self.patterns)
        size = len(candidates)
        self.continuing = [True] * size
        self.votes = [0] * size
        self.piles: list[list[_Pattern]] = [[] for _ in range(size)]
        self.inactive: Counter[InactiveReason] = Counter()
        self.history: list[list[int]] = []

    def _place(self, pattern: _Pattern) -> int:
        """Move ``pattern`` to its next valid continuing ranking and count it there.

        Returns the candidate index, or a negative reason code once inactive.
        """
        ranks, codes = pattern.ranks, pattern.codes
        position = pattern.position
        last = ranks[position] if position >= 0 else 0
        max_gap = self.max_gap
        continuing = self.continuing
        where = _EXHAUSTED
        for j in range(position + 1, len(ranks)):
            rank = ranks[j]
            if max_gap is not None and rank - last > max_gap:
                where = _SKIPPED
                break
            last = rank
            code = codes[j]
            if code == _OVERVOTE_CODE:
                if self.exhaust_overvote:
                    where = _OVERVOTED
                    break
                continue
            if continuing[code]:
                pattern.position = j
                self.piles[code].append(pattern)
                self.votes[code] += pattern.count
                return code
        self.inactive[_REASONS[where]] += pattern.count
        return where

    def run(self) -> RcvTabulation:
        for pattern in self.patterns:
            self._place(pattern)
        rounds: list[RcvRound] = []
        winners: list[int] = []
        transfers: tuple[Transfer, ...] = ()
        while True:
            active = [i for i, alive in enumerate(self.continuing) if alive]
            self.history.append(list(self.votes))
            elected: list[int] = []
            eliminated: list[int] = []
            if not winners:
                elected = self._winner(active)
                winners.extend(elected)
            if not elected and (
                not winners
                or (self.rules.continue_until_two_remain and len(active) > 2)
            ):
                eliminated = sorted(
                    self._losers(active), key=lambda i: (-self.votes[i], i)
                )
            rounds.append(
                self._round(len(rounds) + 1, active, elected, eliminated, transfers)
            )
            if eliminated:
                transfers = self._eliminate(eliminated)
                continue
            if (
                winners
                and self.rules.continue_until_two_remain
                and len(active) > 2  # the next round eliminates
            ):
                transfers = ()
                continue
            break
        return RcvTabulation(
            rounds=tuple(rounds),
            winners=tuple(self.candidates[i] for i in winners),
            ballots=self.ballots,
        )

    def _round(
        self,
        number: int,
        active: list[int],
        elected: list[int],
        eliminated: list[int],
        transfers: tuple[Transfer, ...],
    ) -> RcvRound:
        order = sorted(active, key=lambda i: (-self.votes[i], i))
        return RcvRound(
            number=number,
            tallies=tuple((self.candidates[i], self.votes[i]) for i in order),
            inactive=sum(self.inactive.values()),
            eliminated=tuple(self.candidates[i] for i in order if i in eliminated),
            elected=tuple(self.candidates[i] for i in elected),
            transfers=transfers,
            inactive_by_reason=tuple(
                (reason, self.inactive[reason])
                for reason in InactiveReason
                if self.inactive[reason]
            ),
        )

    def _winner(self, active: list[int]) -> list[int]:
        """Who wins on this round's tallies: a majority, the last one, a tie of two."""
        if len(active) == 1:
            return active
        total = sum(self.votes[i] for i in active)
        top = max(active, key=lambda i: self.votes[i])
        if 2 * self.votes[top] > total:
            return [top]
        if len(active) == 2:
            # Two left and neither above half: they are tied (RCTab breaks it
            # for the winner, most votes in earlier rounds first).
            return [self._break_tie(active, loser=False)]
        return []

    def _losers(self, active: list[int]) -> list[int]:
        """Who is eliminated on this round's tallies."""
        if self.rules.batch_elimination:
            batch = _batch(active, self.votes)
            if len(batch) > 1:
                return batch
        fewest = min(self.votes[i] for i in active)
        last = [i for i in active if self.votes[i] == fewest]
        if len(last) == 1:
            return last
        return [self._break_tie(last, loser=True)]

    def _break_tie(self, tied: list[int], *, loser: bool) -> int:
        """RCTab ``Tiebreak``: earlier rounds' counts, latest first, then by lot."""
        contention = list(tied)
        if self.rules.tiebreak_mode is TieBreakMode.PREVIOUS_ROUND_COUNTS_THEN_RANDOM:
            for past in reversed(self.history[:-1]):
                pick = (min if loser else max)(past[i] for i in contention)
                contention = [i for i in contention if past[i] == pick]
                if len(contention) == 1:
                    return contention[0]
        by_id = sorted(contention, key=lambda i: self.candidates[i])
        return by_id[self.rng.randrange(len(by_id))]

    def _eliminate(self, eliminated: list[int]) -> tuple[Transfer, ...]:
        """Drop ``eliminated`` and move their ballots on; the transfers made."""
        for i in eliminated:
            self.continuing[i] = False
        moved: Counter[tuple[int, int]] = Counter()
        for source in eliminated:
            pile, self.piles[source] = self.piles[source], []
            self.votes[source] = 0
            for pattern in pile:
                where = self._place(pattern)
                moved[source, max(where, -1)] += pattern.count
        order = {source: n for n, source in enumerate(eliminated)}
        size = len(self.candidates)
        return tuple(
            Transfer(
                source=self.candidates[source],
                target=None if target < 0 else self.candidates[target],
                votes=votes,
            )
            for (source, target), votes in sorted(
                moved.items(),
                key=lambda item: (order[item[0][0]], item[0][1] % (size + 1)),
            )
        )


def _compile(number: int, ballot: BallotPattern, codes: dict[object, int]) -> _Pattern:
    """The pattern's marked rankings as rank numbers and codes (-1 overvote)."""
    count = ballot.count
    rankings = ballot.rankings
    try:
        if type(count) is not int or count < 0:
            raise TypeError
        if None in rankings:
            ranks = tuple(r for r, cell in enumerate(rankings, 1) if cell is not None)
            marked = tuple(codes[cell] for cell in rankings if cell is not None)
        else:
            ranks = _ranks(len(rankings))
            marked = tuple(codes[cell] for cell in rankings)
    except (KeyError, TypeError):
        known = {key for key in codes if isinstance(key, str)}
        raise ValueError(ballot_problem(number, ballot, known)) from None
    return _Pattern(ranks, marked, count)


@functools.cache
def _ranks(length: int) -> tuple[int, ...]:
    return tuple(range(1, length + 1))


def _batch(active: list[int], votes: list[int]) -> list[int]:
    """RCTab ``runBatchElimination``: those who cannot pass the next one up.

    Going up the distinct tallies from the bottom, everyone seen so far is
    eliminated at once when their votes together stay below the next tally.
    A batch that would leave one candidate alone (possible only after a win,
    with ``continue_until_two_remain``) falls back to the batch before it.
    """
    tallies = sorted({votes[i] for i in active})
    seen: list[int] = []
    running = 0
    batch: list[int] = []
    previous: list[int] = []
    for tally in tallies:
        if running < tally and len(seen) > len(batch):
            previous, batch = batch, list(seen)
        group = [i for i in active if votes[i] == tally]
        seen.extend(group)
        running += tally * len(group)
    if len(active) - len(batch) < 2:
        batch = previous
    return batch
