"""AP Elections API v2 JSON: bytes to an Election, one race per state and raceID.

A statewide response repeats every candidate in each of hundreds of reporting
units. Units are decoded with their candidate lists left as raw JSON; the unit
that gives the race's totals is decoded in full, and the county-level units the
map needs (``Race.units``) only down to each candidate's id and vote count, so
the many copies of names, parties and flags are skipped rather than built.

Each race is decoded on its own: a document that is not a results response is
refused whole, but a problem inside one race keeps that race, marked with the
reason in ``Race.problems``, while every other race applies (docs/formats.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Annotated

import msgspec

from electionboard.model import (
    MAJORITY,
    MAX_CANDIDATES,
    MAX_VOTES,
    Call,
    CallOutcome,
    Candidate,
    Election,
    InvalidRaceError,
    Measure,
    Race,
    Rule,
    UnitResult,
)
from electionboard.model.election import LazyUnits
from electionboard.model.makers import positional_maker
from electionboard.model.parties import normalise_party
from electionboard.model.validation import check_built_race
from electionboard.sources.bom import text_head, without_bom
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.jsondecode import decode, gc_paused, worded
from electionboard.sources.states import state_name, state_zone

log = logging.getLogger(__name__)

CALLED_BY = "AP"
"""``Call.by`` for calls taken from AP winner flags."""

_WON = "X"
_RUNOFF = "R"
_MEASURE_OFFICE = "I"
"""AP's ``officeID`` for ballot issues (propositions, questions, amendments)."""
_PASSING_CHOICES = ("yes", "for")
"""Choice names that pass a measure when chosen, in AP's ``last`` field."""
_UNIT_LEVELS = ("district", "county", "subunit")
"""Levels to sum, most inclusive first, when a race has no state-level unit."""
_MAP_LEVELS = ("subunit", "county")
"""Levels that give a map its counties (or towns carrying their county's fips),
preferred first; the state-level unit never is one."""
_MAJORITY_RACE_TYPES = frozenset({"L", "T"})
"""AP race type IDs where a majority wins outright, else the top two advance."""
_SEAT_WORDS = ("district", "seat", "position", "ward", "at large", "at-large")
"""Seat names that read on from the office ("U.S. House District 13")."""

_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_VOTES)]
"""Every count, bounded where the model bounds it (docs/feed-format.md)."""
_Places = Annotated[int, msgspec.Meta(ge=0, le=MAX_CANDIDATES)]
_Percent = Annotated[float, msgspec.Meta(ge=0, le=100)]


# The wire structs opt out of the cyclic GC (``gc=False``): decoded JSON holds
# no cycles, and the races keep them (for lazy map units) long after the parse,
# so the collector would otherwise rescan thousands of them on every pass.


class _Candidate(msgspec.Struct, frozen=True, gc=False):
    last: str = ""
    first: str | None = None
    party: str | None = None
    candidate_id: str | None = msgspec.field(default=None, name="candidateID")
    pol_id: str | None = msgspec.field(default=None, name="polID")
    ballot_order: int | None = msgspec.field(default=None, name="ballotOrder")
    vote_count: _Count = msgspec.field(default=0, name="voteCount")
    winner: str | None = None
    incumbent: bool = False
    elect_won: _Count | None = msgspec.field(default=None, name="electWon")


class _UnitVote(msgspec.Struct, frozen=True, gc=False):
    """A candidate's line in a map unit: only what the map needs from it."""

    candidate_id: str | None = msgspec.field(default=None, name="candidateID")
    pol_id: str | None = msgspec.field(default=None, name="polID")
    vote_count: _Count = msgspec.field(default=0, name="voteCount")


