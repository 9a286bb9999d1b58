"""Batches of entries: all or nothing, audited per precinct, undone as one."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from electionboard.model import Election
from electionboard.store import (
    DB_NAME,
    ActionKind,
    BatchRejected,
    DeskStore,
    DropNotConfirmed,
    EntryRejected,
    EntryRow,
    SqliteDeskStore,
    next_step,
    stacks,
)
from electionboard.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.desk import replayed, reported_ids, state_of

P1 = EntryRow("mayor", "p1", {"a": 800, "b": 450, "c": 120})
P2 = EntryRow("mayor", "p2", {"a": 100, "b": 50, "c": 20})
Q1 = EntryRow("measure", "q1", {"yes": 5, "no": 3})


def test_a_batch_saves_every_precinct_with_a_shared_batch_id(
    store: DeskStore, election: Election
) -> None:
    rows = store.record_entries("Ann", [P1, P2, Q1], election=election, note="x.csv")
    assert [r.kind for r in rows] == [ActionKind.ENTRY] * 3
    assert {r.batch for r in rows} == {rows[0].id}
    assert [r.note for r in rows] == ["x.csv"] * 3
    assert store.entries()[("mayor", "p2")].votes == P2.votes
    assert state_of(store) == replayed(store)


def test_a_bad_row_rejects_the_whole_batch_and_names_every_bad_row(
    store: DeskStore, election: Election
) -> None:
    bad_votes = EntryRow("mayor", "p2", {"a": 100, "b": -1, "c": 20})
    unknown = EntryRow("mayor", "nowhere", {"a": 1, "b": 1, "c": 1})
    with pytest.raises(BatchRejected) as caught:
        store.record_entries("Ann", [P1, bad_votes, Q1, unknown, P1], election=election)
    rejected = caught.value.rejected
    assert sorted(rejected) == [1, 3, 4]
    assert "negative" in rejected[1].problems["votes.b"]
    assert "nowhere" in rejected[3].problems["precinct"]
    assert rejected[4].problems == {"precinct": "already given in row 1"}
    assert not caught.value.drops_only
    assert store.audit_log() == []
    assert store.entries() == {}


def test_a_batch_that_lowers_a_total_needs_confirming(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "mayor", "p2", P2.votes, election=election)
    lower = EntryRow("mayor", "p2", {"a": 90, "b": 50, "c": 20})
    with pytest.raises(BatchRejected) as caught:
        store.record_entries("Ann", [Q1, lower], election=election)
    assert caught.value.drops_only
    drop = caught.value.rejected[1]
    assert isinstance(drop, DropNotConfirmed)
    assert (drop.before, drop.after) == (170, 160)
    assert len(store.audit_log()) == 1
    store.record_entries("Ann", [Q1, lower], election=election, confirm_drop=True)
    assert store.entries()[("mayor", "p2")].votes == lower.votes


def test_an_empty_batch_is_refused(store: DeskStore, election: Election) -> None:
    with pytest.raises(EntryRejected, match="no figures"):
        store.record_entries("Ann", [], election=election)


def test_one_undo_takes_back_the_whole_batch_and_one_redo_restores_it(
    store: DeskStore, election: Election
) -> None:
    store.record_entry("Ann", "measure", "q1", {"yes": 1, "no": 1}, election=election)
    batch = store.record_entries("Ann", [P1, P2], election=election)
    undoable = store.undoable("Ann")
    assert undoable is not None
    assert undoable.batch == batch[0].id
    assert next_step(stacks(store.audit_log(), "Ann").undo) == tuple(batch)

    undone = store.undo("Ann")
    assert set(store.entries()) == {("measure", "q1")}
    undo_rows = store.audit_log()[-2:]
    assert [r.kind for r in undo_rows] == [ActionKind.UNDO, ActionKind.UNDO]
    assert {r.batch for r in undo_rows} == {undo_rows[0].id}
    assert undone == undo_rows[-1]
    assert [r.target_id for r in undo_rows] == [batch[1].id, batch[0].id]

    store.redo("Ann")
    assert set(store.entries()) == {("measure", "q1"), ("mayor", "p1"), ("mayor", "p2")}
    store.undo("Ann")
    store.undo("Ann")
    assert store.entries() == {}
    assert state_of(store) == replayed(store)


def test_undo_of_a_batch_leaves_precincts_others_changed_since(
    store: DeskStore, election: Election
) -> None:
    store.record_entries("Ann", [P1, P2], election=election)
    store.record_entry(
        "Bob", "mayor", "p2", {"a": 100, "b": 50, "c": 30}, election=election
    )
    store.undo("Ann")
    assert set(store.entries()) == {("mayor", "p2")}
    assert store.entries()[("mayor", "p2")].operator == "Bob"


def test_a_version_one_folder_gains_the_batch_column(data_dir: Path) -> None:
    data_dir.mkdir()
    with contextlib.closing(
        sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    ) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO audit (at, operator, kind, race_id, precinct_id, after) "
            "VALUES ('2022-06-08T03:00:00+00:00', 'Ann', 'entry', 'mayor', 'p1', "
            '\'{"note":"","votes":{"a":1}}\')'
        )
    with SqliteDeskStore(data_dir) as store:
        (old,) = store.audit_log()
        assert (old.operator, old.batch) == ("Ann", None)
    with contextlib.closing(sqlite3.connect(data_dir / DB_NAME)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_killed_importers_leave_whole_batches(data_dir: Path) -> None:
    from tests.store.batch_writer import BATCH_SIZE, spawn_batch_writer

    confirmed: list[int] = []
    # Six rounds at least, and on until a batch was confirmed (a slow machine
    # may need longer than the first strikes give it), each striking later.
    for round_ in range(40):
        if round_ >= 6 and confirmed:
            break
        with spawn_batch_writer(data_dir, seed=round_) as writer:
            assert writer.stdout is not None
            try:
                assert writer.stdout.readline() == "ready\n"
                time.sleep(0.02 + 0.03 * round_)
            finally:
                writer.send_signal(signal.SIGKILL)
            output, errors = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGKILL, errors
        confirmed += reported_ids(output)
    assert confirmed, "the writer never finished a batch; nothing was tested"
    with SqliteDeskStore(data_dir) as store:
        log = store.audit_log()
        assert state_of(store) == replayed(store)
    sizes: dict[int | None, int] = {}
    for record in log:
        sizes[record.batch] = sizes.get(record.batch, 0) + 1
    assert None not in sizes
    assert set(sizes.values()) == {BATCH_SIZE}
    assert set(confirmed) <= {record.id for record in log}
