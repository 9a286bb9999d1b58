"""AP Elections API v2 JSON: bytes to an Election, one race per state and raceID.

A statewide response repeats every candidate in each of hundreds of reporting
units, yet the board needs only the state-level unit. Units are decoded with
their candidate lists left as raw JSON, and only the unit that gives the race's
totals is decoded further, so a 1 MB response costs about one millisecond in
msgspec rather than three.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated

import msgspec

from electionboard.model import (
    MAX_VOTES,
    Call,
    CallOutcome,
    Candidate,
    Election,
    InvalidRaceError,
    Race,
    Rule,
    check_race,
)
from electionboard.sources.bom import text_head, without_bom
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.jsondecode import decode, gc_paused, worded

CALLED_BY = "AP"
"""``Call.by`` for calls taken from AP winner flags."""

_WON = "X"
_RUNOFF = "R"
_UNIT_LEVELS = ("district", "county", "subunit")
"""Levels to sum, most inclusive first, when a race has no state-level unit."""
_MAJORITY_RACE_TYPES = frozenset({"L", "T"})
"""AP race type IDs where a majority wins outright, else the top two advance."""

_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_VOTES)]
"""Every count, bounded where the model bounds it (docs/feed-format.md)."""


class _Candidate(msgspec.Struct, frozen=True):
    last: str = ""
    first: str | None = None
    party: str | None = None
    candidate_id: str | None = msgspec.field(default=None, name="candidateID")
    pol_id: str | None = msgspec.field(default=None, name="polID")
    ballot_order: int | None = msgspec.field(default=None, name="ballotOrder")
    vote_count: _Count = msgspec.field(default=0, name="voteCount")
    winner: str | None = None
    incumbent: bool = False


class _Unit(msgspec.Struct, frozen=True):
    level: str | None = None
    state_postal: str | None = msgspec.field(default=None, name="statePostal")
    precincts_reporting: _Count | None = msgspec.field(
        default=None, name="precinctsReporting"
    )
    precincts_total: _Count | None = msgspec.field(default=None, name="precinctsTotal")
    candidates: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"[]"))


class _Race(msgspec.Struct, frozen=True):
    race_id: str = msgspec.field(name="raceID")
    office_name: str | None = msgspec.field(default=None, name="officeName")
    seat_name: str | None = msgspec.field(default=None, name="seatName")
    party: str | None = None
    race_type: str | None = msgspec.field(default=None, name="raceType")
    race_type_id: str | None = msgspec.field(default=None, name="raceTypeID")
    test: bool = False
    units: list[_Unit] = msgspec.field(default_factory=list, name="reportingUnits")


class _Document(msgspec.Struct, frozen=True):
    election_date: dt.date = msgspec.field(name="electionDate")
    timestamp: dt.datetime
    races: list[_Race] = msgspec.field(default_factory=list)


class _NextRequest(msgspec.Struct, frozen=True):
    nextrequest: str | None = None


class _RaceKey(msgspec.Struct, frozen=True):
    race_id: object = msgspec.field(default=None, name="raceID")


class _RaceKeys(msgspec.Struct, frozen=True):
    races: list[_RaceKey]


_DECODER = msgspec.json.Decoder(_Document)
_CANDIDATES = msgspec.json.Decoder(list[_Candidate])
_NEXT = msgspec.json.Decoder(_NextRequest)
_RACE_KEYS = msgspec.json.Decoder(_RaceKeys)
_RACE_PATH = re.compile(
    r"^(?P<problem>.*) - at `\$\.races\[(?P<index>\d+)\]\.?(?P<path>.*)`$"
)


def looks_ap(data: bytes) -> bool:
    """Cheap sniff: a JSON object whose first keys include ``electionDate``."""
    head = text_head(data)
    return head.lstrip()[:1] == b"{" and b'"electionDate"' in head


def next_request_url(data: bytes) -> str | None:
    """The ``nextrequest`` URL of a response, or None when it has none.

    Raises:
        FeedFormatError: the bytes are not a JSON object.
    """
    try:
        url = _NEXT.decode(without_bom(data)).nextrequest
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as error:
        raise FeedFormatError(f"not an AP response: {error}") from None
    return url or None


def parse_ap(data: bytes) -> Election:
    """Parse an AP Elections API v2 JSON response.

    Raises:
        FeedFormatError: naming the race and field where there is one.
    """
    with gc_paused():
        return _parse(data)


def _parse(data: bytes) -> Election:
    document = decode(_DECODER, data, _describe)
    updated = document.timestamp
    if updated.tzinfo is None:
        # AP stamps times in UTC ("...Z"); a bare time is read the same way.
        updated = updated.replace(tzinfo=dt.UTC)
    races: list[Race] = []
    seen: set[str] = set()
    for wire in document.races:
        race = _race(wire)
        if race.id in seen:
            raise FeedFormatError(f"race {race.id!r}: id: duplicate race id")
        seen.add(race.id)
        try:
            check_race(race)
        except InvalidRaceError as error:
            raise FeedFormatError(str(error)) from None
        races.append(race)
    date = document.election_date
    return Election(
        id=f"ap-{date.isoformat()}",
        name=f"AP results {date.isoformat()}",
        date=date,
        updated=updated,
        races=tuple(races),
        test=any(wire.test for wire in document.races),
    )


def _describe(message: str, data: bytes) -> str:
    """Name the race by its raceID, not only its index, in a validation message."""
    match = _RACE_PATH.match(message)
    if match is None:
        return f"AP response: {message}"
    index = int(match["index"])
    try:
        race_id = _RACE_KEYS.decode(data).races[index].race_id
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError, IndexError):
        race_id = None
    name = repr(race_id) if isinstance(race_id, str) else f"#{index + 1}"
    return f"race {name}: {match['path'] or 'race'}: {match['problem']}"


def _race(wire: _Race) -> Race:
    state_units = [u for u in wire.units if u.level == "state"]
    units = state_units[:1] or _summable_units(wire.units)
    if not units:
        raise FeedFormatError(f"race {wire.race_id!r}: reportingUnits: none given")
    state = units[0].state_postal
    if not state:
        raise FeedFormatError(
            f"race {wire.race_id!r}: reportingUnits: statePostal missing"
        )
    race_id = f"{state}-{wire.race_id}"
    lines = [_decode_candidates(race_id, unit) for unit in units]
    candidates, totals = _combine(race_id, lines)
    flags = _flags(lines)
    rule = _rule(wire, flags)
    return Race(
        id=race_id,
        name=_race_name(wire),
        rule=rule,
        candidates=candidates,
        totals=totals,
        precincts_reporting=_sum_counts(u.precincts_reporting for u in units),
        precincts_total=_sum_counts(u.precincts_total for u in units),
        call=_call(flags, rule),
    )


def _summable_units(units: list[_Unit]) -> list[_Unit]:
    """Units of one level only, so no vote is counted twice."""
    for level in _UNIT_LEVELS:
        chosen = [u for u in units if u.level == level]
        if chosen:
            return chosen
    return units[:1]


def _decode_candidates(race_id: str, unit: _Unit) -> list[_Candidate]:
    try:
        return _CANDIDATES.decode(unit.candidates)
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as error:
        message = worded(str(error))
        raise FeedFormatError(f"race {race_id!r}: candidates: {message}") from None


def _candidate_id(race_id: str, line: _Candidate) -> str:
    candidate_id = line.candidate_id or line.pol_id
    if not candidate_id:
        raise FeedFormatError(
            f"race {race_id!r}: candidates: a candidate has no candidateID or polID"
        )
    return candidate_id


def _combine(
    race_id: str, lines: list[list[_Candidate]]
) -> tuple[tuple[Candidate, ...], tuple[int, ...]]:
    """Candidates in the feed's order and their votes summed over ``lines``."""
    order: dict[str, int] = {}
    candidates: list[Candidate] = []
    votes: list[int] = []
    for unit_lines in lines:
        in_unit: set[str] = set()
        for line in unit_lines:
            candidate_id = _candidate_id(race_id, line)
            if candidate_id in in_unit:
                raise FeedFormatError(
                    f"race {race_id!r}: candidates: duplicate id {candidate_id!r}"
                )
            in_unit.add(candidate_id)
            index = order.get(candidate_id)
            if index is None:
                order[candidate_id] = len(candidates)
                candidates.append(_candidate(candidate_id, line, len(candidates)))
                votes.append(line.vote_count)
            else:
                votes[index] += line.vote_count
    return tuple(candidates), tuple(votes)