class _Unit(msgspec.Struct, frozen=True, gc=False):
    level: str | None = None
    unit_id: str | None = msgspec.field(default=None, name="reportingunitID")
    unit_name: str | None = msgspec.field(default=None, name="reportingunitName")
    fips: str | None = msgspec.field(default=None, name="fipsCode")
    state_postal: str | None = msgspec.field(default=None, name="statePostal")
    precincts_reporting: _Count | None = msgspec.field(
        default=None, name="precinctsReporting"
    )
    precincts_total: _Count | None = msgspec.field(default=None, name="precinctsTotal")
    eevp: _Percent | None = None
    elect_total: _Count | None = msgspec.field(default=None, name="electTotal")
    candidates: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"[]"))


class _Race(msgspec.Struct, frozen=True, gc=False):
    race_id: str = msgspec.field(name="raceID")
    state_postal: str | None = msgspec.field(default=None, name="statePostal")
    office_id: str | None = msgspec.field(default=None, name="officeID")
    office_name: str | None = msgspec.field(default=None, name="officeName")
    seat_name: str | None = msgspec.field(default=None, name="seatName")
    party: str | None = None
    race_type: str | None = msgspec.field(default=None, name="raceType")
    race_type_id: str | None = msgspec.field(default=None, name="raceTypeID")
    test: bool = False
    uncontested: bool = False
    num_winners: _Places | None = msgspec.field(default=None, name="numWinners")
    units: list[_Unit] | None = msgspec.field(default=None, name="reportingUnits")
    candidates: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"[]"))
    """Race-level candidates: an initialization answer, before any unit exists."""


class _Document(msgspec.Struct, frozen=True):
    election_date: dt.date = msgspec.field(name="electionDate")
    timestamp: dt.datetime
    races: list[msgspec.Raw] = msgspec.field(default_factory=list)


class _TypedDocument(msgspec.Struct, frozen=True):
    """The same document with every race decoded in the one pass.

    Most answers have no broken race, so they are decoded once; only when this
    fails does the parser go race by race through ``_Document``.
    """

    election_date: dt.date = msgspec.field(name="electionDate")
    timestamp: dt.datetime
    races: list[_Race] = msgspec.field(default_factory=list)


class _NextRequest(msgspec.Struct, frozen=True):
    nextrequest: str | None = None


class _KeyUnit(msgspec.Struct, frozen=True):
    state_postal: object = msgspec.field(default=None, name="statePostal")


class _RaceKey(msgspec.Struct, frozen=True):
    """Just enough of a race to name it when the rest of it cannot be read."""

    race_id: object = msgspec.field(default=None, name="raceID")
    state_postal: object = msgspec.field(default=None, name="statePostal")
    office_name: object = msgspec.field(default=None, name="officeName")
    seat_name: object = msgspec.field(default=None, name="seatName")
    test: object = False
    units: object = msgspec.field(default=None, name="reportingUnits")


_DECODER = msgspec.json.Decoder(_Document)
_TYPED = msgspec.json.Decoder(_TypedDocument)
_RACE = msgspec.json.Decoder(_Race)
_RACE_KEY = msgspec.json.Decoder(_RaceKey)
_CANDIDATES = msgspec.json.Decoder(list[_Candidate])
_UNIT_VOTES = msgspec.json.Decoder(list[_UnitVote])
_NEXT = msgspec.json.Decoder(_NextRequest)
_PATH = re.compile(r"^(?P<problem>.*) - at `\$\.?(?P<path>.*)`$")


