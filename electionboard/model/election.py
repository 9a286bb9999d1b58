"""Frozen snapshot types: what a feed says about an election at one moment.

Votes are stored as tuples aligned with the race's candidate order rather than
as dicts, so a statewide feed decodes and tabulates without per-row dict churn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name on the ballot; ``withdrawn`` candidates stay on it and keep votes."""

    id: str
    name: str
    party: str | None = None
    ballot_order: int = 0
    incumbent: bool = False
    withdrawn: bool = False
    missing_from_feed: bool = False
    """The feed stopped listing this candidate; we keep its last figures."""


@dataclass(frozen=True, slots=True)
class Precinct:
    """A reporting unit; ``votes`` is aligned with ``Race.candidates``."""

    id: str
    name: str
    reporting: bool
    votes: tuple[int, ...]
    registered_voters: int | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """How many places advance, and whether a majority ends the race outright."""

    advance: int = 1
    majority_wins: bool = False

    def describe(self) -> str:
        """The rule in words, for the board's header."""
        places = {2: "two", 3: "three", 4: "four", 5: "five"}.get(
            self.advance, str(self.advance)
        )
        if self.majority_wins:
            if self.advance == 1:
                return "Majority wins outright"
            return f"Majority wins outright; else top {places} to runoff"
        if self.advance == 1:
            return "Most votes wins"
        return f"Top {places} advance to the general election"


class CallOutcome(StrEnum):
    """What a call declares."""

    WON = "won"
    ADVANCE = "advance"
    TOO_CLOSE = "too_close"


@dataclass(frozen=True, slots=True)
class Call:
    """A race call made by the feed's decision desk or by our own."""

    outcome: CallOutcome
    candidate_ids: tuple[str, ...]
    by: str
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Race:
    """One contest. Either ``precincts`` or ``totals`` carries the votes."""

    id: str
    name: str
    rule: Rule
    candidates: tuple[Candidate, ...]
    precincts: tuple[Precinct, ...] = ()
    totals: tuple[int, ...] | None = None
    precincts_reporting: int | None = None
    precincts_total: int | None = None
    final: bool = False
    registered_voters: int | None = None
    remaining_ballots: int | None = None
    call: Call | None = None
    missing_from_feed: bool = False
    """The feed stopped listing this race; we keep its last snapshot."""

    def candidate_index(self, candidate_id: str) -> int:
        """Position of a candidate in this race's vote tuples."""
        for index, candidate in enumerate(self.candidates):
            if candidate.id == candidate_id:
                return index
        raise KeyError(candidate_id)


@dataclass(frozen=True, slots=True)
class Election:
    """A whole feed document: every race as of ``updated``."""

    id: str
    name: str
    date: dt.date
    updated: dt.datetime
    races: tuple[Race, ...] = field(default_factory=tuple)
    test: bool = False

    def race(self, race_id: str) -> Race:
        """The race with this id."""
        for race in self.races:
            if race.id == race_id:
                return race
        raise KeyError(race_id)
