"""Who may do what on the shared database: the database says, not the program.

Each operator signs in as their own login role in one group; these tests sign
in as such logins on a real server and check that the database itself
refuses what the group may not do, even typed by hand.
"""

from __future__ import annotations

import itertools
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from electionboard.cli import main
from electionboard.model import CallOutcome, Election
from electionboard.replay.roles_command import PASSWORD_VARIABLE, run_roles
from electionboard.store import ActionKind, EntryRow, PostgresDeskStore, replay
from electionboard.store.errors import NotPermitted
from electionboard.store.pg_roles import add_operator, list_operators
from electionboard.store.pg_schema import GROUPS
from tests.replay.desk_script import run_in_process, write_feed
from tests.store.desk import Clock

VOTES = {"a": 200, "b": 150, "c": 20}
SECRET = "s3cret-Pa55word"
_numbers = itertools.count(1)


def signed_in(url: str, login: str) -> str:
    """``url`` with ``login`` as its user (the test server trusts loopback)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{login}@{host}"))


@pytest.fixture
def logins(pg_url: str) -> Iterator[dict[str, str]]:
    """One operator login per group, named uniquely: roles are cluster-wide."""
    PostgresDeskStore(pg_url).close()  # the administrator migrates the schema
    number = next(_numbers)
    names = {role: f"{role}_op{number}" for role in GROUPS}
    for role, name in names.items():
        add_operator(pg_url, name, role, SECRET)
    yield names
    with psycopg.connect(pg_url, autocommit=True) as db:
        for name in names.values():
            db.execute(f'DROP ROLE IF EXISTS "{name}"'.encode())


def test_a_viewer_cannot_write_even_by_hand(
    pg_url: str, logins: dict[str, str], election: Election
) -> None:
    with PostgresDeskStore(pg_url, clock=Clock()) as admin:
        admin.record_entry("Ann", "mayor", "p3", VOTES, election=election)
    viewer = signed_in(pg_url, logins["viewer"])
    with psycopg.connect(viewer, autocommit=True) as db:
        assert db.execute("SELECT count(*) FROM audit").fetchone() == (1,)
        for statement in (
            "INSERT INTO audit (id, at, operator, kind, race_id) "
            f"VALUES (99, now(), '{logins['viewer']}', 'entry', 'mayor')",
            "UPDATE entries SET value = '{}'",
            "DELETE FROM entries",
            "INSERT INTO calls (race_id, value, audit_id) VALUES ('mayor', '{}', 1)",
            "CREATE TABLE sneaky (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement.encode())
    with PostgresDeskStore(viewer, clock=Clock()) as store:
        with pytest.raises(NotPermitted, match="only read"):
            store.record_entry("", "mayor", "p2", VOTES, election=election)
        assert len(store.audit_log()) == 1  # it may read


def test_entry_may_enter_but_not_call(
    pg_url: str, logins: dict[str, str], election: Election
) -> None:
    entry = logins["entry"]
    with PostgresDeskStore(signed_in(pg_url, entry), clock=Clock()) as store:
        assert store.signed_in_as == entry
        saved = store.record_entry(entry, "mayor", "p3", VOTES, election=election)
        assert saved.operator == entry
        with pytest.raises(NotPermitted, match="may not call races: ask for the "):
            store.call_race(
                entry, "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election
            )
        with pytest.raises(NotPermitted, match="too close"):
            store.mark_too_close(entry, "mayor", election=election)
        assert store.calls() == {}
        assert [r.kind for r in store.audit_log()] == [ActionKind.ENTRY]
        store.undo(entry)  # undo of its own entry is the entry role's
        assert store.entries() == {}
        store.redo(entry)
        store.record_entries(
            entry,
            [
                EntryRow("mayor", "p2", VOTES),
                EntryRow("measure", "q1", {"yes": 1, "no": 2}),
            ],
            election=election,
        )
        store.undo(entry)  # the whole batch
        store.release_entry(entry, "mayor", "p3")
        assert store.entries() == {}
        assert replay(store.audit_log()) == {}


def test_a_desk_operator_may_call_and_is_recorded_as_the_login(
    pg_url: str, logins: dict[str, str], election: Election
) -> None:
    desk = logins["desk"]
    with PostgresDeskStore(signed_in(pg_url, desk), clock=Clock()) as store:
        called = store.call_race(
            "", "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election
        )
        store.record_entry(desk, "mayor", "p3", VOTES, election=election)
        store.retract_call(desk, "mayor")
        assert called.operator == desk
        assert {r.operator for r in store.audit_log()} == {desk}
        with pytest.raises(NotPermitted, match="the operator name is the database"):
            store.record_entry("Someone", "mayor", "p2", VOTES, election=election)


def test_the_database_binds_the_operator_name_and_own_undo(
    pg_url: str, logins: dict[str, str], election: Election
) -> None:
    entry, desk = logins["entry"], logins["desk"]
    with PostgresDeskStore(signed_in(pg_url, desk), clock=Clock()) as store:
        store.record_entry(desk, "mayor", "p3", VOTES, election=election)
    with psycopg.connect(signed_in(pg_url, entry), autocommit=True) as db:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="act as"):
            db.execute(
                "INSERT INTO audit (id, at, operator, kind, race_id, precinct_id) "
                f"VALUES (2, now(), '{desk}', 'entry', 'mayor', 'p9')".encode()
            )
        undo_of_desk = (
            "INSERT INTO audit (id, at, operator, kind, race_id, precinct_id, "
            f"target_id) VALUES (2, now(), '{entry}', 'undo', 'mayor', 'p3', 1)"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="own"):
            db.execute(undo_of_desk.encode())
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="call"):
            db.execute(
                "INSERT INTO audit (id, at, operator, kind, race_id) "
                f"VALUES (2, now(), '{entry}', 'call', 'mayor')".encode()
            )
        for statement in (  # state tables follow the log, never by hand
            "UPDATE entries SET value = '{}'",
            "DELETE FROM entries",
            "INSERT INTO entries (race_id, precinct_id, value, audit_id) "
            "VALUES ('mayor', 'p2', '{}', 1)",
        ):
            with pytest.raises(
                psycopg.errors.InsufficientPrivilege, match="newest audit row"
            ):
                db.execute(statement.encode())
    with PostgresDeskStore(pg_url) as admin:
        assert list(admin.entries()) == [("mayor", "p3")]


def test_a_producer_reads_only(pg_url: str, logins: dict[str, str]) -> None:
    with PostgresDeskStore(signed_in(pg_url, logins["producer"])) as store:
        with pytest.raises(NotPermitted):
            store.record_feed_accepted("", note="a feed answer")
        assert store.audit_log() == []


def test_roles_commands_end_to_end_print_no_password(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"ann_{next(_numbers)}"
    admin = signed_in(pg_url, "postgres").replace("postgres@", f"postgres:{SECRET}@")
    env = {"ELECTIONBOARD_STORE": admin, PASSWORD_VARIABLE: SECRET}
    assert run_roles(["add", name, "--role", "desk"], env) == 0
    assert run_roles(["add", name, "--role", "desk"], env) == 1  # taken
    assert run_roles(["list"], env) == 0
    assert run_roles(["remove", "postgres"], env) == 1  # not an operator
    typed = iter([SECRET, "different"])
    assert (
        run_roles(
            ["add", "bob", "--role", "viewer"],
            {"ELECTIONBOARD_STORE": admin},
            prompt=lambda _: next(typed),
        )
        == 2
    )  # the two did not match
    out, err = capsys.readouterr()
    assert f"added {name} (desk)" in out
    assert any(line.split() == [name, "desk"] for line in out.splitlines())
    assert "already exists" in err
    assert SECRET not in out + err
    with psycopg.connect(pg_url) as db:
        stored = db.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,)
        ).fetchone()
    assert stored is not None
    assert str(stored[0]).startswith("SCRAM-SHA-256$")  # hashed before sending
    assert name in {o.name for o in list_operators(pg_url)}
    assert run_roles(["remove", name], env) == 0
    assert name not in {o.name for o in list_operators(pg_url)}
    out, err = capsys.readouterr()
    assert f"removed {name} (desk)" in out
    assert SECRET not in out + err


def test_the_desk_command_refuses_an_entry_login_s_call_in_one_line(
    pg_url: str,
    logins: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ELECTIONBOARD_STORE", raising=False)
    entry = signed_in(pg_url, logins["entry"])
    feed = str(write_feed(tmp_path))
    where = ["--store", entry, "--operator", logins["entry"], "--feed", feed]
    ran = run_in_process(capsys, *where, "call", "mayor", "a", "b")
    assert ran.status == 1
    [line] = ran.err_lines
    assert "may not call races: ask for the decision desk role" in line
    ran = run_in_process(capsys, *where, "enter", "mayor", "p2", "a=1", "b=2", "c=3")
    assert (ran.status, ran.err) == (0, "")
    with PostgresDeskStore(pg_url) as admin:
        assert admin.calls() == {}
        assert [r.operator for r in admin.audit_log()] == [logins["entry"]]


def test_roles_is_a_subcommand_of_the_program(
    pg_url: str, logins: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["roles", "list", "--store", pg_url]) == 0
    listed = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert {listed[name] for name in logins.values()} == set(GROUPS)