class _RaceProblem(Exception):
    """Something wrong inside one race: the race is kept, marked with this."""


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
        FeedFormatError: the document is not an AP results response, or two
            races share an id. A problem inside one race does not raise: the
            race is kept with the reason in ``Race.problems``.
    """
    with gc_paused():
        return _parse(data)


def _parse(data: bytes) -> Election:
    document: _Document | _TypedDocument
    try:
        document = _TYPED.decode(without_bom(data))
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        # ValidationError is a DecodeError: some race (or the document) does
        # not fit; the race-by-race path keeps the others and says which.
        document = decode(_DECODER, data, _describe_document)
    updated = document.timestamp
    if updated.tzinfo is None:
        # AP stamps times in UTC ("...Z"); a bare time is read the same way.
        updated = updated.replace(tzinfo=dt.UTC)
    races: list[Race] = []
    seen: set[str] = set()
    test = False
    zones: set[str | None] = set()
    entries: Sequence[msgspec.Raw | _Race] = document.races
    for index, raw in enumerate(entries):
        race, race_test = _read_race(index, raw)
        state = race.id.partition("-")[0] if "-" in race.id else ""
        zones.add(state_zone(state) if state else None)
        if race.id in seen:
            raise FeedFormatError(f"race {race.id!r}: id: duplicate race id")
        seen.add(race.id)
        test = test or race_test
        races.append(race)
    date = document.election_date
    return Election(
        id=f"ap-{date.isoformat()}",
        name=f"AP results {date.isoformat()}",
        date=date,
        updated=updated,
        races=tuple(races),
        test=test,
        # One zone for the night when every race's state shares one; AP's own
        # stamps are UTC, so several zones leave it to the time_zone setting.
        time_zone=zones.pop() if len(zones) == 1 else None,
    )


def _describe_document(message: str, _data: bytes) -> str:
    return f"AP response: {message}"


def _read_race(index: int, raw: msgspec.Raw | _Race) -> tuple[Race, bool]:
    """One race, and whether it is a test race; a broken race is kept marked."""
    if isinstance(raw, _Race):
        wire = raw
    else:
        try:
            wire = _RACE.decode(raw)
        except msgspec.ValidationError as error:
            return _unreadable(index, raw, _located(worded(str(error))))
        except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as error:
            return _unreadable(index, raw, f"not readable: {error}")
    state = _state(wire)
    race_id = f"{state}-{wire.race_id}" if state else wire.race_id
    try:
        race = _race(race_id, wire, state)
        check_built_race(race)
    except _RaceProblem as problem:
        return _broken_wire(race_id, wire, str(problem)), wire.test
    except InvalidRaceError as error:
        reason = f"{error.field}: {error.problem}"
        return _broken_wire(race_id, wire, reason), wire.test
    return race, wire.test


def _broken_wire(race_id: str, wire: _Race, problem: str) -> Race:
    """A broken race that still says its office, state and seat, for filters."""
    return replace(
        _broken(race_id, _race_name(wire), problem, uncontested=wire.uncontested),
        office=wire.office_name or None,
        state=_state(wire),
        seat=_seat(wire),
    )


def _located(message: str) -> str:
    """msgspec's ``problem - at `$.path``` as ``path: problem``."""
    match = _PATH.match(message)
    if match is None:
        return message
    return f"{match['path'] or 'race'}: {match['problem']}"


def _unreadable(index: int, raw: msgspec.Raw, problem: str) -> tuple[Race, bool]:
    """A race whose fields do not decode: kept by its id when it has one.

    Raises:
        FeedFormatError: the entry has no string ``raceID``, so it cannot be
            told apart from any other race and the document is not usable.
    """
    try:
        key = _RACE_KEY.decode(raw)
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        key = _RaceKey()
    if not isinstance(key.race_id, str) or not key.race_id:
        raise FeedFormatError(f"race #{index + 1}: raceID: {problem}")
    state = key.state_postal
    if not isinstance(state, str) and isinstance(key.units, list):
        first = next((u for u in key.units if isinstance(u, dict)), {})
        state = first.get("statePostal")
    race_id = f"{state}-{key.race_id}" if isinstance(state, str) and state else ""
    name = key.office_name if isinstance(key.office_name, str) else ""
    seat = key.seat_name.strip() if isinstance(key.seat_name, str) else ""
    race = replace(
        _broken(race_id or key.race_id, name or f"Race {key.race_id}", problem),
        office=name or None,
        state=state if isinstance(state, str) and state else None,
        seat=seat or None,
    )
    return race, key.test is True


