"""Instances opening one fresh data folder at the same moment all get in."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from electionboard.store import DB_NAME, SqliteDeskStore, StoreBusy, StoreDamaged
from tests.store.desk import ROOT

OPEN = (
    "import sys; from pathlib import Path; "
    "from electionboard.store import SqliteDeskStore; "
    "sys.stdin.readline(); SqliteDeskStore(Path(sys.argv[1])).close()"
)
ROUNDS = 8
INSTANCES = 6


def test_instances_opening_a_fresh_folder_together_all_open(tmp_path: Path) -> None:
    # Switching a new file to WAL needs it alone, and SQLite says "locked" at
    # once instead of waiting; without retries one of these fails most rounds.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    failures: list[str] = []
    for round_ in range(ROUNDS):
        data_dir = tmp_path / f"data{round_}"
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN, str(data_dir)],
                stdin=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=ROOT,
            )
            for _ in range(INSTANCES)
        ]
        time.sleep(0.3)  # let every interpreter start, then release them at once
        for opener in openers:
            assert opener.stdin is not None
            opener.stdin.write("go\n")
            opener.stdin.flush()
        for opener in openers:
            _, errors = opener.communicate(timeout=30)
            if opener.returncode:
                failures.append(errors.strip().splitlines()[-1])
    assert failures == []


def test_threads_of_one_process_opening_a_fresh_folder_together_all_open(
    tmp_path: Path,
) -> None:
    # A producer's desk and a display station in one process (as under test)
    # once built the fresh file under one shared temporary name and broke it.
    failures: list[BaseException] = []
    for round_ in range(ROUNDS):
        data_dir = tmp_path / f"data{round_}"
        start = threading.Barrier(INSTANCES)

        def open_once(
            folder: Path = data_dir, barrier: threading.Barrier = start
        ) -> None:
            barrier.wait()
            try:
                SqliteDeskStore(folder).close()
            except (sqlite3.Error, StoreBusy) as error:
                failures.append(error)

        threads = [threading.Thread(target=open_once) for _ in range(INSTANCES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert failures == []


def test_an_empty_desk_file_is_reported_and_kept(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"")
    with pytest.raises(StoreDamaged, match=r"empty \(0 bytes\)"):
        SqliteDeskStore(data_dir)
    assert (data_dir / DB_NAME).stat().st_size == 0  # not a new empty database


def test_a_desk_file_that_is_not_a_database_is_reported_and_kept(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    junk = b"this is not sqlite, it was a text file" * 10
    (data_dir / DB_NAME).write_bytes(junk)
    with pytest.raises(StoreDamaged, match="not a database"):
        SqliteDeskStore(data_dir)
    assert (data_dir / DB_NAME).read_bytes() == junk


def test_a_new_desk_file_is_never_seen_empty(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with SqliteDeskStore(data_dir) as store:
        assert store.path.stat().st_size > 0
        assert store.audit_log() == []
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(".")) == []


def test_opening_while_another_desk_holds_the_write_lock_says_busy(
    tmp_path: Path,
) -> None:
    SqliteDeskStore(tmp_path).close()
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusy, match="busy in another window"):
            SqliteDeskStore(tmp_path, busy_timeout=0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
