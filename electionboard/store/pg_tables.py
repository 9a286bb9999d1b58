"""Row-level SQL for the PostgreSQL desk store, the twin of ``tables``.

Every action runs inside :func:`action_transaction`, which first takes one
transaction-scoped advisory lock shared by all desks. Actions are therefore
serialised exactly as SQLite's ``BEGIN IMMEDIATE`` serialises them: what an
action reads (the precinct's entry, the race's call, the whole log for undo)
stays true until it commits, so two desks can never both silently win. A lock
per subject would not do: undo reads every operator's rows, and audit ids must
be handed out in commit order, gap-free, for ``revision()`` and batch ids to
mean what they mean in SQLite. Desk actions are keystroke-paced and each holds
the lock for a millisecond or two, so one lock costs nothing a desk would see.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

import psycopg

from electionboard.model.election import Call
from electionboard.model.validation import check_votes
from electionboard.store.records import (
    ActionKind,
    AuditRecord,
    ManualEntry,
    Subject,
    read_call,
    read_entry,
)

Connection = psycopg.Connection[tuple[Any, ...]]

ACTION_LOCK = 0x6562_0002
"""Advisory lock key every action holds until it commits ("eb" and 2)."""

CHANNEL = "electionboard_desk"
"""The NOTIFY channel; the payload is the new revision."""

_COLUMNS = (
    "id, at, operator, kind, race_id, precinct_id, before, after, note, target_id, "
    "batch"
)


@contextlib.contextmanager
def action_transaction(connection: Connection) -> Iterator[Connection]:
    """One action: take the desks' lock first, so what it reads stays true."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (ACTION_LOCK,))
        yield connection


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


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
        _utc(at),
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


def append(connection: Connection, row: AuditRecord) -> AuditRecord:
    """Append ``row`` with the next id, set the state it describes, and NOTIFY.

    The caller holds the action lock, so ``latest_id + 1`` is free and the
    ids grow in commit order. The notification goes out when the action
    commits, and never if it rolls back.
    """
    audit_id = latest_id(connection) + 1
    race_id, precinct_id = row.subject
    after = row.after
    connection.execute(
        "INSERT INTO audit (id, at, operator, kind, race_id, precinct_id, before, "
        "after, note, target_id, batch) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            audit_id,
            row.at,
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
    connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(audit_id)))
    written = dataclasses.replace(row, id=audit_id)
    if row.kind is ActionKind.FEED_ACCEPTED:
        return written  # a decision, no state
    if precinct_id is None and after is None:
        connection.execute("DELETE FROM calls WHERE race_id = %s", (race_id,))
    elif precinct_id is None:
        connection.execute(
            "INSERT INTO calls (race_id, value, audit_id) VALUES (%s, %s, %s) "
            "ON CONFLICT (race_id) DO UPDATE "
            "SET value = EXCLUDED.value, audit_id = EXCLUDED.audit_id",
            (race_id, after, audit_id),
        )
    elif after is None:
        connection.execute(
            "DELETE FROM entries WHERE race_id = %s AND precinct_id = %s",
            (race_id, precinct_id),
        )
    else:
        connection.execute(
            "INSERT INTO entries (race_id, precinct_id, value, audit_id) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (race_id, precinct_id) DO UPDATE "
            "SET value = EXCLUDED.value, audit_id = EXCLUDED.audit_id",
            (race_id, precinct_id, after, audit_id),
        )
    return written


def read_value(connection: Connection, subject: Subject) -> str | None:
    """The JSON value of an entry or call now in force, or None."""
    race_id, precinct_id = subject
    if precinct_id is None:
        row = connection.execute(
            "SELECT value FROM calls WHERE race_id = %s", (race_id,)
        ).fetchone()
    else:
        row = connection.execute(
            "SELECT value FROM entries WHERE race_id = %s AND precinct_id = %s",
            (race_id, precinct_id),
        ).fetchone()
    return None if row is None else str(row[0])


def read_log(connection: Connection) -> list[AuditRecord]:
    """The whole audit log, oldest first."""
    rows = connection.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id").fetchall()
    return [_record(row) for row in rows]


def read_entries(connection: Connection) -> dict[tuple[str, str], ManualEntry]:
    """Manual entries in force, with who saved them when."""
    rows = connection.execute(
        "SELECT e.race_id, e.precinct_id, e.value, a.operator, a.at, a.id "
        "FROM entries AS e JOIN audit AS a ON a.id = e.audit_id"
    ).fetchall()
    result: dict[tuple[str, str], ManualEntry] = {}
    for race_id, precinct_id, value, operator, at, audit_id in rows:
        votes: dict[str, int] = {}
        note = ""
        try:
            votes, note = read_entry(value)
        except ValueError as error:
            problem: str | None = str(error)
        else:
            problem = check_votes(votes.values())
        result[(race_id, precinct_id)] = ManualEntry(
            race_id, precinct_id, votes, note, operator, _utc(at), audit_id, problem
        )
    return result


def read_calls(connection: Connection) -> dict[str, Call]:
    """Desk calls in force, by race, signed by the operator who made them."""
    rows = connection.execute(
        "SELECT c.race_id, c.value, a.operator, a.at "
        "FROM calls AS c JOIN audit AS a ON a.id = c.audit_id"
    ).fetchall()
    return {
        race_id: read_call(value, operator, _utc(at))
        for race_id, value, operator, at in rows
    }


def latest_id(connection: Connection) -> int:
    """The newest audit id, or 0 for an empty log."""
    row = connection.execute("SELECT COALESCE(max(id), 0) FROM audit").fetchone()
    return 0 if row is None else int(row[0])