def _broken(
    race_id: str, name: str, problem: str, *, uncontested: bool = False
) -> Race:
    """A race the desk must see as broken: no figures, only the reason.

    ``merge_elections`` keeps the race's last good figures under the reason.
    """
    return Race(
        id=race_id,
        name=name,
        rule=Rule(),
        candidates=(),
        uncontested=uncontested,
        problems=(problem,),
    )


def _state(wire: _Race) -> str | None:
    """The race's state: its own ``statePostal``, else its first unit's."""
    return wire.state_postal or next(
        (u.state_postal for u in wire.units or () if u.state_postal), None
    )


def _race(race_id: str, wire: _Race, state: str | None) -> Race:
    """The race ``_read_race`` read, its state (``_state``) already found."""
    every = wire.units
    if not every:
        return _race_without_units(race_id, wire, state)
    for unit in every:
        if unit.level == "state":
            return _state_unit_race(race_id, wire, state, unit)
    units = _summable_units(every)
    if not units[0].state_postal:
        raise _RaceProblem("reportingUnits: statePostal missing")
    lines = [_decode_candidates(unit.candidates) for unit in units]
    measure_race = wire.office_id == _MEASURE_OFFICE
    candidates, totals = _combine(lines, measure=measure_race)
    flags = _flags(lines)
    return _built(
        race_id,
        wire,
        state,
        candidates,
        totals,
        flags,
        _sum_counts([u.precincts_reporting for u in units]),
        _sum_counts([u.precincts_total for u in units]),
        units[0].eevp if len(units) == 1 else None,
        _sum_known([u.elect_total for u in units]),
        _lazy_map_units(race_id, every, units, lines, candidates),
    )


def _state_unit_race(race_id: str, wire: _Race, state: str | None, unit: _Unit) -> Race:
    """A race with a state-level unit: its figures are that unit's, unsummed.

    What ``_race``'s summing road gives for a single unit, read in one pass
    over its lines (``_one_unit_flagged``); most AP races take this road.
    """
    if not unit.state_postal:
        raise _RaceProblem("reportingUnits: statePostal missing")
    lines = _decode_candidates(unit.candidates)
    measure_race = wire.office_id == _MEASURE_OFFICE
    candidates, totals, flags = _one_unit_flagged(lines, measure=measure_race)
    return _built(
        race_id,
        wire,
        state,
        candidates,
        totals,
        flags,
        unit.precincts_reporting,
        unit.precincts_total,
        unit.eevp,
        unit.elect_total,
        # The state unit is never a map unit, so its lines are not kept for one.
        _lazy_map_units(race_id, wire.units or [], (), (), candidates),
    )


def _built(
    race_id: str,
    wire: _Race,
    state: str | None,
    candidates: tuple[Candidate, ...],
    totals: tuple[int, ...],
    flags: dict[str, list[str]],
    reporting: int | None,
    precincts: int | None,
    eevp: float | None,
    electoral_votes: int | None,
    map_units: LazyUnits,
) -> Race:
    """The race from its read figures, with the problems the desk must see."""
    rule = _rule(wire, flags)
    measure_race = wire.office_id == _MEASURE_OFFICE
    measure = _measure(candidates) if measure_race else None
    if not candidates:
        problems: tuple[str, ...] = ("candidates: none listed in any reporting unit",)
    elif measure_race and measure is None:
        problems = ("ballot measure without a Yes choice: read as a contest",)
    else:
        problems = ()
    # Positional, in ``Race``'s field order (a test holds ``_RACE_FIELDS`` to
    # it), made without ``Race.__init__``: one per race per poll.
    return _make_race(
        race_id,
        _race_name(wire, state),
        rule,
        candidates,
        (),  # precincts
        totals,
        reporting,
        precincts,
        False,  # final
        None,  # registered_voters
        None,  # remaining_ballots
        _call(flags, rule),
        False,  # missing_from_feed
        measure,
        wire.uncontested,
        None,  # expected_votes
        eevp,
        problems,
        electoral_votes,
        (),  # vote_types
        None,  # votes_by_type
        None,  # ranked_choice
        wire.office_name or None,
        state,
        _seat(wire),
        map_units,
    )


