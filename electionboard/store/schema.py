"""Opening the SQLite file: pragmas, and the ordered schema migrations.

Migration N takes ``PRAGMA user_version`` from N-1 to N inside one write
transaction, so a crash mid-upgrade leaves the old schema whole, and two
instances opening an old file at once upgrade it only once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path

from electionboard.store.errors import SchemaTooNew, StoreBusy, StoreDamaged, StoreError

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

    A new file is built aside and linked into place whole, so a desk file that
    exists is never legitimately empty: an empty one (or one that is not a
    database) lost the night's history, and opening it as new would hide that.

    Raises:
        StoreDamaged: the file is empty or not an SQLite database; it is kept.
    """
    if not path.exists():
        _create(path, busy_timeout)
    if path.is_file() and path.stat().st_size == 0:
        raise StoreDamaged(
            f"the desk data file {path} is empty (0 bytes): the night's entries, "
            "calls and audit log are not in it. It was kept as it is; restore it "
            "from a backup, or move it aside to start a new one"
        )
    try:
        return _open(path, busy_timeout)
    except sqlite3.DatabaseError as error:
        if "not a database" not in str(error):
            raise
        raise StoreDamaged(
            f"the desk data file {path} is not a database ({error}): it was kept "
            "as it is; restore it from a backup, or move it aside to start a "
            "new one"
        ) from error


def _open(path: Path, busy_timeout: float) -> sqlite3.Connection:
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


def _create(path: Path, busy_timeout: float) -> None:
    """Build a fresh database beside ``path`` and link it in, unless one won."""
    # One name per process and thread: two stores opening one fresh folder
    # from one process (a producer and a station under test) must not share it.
    aside = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    for leftover in (aside, *_sidecars(aside)):
        leftover.unlink(missing_ok=True)
    try:
        _open(aside, busy_timeout).close()  # the last close folds the WAL in
        try:
            os.link(aside, path)
        except FileExistsError:
            pass  # another instance created it first: use theirs
        except OSError:  # no hard links here (FAT): a plain rename will do
            if not path.exists():
                aside.replace(path)
    finally:
        for leftover in (aside, *_sidecars(aside)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


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
    """Bring the file to this version's schema, one version a transaction.

    Raises:
        StoreBusy: another instance held the write lock past the busy timeout.
        SchemaTooNew: the file is newer than this version.
    """
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            raise StoreBusy(
                "the desk data is busy in another window; try again"
            ) from None
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
