"""A CSV of precinct returns (race, precinct, candidate, votes), saved as one batch.

Rows go through the same checks as typed entries (``check_entry``, inside the
store's transaction); a file with any bad row is refused whole, with every bad
line listed, and nothing is saved. Races, precincts and candidates are matched
by id or by name, ignoring case, as operators copy names from paper.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from electionboard.model.election import Election, Race
from electionboard.model.overlay import DropNotConfirmed, EntryRejected, check_entry
from electionboard.model.validation import MAX_COUNT_DIGITS, MAX_VOTES
from electionboard.store.errors import BatchRejected
from electionboard.store.protocol import DeskStore, SeenEntries
from electionboard.store.records import AuditRecord, EntryRow

COLUMNS = ("race", "precinct", "candidate", "votes")
_WHOLE = re.compile(r"[+-]?\d+")


@dataclass(frozen=True, slots=True)
class LineProblem:
    """Why one line of the file cannot be used; line 1 is the header."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Drop:
    """A precinct whose total the file lowers: a correction to confirm."""

    line: int
    race: str
    precinct: str
    before: int
    after: int


class ReturnsRejected(ValueError):
    """The file has bad lines (all listed); nothing of it was saved."""

    def __init__(self, problems: Iterable[LineProblem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p.line))
        super().__init__(
            "; ".join(f"line {p.line}: {p.message}" for p in self.problems)
        )


class DropsNotConfirmed(ValueError):
    """The file is good but lowers totals; import again with ``confirm_drop``."""

    def __init__(self, drops: Iterable[Drop]) -> None:
        self.drops = tuple(drops)
        super().__init__(
            "; ".join(
                f"{d.race} · {d.precinct}: {d.before:,} to {d.after:,}"
                for d in self.drops
            )
        )


@dataclass(slots=True)
class PrecinctReturn:
    """One precinct's figures gathered from the lines that name it."""

    race: Race
    precinct_id: str
    precinct_name: str
    first_line: int
    votes: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The line that gave each candidate's figure."""
    unreadable: set[str] = field(default_factory=set)
    """Candidates whose figure could not be read (already reported)."""

    def row(self) -> EntryRow:
        """The store's form of these figures."""
        return EntryRow(self.race.id, self.precinct_id, dict(self.votes))

    def where(self) -> str:
        """'Race · Precinct', for messages."""
        return f"{self.race.name} · {self.precinct_name}"


