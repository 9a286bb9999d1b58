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

GROUPS = {
    "entry": "electionboard_entry",
    "desk": "electionboard_desk",
    "producer": "electionboard_producer",
    "viewer": "electionboard_viewer",
}
"""The group roles by the name operators are given; roles are cluster-wide in
PostgreSQL, so every electionboard database in a cluster shares these four."""

_GROUP_ARRAY = "ARRAY[" + ", ".join(f"'{name}'" for name in GROUPS.values()) + "]"

_CREATE_GROUPS = f"""
DO $$
DECLARE
    name TEXT;
BEGIN
    FOREACH name IN ARRAY {_GROUP_ARRAY} LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database's migration made it meanwhile
            END;
        END IF;
    END LOOP;
    IF NOT pg_has_role('electionboard_desk', 'electionboard_entry', 'MEMBER') THEN
        BEGIN
            GRANT electionboard_entry TO electionboard_desk;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$$"""

_GRANT_SCHEMA = f"""
DO $$
DECLARE
    name TEXT;
BEGIN
    FOREACH name IN ARRAY {_GROUP_ARRAY} LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), name);
    END LOOP;
END
$$"""

_PERMITTED = """
CREATE FUNCTION audit_permitted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    acted TEXT := NEW.kind;
    target BIGINT := NEW.target_id;
    owner TEXT := NEW.operator;
    needed TEXT;
    refusal TEXT;
BEGIN
    -- The schema's owner (the administrator who created it) is not limited.
    IF pg_has_role(current_user,
                   (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                   'MEMBER') THEN
        RETURN NEW;
    END IF;
    IF NEW.operator IS DISTINCT FROM current_user THEN
        RAISE EXCEPTION '% may not act as %: the operator is the database login',
            current_user, NEW.operator
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    WHILE acted IN ('undo', 'redo') LOOP
        SELECT kind, operator, target_id INTO acted, owner, target
            FROM audit WHERE id = target;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no action #% to %', NEW.target_id, NEW.kind
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    IF owner IS DISTINCT FROM current_user THEN
        RAISE EXCEPTION '% may only % their own actions', current_user, NEW.kind
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF acted IN ('call', 'too_close', 'retract') THEN
        needed := 'electionboard_desk';
        refusal := CASE acted
            WHEN 'call' THEN 'call races'
            WHEN 'too_close' THEN 'mark races too close to call'
            ELSE 'retract calls' END;
        refusal := refusal || ': ask for the decision desk role';
    ELSE
        needed := 'electionboard_entry';
        refusal := 'enter precinct figures: ask for the entry role';
    END IF;
    IF NOT pg_has_role(current_user, needed, 'MEMBER') THEN
        RAISE EXCEPTION '% may not %', current_user, refusal
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$"""

_FOLLOWS_AUDIT = """
CREATE FUNCTION state_follows_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest RECORD;
    race TEXT;
    precinct TEXT;
    value TEXT;
BEGIN
    IF pg_has_role(current_user,
                   (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                   'MEMBER') THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    SELECT id, operator, race_id, precinct_id, after INTO latest
        FROM audit ORDER BY id DESC LIMIT 1;
    IF TG_OP = 'DELETE' THEN
        race := OLD.race_id;
        IF TG_TABLE_NAME = 'entries' THEN
            precinct := OLD.precinct_id;
        END IF;
    ELSE
        race := NEW.race_id;
        value := NEW.value;
        IF TG_TABLE_NAME = 'entries' THEN
            precinct := NEW.precinct_id;
        END IF;
        IF NEW.audit_id IS DISTINCT FROM latest.id THEN
            value := NULL;
            race := NULL;  -- refused below
        END IF;
    END IF;
    IF latest.id IS NULL
       OR latest.operator IS DISTINCT FROM current_user
       OR latest.race_id IS DISTINCT FROM race
       OR latest.precinct_id IS DISTINCT FROM precinct
       OR latest.after IS DISTINCT FROM value THEN
        RAISE EXCEPTION '% may change % only as the newest audit row says',
            current_user, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN COALESCE(NEW, OLD);
END
$$"""

STUDIO_CHANNEL = "electionboard_studio"
"""The NOTIFY channel of the producer's studio; the payload is ``name:revision``."""

_STUDIO_STAMPED = """
CREATE FUNCTION studio_stamped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_has_role(current_user,
                       (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                       'MEMBER')
       AND NOT pg_has_role(current_user, 'electionboard_producer', 'MEMBER') THEN
        RAISE EXCEPTION '% may not take boards to air: ask for the producer role',
            current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.saved_by := current_user;
    NEW.saved_at := now();
    NEW.revision := CASE TG_OP WHEN 'UPDATE' THEN OLD.revision + 1 ELSE 1 END;
    RETURN NEW;
END
$$"""

_STUDIO_NOTIFIES = f"""
CREATE FUNCTION studio_notifies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{STUDIO_CHANNEL}', NEW.name || ':' || NEW.revision);
    RETURN NULL;
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
    (
        _CREATE_GROUPS,
        _GRANT_SCHEMA,
        "GRANT SELECT ON audit, entries, calls, schema_version TO "
        + ", ".join(GROUPS.values()),
        "GRANT INSERT ON audit TO electionboard_entry, electionboard_desk",
        "GRANT INSERT, UPDATE, DELETE ON entries "
        "TO electionboard_entry, electionboard_desk",
        "GRANT INSERT, UPDATE, DELETE ON calls TO electionboard_desk",
        _PERMITTED,
        "CREATE TRIGGER audit_permitted BEFORE INSERT ON audit "
        "FOR EACH ROW EXECUTE FUNCTION audit_permitted()",
        _FOLLOWS_AUDIT,
        "CREATE TRIGGER entries_follow_audit BEFORE INSERT OR UPDATE OR DELETE "
        "ON entries FOR EACH ROW EXECUTE FUNCTION state_follows_audit()",
        "CREATE TRIGGER calls_follow_audit BEFORE INSERT OR UPDATE OR DELETE "
        "ON calls FOR EACH ROW EXECUTE FUNCTION state_follows_audit()",
    ),
    (
        # The producer's studio: what program shows, for display stations on
        # other machines. One row a document, stamped and numbered by the
        # database, so a station can trust who took it and in what order.
        """CREATE TABLE studio (
            name TEXT PRIMARY KEY CHECK (name IN ('on_air')),
            document TEXT NOT NULL,
            revision BIGINT NOT NULL,
            saved_by TEXT NOT NULL,
            saved_at TIMESTAMPTZ NOT NULL
        )""",
        _STUDIO_STAMPED,
        "CREATE TRIGGER studio_stamped BEFORE INSERT OR UPDATE ON studio "
        "FOR EACH ROW EXECUTE FUNCTION studio_stamped()",
        _STUDIO_NOTIFIES,
        "CREATE TRIGGER studio_notifies AFTER INSERT OR UPDATE ON studio "
        "FOR EACH ROW EXECUTE FUNCTION studio_notifies()",
        "GRANT SELECT ON studio TO " + ", ".join(GROUPS.values()),
        "GRANT INSERT, UPDATE ON studio TO electionboard_producer",
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
            # An operator's login may not create tables: look before creating.
            exists = connection.execute(
                "SELECT to_regclass('schema_version') IS NOT NULL"
            ).fetchone()
            if not (exists and exists[0]):
                connection.execute(
                    "CREATE TABLE schema_version (version INTEGER NOT NULL)"
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
