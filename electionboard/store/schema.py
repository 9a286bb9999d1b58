"""Opening the SQLite file: pragmas, and the ordered schema migrations.

Migration N takes ``PRAGMA user_version`` from N-1 to N inside one write
transaction, so a crash mid-upgrade leaves the old schema whole, and two
instances opening an old file at once upgrade it only once.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from electionboard.store.errors import SchemaTooNew, StoreBusy, StoreError

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit log is append-only')"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            operator TEXT NOT NULL CHECK (operator <> ''),
            kind TEXT NOT NULL,
            race_id TEXT NOT NULL,
            precinct_id TEXT,
            before TEXT,
            after TEXT,
            note TEXT NOT NULL DEFAULT '',
            target_id INTEGER REFERENCES audit (id),
            CHECK ((kind IN ('undo', 'redo')) = (target_id IS NOT NULL))
        )""",
        "CREATE INDEX audit_by_operator ON audit (operator, id)",
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
        f"BEGIN {_APPEND_ONLY}; END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
        f"BEGIN {_APPEND_ONLY}; END",
        """CREATE TABLE entries (
            race_id TEXT NOT NULL,
            precinct_id TEXT NOT NULL,
            value TEXT NOT NULL,
            audit_id INTEGER NOT NULL REFERENCES audit (id),
            PRIMARY KEY (race_id, precinct_id)
        )""",
        """CREATE TABLE calls (
            race_id TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            audit_id INTEGER NOT NULL REFERENCES audit (id)
        )""",
    ),
    # 2: rows written by one action (a CSV import) share the first row's id.
    ("ALTER TABLE audit ADD COLUMN batch INTEGER",),
)
"""Statements per schema version, oldest first; only ever append."""

SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection in WAL mode with full fsync, the schema brought up to date.

    ``synchronous=FULL`` because an action the operator saw as saved must
    survive a power cut, not just a crash; one fsync per keystroke-paced action
    costs nothing an operator would notice.
    """
    connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        _use_wal(connection, busy_timeout)
        _migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _use_wal(connection: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch a new file to WAL, waiting out another instance doing the same.

    Changing the journal mode needs the file to itself and SQLite reports a
    busy file at once rather than through its busy handler, so two instances
    opening a fresh folder together would fail here without the retries.

    Raises:
        StoreBusy: the file stayed busy for ``busy_timeout`` seconds.
        StoreError: the file system does not allow WAL (a network drive).
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise StoreBusy(
                    "the desk data is busy in another window; try again"
                ) from error
            time.sleep(0.01)
            continue
        if mode != "wal":
            raise StoreError(
                "the data folder does not allow SQLite's WAL mode (a network "
                "drive?); use a folder on a local disk"
            )
        return


def _migrate(connection: sqlite3.Connection) -> None:
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"the desk data is schema {version}, newer than this "
                    f"electionboard's {SCHEMA_VERSION}; use a newer version"
                )
            if version == SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[version]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
