"""A plain CSV results feed: one row per race, precinct and candidate.

For desks whose numbers come from a spreadsheet or a county's own export. The
columns are documented in docs/formats.md; every error names the line and the
column, so an operator can fix the sheet without reading code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from electionboard.model import (
    Candidate,
    Election,
    InvalidRaceError,
    Precinct,
    Race,
    Rule,
    check_race,
    count_from_text,
)
from electionboard.model.parties import normalise_party
from electionboard.sources.bom import text_head
from electionboard.sources.errors import FeedFormatError

REQUIRED_COLUMNS = ("race_id", "candidate_id", "votes")
OPTIONAL_COLUMNS = (
    "race_name",
    "office",
    "state",
    "seat",
    "advance",
    "majority_wins",
    "precinct_id",
    "precinct_name",
    "reporting",
    "registered_voters",
    "candidate_name",
    "party",
    "election_name",
    "election_date",
    "updated",
)
_KNOWN = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n"})


def looks_csv(data: bytes) -> bool:
    """Cheap sniff: a first line naming the required columns."""
    first = text_head(data).split(b"\n", 1)[0]
    names = {name.strip().strip(b'"').lower() for name in first.split(b",")}
    return all(column.encode() in names for column in REQUIRED_COLUMNS)


@dataclass(slots=True)
class _Facts:
    """Cells that describe one thing; rows may leave them blank, not contradict."""

    lines: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _CandidateFacts(_Facts):
    candidate_name: str | None = None
    party: str | None = None


@dataclass(slots=True)
class _PrecinctFacts(_Facts):
    precinct_name: str | None = None
    reporting: bool | None = None
    registered_voters: int | None = None


@dataclass(slots=True)
class _RaceRows(_Facts):
    """A race as its rows arrive; first-seen order is the board's order."""

    race_name: str | None = None
    office: str | None = None
    state: str | None = None
    seat: str | None = None
    advance: int | None = None
    majority_wins: bool | None = None
    candidates: dict[str, _CandidateFacts] = field(default_factory=dict)
    precincts: dict[str, _PrecinctFacts] = field(default_factory=dict)
    votes: dict[tuple[str | None, str], int] = field(default_factory=dict)
    totals_rows: bool = False


class _Row:
    """One data row with its line number, for errors that point at a cell."""

    def __init__(self, line: int, cells: dict[str, str]) -> None:
        self.line = line
        self.cells = cells

    def error(self, column: str, problem: str) -> FeedFormatError:
        return FeedFormatError(f"line {self.line}, column {column!r}: {problem}")

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.error(column, "a value is required")
        return value

    def count(self, column: str) -> int | None:
        value = self.text(column).replace(",", "")
        if not value:
            return None
        try:
            return count_from_text(value)
        except ValueError as error:
            raise self.error(
                column, f"{error}, got {self.text(column)[:40]!r}"
            ) from None

    def flag(self, column: str, *, default: bool) -> bool:
        value = self.text(column).lower()
        if not value:
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise self.error(
            column, f"expected true/false, yes/no or 1/0, got {value[:40]!r}"
        )


