"""The database going away: desks say "not saved", reconnect, and leak no secret.

These tests stop and start a server of their own, so the session's server
(and every other test's database) is never disturbed.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from electionboard.model import CallOutcome, Election
from electionboard.store import (
    PgChangeListener,
    PostgresDeskStore,
    SqliteDeskStore,
    StoreUnreachable,
    open_store,
    redacted,
)
from tests.pgserver import PgServer, start_server
from tests.store.desk import Clock, replayed, state_of

SECRET = "hunter2-Secret"
VOTES = {"a": 800, "b": 450, "c": 120}


@pytest.fixture(scope="module")
def own_server() -> Iterator[PgServer]:
    server, why = start_server()
    if server is None:
        pytest.skip(why)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def secret_url(own_server: PgServer) -> str:
    """A fresh schema's URL carrying a password (loopback trust ignores it)."""
    return own_server.new_schema().replace("postgres@", f"postgres:{SECRET}@")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            f"postgresql://desk:{SECRET}@db.example:5432/night?sslmode=require",
            "postgresql://desk:***@db.example:5432/night?sslmode=require",
        ),
        (
            f"postgres://desk@db/night?password={SECRET}&application_name=x",
            "postgres://desk@db/night?password=***&application_name=x",
        ),
        ("postgresql://db.example/night", "postgresql://db.example/night"),
        ("postgresql://desk:@db/night", "postgresql://desk:***@db/night"),
        (
            f"host=db dbname=night password={SECRET} user=desk",
            "host=db dbname=night password=*** user=desk",
        ),
        (f"host=db password = 'a b\\' {SECRET}'", "host=db password=***"),
    ],
)
def test_redacted_hides_every_password(url: str, shown: str) -> None:
    assert redacted(url) == shown


def test_a_folder_opens_sqlite_and_a_url_opens_postgresql(
    tmp_path: Path, secret_url: str
) -> None:
    folder = open_store(tmp_path / "data")
    folder.close()
    assert isinstance(folder, SqliteDeskStore)
    opened = open_store(secret_url)
    try:
        assert isinstance(opened, PostgresDeskStore)
        assert SECRET not in repr(opened)
        assert "***" in repr(opened)
    finally:
        opened.close()


def test_an_unreachable_server_is_named_without_its_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"postgresql://desk:{SECRET}@127.0.0.1:{closed_port()}/night"
    with pytest.raises(StoreUnreachable) as info:
        open_store(url, timeout=1)
    message = str(info.value)
    assert "the database is unreachable" in message
    assert "desk:***@127.0.0.1" in message
    assert SECRET not in message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    assert SECRET not in caplog.text


def test_a_restarted_server_loses_nothing_saved_and_desks_reconnect(
    own_server: PgServer,
    secret_url: str,
    election: Election,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    states: list[bool] = []
    revisions: list[int] = []
    back = threading.Event()
    heard_after = threading.Event()
    saved: list[int] = []

    def on_state(connected: bool) -> None:  # noqa: FBT001 (the callback's shape)
        states.append(connected)
        if connected and False in states:
            back.set()

    def on_revision(revision: int) -> None:
        revisions.append(revision)
        if saved and revision >= saved[-1]:
            heard_after.set()

    store = PostgresDeskStore(secret_url, clock=Clock(), timeout=3)
    listener = PgChangeListener(secret_url, on_revision, on_state=on_state, retry=0.2)
    with store, listener:
        assert listener.listening.wait(5)
        saved.append(
            store.record_entry("Ann", "mayor", "p1", VOTES, election=election).id
        )
        own_server.stop()
        with pytest.raises(
            StoreUnreachable, match="not saved: the database is unreachable"
        ):
            store.call_race(
                "Bob", "mayor", CallOutcome.ADVANCE, ["a"], election=election
            )
        own_server.start()
        assert back.wait(10), f"the listener did not reconnect: {states}"
        row = store.call_race(
            "Bob", "mayor", CallOutcome.ADVANCE, ["a"], election=election
        )
        saved.append(row.id)
        assert heard_after.wait(2), f"heard only {revisions}"
        assert [r.id for r in store.audit_log()] == saved
        assert state_of(store) == replayed(store)
    assert states[:2] == [True, False]
    assert SECRET not in caplog.text
    assert "desk updates paused: the database is unreachable" in caplog.text


CUT_OFF = """
CREATE FUNCTION cut_off() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);
    RETURN NULL;
END
$$"""


@pytest.mark.parametrize(
    ("trigger", "maybe_saved"),
    [
        # Cut off mid-action: surely not saved.
        ("CREATE TRIGGER cut_off AFTER INSERT ON entries", False),
        # Cut off while committing: the desk must not claim "not saved".
        (
            "CREATE CONSTRAINT TRIGGER cut_off AFTER INSERT ON entries "
            "DEFERRABLE INITIALLY DEFERRED",
            True,
        ),
    ],
)
@pytest.mark.allow_log(r"^discarding closed connection")
def test_a_connection_cut_off_says_whether_the_action_may_be_saved(
    secret_url: str, election: Election, trigger: str, *, maybe_saved: bool
) -> None:
    with PostgresDeskStore(secret_url, clock=Clock(), timeout=3) as store:
        with psycopg.connect(secret_url, autocommit=True) as db:
            db.execute(CUT_OFF.encode())
            db.execute(f"{trigger} FOR EACH ROW EXECUTE FUNCTION cut_off()".encode())
        with pytest.raises(StoreUnreachable) as info:
            store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
        assert info.value.maybe_saved is maybe_saved
        wording = "may or may not be saved" if maybe_saved else "not saved: the"
        assert wording in str(info.value)
        assert SECRET not in str(info.value)
        with psycopg.connect(secret_url, autocommit=True) as db:
            db.execute("DROP TRIGGER cut_off ON entries")
        row = store.record_entry("Ann", "mayor", "p1", VOTES, election=election)
        assert [r.id for r in store.audit_log()] == [row.id]  # the cut-off was not
