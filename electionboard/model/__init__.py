"""Pure-Python election model: snapshots in, standings out. Standard library only."""

from electionboard.model.clinch import PlaceVerdict, place_verdicts
from electionboard.model.election import (
    Call,
    CallOutcome,
    Candidate,
    Election,
    Precinct,
    Race,
    Rule,
)
from electionboard.model.standings import (
    CandidateStanding,
    Margin,
    Outcome,
    RaceStandings,
    RaceStatus,
)
from electionboard.model.tabulate import (
    DEFAULT_TOO_CLOSE_SHARE,
    candidate_totals,
    outstanding_votes,
    tabulate,
    tabulate_election,
)
from electionboard.model.validation import InvalidRaceError, check_election, check_race

__all__ = [
    "DEFAULT_TOO_CLOSE_SHARE",
    "Call",
    "CallOutcome",
    "Candidate",
    "CandidateStanding",
    "Election",
    "InvalidRaceError",
    "Margin",
    "Outcome",
    "PlaceVerdict",
    "Precinct",
    "Race",
    "RaceStandings",
    "RaceStatus",
    "Rule",
    "candidate_totals",
    "check_election",
    "check_race",
    "outstanding_votes",
    "place_verdicts",
    "tabulate",
    "tabulate_election",
]