def _candidate(candidate_id: str, line: _Candidate, position: int) -> Candidate:
    name = f"{line.first} {line.last}" if line.first else line.last
    return Candidate(
        id=candidate_id,
        name=name.strip() or candidate_id,
        party=line.party or None,
        ballot_order=line.ballot_order
        if line.ballot_order is not None
        else position + 1,
        incumbent=line.incumbent,
    )


def _flags(lines: list[list[_Candidate]]) -> dict[str, list[str]]:
    """Candidate ids by winner flag; AP repeats a race's flags in every unit."""
    flags: dict[str, list[str]] = {_WON: [], _RUNOFF: []}
    for unit_lines in lines:
        for line in unit_lines:
            flagged = flags.get(line.winner or "")
            candidate_id = line.candidate_id or line.pol_id
            if flagged is not None and candidate_id and candidate_id not in flagged:
                flagged.append(candidate_id)
    return flags


def _rule(wire: _Race, flags: dict[str, list[str]]) -> Rule:
    race_type = (wire.race_type or "").casefold().replace("-", " ")
    if "top two" in race_type:
        return Rule(advance=max(2, len(flags[_WON])))
    if flags[_RUNOFF] or (wire.race_type_id or "") in _MAJORITY_RACE_TYPES:
        return Rule(advance=2, majority_wins=True)
    # Several X flags with no runoff: AP has declared that many seats filled.
    return Rule(advance=max(1, len(flags[_WON])))


def _call(flags: dict[str, list[str]], rule: Rule) -> Call | None:
    winners = flags[_WON]
    runoff = flags[_RUNOFF]
    if not winners and not runoff:
        return None
    if len(winners) == 1 and not runoff and (rule.elects or rule.majority_wins):
        return Call(CallOutcome.WON, tuple(winners), CALLED_BY)
    return Call(CallOutcome.ADVANCE, tuple(winners + runoff), CALLED_BY)


def _race_name(wire: _Race) -> str:
    name = wire.office_name or f"Race {wire.race_id}"
    if wire.seat_name:
        name = f"{name} - {wire.seat_name}"
    if wire.party:
        name = f"{name} ({wire.party})"
    return name


def _sum_counts(counts: Iterable[int | None]) -> int | None:
    """Sum of precinct counts, or None when any unit leaves its count out."""
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total
