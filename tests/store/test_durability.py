"""Crashes and a second instance: nothing confirmed is lost, nothing half-saved.

Two app instances may share a data folder (see ``sqlite_store``), so the second
test proves it with two processes writing at once.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from electionboard.model import Election
from electionboard.store import (
    DB_NAME,
    SqliteDeskStore,
    StoreBusy,
    stacks,
)
from tests.store.desk import replayed, reported_ids, spawn_writer, state_of

ROUNDS = 30
OPERATORS = ("Ann", "Bob", "Cat")


def assert_consistent(data_dir: Path) -> list[int]:
    """The file is sound and the state is the replay of the log; its ids back."""
    with contextlib.closing(sqlite3.connect(data_dir / DB_NAME)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with SqliteDeskStore(data_dir) as store:
        log = store.audit_log()
        assert state_of(store) == replayed(store)
        for operator in OPERATORS:
            stacks(log, operator)
    return [record.id for record in log]


def test_killed_writers_lose_no_confirmed_action(data_dir: Path) -> None:
    rng = random.Random(20220607)
    confirmed: list[int] = []
    for round_ in range(ROUNDS):
        with spawn_writer(data_dir, OPERATORS[round_ % 3], seed=round_) as writer:
            assert writer.stdout is not None
            try:
                if round_ % 5 == 0:
                    # Sometimes strike during start-up, even mid-migration.
                    time.sleep(rng.uniform(0.0, 0.08))
                else:
                    assert writer.stdout.readline() == "ready\n"
                    time.sleep(rng.uniform(0.003, 0.2))
            finally:
                writer.send_signal(signal.SIGKILL)
            output, errors = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGKILL, errors
        confirmed += reported_ids(output)
    assert len(confirmed) >= ROUNDS, "the writers barely wrote; nothing was tested"
    assert len(set(confirmed)) == len(confirmed)
    saved = assert_consistent(data_dir)
    assert set(confirmed) <= set(saved)


def test_two_instances_write_one_folder_at_once(data_dir: Path) -> None:
    """Released together burst after burst, two processes contend every time.

    Each burst's ids are read back (so committed) before the next is released;
    both operators therefore appear in every burst's stretch of the log, and the
    log switches operator at least once a burst however the machine schedules
    the two processes.
    """
    bursts, burst = 20, 3
    with (
        spawn_writer(data_dir, "Ann", seed=1, count=bursts * burst, burst=burst) as ann,
        spawn_writer(data_dir, "Bob", seed=2, count=bursts * burst, burst=burst) as bob,
    ):
        writers = (ann, bob)
        streams = [(w.stdin, w.stdout) for w in writers]
        confirmed: list[list[int]] = [[], []]
        for _, stdout in streams:
            assert stdout is not None
            assert stdout.readline() == "ready\n"
        for _ in range(bursts):
            for stdin, _ in streams:
                assert stdin is not None
                stdin.write("go\n")
                stdin.flush()
            for ids, (_, stdout) in zip(confirmed, streams, strict=True):
                assert stdout is not None
                ids += [int(stdout.readline()) for _ in range(burst)]
        errors = "".join(w.communicate(timeout=60)[1] for w in writers)
    assert (ann.returncode, bob.returncode) == (0, 0), errors
    assert len(confirmed[0]) == len(confirmed[1]) == bursts * burst
    saved = assert_consistent(data_dir)
    assert sorted(confirmed[0] + confirmed[1]) == saved
    with SqliteDeskStore(data_dir) as store:
        operators = [record.operator for record in store.audit_log()]
    switches = sum(1 for x, y in itertools.pairwise(operators) if x != y)
    assert switches >= bursts, "the writers did not interleave in every burst"


def test_instances_see_each_others_actions(data_dir: Path, election: Election) -> None:
    votes = {"a": 800, "b": 450, "c": 120}
    with SqliteDeskStore(data_dir) as one, SqliteDeskStore(data_dir) as two:
        row = one.record_entry("Ann", "mayor", "p1", votes, election=election)
        assert two.revision() == row.id
        assert two.entries()[("mayor", "p1")].votes == votes
        two.undo("Ann")
        assert one.entries() == {}


def test_a_held_lock_gives_a_clear_error_and_saves_nothing(
    data_dir: Path, election: Election
) -> None:
    votes = {"a": 800, "b": 450, "c": 120}
    with SqliteDeskStore(data_dir, busy_timeout=0.05) as store:
        with contextlib.closing(
            sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
        ) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreBusy, match="nothing was saved"):
                store.record_entry("Ann", "mayor", "p1", votes, election=election)
            assert store.entries() == {}
            other.execute("ROLLBACK")
        store.record_entry("Ann", "mayor", "p1", votes, election=election)
        assert len(store.audit_log()) == 1
