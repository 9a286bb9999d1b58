"""The producer's program in the shared database: published, stamped, pushed, guarded.

A display station on another machine follows the producer through this row,
so the database must say who took what and in what order, tell every
listener at commit, and refuse anyone but a producer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest

from electionboard.model import CallOutcome, Election
from electionboard.model.rundown import OnAirState
from electionboard.model.screens import ScreenKind
from electionboard.model.stacks import StackEntry
from electionboard.store import PostgresDeskStore
from electionboard.store.errors import NotPermitted
from electionboard.store.pg_studio import PostgresStudio
from tests.store.test_pg_roles import logins, signed_in

__all__ = ["logins"]  # the fixture, shared with the role tests

MAYOR = StackEntry("mayor", theme="night")
TICKER = StackEntry("", screen=ScreenKind.TICKER)
TAKEN = OnAirState(stack="Night", on_air=MAYOR, program=0, on_air_name="Mayor")


@pytest.fixture
def studio(pg_url: str) -> Iterator[PostgresStudio]:
    with PostgresStudio(pg_url) as opened:
        yield opened


def test_nothing_is_on_air_before_the_first_take(studio: PostgresStudio) -> None:
    assert studio.on_air() is None


def test_a_take_is_read_back_whole_with_who_and_in_order(
    studio: PostgresStudio, pg_url: str
) -> None:
    first = studio.publish_on_air(TAKEN)
    keyed = OnAirState(on_air=TICKER, full_frame=MAYOR, layer=TICKER)
    second = studio.publish_on_air(keyed)
    published = studio.on_air()
    assert published is not None
    assert (first, second, published.revision) == (1, 2, 2)
    assert published.state == keyed
    with psycopg.connect(pg_url) as db:
        row = db.execute("SELECT current_user").fetchone()
    assert row is not None
    assert published.saved_by == row[0]


def test_every_take_is_pushed_to_a_listener_at_commit(studio: PostgresStudio) -> None:
    seen: list[int] = []
    arrived = threading.Event()

    def told(revision: int) -> None:
        seen.append(revision)
        if revision >= 2:
            arrived.set()

    listener = studio.listener(told, wake=0.05)
    with listener:
        assert listener.listening.wait(5)
        studio.publish_on_air(TAKEN)
        studio.publish_on_air(OnAirState(on_air=StackEntry("council")))
        assert arrived.wait(5)
    assert seen[0] == 0  # what it found on connecting
    assert seen[-1] == 2  # then each take
    assert seen == sorted(set(seen))


def test_a_desk_action_does_not_wake_the_stations(
    pg_url: str, studio: PostgresStudio, election: Election
) -> None:
    seen: list[int] = []
    taken = threading.Event()

    def told(revision: int) -> None:
        seen.append(revision)
        if revision == 1:
            taken.set()

    listener = studio.listener(told, wake=0.05)
    with listener, PostgresDeskStore(pg_url) as desk:
        assert listener.listening.wait(5)
        desk.call_race(
            "Ann", "mayor", CallOutcome.ADVANCE, ["a", "b"], election=election
        )
        studio.publish_on_air(TAKEN)
        assert taken.wait(5)
    assert seen == [0, 1]  # the desk's call (audit revision 1) told it nothing


def test_only_a_producer_may_take_boards_to_air(
    pg_url: str, logins: dict[str, str]
) -> None:
    PostgresStudio(pg_url).close()  # the administrator migrates
    for role in ("viewer", "entry", "desk"):
        with PostgresStudio(signed_in(pg_url, logins[role])) as studio:
            with pytest.raises(NotPermitted, match="producer role"):
                studio.publish_on_air(TAKEN)
            assert studio.on_air() is None  # each may still follow program
    with PostgresStudio(signed_in(pg_url, logins["producer"])) as producer:
        assert producer.publish_on_air(TAKEN) == 1
        published = producer.on_air()
    assert published is not None
    assert published.saved_by == logins["producer"]


def test_a_producer_cannot_sign_a_take_as_someone_else(
    pg_url: str, logins: dict[str, str]
) -> None:
    PostgresStudio(pg_url).close()
    producer = signed_in(pg_url, logins["producer"])
    with psycopg.connect(producer, autocommit=True) as db:
        db.execute("INSERT INTO studio VALUES ('on_air', '{}', 99, 'someone', now())")
        row = db.execute("SELECT revision, saved_by FROM studio").fetchone()
        assert row == (1, logins["producer"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("DELETE FROM studio")
    viewer = signed_in(pg_url, logins["viewer"])
    with (
        psycopg.connect(viewer, autocommit=True) as db,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        db.execute("UPDATE studio SET document = '{}'")


def test_a_document_this_version_cannot_read_keeps_the_picture(
    pg_url: str, studio: PostgresStudio, caplog: pytest.LogCaptureFixture
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute(
            "INSERT INTO studio VALUES "
            "('on_air', '{\"schema_version\": 9}', 0, '', now())"
        )
    assert studio.on_air() is None
    assert "cannot be read" in caplog.text
