"""The SQLite desk store: actions round-trip, the audit log, CSV and schema."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from electionboard.model import Call, CallOutcome, Election
from electionboard.store import (
    DB_NAME,
    SCHEMA_VERSION,
    ActionKind,
    DeskStore,
    SchemaTooNew,
    SqliteDeskStore,
)
from tests.store.desk import UPDATED, Clock, replayed, state_of

VOTES = {"a": 800, "b": 450, "c": 120}


def act_all(store: DeskStore, election: Election) -> None:
    """One of every action, leaving an entry and a call in force."""
    store.record_entry("Ann", "mayor", "p1", VOTES, election=election, note="phoned")
    store.record_entry("Ann", "measure", "q1", {"yes": 5, "no": 3}, election=election)
    store.release_entry("Bob", "measure", "q1")
    store.call_race("Bob", "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election)
    store.mark_too_close("Cat", "measure", election=election)
    store.retract_call("Cat", "measure", note="wait for late mail")


def raw(data_dir: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(data_dir / DB_NAME))


def test_store_satisfies_the_protocol(data_dir: Path) -> None:
    with SqliteDeskStore(data_dir) as opened:
        store: DeskStore = opened
        assert store.audit_log() == []


def test_fresh_folder_gets_a_wal_database_at_the_current_schema(
    sqlite_store: SqliteDeskStore, data_dir: Path
) -> None:
    assert sqlite_store.path == data_dir / DB_NAME
    with raw(data_dir) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_every_action_round_trips_through_a_reopen(
    data_dir: Path, election: Election
) -> None:
    with SqliteDeskStore(data_dir, clock=Clock()) as store:
        act_all(store, election)
        log, entries, calls = store.audit_log(), store.entries(), store.calls()
    with SqliteDeskStore(data_dir) as store:
        assert store.audit_log() == log
        assert store.entries() == entries
        assert store.calls() == calls
        assert state_of(store) == replayed(store)
    assert [r.kind for r in log] == [
        ActionKind.ENTRY,
        ActionKind.ENTRY,
        ActionKind.RELEASE,
        ActionKind.CALL,
        ActionKind.TOO_CLOSE,
        ActionKind.RETRACT,
    ]
    entry = entries[("mayor", "p1")]
    assert (entry.votes, entry.note, entry.operator) == (VOTES, "phoned", "Ann")
    assert entry.at == UPDATED
    assert entry.audit_id == log[0].id
    called_at = UPDATED + dt.timedelta(seconds=3)
    assert calls == {"mayor": Call(CallOutcome.ADVANCE, ("a", "b"), "Bob", called_at)}


def test_actions_return_the_audit_row_they_appended(
    store: DeskStore, election: Election
) -> None:
    first = store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
    second = store.record_entry(
        " Ann ", "mayor", "p1", {"a": 900, "b": 450, "c": 120}, election=election
    )
    assert store.audit_log() == [first, second]
    assert first.before is None
    assert json.loads(first.after or "") == {"votes": VOTES, "note": ""}
    assert second.before == first.after
    assert second.operator == "Ann"
    assert second.at == UPDATED + dt.timedelta(seconds=1)
    assert second.at.tzinfo is dt.UTC
    assert (second.race_id, second.precinct_id) == ("mayor", "p1")


def test_call_rows_name_the_race_and_carry_the_previous_call(
    store: DeskStore, election: Election
) -> None:
    store.call_race("Bob", "mayor", CallOutcome.ADVANCE, ["a"], election=election)
    row = store.call_race(
        "Bob", "mayor", CallOutcome.ADVANCE, ["a", "c"], election=election
    )
    assert row.precinct_id is None
    assert json.loads(row.before or "") == {
        "outcome": "advance",
        "candidate_ids": ["a"],
    }
    assert store.calls()["mayor"].candidate_ids == ("a", "c")
    retracted = store.retract_call("Bob", "mayor")
    assert retracted.after is None
    assert store.calls() == {}


def test_csv_export_has_a_header_and_a_row_per_action(
    store: DeskStore, election: Election, tmp_path: Path
) -> None:
    act_all(store, election)
    target = tmp_path / "audit.csv"
    assert store.export_audit_csv(target) == 6
    with target.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6
    assert list(rows[0]) == [
        "id",
        "at",
        "operator",
        "kind",
        "race_id",
        "precinct_id",
        "before",
        "after",
        "note",
        "target_id",
        "batch",
    ]
    assert rows[0]["operator"] == "Ann"
    assert rows[0]["at"] == "2022-06-08T03:00:00+00:00"
    assert json.loads(rows[0]["after"])["votes"] == VOTES
    assert rows[5]["note"] == "wait for late mail"
    # No half-written file beside it (a PostgreSQL store has no data folder).
    assert {p.name for p in tmp_path.iterdir()} - {"data"} == {"audit.csv"}


def test_the_audit_log_refuses_edits_and_deletes(
    sqlite_store: SqliteDeskStore, election: Election, data_dir: Path
) -> None:
    sqlite_store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
    with raw(data_dir) as db:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE audit SET operator = 'Eve'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM audit")


def test_a_newer_schema_is_refused_not_downgraded(data_dir: Path) -> None:
    SqliteDeskStore(data_dir).close()
    with raw(data_dir) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(SchemaTooNew, match="schema 99"):
        SqliteDeskStore(data_dir)


def test_the_clock_must_be_timezone_aware(data_dir: Path, election: Election) -> None:
    with SqliteDeskStore(data_dir, clock=dt.datetime.now) as store:
        with pytest.raises(ValueError, match="aware"):
            store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
        assert store.audit_log() == []


def test_local_clock_times_are_stored_as_utc(
    data_dir: Path, election: Election
) -> None:
    plus_two = dt.timezone(dt.timedelta(hours=2))
    moment = dt.datetime(2022, 6, 8, 5, 0, tzinfo=plus_two)
    with SqliteDeskStore(data_dir, clock=lambda: moment) as store:
        row = store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
    assert row.at == UPDATED
    assert row.at.utcoffset() == dt.timedelta(0)


def test_revision_grows_with_each_action(store: DeskStore, election: Election) -> None:
    assert store.revision() == 0
    row = store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
    assert store.revision() == row.id > 0
