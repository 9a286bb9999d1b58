"""Ranked-choice contests: ballots, the rules that differ by place, and rounds.

A ranked-choice race carries either its ballots (ranked patterns with counts,
tabulated here) or its rounds as the jurisdiction published them. The rule
options are named as the Ranked Choice Voting Resource Center's tabulator
(RCTab) names them in its contest configuration; docs/ranked-choice.md says
which jurisdictions use which.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Overvote:
    """The mark of a ranking where the voter marked more than one candidate."""

    _instance: Overvote | None = None

    def __new__(cls) -> Overvote:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "OVERVOTE"

    def __reduce__(self) -> str:
        return "OVERVOTE"


OVERVOTE: Final = Overvote()
"""The one overvote marker; compare with ``is``."""

RankCell = str | Overvote | None
"""One ranking on a ballot: a candidate id, OVERVOTE, or None for a skip."""


class OvervoteRule(StrEnum):
    """What an overvoted ranking does (RCTab ``overvoteRule``)."""

    EXHAUST_IMMEDIATELY = "exhaustImmediately"
    """The ballot is exhausted when the overvote is reached (New York, Alaska)."""
    ALWAYS_SKIP_TO_NEXT_RANK = "alwaysSkipToNextRank"
    """The overvoted ranking is skipped and the next one counts."""


class TieBreakMode(StrEnum):
    """How a tie for last place is broken (RCTab ``tiebreakMode``)."""

    PREVIOUS_ROUND_COUNTS_THEN_RANDOM = "previousRoundCountsThenRandom"
    """Fewest votes in the latest earlier round where they differ, else by lot."""
    RANDOM = "random"
    """By lot from the recorded seed, straight away."""


class InactiveReason(StrEnum):
    """Why a ballot stopped counting for anyone."""

    EXHAUSTED = "exhausted"
    """No continuing candidate ranked further down (or no rankings at all)."""
    OVERVOTE = "overvote"
    """It reached an overvote under ``EXHAUST_IMMEDIATELY``."""
    SKIPPED = "skipped"
    """More consecutive skipped rankings than ``max_skipped_rankings``."""


@dataclass(frozen=True, slots=True)
class RcvRules:
    """The options of an instant-runoff count; the defaults are New York's."""

    overvote_rule: OvervoteRule = OvervoteRule.EXHAUST_IMMEDIATELY
    max_skipped_rankings: int | None = None
    """RCTab ``maxSkippedRanksAllowed``: None for unlimited; K exhausts a ballot
    at more than K consecutive skipped rankings (Maine and Alaska: 1)."""
    batch_elimination: bool = False
    """RCTab ``batchElimination``: drop at once every candidate who could not
    pass the next one up even with all the votes of those below."""
    continue_until_two_remain: bool = False
    """RCTab ``continueUntilTwoCandidatesRemain`` (San Francisco, New York)."""
    tiebreak_mode: TieBreakMode = TieBreakMode.PREVIOUS_ROUND_COUNTS_THEN_RANDOM
    random_seed: int = 0
    """RCTab ``randomSeed``: the seed the desk records for ties by lot."""
    seats: int = 1
    """One for instant runoff; more only for single transferable vote."""


@dataclass(frozen=True, slots=True)
class BallotPattern:
    """``count`` ballots ranked exactly so (rank 1 first)."""

    rankings: tuple[RankCell, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Transfer:
    """Votes that moved after an elimination or election: to a candidate or out."""

    source: str
    """The eliminated (or elected) candidate the votes came from."""
    target: str | None
    """The continuing candidate they went to; None when they became inactive."""
    votes: int


@dataclass(frozen=True, slots=True)
class RcvRound:
    """One round: the continuing candidates' votes and what the round decided.

    ``tallies`` holds every continuing candidate of the round, highest first;
    ``inactive`` counts every ballot inactive as of this round, so tallies plus
    inactive equal the ballots cast in every round. ``eliminated`` and
    ``elected`` are decided on this round's tallies (as RCTab reports them);
    ``transfers`` are the votes that arrived in this round from the previous
    round's eliminated (empty in round 1).
    """

    number: int
    tallies: tuple[tuple[str, int], ...]
    inactive: int
    eliminated: tuple[str, ...] = ()
    elected: tuple[str, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    inactive_by_reason: tuple[tuple[InactiveReason, int], ...] = ()
    """The breakdown of ``inactive``, where known (published rounds may lack it)."""

    @property
    def continuing_votes(self) -> int:
        """The votes still counting for someone this round."""
        return sum(votes for _, votes in self.tallies)

    def votes_of(self, candidate_id: str) -> int | None:
        """A candidate's votes this round; None once it is not continuing."""
        for candidate, votes in self.tallies:
            if candidate == candidate_id:
                return votes
        return None


@dataclass(frozen=True, slots=True)
class RcvTabulation:
    """Rounds in order and who won; from ballots or as published."""

    rounds: tuple[RcvRound, ...]
    winners: tuple[str, ...]
    ballots: int
    """Ballots cast: the tallies plus inactive of every round."""


@dataclass(frozen=True, slots=True)
class RankedChoice:
    """What a ranked-choice race carries besides its first choices.

    The race's ordinary votes (``totals`` or precincts) are the first choices
    counted so far. ``rounds`` are published or tabulated rounds, empty on a
    night when only first choices are out; ``ballots`` are ranked patterns when
    the race has them (a tabulation then comes from them).
    """

    rules: RcvRules = RcvRules()
    rounds: tuple[RcvRound, ...] = ()
    ballots: tuple[BallotPattern, ...] = ()
    published: bool = False
    """Whether ``rounds`` are an official table rather than our tabulation."""
