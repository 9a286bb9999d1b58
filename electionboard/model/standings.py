"""Computed standings: what the board and the desk show for a race."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.election import Call, Candidate, Race


class Outcome(StrEnum):
    """Where a candidate stands once the math (not a call) is applied."""

    WON = "won"
    ADVANCES = "advances"
    ELIMINATED = "eliminated"
    PENDING = "pending"


class RaceStatus(StrEnum):
    """The race as a whole, for the banner."""

    NOT_STARTED = "not_started"
    COUNTING = "counting"
    TOO_CLOSE = "too_close"
    DECIDED = "decided"
    CALLED = "called"


@dataclass(frozen=True, slots=True)
class Margin:
    """A gap between two places, in votes and in percentage points."""

    votes: int
    points: float


@dataclass(frozen=True, slots=True)
class CandidateStanding:
    """One candidate's line on the board."""

    candidate: Candidate
    votes: int
    share: float
    rank: int
    tied: bool
    clinched: bool
    eliminated: bool
    outcome: Outcome
    reason: str


@dataclass(frozen=True, slots=True)
class RaceStandings:
    """Everything the board needs to draw one race, already computed."""

    race: Race
    candidates: tuple[CandidateStanding, ...]
    total_votes: int
    precincts_reporting: int
    precincts_total: int
    outstanding: int | None
    leader: CandidateStanding | None
    lead_margin: Margin | None
    cutoff_margin: Margin | None
    status: RaceStatus
    call: Call | None
    summary: str

    @property
    def reporting_share(self) -> float:
        """Precincts reporting as a percentage (0-100)."""
        if not self.precincts_total:
            return 0.0
        return 100 * self.precincts_reporting / self.precincts_total

    def standing(self, candidate_id: str) -> CandidateStanding:
        """The standing of one candidate by id."""
        for standing in self.candidates:
            if standing.candidate.id == candidate_id:
                return standing
        raise KeyError(candidate_id)