def parse_csv(data: bytes) -> Election:
    """Parse a CSV results feed.

    Raises:
        FeedFormatError: naming the line and column of the first problem.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedFormatError(
            f"the CSV is not UTF-8 (byte {error.start + 1} is not valid)"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = _header(next(reader, None))
        races: dict[str, _RaceRows] = {}
        election: dict[str, tuple[str, int]] = {}
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            _check_unnamed(reader.line_num, header, cells)
            row = _Row(reader.line_num, dict(zip(header, cells, strict=False)))
            _add_row(races, row)
            _note_election(election, row)
    except csv.Error as error:
        raise FeedFormatError(f"line {reader.line_num}: {error}") from None
    return _election(races, election)


def _check_unnamed(line: int, header: list[str], cells: list[str]) -> None:
    """Refuse a value in a cell that no header names: it would be lost."""
    for index, cell in enumerate(cells):
        if cell.strip() and (index >= len(header) or not header[index]):
            raise FeedFormatError(
                f"line {line}: cell {index + 1} ({cell.strip()[:40]!r}) "
                f"has no column name in the header"
            )


def _header(cells: list[str] | None) -> list[str]:
    if cells is None:
        raise FeedFormatError("the CSV is empty")
    # Blank header cells (a spreadsheet's trailing commas) name ignored columns.
    header = [cell.strip().lower() for cell in cells]
    for column in header:
        if column and column not in _KNOWN:
            raise FeedFormatError(
                f"line 1: unknown column {column!r} "
                f"(known: {', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})"
            )
    seen: set[str] = set()
    for column in filter(None, header):
        if column in seen:
            raise FeedFormatError(f"line 1: column {column!r} appears twice")
        seen.add(column)
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        raise FeedFormatError(f"line 1: missing column {missing[0]!r}")
    return header


def _settle(facts: _Facts, row: _Row, column: str, value: object, what: str) -> None:
    """Record a cell's value, refusing one that contradicts an earlier row."""
    if value is None:
        return
    held = getattr(facts, column)
    if held is None:
        setattr(facts, column, value)
        facts.lines[column] = row.line
    elif held != value:
        raise row.error(
            column,
            f"{value!r} differs from {held!r} on line {facts.lines[column]} for {what}",
        )


def _optional_flag(row: _Row, column: str) -> bool | None:
    return row.flag(column, default=False) if row.text(column) else None


def _add_row(races: dict[str, _RaceRows], row: _Row) -> None:
    race_id = row.required("race_id")
    race = races.get(race_id)
    if race is None:
        race = races[race_id] = _RaceRows(lines={"race_id": row.line})
    what = f"race {race_id!r}"
    _settle(race, row, "race_name", row.text("race_name") or None, what)
    _settle(race, row, "office", row.text("office") or None, what)
    _settle(race, row, "state", _state(row), what)
    _settle(race, row, "seat", row.text("seat") or None, what)
    advance = row.count("advance")
    if advance == 0:
        raise row.error("advance", "at least one place must advance")
    _settle(race, row, "advance", advance, what)
    _settle(race, row, "majority_wins", _optional_flag(row, "majority_wins"), what)

    candidate_id = row.required("candidate_id")
    candidate = race.candidates.setdefault(candidate_id, _CandidateFacts())
    what = f"candidate {candidate_id!r} in race {race_id!r}"
    _settle(candidate, row, "candidate_name", row.text("candidate_name") or None, what)
    _settle(candidate, row, "party", row.text("party") or None, what)

    precinct_id = row.text("precinct_id") or None
    if race.votes and (precinct_id is None) != race.totals_rows:
        raise row.error(
            "precinct_id",
            f"race {race_id!r} mixes rows with and without a precinct_id",
        )
    race.totals_rows = precinct_id is None
    if precinct_id is not None:
        precinct = race.precincts.setdefault(precinct_id, _PrecinctFacts())
        what = f"precinct {precinct_id!r} in race {race_id!r}"
        _settle(precinct, row, "precinct_name", row.text("precinct_name") or None, what)
        _settle(precinct, row, "reporting", _optional_flag(row, "reporting"), what)
        _settle(
            precinct, row, "registered_voters", row.count("registered_voters"), what
        )
    elif row.text("reporting") or row.text("registered_voters"):
        column = "reporting" if row.text("reporting") else "registered_voters"
        raise row.error(column, "only a precinct row can give this")

    votes = row.count("votes")
    if votes is None:
        raise row.error("votes", "a value is required")
    key = (precinct_id, candidate_id)
    if key in race.votes:
        where = f", precinct {precinct_id!r}" if precinct_id else ""
        raise row.error(
            "candidate_id",
            f"a second row for {candidate_id!r} in race {race_id!r}{where}",
        )
    race.votes[key] = votes


def _state(row: _Row) -> str | None:
    """A postal code, any case typed: ``ca`` is ``CA``."""
    value = row.text("state").upper()
    if not value:
        return None
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise row.error("state", f"expected a postal code like CA, got {value[:40]!r}")
    return value


