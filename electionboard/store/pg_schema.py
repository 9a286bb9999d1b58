"""The PostgreSQL desk schema and its ordered migrations.

Migration N takes ``schema_version`` from N-1 to N in one transaction, under
an advisory lock, so two desks opening a new database at once upgrade it
once, and a desk cut off mid-upgrade leaves the old schema whole.

The audit log is append-only in the database itself: triggers raise on every
UPDATE, DELETE or TRUNCATE of ``audit``, whoever's connection sends it, so a
hand-typed statement cannot rewrite the night's history either.
"""

from __future__ import annotations

from typing import Any

import psycopg

from electionboard.store.errors import SchemaTooNew

MIGRATE_LOCK = 0x6562_0001
"""Advisory lock key held while migrating ("eb" and 1)."""

_APPEND_ONLY = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$"""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE audit (
            id BIGINT PRIMARY KEY,
            at TIMESTAMPTZ NOT NULL,
            operator TEXT NOT NULL CHECK (operator <> ''),
            kind TEXT NOT NULL,
            race_id TEXT NOT NULL,
            precinct_id TEXT,
            before TEXT,
            after TEXT,
            note TEXT NOT NULL DEFAULT '',
            target_id BIGINT REFERENCES audit (id),
            batch BIGINT,
            CHECK ((kind IN ('undo', 'redo')) = (target_id IS NOT NULL))
        )""",
        "CREATE INDEX audit_by_operator ON audit (operator, id)",
        _APPEND_ONLY,
        "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit "
        "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
        "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        """CREATE TABLE entries (
            race_id TEXT NOT NULL,
            precinct_id TEXT NOT NULL,
            value TEXT NOT NULL,
            audit_id BIGINT NOT NULL REFERENCES audit (id),
            PRIMARY KEY (race_id, precinct_id)
        )""",
        """CREATE TABLE calls (
            race_id TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            audit_id BIGINT NOT NULL REFERENCES audit (id)
        )""",
    ),
)
"""Statements per schema version, oldest first; only ever append."""

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Bring the database up to :data:`SCHEMA_VERSION`; ``connection`` autocommits.

    Raises:
        SchemaTooNew: a newer electionboard wrote this database.
    """
    while True:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            row = connection.execute(
                "SELECT max(version) FROM schema_version"
            ).fetchone()
            version = int(row[0]) if row and row[0] is not None else 0
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"the desk database is schema {version}, newer than this "
                    f"electionboard's {SCHEMA_VERSION}; use a newer version"
                )
            if version == SCHEMA_VERSION:
                return
            for statement in MIGRATIONS[version]:
                connection.execute(statement.encode())
            connection.execute("DELETE FROM schema_version")
            connection.execute(
                "INSERT INTO schema_version (version) VALUES (%s)", (version + 1,)
            )
