"""The native ``electionboard/1`` JSON feed: bytes to a validated Election.

msgspec decodes straight into typed wire structs (unknown keys are skipped
without building dicts for them); a second pass turns those into the model's
frozen snapshots with vote tuples aligned to candidate order.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import msgspec

from electionboard.model import (
    Call,
    CallOutcome,
    Candidate,
    Election,
    InvalidRaceError,
    Precinct,
    Race,
    Rule,
    check_race,
)
from electionboard.sources.errors import FeedFormatError

FORMAT_ID = "electionboard/1"


class _Candidate(msgspec.Struct, frozen=True):
    id: str
    name: str
    party: str | None = None
    ballot_order: int | None = None
    incumbent: bool = False
    withdrawn: bool = False


class _Precinct(msgspec.Struct, frozen=True):
    id: str
    reporting: bool
    votes: dict[str, int]
    name: str | None = None
    registered_voters: int | None = None


class _Call(msgspec.Struct, frozen=True):
    outcome: Literal["won", "advance"]
    candidates: list[str]
    by: str
    at: dt.datetime | None = None


class _Race(msgspec.Struct, frozen=True):
    id: str
    name: str
    advance: int
    majority_wins: bool
    candidates: list[_Candidate]
    final: bool = False
    registered_voters: int | None = None
    remaining_ballots: int | None = None
    precincts: list[_Precinct] | None = None
    totals: dict[str, int] | None = None
    precincts_reporting: int | None = None
    precincts_total: int | None = None
    call: _Call | None = None


class _ElectionInfo(msgspec.Struct, frozen=True):
    id: str
    name: str
    date: dt.date
    test: bool = False


class _Document(msgspec.Struct, frozen=True):
    format: str
    election: _ElectionInfo
    updated: dt.datetime
    races: list[_Race]


_DECODER = msgspec.json.Decoder(_Document)
_RACE_INDEX = re.compile(r"\$\.races\[(\d+)\]")


def looks_native(data: bytes) -> bool:
    """Cheap sniff used by format detection."""
    return b'"electionboard/1"' in data[:4096]


def parse_native(data: bytes) -> Election:
    """Parse and validate a native feed document.

    Raises:
        FeedFormatError: naming the field (and the race, where there is one).
    """
    try:
        document = _DECODER.decode(data)
    except msgspec.ValidationError as error:
        raise FeedFormatError(_describe(str(error), data)) from None
    except msgspec.DecodeError as error:
        raise FeedFormatError(f"not valid JSON: {error}") from None
    if document.format != FORMAT_ID:
        raise FeedFormatError(
            f"format: expected {FORMAT_ID!r}, got {document.format!r}"
        )
    if document.updated.tzinfo is None:
        raise FeedFormatError("updated: the time needs a UTC offset")
    races = []
    seen: set[str] = set()
    for wire in document.races:
        if wire.id in seen:
            raise FeedFormatError(f"race {wire.id!r}: id: duplicate race id")
        seen.add(wire.id)
        try:
            race = _race(wire)
            check_race(race)
        except InvalidRaceError as error:
            raise FeedFormatError(str(error)) from None
        races.append(race)
    info = document.election
    return Election(
        id=info.id,
        name=info.name,
        date=info.date,
        updated=document.updated,
        races=tuple(races),
        test=info.test,
    )


def _describe(message: str, data: bytes) -> str:
    """Name the race by id, not only by its index, in a validation message."""
    match = _RACE_INDEX.search(message)
    if match is None:
        return message
    index = int(match.group(1))
    try:
        race_id = msgspec.json.decode(data)["races"][index]["id"]
    except (msgspec.DecodeError, KeyError, IndexError, TypeError):
        return message
    return f"race {race_id!r}: {message}"


def _race(wire: _Race) -> Race:
    candidates = tuple(
        Candidate(
            id=c.id,
            name=c.name,
            party=c.party,
            ballot_order=c.ballot_order if c.ballot_order is not None else n + 1,
            incumbent=c.incumbent,
            withdrawn=c.withdrawn,
        )
        for n, c in enumerate(wire.candidates)
    )
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise InvalidRaceError(wire.id, "candidates", "duplicate candidate id")
    if (wire.precincts is None) == (wire.totals is None):
        raise InvalidRaceError(
            wire.id, "precincts/totals", "give exactly one of precincts or totals"
        )
    precincts: tuple[Precinct, ...] = ()
    totals: tuple[int, ...] | None = None
    if wire.precincts is not None:
        precincts = tuple(
            Precinct(
                id=p.id,
                name=p.name if p.name is not None else p.id,
                reporting=p.reporting,
                votes=_aligned(wire.id, f"precincts[{p.id}].votes", ids, p.votes),
                registered_voters=p.registered_voters,
            )
            for p in wire.precincts
        )
    if wire.totals is not None:
        totals = _aligned(wire.id, "totals", ids, wire.totals)
    call = None
    if wire.call is not None:
        call = Call(
            outcome=CallOutcome(wire.call.outcome),
            candidate_ids=tuple(wire.call.candidates),
            by=wire.call.by,
            at=wire.call.at,
        )
    return Race(
        id=wire.id,
        name=wire.name,
        rule=Rule(advance=wire.advance, majority_wins=wire.majority_wins),
        candidates=candidates,
        precincts=precincts,
        totals=totals,
        precincts_reporting=wire.precincts_reporting,
        precincts_total=wire.precincts_total,
        final=wire.final,
        registered_voters=wire.registered_voters,
        remaining_ballots=wire.remaining_ballots,
        call=call,
    )


def _aligned(
    race_id: str, field: str, ids: list[str], votes: dict[str, int]
) -> tuple[int, ...]:
    """Votes as a tuple in candidate order; unknown ids are an error."""
    if len(votes) > len(ids) or not votes.keys() <= set(ids):
        unknown = sorted(set(votes) - set(ids))
        raise InvalidRaceError(race_id, field, f"unknown candidate {unknown[0]!r}")
    return tuple(votes.get(candidate_id, 0) for candidate_id in ids)
