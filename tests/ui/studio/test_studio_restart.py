"""Never blank: a restart comes back to the stack, the board and the look on air."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from electionboard.model.stacks import StackEntry
from tests.feedserver import Answer, FeedServer
from tests.ui.studio.rig import close_studio, open_studio
from tests.ui.test_board import FEED, feed


def _without_council() -> str:
    document = copy.deepcopy(FEED)
    document["races"] = document["races"][:1]
    return json.dumps(document)


FEED_WITHOUT_COUNCIL = _without_council()


def test_a_restart_comes_back_to_what_was_on_air(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    director = first.studio.director
    director.add_race("mayor")
    director.add_race("council")
    director.replace(1, StackEntry("council", theme="light"))
    director.take()
    director.take()
    director.set_locked(True)
    assert first.scene.header_texts()["title"] == "Council District 5"
    first.settle()
    frames = first.studio.frames
    assert frames is not None
    qtbot.waitUntil(lambda: not frames.pending, timeout=5000)
    close_studio(first)
    first.window.close()

    # The app starts again on the same data folder; the feed has not answered.
    second = open_studio(qtbot, feed_server, data, poll=False)
    program = second.studio.program
    assert second.scene.content is None
    assert program.holding()  # the last frame of the council board, held
    assert program.in_transition()
    assert second.scene.theme.name == "light"
    rundown = second.studio.director.rundown
    assert (rundown.stack.name, rundown.program, rundown.preview) == ("Main", 1, 0)
    assert rundown.locked
    assert second.studio.console.status.text() == (
        "Restarted: holding the last picture of Council District 5 until the feed "
        "answers."
    )

    assert not second.studio.director.take()  # nothing live to take yet
    assert second.studio.console.status.text() == (
        "Not taken: the feed has not answered yet."
    )
    assert program.holding()

    second.poller.start()  # the first snapshot lands on the board that was on air
    assert second.controller.race_id == "council"
    assert second.scene.header_texts()["title"] == "Council District 5"
    assert not second.scene.is_animating()  # no entrance after a restart
    assert second.preview_race == "mayor"
    assert not program.holding()
    assert second.studio.console.status.text() == ""  # the restart message cleared
    second.settle()
    close_studio(second)


def test_without_a_kept_frame_the_board_still_comes_back(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    first.studio.director.cue_race("council")
    first.studio.director.take()
    first.settle()
    close_studio(first)
    first.window.close()
    for frame in (data / "studio").glob("program_*.png"):
        frame.unlink()

    second = open_studio(qtbot, feed_server, data)
    assert not second.studio.program.holding()
    assert second.controller.race_id == "council"
    assert second.studio.director.rundown.on_air == StackEntry("council")
    close_studio(second)


def test_a_restored_race_the_feed_no_longer_has_never_cuts_in_later(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    first.studio.director.cue_race("council")
    first.studio.director.take()
    first.settle()
    close_studio(first)
    first.window.close()

    feed_server.answer = Answer(FEED_WITHOUT_COUNCIL.encode())
    second = open_studio(qtbot, feed_server, data)
    assert second.controller.race_id == "mayor"  # the feed lacks the council race
    feed_server.answer = Answer(feed("2022-06-08T01:00:00-07:00"))
    second.poller.poll_now()
    assert second.controller.race_id == "mayor"  # no cut without a take
    second.settle()
    close_studio(second)
