"""Display stations on other machines follow the producer through the database.

The producer and the station share nothing but the PostgreSQL server (two
data folders, as two machines would have): each take reaches the station
through the studio row and its NOTIFY, and a call made at a decision desk
shows on the station's board as on program. A station whose server is away
holds its picture and catches up when it answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.app import (
    BoardOptions,
    Hooks,
    RunningStation,
    build_station,
    shut_down_station,
)
from electionboard.model import CallOutcome
from electionboard.model.rundown import OnAirState
from electionboard.model.stacks import StackEntry
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.store import PostgresDeskStore, SqliteDeskStore
from electionboard.store.pg_studio import PostgresStudio
from electionboard.ui.poller import run_synchronously
from electionboard.ui.studio.follower import DatabaseProgramFollower
from tests.feedserver import Answer, FeedServer
from tests.ui.studio.rig import FIRST, StudioRig, close_studio, open_studio
from tests.ui.test_board import feed

FOLLOW_MS = 5000
"""Generous, so a loaded machine never fails it: the station is pushed each
take by the database, not polled (the one-second figure is the bench's)."""


def _station(
    qtbot: QtBot, feed_server: FeedServer, data: Path, store: str | None
) -> RunningStation:
    station = build_station(
        BoardOptions(interval=3600),
        Settings(store=store or ""),
        data_dir=data,
        hooks=Hooks(
            source=LocationSource(feed_server.url),
            executor=run_synchronously,
            transition_ms=0,
            desk_poll_seconds=0.05,
        ),
    )
    qtbot.addWidget(station.station.window)
    station.station.start()
    station.desks.start()
    station.poller.start()
    return station


@pytest.fixture
def producer_and_station(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path, pg_url: str
) -> Iterator[tuple[StudioRig, RunningStation]]:
    producer = open_studio(
        qtbot, feed_server, tmp_path / "producer", settings=Settings(store=pg_url)
    )
    station = _station(qtbot, feed_server, tmp_path / "station", pg_url)
    yield producer, station
    assert shut_down_station(station)
    close_studio(producer)


def test_a_station_elsewhere_follows_each_take_through_the_database(
    qtbot: QtBot, producer_and_station: tuple[StudioRig, RunningStation]
) -> None:
    producer, station = producer_and_station
    assert isinstance(station.station.follower, DatabaseProgramFollower)
    director = producer.studio.director
    assert station.controller.race_id == "mayor"  # its own poll, before any take
    assert director.add_race("council")
    assert director.add_race("mayor")
    assert director.take()  # council
    qtbot.waitUntil(lambda: station.controller.race_id == "council", timeout=FOLLOW_MS)
    producer.settle()
    assert director.take()  # the mayor again
    qtbot.waitUntil(lambda: station.controller.race_id == "mayor", timeout=FOLLOW_MS)
    assert not (producer.studio.folder.parent.parent / "station" / "studio").exists()


def test_a_desk_call_reaches_the_stations_board(
    qtbot: QtBot,
    producer_and_station: tuple[StudioRig, RunningStation],
    pg_url: str,
) -> None:
    producer, station = producer_and_station
    live = station.controller.bridge.live
    election = producer.board.live.feed_election
    assert election is not None
    standing = live.race_standings("mayor")
    assert standing is not None
    assert standing.call is None
    with PostgresDeskStore(pg_url) as desk:
        desk.call_race(
            "Ann", "mayor", CallOutcome.ADVANCE, ["bass", "caruso"], election=election
        )

    def called() -> bool:
        now = live.race_standings("mayor")
        return now is not None and now.call is not None

    qtbot.waitUntil(called, timeout=FOLLOW_MS)


def test_a_station_on_the_producers_folder_shows_desk_calls_too(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    producer = open_studio(qtbot, feed_server, data)
    station = _station(qtbot, feed_server, data, None)
    try:
        election = producer.board.live.feed_election
        assert election is not None
        with SqliteDeskStore(data) as desk:
            desk.call_race(
                "Ann",
                "mayor",
                CallOutcome.ADVANCE,
                ["bass", "caruso"],
                election=election,
            )
        live = station.controller.bridge.live

        def called() -> bool:
            now = live.race_standings("mayor")
            return now is not None and now.call is not None

        qtbot.waitUntil(called, timeout=FOLLOW_MS)
    finally:
        assert shut_down_station(station)
        close_studio(producer)


@pytest.mark.allow_log(
    r"station: cannot follow the producer yet",
    r"in pool 'electionboard-desk'",
    r"error connecting in 'electionboard",
)
def test_a_station_holds_its_picture_until_the_server_answers(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path, pg_url: str
) -> None:
    opened: list[PostgresStudio] = []
    attempts = [0]

    def open_late() -> PostgresStudio:
        attempts[0] += 1
        if attempts[0] < 3:
            return PostgresStudio("postgresql://nobody@127.0.0.1:9/none", timeout=0.2)
        opened.append(PostgresStudio(pg_url))
        return opened[-1]

    feed_server.answer = Answer(feed(FIRST))
    station = _station(qtbot, feed_server, tmp_path / "station", None)
    follower = DatabaseProgramFollower(open_late, retry=0.05)
    try:
        follower.followed.connect(station.station.follow)
        with PostgresStudio(pg_url) as producer:
            producer.publish_on_air(OnAirState(on_air=StackEntry("council")))
        follower.start()
        assert station.controller.race_id == "mayor"  # held while unreachable
        qtbot.waitUntil(
            lambda: station.controller.race_id == "council", timeout=FOLLOW_MS
        )
        assert attempts[0] == 3
    finally:
        assert follower.shutdown()
        assert shut_down_station(station)
