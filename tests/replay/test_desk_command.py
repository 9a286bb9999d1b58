"""The headless ``desk`` command in process: every action and every refusal."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from electionboard.model import CallOutcome
from electionboard.store import DB_NAME, SqliteDeskStore, replay
from tests.replay.desk_script import Ran, run_in_process, write_feed


@pytest.fixture(autouse=True)
def _no_store_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ELECTIONBOARD_STORE", raising=False)


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    return write_feed(tmp_path)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


class Desk:
    """One operator at the command line, on one data folder and feed."""

    def __init__(
        self, capsys: pytest.CaptureFixture[str], data: Path, feed: Path, who: str
    ) -> None:
        self.capsys, self.data, self.feed, self.who = capsys, data, feed, who

    def __call__(self, *args: str) -> Ran:
        where = ["--data-dir", str(self.data), "--operator", self.who]
        return run_in_process(self.capsys, *where, "--feed", str(self.feed), *args)

    def store(self) -> SqliteDeskStore:
        return SqliteDeskStore(self.data)


@pytest.fixture
def ann(capsys: pytest.CaptureFixture[str], data: Path, feed: Path) -> Desk:
    return Desk(capsys, data, feed, "Ann")


@pytest.fixture
def bo(capsys: pytest.CaptureFixture[str], data: Path, feed: Path) -> Desk:
    return Desk(capsys, data, feed, "Bo")


def saved(ran: Ran) -> str:
    """The one stdout line of a saved action, checked to be alone."""
    assert (ran.status, ran.err) == (0, ""), ran.err
    [line] = ran.out.splitlines()
    return line


def refused(ran: Ran, *, status: int = 1) -> str:
    """The one stderr line of a refusal, checked to be alone and no traceback."""
    assert ran.status == status, (ran.out, ran.err)
    assert ran.out == ""
    assert "Traceback" not in ran.err
    [line] = ran.err_lines
    return line


def test_enter_saves_the_figures_and_says_so(ann: Desk) -> None:
    line = saved(ann("enter", "mayor", "p2", "a=5", "b=6", "c=7", "--note", "phoned"))
    assert line == "saved #1: Ann entered mayor / p2 (a=5, b=6, c=7)"
    with ann.store() as store:
        entry = store.entries()[("mayor", "p2")]
        assert (dict(entry.votes), entry.note, entry.operator) == (
            {"a": 5, "b": 6, "c": 7},
            "phoned",
            "Ann",
        )


@pytest.mark.parametrize(
    ("votes", "words"),
    [
        (["a=x", "b=1", "c=1"], "votes for 'a': expected a whole number"),
        (["a=-5", "b=1", "c=1"], "votes for 'a': expected a whole number"),
        (["a=1,000", "b=1", "c=1"], "votes for 'a': expected a whole number"),
        (["a=1", "b=1", "c=99999999999999999999"], "votes for 'c': too large"),
        (["a1", "b=1", "c=1"], "expected CANDIDATE=VOTES, got 'a1'"),
        (["=4", "b=1", "c=1"], "expected CANDIDATE=VOTES"),
        (["a=1", "a=2", "b=1", "c=1"], "votes for 'a' are given twice"),
        (["a=1", "b=1"], "votes.c: missing: enter 0 for none"),
        (["a=1", "b=1", "c=1", "z=1"], "votes.z: 'z' is not a candidate"),
    ],
)
def test_bad_votes_are_refused_in_one_line(
    ann: Desk, votes: list[str], words: str
) -> None:
    line = refused(ann("enter", "mayor", "p2", *votes))
    assert line.startswith("electionboard desk: refused: ")
    assert words in line
    with ann.store() as store:
        assert store.audit_log() == []


@pytest.mark.parametrize(
    ("race", "precinct", "words"),
    [
        ("dogcatcher", "p1", "no race 'dogcatcher' in this feed"),
        ("mayor", "p9", "no precinct 'p9' in Mayor"),
    ],
)
def test_unknown_races_and_precincts_are_refused(
    ann: Desk, race: str, precinct: str, words: str
) -> None:
    assert words in refused(ann("enter", race, precinct, "a=1", "b=1", "c=1"))


def test_a_drop_needs_confirming(ann: Desk) -> None:
    # The feed has p1 at 1,234 votes: a lower total is a correction.
    line = refused(ann("enter", "mayor", "p1", "a=700", "b=400", "c=100"))
    assert "total falls from 1,234 to 1,200" in line
    assert "--confirm-drop" in line
    ok = saved(ann("enter", "mayor", "p1", "a=700", "b=400", "c=100", "--confirm-drop"))
    assert ok == "saved #1: Ann entered mayor / p1 (a=700, b=400, c=100)"


def test_more_votes_than_voters_is_refused(ann: Desk) -> None:
    line = refused(ann("enter", "mayor", "p1", "a=1900", "b=434", "c=100"))
    assert "2,434 votes but only 2,000 registered voters" in line


def test_calls_take_the_rule_s_outcome_by_default(ann: Desk) -> None:
    assert saved(ann("call", "mayor", "a", "b")) == (
        "saved #1: Ann called mayor: a and b advance"
    )
    assert saved(ann("call", "sheriff", "e")) == "saved #2: Ann called sheriff: e wins"
    with ann.store() as store:
        calls = store.calls()
    assert calls["mayor"].outcome is CallOutcome.ADVANCE
    assert calls["mayor"].candidate_ids == ("a", "b")
    assert (calls["sheriff"].outcome, calls["sheriff"].by) == (CallOutcome.WON, "Ann")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["mayor", "a", "--outcome", "won"], "nobody wins Mayor outright"),
        (["sheriff", "e", "--outcome", "advance"], "Sheriff has one winner"),
        (["sheriff", "d", "e"], "a win names exactly one candidate"),
        (["mayor", "a", "a"], "a candidate is named twice"),
        (["mayor", "zed"], "'zed' is not a candidate in Mayor"),
        (["dogcatcher", "a"], "no race 'dogcatcher' in this feed"),
    ],
)
def test_bad_calls_are_refused(ann: Desk, args: list[str], words: str) -> None:
    assert words in refused(ann("call", *args))


def test_too_close_then_retract(ann: Desk) -> None:
    assert saved(ann("too-close", "sheriff")) == (
        "saved #1: Ann called sheriff too close to call"
    )
    with ann.store() as store:
        assert store.calls()["sheriff"].outcome is CallOutcome.TOO_CLOSE
    assert saved(ann("retract", "sheriff", "--note", "recount")) == (
        "saved #2: Ann retracted the call on sheriff"
    )
    with ann.store() as store:
        assert store.calls() == {}
        assert store.audit_log()[-1].note == "recount"
    assert "no race 'x' in this feed" in refused(ann("too-close", "x"))


def test_nothing_to_retract_or_release_is_refused(ann: Desk) -> None:
    assert "race 'sheriff' has no desk call to retract" in refused(
        ann("retract", "sheriff")
    )
    assert "has no manual entry to release" in refused(ann("release", "mayor", "p2"))


def test_release_hands_the_precinct_back(ann: Desk) -> None:
    saved(ann("enter", "mayor", "p2", "a=5", "b=6", "c=7"))
    assert saved(ann("release", "mayor", "p2")) == (
        "saved #2: Ann released mayor / p2 to the feed"
    )
    with ann.store() as store:
        assert store.entries() == {}


def test_undo_and_redo(ann: Desk) -> None:
    assert "Ann has nothing to undo" in refused(ann("undo"))
    saved(ann("enter", "mayor", "p2", "a=5", "b=6", "c=7"))
    saved(ann("enter", "mayor", "p2", "a=9", "b=9", "c=9"))
    assert saved(ann("undo")) == (
        "saved #3: Ann undid #2 on mayor / p2, now (a=5, b=6, c=7)"
    )
    assert "Ann has nothing to redo" not in saved(ann("redo"))
    assert "Ann has nothing to redo" in refused(ann("redo"))
    saved(ann("undo"))
    saved(ann("undo"))
    assert saved(ann("redo")).endswith("now (a=5, b=6, c=7)")
    saved(ann("undo"))
    with ann.store() as store:
        assert store.entries() == {}
    assert saved(ann("call", "sheriff", "e")).startswith("saved #9:")
    assert saved(ann("undo")) == "saved #10: Ann undid #9 on sheriff, now no desk call"


def test_undo_never_takes_back_a_colleague_s_action(ann: Desk, bo: Desk) -> None:
    saved(ann("enter", "mayor", "p2", "a=5", "b=6", "c=7"))
    saved(bo("call", "sheriff", "e"))
    assert saved(ann("undo")) == (
        "saved #3: Ann undid #1 on mayor / p2, now the feed's figures"
    )
    assert "Ann has nothing to undo" in refused(ann("undo"))
    with ann.store() as store:
        assert store.calls()["sheriff"].by == "Bo"
    # Bo corrects Ann's precinct: her action is off her stack for good.
    saved(ann("redo"))
    saved(bo("enter", "mayor", "p2", "a=8", "b=8", "c=8"))
    assert "Ann has nothing to undo" in refused(ann("undo"))
    with ann.store() as store:
        assert dict(store.entries()[("mayor", "p2")].votes) == {
            "a": 8,
            "b": 8,
            "c": 8,
        }


def test_the_log_after_a_script_is_the_store_s_audit_log(
    ann: Desk, bo: Desk, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved(ann("enter", "mayor", "p2", "a=5", "b=6", "c=7", "--note", "a\nforged"))
    saved(bo("call", "mayor", "a", "b", "--note", "=cmd()"))
    saved(ann("too-close", "sheriff"))
    saved(ann("undo"))
    refused(ann("retract", "sheriff"))
    saved(bo("release", "mayor", "p2"))
    with ann.store() as store:
        audit = store.audit_log()
        expected_csv = tmp_path / "expected.csv"
        store.export_audit_csv(expected_csv)
    assert list(replay(audit)) == [("mayor", None)]

    text = run_in_process(capsys, "--data-dir", str(ann.data), "log")
    lines = saved_lines(text)
    assert [line.split()[0] for line in lines] == [f"#{r.id}" for r in audit]
    assert lines[0].endswith("Ann entered mayor / p2 (a=5, b=6, c=7) [note: a forged]")
    assert lines[1].endswith("Bo called mayor: a and b advance [note: =cmd()]")
    assert lines[3].endswith("Ann undid #3 on sheriff, now no desk call")

    csv_out = run_in_process(capsys, "--data-dir", str(ann.data), "log", "--csv")
    assert (csv_out.status, csv_out.err) == (0, "")
    assert csv_out.out == expected_csv.read_text(encoding="utf-8")
    assert csv_out.out.startswith('"id","at","operator","kind"')
    assert "'=cmd()" in csv_out.out  # the export's formula guard, kept

    path = tmp_path / "audit.csv"
    written = run_in_process(
        capsys, "--data-dir", str(ann.data), "log", "--csv", str(path)
    )
    assert saved(written) == f"exported {len(audit)} audit rows to {path}"
    assert path.read_text(encoding="utf-8") == csv_out.out


def saved_lines(ran: Ran) -> list[str]:
    assert (ran.status, ran.err) == (0, ""), ran.err
    return ran.out.splitlines()


def test_an_empty_log_prints_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    assert run_in_process(capsys, "--data-dir", str(data), "log") == Ran(0, "", "")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "the following arguments are required: ACTION"),
        (["dance"], "invalid choice: 'dance'"),
        (["--operator", "Ann", "undo"], "give --data-dir DIR or --store LOCATION"),
        (["--data-dir", "d", "undo"], "undo needs --operator NAME"),
        (["--data-dir", "d", "--operator", "A", "call", "mayor", "a"], "--feed"),
        (["--data-dir", "d", "--store", "e", "log"], "not allowed with argument"),
        (["--data-dir", "d", "--wait", "soon", "log"], "not a number: soon"),
    ],
)
def test_usage_mistakes_exit_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    ran = run_in_process(capsys, *args)
    assert (ran.status, ran.out) == (2, "")
    assert "Traceback" not in ran.err
    assert words in ran.err_lines[-1]
    assert not (tmp_path / "d").exists()  # nothing opened, nothing created


def test_an_unreadable_feed_is_refused(ann: Desk, tmp_path: Path) -> None:
    ann.feed = tmp_path / "missing.json"
    line = refused(ann("call", "sheriff", "e"))
    assert line.startswith("electionboard desk: refused: the feed could not be read")
    ann.feed.write_text("{ not json", encoding="utf-8")
    assert "the feed could not be read" in refused(ann("call", "sheriff", "e"))


def test_a_busy_store_is_refused(ann: Desk) -> None:
    saved(ann("call", "sheriff", "e"))
    holder = sqlite3.connect(ann.data / DB_NAME)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another desk mid-write
        line = refused(ann("--wait", "0", "retract", "sheriff"))
    finally:
        holder.close()
    assert "busy" in line
    with ann.store() as store:
        assert "sheriff" in store.calls()
        assert len(store.audit_log()) == 1


def test_a_damaged_store_is_refused_and_kept(ann: Desk) -> None:
    ann.data.mkdir()
    damaged = b"this is not a database" * 100
    (ann.data / DB_NAME).write_bytes(damaged)
    assert "is not a database" in refused(ann("undo"))
    assert (ann.data / DB_NAME).read_bytes() == damaged


def test_a_data_folder_that_is_a_file_is_refused(ann: Desk) -> None:
    ann.data.write_text("a file", encoding="utf-8")
    assert f"could not use {ann.data}: File exists" in refused(ann("undo"))


def test_an_export_to_a_missing_folder_is_refused(ann: Desk, tmp_path: Path) -> None:
    saved(ann("too-close", "sheriff"))
    where = str(tmp_path / "no" / "audit.csv")
    line = refused(ann("log", "--csv", where))
    assert line.startswith("electionboard desk: refused: could not use ")
    assert "No such file or directory" in line


@pytest.fixture
def store_in_environment(monkeypatch: pytest.MonkeyPatch, data: Path) -> Path:
    monkeypatch.setenv("ELECTIONBOARD_STORE", str(data))
    return data


def test_the_store_may_come_from_the_environment(
    capsys: pytest.CaptureFixture[str], store_in_environment: Path
) -> None:
    ran = run_in_process(capsys, "--operator", "Ann", "undo")
    assert "Ann has nothing to undo" in refused(ran)
    assert (store_in_environment / DB_NAME).exists()
