"""Two boards and two desks, each its own process, on one PostgreSQL database.

The boards are ``tests.store.board_process`` (a listener and a store, printing
each revision pushed and the entries read on it); the desks are the real
``electionboard desk`` command. The URL reaches every child through the
environment, as a newsroom would pass it, never on a command line. The same
``--seen``/``--expect-none`` refusal is checked on a SQLite data folder too.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from electionboard.replay.desk_location import STORE_VARIABLE
from electionboard.store import PostgresDeskStore
from tests.replay.desk_script import run_process, write_feed
from tests.store.desk import ROOT

PUSH_WAIT = 10.0
"""Seconds a board may take to show an entry; generous for a loaded CI machine
(the bench measures the real figure, well under a second)."""


class Board:
    """A board process and the JSON lines it has printed, read on a thread."""

    def __init__(self, url: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), STORE_VARIABLE: url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.store.board_process", "--entries"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))

    def _next(self) -> str:
        try:
            return self._lines.get(timeout=PUSH_WAIT)
        except queue.Empty:
            raise AssertionError(f"no word from the board in {PUSH_WAIT:g} s") from None

    def wait_ready(self) -> None:
        while self._next() != "ready":
            pass

    def revision(self, wanted: int) -> dict[str, Any]:
        """The board's line for revision ``wanted``; fails on a later one first."""
        while True:
            line = self._next()
            if line == "ready":
                continue
            pushed: dict[str, Any] = json.loads(line)
            if pushed["revision"] == wanted:
                return pushed
            assert pushed["revision"] < wanted, f"revision {wanted} was skipped"

    def pending(self) -> list[str]:
        """Lines printed and not yet read."""
        lines = []
        while not self._lines.empty():
            lines.append(self._lines.get_nowait())
        return lines

    def stop(self) -> str:
        """Close stdin (the board stops); its stderr, for the failure message."""
        try:
            _, err = self.process.communicate(input="", timeout=PUSH_WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err


@pytest.fixture
def boards(pg_url: str) -> Iterator[list[Board]]:
    with PostgresDeskStore(pg_url):
        pass  # the schema exists before either board reads it
    started = [Board(pg_url), Board(pg_url)]
    try:
        for board in started:
            board.wait_ready()
        yield started
    finally:
        errors = [board.stop() for board in started]
        assert all(board.process.returncode == 0 for board in started), errors


def test_an_entry_at_one_desk_reaches_every_board_and_a_stale_one_is_refused(
    boards: list[Board], pg_url: str, tmp_path: Path
) -> None:
    feed = str(write_feed(tmp_path))
    env = {STORE_VARIABLE: pg_url}
    ann = ["--operator", "Ann", "--feed", feed, "enter", "mayor", "p2"]
    bo = ["--operator", "Bo", "--feed", feed, "enter", "mayor", "p2"]

    # Both desks opened p2 when it had no entry; Ann saves first.
    first = run_process(*ann, "a=50", "b=60", "c=70", "--expect-none", env=env)
    assert (first.status, first.err) == (0, "")
    assert first.out == "saved #1: Ann entered mayor / p2 (a=50, b=60, c=70)\n"
    for board in boards:
        shown = board.revision(1)["entries"]
        assert shown == {
            "mayor/p2": {
                "operator": "Ann",
                "audit_id": 1,
                "votes": {"a": 50, "b": 60, "c": 70},
            }
        }

    # Bo's desk still showed none: refused, one line naming who entered what.
    stale = run_process(*bo, "a=55", "b=66", "c=77", "--expect-none", env=env)
    assert (stale.status, stale.out) == (1, "")
    [line] = stale.err_lines
    assert line.startswith(
        "electionboard desk: refused: Ann saved this precinct after you opened it ("
    )
    assert line.endswith(" UTC, action #1: a=50, b=60, c=70)")
    assert pg_url not in stale.err

    # Having seen Ann's entry (#1), Bo may replace it, and the boards follow.
    replaced = run_process(*bo, "a=55", "b=66", "c=77", "--seen", "1", env=env)
    assert (replaced.status, replaced.err) == (0, "")
    for board in boards:
        pushed = board.revision(2)
        assert pushed["entries"]["mayor/p2"]["operator"] == "Bo"
        assert pushed["entries"]["mayor/p2"]["votes"] == {"a": 55, "b": 66, "c": 77}

    # The refusal saved nothing: two actions in the log, none pushed since.
    with PostgresDeskStore(pg_url) as store:
        logged = [(record.id, record.operator) for record in store.audit_log()]
    assert logged == [(1, "Ann"), (2, "Bo")]
    for board in boards:
        assert board.pending() == []


def test_the_seen_options_refuse_a_colleague_s_entry_in_a_data_folder_too(
    tmp_path: Path,
) -> None:
    feed, data = str(write_feed(tmp_path)), str(tmp_path / "data")
    ann = ["--data-dir", data, "--operator", "Ann", "--feed", feed, "enter"]
    bo = ["--data-dir", data, "--operator", "Bo", "--feed", feed, "enter"]
    assert run_process(*ann, "mayor", "p2", "a=5", "b=6", "c=7").status == 0
    stale = run_process(*bo, "mayor", "p2", "a=8", "b=8", "c=8", "--expect-none")
    assert stale.status == 1
    assert "refused: Ann saved this precinct after you opened it" in stale.err
    wrong = run_process(*bo, "mayor", "p2", "a=8", "b=8", "c=8", "--seen", "9")
    assert wrong.status == 1
    assert wrong.err_lines[0].endswith("action #1: a=5, b=6, c=7)")
    # Without either option the command does as it always did: no check.
    assert run_process(*bo, "mayor", "p2", "a=8", "b=8", "c=8").status == 0


def test_the_desk_command_s_seen_options_are_checked(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    both = run_process(
        "--data-dir", data, "--operator", "Ann", "--feed", str(write_feed(tmp_path)),
        "enter", "mayor", "p2", "a=1", "--seen", "3", "--expect-none",
    )  # fmt: skip
    assert both.status == 2
    assert both.err_lines[-1].endswith(
        "argument --expect-none: not allowed with argument --seen"
    )
    zero = run_process(
        "--data-dir", data, "--operator", "Ann", "enter", "mayor", "p2", "a=1",
        "--seen", "0",
    )  # fmt: skip
    assert zero.status == 2
    assert zero.err_lines[-1].endswith("audit ids start at 1, got 0")
