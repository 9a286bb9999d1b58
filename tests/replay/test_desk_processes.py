"""The ``desk`` command as real processes: desks that share one data folder."""

from __future__ import annotations

from pathlib import Path

from electionboard.store import SqliteDeskStore
from tests.replay.desk_script import run_process, write_feed


def test_a_second_desk_process_sees_the_first_s_entries(tmp_path: Path) -> None:
    feed, data = str(write_feed(tmp_path)), str(tmp_path / "data")
    ann = ["--data-dir", data, "--operator", "Ann", "--feed", feed]
    bo = ["--data-dir", data, "--operator", "Bo", "--feed", feed]

    first = run_process(*ann, "enter", "mayor", "p2", "a=50", "b=60", "c=70")
    assert (first.status, first.err) == (0, "")
    assert first.out == "saved #1: Ann entered mayor / p2 (a=50, b=60, c=70)\n"

    # Bo's process measures his figures against Ann's saved total of 180.
    drop = run_process(*bo, "enter", "mayor", "p2", "a=1", "b=1", "c=1")
    assert (drop.status, drop.out) == (1, "")
    assert drop.err == (
        "electionboard desk: refused: votes: total falls from 180 to 3; "
        "give --confirm-drop to save a correction\n"
    )
    # Nor can his undo reach her entry.
    undo = run_process(*bo, "undo")
    assert (undo.status, undo.err) == (
        1,
        "electionboard desk: refused: Bo has nothing to undo\n",
    )

    log = run_process("--data-dir", data, "log")
    assert log.status == 0
    [line] = log.out.splitlines()
    assert line.startswith("#1 ")
    assert line.endswith(" Ann entered mayor / p2 (a=50, b=60, c=70)")
    with SqliteDeskStore(Path(data)) as store:
        assert [r.id for r in store.audit_log()] == [1]


def test_the_store_from_the_environment_in_a_process(tmp_path: Path) -> None:
    feed, data = str(write_feed(tmp_path)), tmp_path / "data"
    env = {"ELECTIONBOARD_STORE": str(data)}
    ran = run_process(
        "--operator", "Ann", "--feed", feed, "call", "sheriff", "e", env=env
    )
    assert (ran.status, ran.out) == (0, "saved #1: Ann called sheriff: e wins\n")
    with SqliteDeskStore(data) as store:
        assert store.calls()["sheriff"].by == "Ann"


def test_usage_and_refusals_exit_without_a_traceback(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    usage = run_process("--data-dir", data, "--operator", "Ann", "enter", "mayor")
    assert usage.status == 2
    assert usage.err.splitlines()[-1] == (
        "electionboard desk enter: error: the following arguments are required: "
        "precinct, CANDIDATE=VOTES"
    )
    no_feed = run_process("--data-dir", data, "--operator", "Ann", "too-close", "m")
    assert (no_feed.status, no_feed.err) == (
        2,
        "electionboard desk: error: too-close checks against the feed: "
        "give --feed SOURCE\n",
    )
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "desk.sqlite3").write_bytes(b"\0garbage" * 512)
    damaged = run_process("--data-dir", data, "log")
    assert damaged.status == 1
    assert len(damaged.err.splitlines()) == 1
    assert "is not a database" in damaged.err
    assert "Traceback" not in damaged.err