_RACE_FIELDS = (
    "id",
    "name",
    "rule",
    "candidates",
    "precincts",
    "totals",
    "precincts_reporting",
    "precincts_total",
    "final",
    "registered_voters",
    "remaining_ballots",
    "call",
    "missing_from_feed",
    "measure",
    "uncontested",
    "expected_votes",
    "expected_share_counted",
    "problems",
    "electoral_votes",
    "vote_types",
    "votes_by_type",
    "ranked_choice",
    "office",
    "state",
    "seat",
    "units",
)
"""``Race``'s fields in the order ``_built`` passes them."""
_make_race = positional_maker(Race)
_make_candidate = positional_maker(Candidate)


def _race_without_units(race_id: str, wire: _Race, state: str | None) -> Race:
    """No reporting units: an initialization answer, or a race AP left empty.

    Candidates listed at race level load with no votes yet; with none, the
    race is kept with no candidates. Either way the desk sees why.
    """
    lines = _decode_candidates(wire.candidates)
    measure_race = wire.office_id == _MEASURE_OFFICE
    candidates, totals = _combine([lines], measure=measure_race)
    if candidates:
        problem = "reportingUnits: none yet; candidates listed at race level, no votes"
    else:
        problem = "reportingUnits: none given, and no candidates"
    return Race(
        id=race_id,
        name=_race_name(wire, state),
        rule=_rule(wire, _flags([lines])),
        candidates=candidates,
        totals=totals,
        measure=_measure(candidates) if measure_race else None,
        uncontested=wire.uncontested,
        problems=(problem,),
        office=wire.office_name or None,
        state=state,
        seat=_seat(wire),
    )


def _seat(wire: _Race) -> str | None:
    """AP's ``seatName`` ("District 13"), where it gives one."""
    return (wire.seat_name or "").strip() or None


def _lazy_map_units(
    race_id: str,
    every: list[_Unit],
    summed: Sequence[_Unit],
    summed_lines: Sequence[list[_Candidate]],
    candidates: tuple[Candidate, ...],
) -> LazyUnits:
    """The county units, decoded when a map first reads them (``LazyUnits``).

    A unit that does not decode leaves the race without units, with a warning:
    the race's own figures, already read, stay on every board.
    """
    # A partial, not a closure: two objects for the collector, not six.
    return LazyUnits(
        functools.partial(
            _map_units_or_none, race_id, every, summed, summed_lines, candidates
        )
    )


def _map_units_or_none(
    race_id: str,
    every: list[_Unit],
    summed: Sequence[_Unit],
    summed_lines: Sequence[list[_Candidate]],
    candidates: tuple[Candidate, ...],
) -> tuple[UnitResult, ...]:
    """``_map_units``, or none with a warning when a unit does not decode."""
    try:
        return _map_units(every, summed, summed_lines, candidates)
    except _RaceProblem as problem:
        log.warning("AP race %s: its county units are unreadable: %s", race_id, problem)
        return ()


