"""Computed standings: what the board and the desk show for a race."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.election import Call, Candidate, Race
from electionboard.model.rcv import RcvTabulation


class Outcome(StrEnum):
    """Where a candidate stands once the math (not a call) is applied."""

    WON = "won"
    ADVANCES = "advances"
    ELIMINATED = "eliminated"
    PENDING = "pending"


class MeasureResult(StrEnum):
    """Where a ballot measure stands: by the math, else by a call."""

    PASSES = "passes"
    FAILS = "fails"
    PENDING = "pending"


class OutrightVerdict(StrEnum):
    """Where a race with an outright threshold stands against it."""

    WON = "won"
    """A candidate has the threshold and first place however the rest fall."""
    IMPOSSIBLE = "impossible"
    """Nobody can reach it any more: the top N go on (to the runoff)."""
    OPEN = "open"
    """Still possible, or the outstanding vote is unknown."""


class RaceKind(StrEnum):
    """A contest between candidates, a ballot measure, or a ranked-choice contest."""

    CANDIDATE = "candidate"
    MEASURE = "measure"
    RCV = "rcv"


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
    measure_result: MeasureResult | None = None
    """For a measure: passes, fails or pending; None for a candidate race."""
    measure_reason: str = ""
    """Why the measure stands where it does, in numbers."""
    outright: OutrightVerdict | None = None
    """Against the rule's outright threshold; None when the rule has none."""
    outright_reason: str = ""
    """Why, in numbers (empty when the rule has no outright threshold)."""
    expected_share_counted: float | None = None
    """Estimated share of the vote counted, 0-100; an estimate, never math."""
    problems: tuple[str, ...] = ()
    """The race's own problems and those tabulation found (vote types)."""
    rcv: RcvTabulation | None = None
    """A ranked-choice race's rounds (published or tabulated); None otherwise,
    and None too while only first choices are out."""

    @property
    def kind(self) -> RaceKind:
        """Candidate race, ballot measure or ranked-choice contest."""
        if self.race.is_measure:
            return RaceKind.MEASURE
        if self.race.is_ranked_choice:
            return RaceKind.RCV
        return RaceKind.CANDIDATE

    @property
    def uncontested(self) -> bool:
        """Flagged so by the feed, or no more candidates than places."""
        race = self.race
        if race.is_measure:
            return False
        return race.uncontested or len(race.candidates) <= race.rule.places

    @property
    def all_precincts_in(self) -> bool:
        """Every precinct has reported (ballots may still be outstanding)."""
        return 0 < self.precincts_total == self.precincts_reporting

    @property
    def reporting_percent(self) -> int:
        """Precincts reporting as a whole percentage, rounded down.

        2,172 of 2,173 is 99, not 100: only the last precinct makes it 100.
        """
        if not self.precincts_total:
            return 0
        return 100 * self.precincts_reporting // self.precincts_total

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