def whole_number(text: str) -> int:
    """Votes typed or read as text; signs pass, so the checks can name negatives.

    Raises:
        ValueError: the text is not a whole number (in the checks' words).
    """
    stripped = text.strip()
    if not _WHOLE.fullmatch(stripped):
        raise ValueError(f"votes must be whole numbers, got {stripped[:40]!r}")
    if len(stripped.lstrip("+-").lstrip("0")) > MAX_COUNT_DIGITS:
        # Refused unread: Python will not even parse a 5,000-digit number.
        raise ValueError(f"too large: at most {MAX_VOTES:,} votes")
    return int(stripped)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match(
    text: str, options: Sequence[tuple[str, str]], kind: str, where: str = ""
) -> str:
    """The id of the option whose id or name is ``text``.

    Raises:
        ValueError: with the message for the line.
    """
    wanted = _key(text)
    if not wanted:
        raise ValueError(f"the {kind} is empty")
    by_id = [i for i, _ in options if _key(i) == wanted]
    if by_id:
        return by_id[0]
    by_name = [i for i, name in options if _key(name) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise ValueError(
            f"{len(by_name)} {kind}s{where} are named {text!r}: use the id"
        )
    raise ValueError(f"no {kind} {text!r}{where}")


def _header(row: Sequence[str]) -> dict[str, int] | str:
    """Column positions by name, or why the header is unusable."""
    names = [_key(cell) for cell in row]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        return (
            f"the header needs the columns {', '.join(COLUMNS)}; "
            f"missing {', '.join(missing)}"
        )
    return {c: names.index(c) for c in COLUMNS}


def parse_returns(text: str, election: Election) -> list[PrecinctReturn]:
    """Precincts' figures from CSV text, matched to ``election``'s names.

    Raises:
        ReturnsRejected: every line that cannot be read or matched.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[LineProblem] = []
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ReturnsRejected(
            [LineProblem(1, f"not readable as CSV: {error}")]
        ) from None
    if header is None:
        raise ReturnsRejected([LineProblem(1, "the file is empty")])
    columns = _header(header)
    if isinstance(columns, str):
        raise ReturnsRejected([LineProblem(1, columns)])
    races = [(r.id, r.name) for r in election.races]
    returns: dict[tuple[str, str], PrecinctReturn] = {}
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            problems.append(LineProblem(reader.line_num, f"not readable: {error}"))
            break
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        try:
            _read_line(cells, columns, line, election, races, returns)
        except ValueError as error:
            problems.append(LineProblem(line, str(error)))
    for entry in returns.values():
        problems.extend(_rule_problems(election, entry))
    if problems:
        raise ReturnsRejected(problems)
    if not returns:
        raise ReturnsRejected([LineProblem(1, "the file has no figures")])
    return list(returns.values())


def _read_line(
    cells: Sequence[str],
    columns: Mapping[str, int],
    line: int,
    election: Election,
    races: Sequence[tuple[str, str]],
    returns: dict[tuple[str, str], PrecinctReturn],
) -> None:
    """Add one line's figure to ``returns``; ValueError says what is wrong."""
    if len(cells) <= max(columns.values()):
        raise ValueError(f"expected {len(COLUMNS)} columns, got {len(cells)}")
    race_text, precinct_text, candidate_text, votes_text = (
        cells[columns[c]] for c in COLUMNS
    )
    race = election.race(_match(race_text, races, "race"))
    precincts = [(p.id, p.name) for p in race.precincts]
    if not precincts:
        raise ValueError(f"{race.name} has no precincts in the feed, only totals")
    where = f" in {race.name}"
    precinct_id = _match(precinct_text, precincts, "precinct", where)
    candidates = [(c.id, c.name) for c in race.candidates]
    candidate_id = _match(candidate_text, candidates, "candidate", where)
    candidate = race.candidates[race.candidate_index(candidate_id)]
    key = (race.id, precinct_id)
    entry = returns.get(key)
    if entry is None:
        name = dict(precincts)[precinct_id]
        entry = returns[key] = PrecinctReturn(race, precinct_id, name, line)
    if candidate_id in entry.lines:
        raise ValueError(
            f"{entry.where()}: {candidate.name} already given on line "
            f"{entry.lines[candidate_id]}"
        )
    entry.lines[candidate_id] = line
    try:
        entry.votes[candidate_id] = whole_number(votes_text)
    except ValueError as error:
        entry.unreadable.add(candidate_id)
        raise ValueError(f"{entry.where()}: {candidate.name}: {error}") from None


def _rule_problems(election: Election, entry: PrecinctReturn) -> list[LineProblem]:
    """The entry rules on one precinct's figures, before the store sees them.

    So a file's every bad line is listed at once, not its unreadable lines
    first and the rest on the next try. Drops are the store's to judge, since
    only it knows the figures recorded at the moment of saving.
    """
    stand_in = {**entry.votes, **dict.fromkeys(entry.unreadable, 0)}
    try:
        check_entry(
            election, entry.race.id, entry.precinct_id, stand_in, confirm_drop=True
        )
    except EntryRejected as error:
        kept = {
            key: text
            for key, text in error.problems.items()
            if key.removeprefix("votes.") not in entry.unreadable
        }
        return _line_problems(entry, EntryRejected(kept)) if kept else []
    return []


def _line_problems(entry: PrecinctReturn, error: EntryRejected) -> list[LineProblem]:
    """A store rejection of one precinct, told at the lines it concerns."""
    names = {c.id: c.name for c in entry.race.candidates}
    problems: list[LineProblem] = []
    for key, text in error.problems.items():
        _, _, candidate_id = key.partition("votes.")
        if candidate_id:
            line = entry.lines.get(candidate_id, entry.first_line)
            who = names.get(candidate_id, candidate_id)
            problems.append(LineProblem(line, f"{entry.where()}: {who}: {text}"))
        else:
            problems.append(LineProblem(entry.first_line, f"{entry.where()}: {text}"))
    return problems


def read_returns_file(path: Path) -> str:
    """The file's text (UTF-8, with or without a byte-order mark).

    Raises:
        ReturnsRejected: the file cannot be read or is not UTF-8 text.
    """
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ReturnsRejected([LineProblem(1, "the file is not UTF-8 text")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReturnsRejected(
            [LineProblem(0, f"cannot read the file: {reason}")]
        ) from None


def import_returns(
    store: DeskStore,
    operator: str,
    text: str,
    election: Election,
    *,
    note: str = "",
    confirm_drop: bool = False,
    seen: SeenEntries | None = None,
) -> list[AuditRecord]:
    """Check the whole file, then save it as one batch; its audit rows back.

    ``seen``: the entries the desk showed (``DeskStore.record_entries``); a
    colleague's later entry in any precinct of the file raises
    ``BatchConflict`` and nothing is saved.

    Raises:
        ReturnsRejected: bad lines, all listed; nothing was saved.
        DropsNotConfirmed: the file lowers totals and ``confirm_drop`` is false;
            nothing was saved.
    """
    returns = parse_returns(text, election)
    try:
        return store.record_entries(
            operator,
            [entry.row() for entry in returns],
            election=election,
            note=note,
            confirm_drop=confirm_drop,
            seen=seen,
        )
    except BatchRejected as error:
        if error.drops_only:
            raise DropsNotConfirmed(
                Drop(
                    returns[index].first_line,
                    returns[index].race.name,
                    returns[index].precinct_name,
                    drop.before,
                    drop.after,
                )
                for index, drop in error.rejected.items()
                if isinstance(drop, DropNotConfirmed)
            ) from None
        problems: list[LineProblem] = []
        for index, rejected in error.rejected.items():
            found = _line_problems(returns[index], rejected)
            if isinstance(rejected, DropNotConfirmed):
                found = [
                    LineProblem(
                        p.line,
                        f"{p.message} (a correction: confirm it "
                        "once the rest is fixed)",
                    )
                    for p in found
                ]
            problems.extend(found)
        raise ReturnsRejected(problems) from None