def _map_units(
    every: list[_Unit],
    summed: Sequence[_Unit],
    summed_lines: Sequence[list[_Candidate]],
    candidates: tuple[Candidate, ...],
) -> tuple[UnitResult, ...]:
    """The race's county-level units, votes aligned with ``candidates``.

    Towns are kept as given, each with its county's fips, for a later rollup.
    Units whose lines were already decoded for the totals are not decoded twice.
    """
    level = next((lv for lv in _MAP_LEVELS if any(u.level == lv for u in every)), None)
    if level is None:
        return ()
    positions = [p for p, unit in enumerate(every) if unit.level == level]
    # With no state-level unit the totals were summed over these same units.
    reuse = bool(summed) and summed[0].level == level
    in_order = _Order(candidates)
    results: list[UnitResult] = []
    append = results.append
    for order, position in enumerate(positions):
        unit = every[position]
        lines = summed_lines[order] if reuse else _decode_unit(position, unit)
        # A hot loop (a national answer has ~10,000 units): positional fields.
        append(
            UnitResult(
                unit.unit_id or unit.fips or unit.unit_name or str(position),
                unit.unit_name or "",
                _unit_votes(position, lines, in_order),
                unit.fips or None,
                unit.precincts_reporting,
                unit.precincts_total,
            )
        )
    return tuple(results)


def _decode_unit(position: int, unit: _Unit) -> list[_UnitVote]:
    try:
        return _UNIT_VOTES.decode(unit.candidates)
    except msgspec.ValidationError as error:
        message = _located(worded(str(error)))
        where = f"reportingUnits[{position}].candidates"
        raise _RaceProblem(f"{where}{_index_path(message)}") from None
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as error:
        where = f"reportingUnits[{position}].candidates"
        raise _RaceProblem(f"{where}: {worded(str(error))}") from None


def _unit_votes(
    position: int, lines: Sequence[_UnitVote | _Candidate], order: _Order
) -> tuple[int, ...]:
    """A unit's votes in the race's candidate order; a candidate left out has 0.

    AP lists a unit's candidates in the state unit's order, so that case is a
    comparison and one pass; any other order is looked up candidate by candidate.
    """
    ids = [line.candidate_id or line.pol_id for line in lines]
    if ids == order.ids:
        return tuple([line.vote_count for line in lines])
    votes = [0] * len(order.ids)
    seen: set[int] = set()
    where = f"reportingUnits[{position}]"
    for candidate_id, line in zip(ids, lines, strict=True):
        index = order.index.get(candidate_id or "")
        if index is None:
            raise _RaceProblem(
                f"{where}.candidates: {candidate_id!r} is not one of the race's"
                " candidates"
            )
        if index in seen:
            raise _RaceProblem(f"{where}.candidates: duplicate id {candidate_id!r}")
        seen.add(index)
        votes[index] = line.vote_count
    return tuple(votes)


class _Order:
    """The race's candidate ids in order, and each id's position."""

    __slots__ = ("ids", "index")

    def __init__(self, candidates: tuple[Candidate, ...]) -> None:
        self.ids: list[str | None] = [candidate.id for candidate in candidates]
        self.index = {candidate.id: p for p, candidate in enumerate(candidates)}


def _summable_units(units: list[_Unit]) -> list[_Unit]:
    """Units of one level only, so no vote is counted twice."""
    for level in _UNIT_LEVELS:
        chosen = [u for u in units if u.level == level]
        if chosen:
            return chosen
    return units[:1]


def _decode_candidates(raw: msgspec.Raw) -> list[_Candidate]:
    try:
        return _CANDIDATES.decode(raw)
    except msgspec.ValidationError as error:
        message = _located(worded(str(error)))
        raise _RaceProblem(f"candidates{_index_path(message)}") from None
    except (msgspec.DecodeError, RecursionError, UnicodeDecodeError) as error:
        raise _RaceProblem(f"candidates: {worded(str(error))}") from None


def _index_path(message: str) -> str:
    """``[0].voteCount: problem`` reads on from ``candidates``; else ``: problem``."""
    return message if message.startswith("[") else f": {message}"


def _candidate_id(line: _Candidate) -> str:
    candidate_id = line.candidate_id or line.pol_id
    if not candidate_id:
        raise _RaceProblem("candidates: a candidate has no candidateID or polID")
    return candidate_id


