"""Small constructors for test races, so tests state only what matters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from electionboard.model import Call, CallOutcome, Candidate, Election, Race, Rule

UPDATED = dt.datetime(2022, 6, 8, 1, 0, tzinfo=dt.UTC)


def race(
    votes: Sequence[int],
    *,
    advance: int = 1,
    majority_wins: bool = False,
    remaining: int | None = None,
    registered: int | None = None,
    final: bool = False,
    call: Call | None = None,
    names: Sequence[str] | None = None,
) -> Race:
    """A totals-only race with candidates A, B, C... in ballot order."""
    labels = list(names) if names else [chr(ord("A") + i) for i in range(len(votes))]
    return Race(
        id="r1",
        name="Test race",
        rule=Rule(advance=advance, majority_wins=majority_wins),
        candidates=tuple(
            Candidate(id=label.lower(), name=label, ballot_order=i + 1)
            for i, label in enumerate(labels)
        ),
        totals=tuple(votes),
        precincts_reporting=1,
        precincts_total=2,
        final=final,
        registered_voters=registered,
        remaining_ballots=remaining,
        call=call,
    )


def call(*ids: str, outcome: CallOutcome = CallOutcome.ADVANCE) -> Call:
    """A desk call for the given candidate ids."""
    return Call(outcome=outcome, candidate_ids=ids, by="Desk", at=UPDATED)


def election(*races: Race) -> Election:
    """An election holding the given races."""
    return Election(
        id="e1", name="Test", date=dt.date(2022, 6, 7), updated=UPDATED, races=races
    )


def one_race_feed(votes: int) -> bytes:
    """A one-race native document; Ann's ``votes`` tell versions apart."""
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
            "updated": "2022-06-07T21:00:00-07:00",
            "races": [
                {
                    "id": "mayor",
                    "name": "Mayor",
                    "advance": 1,
                    "majority_wins": False,
                    "candidates": [
                        {"id": "a", "name": "Ann"},
                        {"id": "b", "name": "Bo"},
                    ],
                    "totals": {"a": votes, "b": 10},
                    "precincts_reporting": 1,
                    "precincts_total": 2,
                }
            ],
        }
    ).encode()
