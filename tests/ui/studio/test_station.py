"""A display station follows the producer's takes within a second."""

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
from electionboard.model import rundown as st
from electionboard.model.rundown import Rundown
from electionboard.model.screens import ScreenKind
from electionboard.model.stacks import StackEntry
from electionboard.settings import Settings
from electionboard.sources.polling import LocationSource
from electionboard.ui.poller import run_synchronously
from electionboard.ui.screens import registry
from electionboard.ui.studio.follower import ProgramFollower
from tests.feedserver import FeedServer
from tests.ui.screens.stub import StubScreen
from tests.ui.studio.rig import StudioRig, close_studio, open_studio

TICKER = StackEntry("", screen=ScreenKind.TICKER)
FOLLOW_MS = 5000
"""Generous, so a loaded machine never fails it: the station follows the
folder's change signal, not a timer (the one-second figure is a bench's)."""


@pytest.fixture(autouse=True)
def _stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        registry.SCREEN_CLASSES,
        ScreenKind.BIG_BOARD,
        "tests.ui.screens.stub:StubScreen",
    )
    monkeypatch.setitem(
        registry.SCREEN_CLASSES, ScreenKind.TICKER, "tests.ui.screens.stub:StubLayer"
    )


@pytest.fixture
def producer_and_station(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[tuple[StudioRig, RunningStation]]:
    data = tmp_path / "data"
    producer = open_studio(qtbot, feed_server, data)
    station = build_station(
        BoardOptions(interval=3600),
        Settings(),
        data_dir=data,
        hooks=Hooks(
            source=LocationSource(feed_server.url),
            executor=run_synchronously,
            transition_ms=0,
        ),
    )
    qtbot.addWidget(station.station.window)
    station.station.start()
    station.poller.start()
    yield producer, station
    assert shut_down_station(station)
    close_studio(producer)


def _add(rundown: Rundown, entry: StackEntry) -> Rundown:
    return st.add_entry(rundown, entry)


def test_the_station_follows_each_take_and_the_layer(
    qtbot: QtBot, producer_and_station: tuple[StudioRig, RunningStation]
) -> None:
    producer, station = producer_and_station
    program = station.station.program
    director = producer.studio.director
    assert station.controller.race_id == "mayor"  # its own poll, before any take
    assert director.add_race("council")
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    assert director._edit(lambda r: _add(r, TICKER))

    assert director.take()  # council
    qtbot.waitUntil(lambda: station.controller.race_id == "council", timeout=FOLLOW_MS)
    producer.settle()

    assert director.take()  # the big board
    qtbot.waitUntil(
        lambda: isinstance(program.current_scene, StubScreen), timeout=FOLLOW_MS
    )
    producer.settle()
    assert director.take()  # the ticker, keyed over the big board
    qtbot.waitUntil(lambda: program.layer is not None, timeout=FOLLOW_MS)
    assert isinstance(program.current_scene, StubScreen)  # still under it
    assert director.clear_layer()
    qtbot.waitUntil(lambda: program.layer is None, timeout=FOLLOW_MS)


def test_the_station_holds_its_picture_when_the_producer_saves_nothing_readable(
    qtbot: QtBot, producer_and_station: tuple[StudioRig, RunningStation]
) -> None:
    producer, station = producer_and_station
    director = producer.studio.director
    assert director.add_race("council")
    assert director.take()
    qtbot.waitUntil(lambda: station.controller.race_id == "council", timeout=FOLLOW_MS)
    producer.settle()
    assert producer.studio.writer.wait(3000)
    on_air = producer.studio.folder / "on_air.json"
    on_air.unlink()  # the producer's folder loses the file: keep what is shown
    follower = station.station.follower
    assert isinstance(follower, ProgramFollower)
    follower.read_now()  # on this thread: the answer lands now
    assert station.controller.race_id == "council"
    assert station.station.program.slot.entry == StackEntry("council")