def _combine(
    lines: list[list[_Candidate]], *, measure: bool
) -> tuple[tuple[Candidate, ...], tuple[int, ...]]:
    """Candidates in the feed's order and their votes summed over ``lines``.

    Electoral votes won (``electWon``) are summed over the units the same way.
    """
    if len(lines) == 1:
        return _one_unit(lines[0], measure=measure)
    order: dict[str, int] = {}
    firsts: list[_Candidate] = []
    votes: list[int] = []
    electoral: list[int | None] = []
    for unit_lines in lines:
        in_unit: set[str] = set()
        for line in unit_lines:
            candidate_id = _candidate_id(line)
            if candidate_id in in_unit:
                raise _RaceProblem(f"candidates: duplicate id {candidate_id!r}")
            in_unit.add(candidate_id)
            index = order.get(candidate_id)
            if index is None:
                order[candidate_id] = len(firsts)
                firsts.append(line)
                votes.append(line.vote_count)
                electoral.append(line.elect_won)
            else:
                votes[index] += line.vote_count
                if line.elect_won is not None:
                    electoral[index] = (electoral[index] or 0) + line.elect_won
    candidates = tuple(
        _candidate(
            candidate_id, firsts[index], index, electoral[index], measure=measure
        )
        for candidate_id, index in order.items()
    )
    return candidates, tuple(votes)


def _one_unit(
    unit_lines: list[_Candidate], *, measure: bool
) -> tuple[tuple[Candidate, ...], tuple[int, ...]]:
    """``_combine`` of one unit (a race with a state-level unit): nothing to sum.

    The same checks in the same order, so the same line gives the same problem.
    """
    seen: set[str] = set()
    candidates: list[Candidate] = []
    for position, line in enumerate(unit_lines):
        candidate_id = _candidate_id(line)
        if candidate_id in seen:
            raise _RaceProblem(f"candidates: duplicate id {candidate_id!r}")
        seen.add(candidate_id)
        candidates.append(
            _candidate(candidate_id, line, position, line.elect_won, measure=measure)
        )
    return tuple(candidates), tuple([line.vote_count for line in unit_lines])


def _one_unit_flagged(
    unit_lines: list[_Candidate], *, measure: bool
) -> tuple[tuple[Candidate, ...], tuple[int, ...], dict[str, list[str]]]:
    """``_one_unit`` and ``_flags`` of its lines, in the one pass.

    The ids are unique once ``_one_unit``'s checks pass, so each flag is one
    append; a property test holds this to the two calls it replaces.
    """
    seen: set[str] = set()
    candidates: list[Candidate] = []
    won: list[str] = []
    runoff: list[str] = []
    for position, line in enumerate(unit_lines):
        candidate_id = line.candidate_id or line.pol_id
        if not candidate_id:
            raise _RaceProblem("candidates: a candidate has no candidateID or polID")
        if candidate_id in seen:
            raise _RaceProblem(f"candidates: duplicate id {candidate_id!r}")
        seen.add(candidate_id)
        # ``_candidate``, inline: one call fewer per candidate per poll.
        first = line.first
        name = (f"{first} {line.last}" if first else line.last).strip()
        ballot_order = line.ballot_order
        candidates.append(
            _make_candidate(
                candidate_id,
                name or candidate_id,
                None if measure else _party(line.party),
                ballot_order if ballot_order is not None else position + 1,
                line.incumbent,
                False,
                False,
                line.elect_won,
            )
        )
        winner = line.winner
        if winner == _WON:
            won.append(candidate_id)
        elif winner == _RUNOFF:
            runoff.append(candidate_id)
    return (
        tuple(candidates),
        tuple([line.vote_count for line in unit_lines]),
        {_WON: won, _RUNOFF: runoff},
    )


