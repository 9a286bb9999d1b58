"""The night's trend is kept as the board polls, and survives a restart."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from electionboard.model.screens import ScreenKind
from tests.feedserver import FeedServer
from tests.ui.studio.rig import close_studio, open_studio
from tests.ui.test_board import feed


def test_every_poll_is_kept_for_the_trend_and_a_restart_keeps_it(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    trend = first.studio.trend
    qtbot.waitUntil(lambda: len(trend.history().get("mayor", ())) == 1)
    first.server_answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    first.poller.poll_now()
    qtbot.waitUntil(lambda: len(trend.history().get("mayor", ())) == 2)
    assert (data / "trend").is_dir()
    close_studio(first)
    first.window.close()

    second = open_studio(qtbot, feed_server, data, poll=False)
    again = second.studio.trend
    qtbot.waitUntil(lambda: len(again.history().get("mayor", ())) == 2)
    close_studio(second)


def test_a_trend_on_air_is_fed_the_kept_history(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    rig = open_studio(qtbot, feed_server, tmp_path / "data")
    director = rig.studio.director
    assert director.add_screen(ScreenKind.TREND, "mayor")
    assert director.take()
    rig.server_answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    rig.poller.poll_now()
    feeder = rig.studio.program.slot.feeder

    def samples() -> int:
        data = feeder.screen_input()
        return len(data.history.get("mayor", ())) if data is not None else 0

    qtbot.waitUntil(lambda: samples() == 2)
    scene = rig.studio.program.current_scene
    assert getattr(scene, "kind", None) is ScreenKind.TREND
    rig.settle()
    close_studio(rig)
