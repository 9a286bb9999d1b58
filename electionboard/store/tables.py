"""Row-level SQL for the desk store: the audit log and the state it describes.

Kept apart from the action rules in ``sqlite_store`` so those read as rules,
and so the SQL a shared-server store would need is in one place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any

from electionboard.model.election import Call
from electionboard.model.validation import check_votes
from electionboard.store.errors import StoreBusy
from electionboard.store.records import (
    ActionKind,
    AuditRecord,
    ManualEntry,
    Subject,
    read_call,
    read_entry,
    utc_text,
    utc_time,
)

_COLUMNS = (
    "id, at, operator, kind, race_id, precinct_id, before, after, note, target_id, "
    "batch"
)


@contextlib.contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One action: take the write lock first, so what it reads stays true.

    Raises:
        StoreBusy: another instance kept the lock past the busy timeout.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        raise StoreBusy(
            "the desk data is busy in another window; nothing was saved, try again"
        ) from error
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _record(row: tuple[Any, ...]) -> AuditRecord:
    (
        id_,
        at,
        operator,
        kind,
        race_id,
        precinct_id,
        before,
        after,
        note,
        target,
        batch,
    ) = row
    return AuditRecord(
        id_,
        utc_time(at),
        operator,
        ActionKind(kind),
        race_id,
        precinct_id,
        before,
        after,
        note,
        target,
        batch,
    )


def append(db: sqlite3.Connection, row: AuditRecord) -> AuditRecord:
    """Append ``row`` (its id is ignored) and set the state it describes.

    Returns:
        ``row`` with the id the log gave it.
    """
    race_id, precinct_id = row.subject
    after = row.after
    cursor = db.execute(
        "INSERT INTO audit (at, operator, kind, race_id, precinct_id, before, "
        "after, note, target_id, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            utc_text(row.at),
            row.operator,
            row.kind.value,
            race_id,
            precinct_id,
            row.before,
            after,
            row.note,
            row.target_id,
            row.batch,
        ),
    )
    audit_id = cursor.lastrowid
    if audit_id is None:
        raise sqlite3.DatabaseError("the audit row was not inserted")
    if row.kind is ActionKind.FEED_ACCEPTED:
        return dataclasses.replace(row, id=audit_id)  # a decision, no state
    if precinct_id is None and after is None:
        db.execute("DELETE FROM calls WHERE race_id = ?", (race_id,))
    elif precinct_id is None:
        db.execute(
            "INSERT OR REPLACE INTO calls (race_id, value, audit_id) VALUES (?, ?, ?)",
            (race_id, after, audit_id),
        )
    elif after is None:
        db.execute(
            "DELETE FROM entries WHERE race_id = ? AND precinct_id = ?",
            (race_id, precinct_id),
        )
    else:
        db.execute(
            "INSERT OR REPLACE INTO entries (race_id, precinct_id, value, audit_id) "
            "VALUES (?, ?, ?, ?)",
            (race_id, precinct_id, after, audit_id),
        )
    return AuditRecord(
        audit_id,
        row.at,
        row.operator,
        row.kind,
        race_id,
        precinct_id,
        row.before,
        after,
        row.note,
        row.target_id,
        row.batch,
    )


def read_value(db: sqlite3.Connection, subject: Subject) -> str | None:
    """The JSON value of an entry or call now in force, or None."""
    race_id, precinct_id = subject
    if precinct_id is None:
        row = db.execute(
            "SELECT value FROM calls WHERE race_id = ?", (race_id,)
        ).fetchone()
    else:
        row = db.execute(
            "SELECT value FROM entries WHERE race_id = ? AND precinct_id = ?",
            (race_id, precinct_id),
        ).fetchone()
    return None if row is None else str(row[0])


def read_log(db: sqlite3.Connection) -> list[AuditRecord]:
    """The whole audit log, oldest first."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id").fetchall()
    return [_record(row) for row in rows]


_ENTRY_COLUMNS = (
    "SELECT e.race_id, e.precinct_id, e.value, a.operator, a.at, a.id "
    "FROM entries AS e JOIN audit AS a ON a.id = e.audit_id"
)


def _entry(row: tuple[Any, ...]) -> ManualEntry:
    race_id, precinct_id, value, operator, at, audit_id = row
    votes: dict[str, int] = {}
    note = ""
    try:
        votes, note = read_entry(value)
    except ValueError as error:
        problem: str | None = str(error)
    else:
        problem = check_votes(votes.values())
    return ManualEntry(
        race_id, precinct_id, votes, note, operator, utc_time(at), audit_id, problem
    )


def read_entries(db: sqlite3.Connection) -> dict[tuple[str, str], ManualEntry]:
    """Manual entries in force, with who saved them when."""
    rows = db.execute(_ENTRY_COLUMNS).fetchall()
    return {(row[0], row[1]): _entry(row) for row in rows}


def read_entry_of(
    db: sqlite3.Connection, race_id: str, precinct_id: str
) -> ManualEntry | None:
    """One precinct's entry in force, if any (inside an action's transaction)."""
    row = db.execute(
        f"{_ENTRY_COLUMNS} WHERE e.race_id = ? AND e.precinct_id = ?",
        (race_id, precinct_id),
    ).fetchone()
    return None if row is None else _entry(row)


def read_calls(db: sqlite3.Connection) -> dict[str, Call]:
    """Desk calls in force, by race, signed by the operator who made them."""
    rows = db.execute(
        "SELECT c.race_id, c.value, a.operator, a.at "
        "FROM calls AS c JOIN audit AS a ON a.id = c.audit_id"
    ).fetchall()
    return {
        race_id: read_call(value, operator, utc_time(at))
        for race_id, value, operator, at in rows
    }


def latest_id(db: sqlite3.Connection) -> int:
    """The newest audit id, or 0 for an empty log."""
    return int(db.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0])