def _candidate(
    candidate_id: str,
    line: _Candidate,
    position: int,
    electoral_votes_won: int | None,
    *,
    measure: bool,
) -> Candidate:
    name = f"{line.first} {line.last}" if line.first else line.last
    ballot_order = line.ballot_order
    # Positional (id, name, party, ballot_order, incumbent, withdrawn,
    # missing_from_feed, electoral_votes_won): one per candidate per poll.
    return _make_candidate(
        candidate_id,
        name.strip() or candidate_id,
        # A measure's choices carry "Yes"/"No" as their party: no party tag.
        None if measure else _party(line.party),
        ballot_order if ballot_order is not None else position + 1,
        line.incumbent,
        False,
        False,
        electoral_votes_won,
    )


def _party(code: str | None) -> str | None:
    """``normalise_party``, remembered: a file spells a few parties many times."""
    try:
        return _PARTIES[code]
    except KeyError:
        party = normalise_party(code)
        if len(_PARTIES) < _PARTIES_KEPT:
            _PARTIES[code] = party
        return party


_PARTIES: dict[str | None, str | None] = {}
"""Party codes as AP spells them, normalised."""
_PARTIES_KEPT = 256
"""A feed of made-up codes cannot grow ``_PARTIES`` past this."""


def _measure(choices: tuple[Candidate, ...]) -> Measure | None:
    """Yes passes the measure, by more than half unless known otherwise."""
    for choice in choices:
        if choice.name.strip().casefold() in _PASSING_CHOICES:
            return Measure(passes_with=choice.id, threshold=MAJORITY)
    return None


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
    """Seats elected here (``numWinners``), or places sent on to a later round."""
    race_type = (wire.race_type or "").casefold().replace("-", " ")
    winners = wire.num_winners or 0
    if "top two" in race_type:
        return _advancing(max(2, winners, len(flags[_WON])))
    if flags[_RUNOFF] or (wire.race_type_id or "") in _MAJORITY_RACE_TYPES:
        return _MAJORITY_RUNOFF
    # X flags past numWinners: AP has declared that many seats filled.
    return _electing(max(1, winners, len(flags[_WON])))


_MAJORITY_RUNOFF = Rule(advance=2, majority_wins=True)


@functools.lru_cache(maxsize=64)
def _electing(seats: int) -> Rule:
    """``Rule(seats=seats)``, made once: rules are frozen, so races share them."""
    return Rule(seats=seats)


@functools.lru_cache(maxsize=64)
def _advancing(places: int) -> Rule:
    """``Rule(advance=places)``, made once for every race that uses it."""
    return Rule(advance=places)


def _call(flags: dict[str, list[str]], rule: Rule) -> Call | None:
    winners = flags[_WON]
    runoff = flags[_RUNOFF]
    if not winners and not runoff:
        return None
    if not runoff and (rule.elects or (rule.majority_wins and len(winners) == 1)):
        return Call(CallOutcome.WON, tuple(winners), CALLED_BY, None)
    return Call(CallOutcome.ADVANCE, tuple(winners + runoff), CALLED_BY)


def _race_name(wire: _Race, state: str | None = None) -> str:
    """``Florida · U.S. Senate``, ``Ohio · U.S. House District 13 (DEM)``.

    ``state`` is the race's ``_state`` where the caller already has it.
    """
    name = wire.office_name or f"Race {wire.race_id}"
    seat = (wire.seat_name or "").strip()
    if seat:
        joiner = " " if seat.casefold().startswith(_SEAT_WORDS) else " - "
        name = f"{name}{joiner}{seat}"
    party = _party(wire.party)
    if party:
        name = f"{name} ({party})"
    if state is None:
        state = _state(wire)
    if state:
        name = f"{state_name(state)} · {name}"
    return name


def _sum_counts(counts: Iterable[int | None]) -> int | None:
    """Sum of precinct counts, or None when any unit leaves its count out."""
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total


def _sum_known(counts: Iterable[int | None]) -> int | None:
    """Sum of the counts given, or None when no unit gives one."""
    given = [count for count in counts if count is not None]
    return sum(given) if given else None