def _note_election(election: dict[str, tuple[str, int]], row: _Row) -> None:
    """Election-wide columns must say the same on every row that fills them."""
    for column in ("election_name", "election_date", "updated"):
        value = row.text(column)
        if not value:
            continue
        held = election.setdefault(column, (value, row.line))
        if held[0] != value:
            raise row.error(
                column, f"{value!r} differs from {held[0]!r} on line {held[1]}"
            )


def _election(
    races: dict[str, _RaceRows], election: dict[str, tuple[str, int]]
) -> Election:
    built = []
    for race_id, rows in races.items():
        race = _race(race_id, rows)
        try:
            check_race(race)
        except InvalidRaceError as error:
            raise FeedFormatError(f"line {rows.lines['race_id']}: {error}") from None
        built.append(race)
    updated = _updated(election.get("updated"))
    date = _date(election.get("election_date"), updated)
    name = election.get("election_name", ("CSV results", 0))[0]
    return Election(
        id=f"csv-{date.isoformat()}",
        name=name,
        date=date,
        updated=updated,
        races=tuple(built),
    )


def _race(race_id: str, rows: _RaceRows) -> Race:
    candidates = tuple(
        Candidate(
            id=candidate_id,
            name=facts.candidate_name or candidate_id,
            party=normalise_party(facts.party),
            ballot_order=position,
        )
        for position, (candidate_id, facts) in enumerate(rows.candidates.items(), 1)
    )
    ids = list(rows.candidates)
    for precinct_id, facts in rows.precincts.items():
        _check_registered(race_id, precinct_id, facts, rows, ids)
    precincts = tuple(
        Precinct(
            id=precinct_id,
            name=facts.precinct_name or precinct_id,
            reporting=True if facts.reporting is None else facts.reporting,
            votes=tuple(rows.votes.get((precinct_id, c), 0) for c in ids),
            registered_voters=facts.registered_voters,
        )
        for precinct_id, facts in rows.precincts.items()
    )
    totals = None
    if rows.totals_rows:
        totals = tuple(rows.votes.get((None, c), 0) for c in ids)
    return Race(
        id=race_id,
        name=rows.race_name or race_id,
        rule=Rule(
            advance=1 if rows.advance is None else rows.advance,
            majority_wins=bool(rows.majority_wins),
        ),
        candidates=candidates,
        precincts=precincts,
        totals=totals,
        office=rows.office,
        state=rows.state,
        seat=rows.seat,
    )


def _check_registered(
    race_id: str,
    precinct_id: str,
    facts: _PrecinctFacts,
    rows: _RaceRows,
    ids: list[str],
) -> None:
    """Point at the registered_voters cell that the votes exceed."""
    registered = facts.registered_voters
    if registered is None:
        return
    cast = sum(rows.votes.get((precinct_id, c), 0) for c in ids)
    if cast > registered:
        raise FeedFormatError(
            f"line {facts.lines['registered_voters']}, column 'registered_voters': "
            f"precinct {precinct_id!r} in race {race_id!r} has {cast:,} votes "
            f"but only {registered:,} registered voters"
        )


def _updated(cell: tuple[str, int] | None) -> dt.datetime:
    """The ``updated`` column, or the time of reading when the sheet has none."""
    if cell is None:
        return dt.datetime.now(dt.UTC)
    value, line = cell
    try:
        updated = dt.datetime.fromisoformat(value)
    except ValueError:
        raise FeedFormatError(
            f"line {line}, column 'updated': expected an ISO time like "
            f"2024-11-05T21:30:00-05:00, got {value[:40]!r}"
        ) from None
    if updated.tzinfo is None:
        raise FeedFormatError(
            f"line {line}, column 'updated': the time needs a UTC offset"
        )
    return updated


def _date(cell: tuple[str, int] | None, updated: dt.datetime) -> dt.date:
    if cell is None:
        return updated.date()
    value, line = cell
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FeedFormatError(
            f"line {line}, column 'election_date': expected a date like "
            f"2024-11-05, got {value[:40]!r}"
        ) from None
