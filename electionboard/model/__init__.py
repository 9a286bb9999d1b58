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
from electionboard.model.validation import (
    MAX_CANDIDATES,
    MAX_RACE_VOTES,
    MAX_VOTES,
    InvalidRaceError,
    check_election,
    check_race,
    check_votes,
    count_from_text,
)

__all__ = [
    "DEFAULT_TOO_CLOSE_SHARE",
    "MAX_CANDIDATES",
    "MAX_RACE_VOTES",
    "MAX_VOTES",
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
    "check_votes",
    "count_from_text",
    "outstanding_votes",
    "place_verdicts",
    "tabulate",
    "tabulate_election",
]
