"""The board against a real loopback feed: bars, order, banner, stale badge."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from electionboard.model.live import LiveResults
from electionboard.presentation import geometry as g
from electionboard.sources.polling import LocationSource, PollOk
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.controller import BoardController
from electionboard.ui.poller import Poller, ThreadPoolExecutor, run_synchronously
from tests.feedserver import Answer, FeedServer
from tests.ui.wiring import Wired, wire

FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
    "updated": "2022-06-07T21:00:00-07:00",
    "races": [
        {
            "id": "mayor",
            "name": "Mayor of Testville",
            "advance": 2,
            "majority_wins": True,
            "remaining_ballots": 100_000,
            "candidates": [
                {"id": "bass", "name": "Karen Bass", "party": "DEM"},
                {"id": "caruso", "name": "Rick Caruso", "party": "REP"},
                {"id": "deleon", "name": "Kevin de León", "party": "GRN"},
            ],
            "totals": {"bass": 30_000, "caruso": 40_000, "deleon": 10_000},
            "precincts_reporting": 100,
            "precincts_total": 400,
        },
        {
            "id": "council",
            "name": "Council District 5",
            "advance": 1,
            "majority_wins": False,
            "candidates": [{"id": "x", "name": "Xi"}, {"id": "y", "name": "Yu"}],
            "totals": {"x": 5, "y": 3},
        },
    ],
}


def feed(updated: str, **totals: int) -> bytes:
    document = copy.deepcopy(FEED)
    document["updated"] = updated
    document["races"][0]["totals"].update(totals)
    return json.dumps(document).encode()


@pytest.fixture
def wired(
    qtbot: QtBot,  # noqa: ARG001 - for the QApplication it brings up
    feed_server: FeedServer,
) -> Iterator[tuple[Wired, Poller]]:
    scene = BoardScene()
    poller = Poller(LocationSource(feed_server.url), run_synchronously, 3600)
    parts = wire(scene, poller)
    yield parts, poller
    parts.shutdown()


@pytest.fixture
def board(
    wired: tuple[Wired, Poller],
) -> tuple[BoardController, Poller, BoardScene]:
    parts, poller = wired
    return parts.controller, poller, parts.controller.scene


def test_bars_follow_the_feed_and_survive_a_failure(
    wired: tuple[Wired, Poller], feed_server: FeedServer
) -> None:
    parts, poller = wired
    scene = parts.controller.scene
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    poller.start()
    scene.finish_animation()

    assert scene.row_order() == ["caruso", "bass", "deleon"]
    # The share axis runs to the next 10% above the leader's 50%: 60%.
    full = g.BAR_MAX
    assert scene.bar_length("caruso") == pytest.approx(full * 50 / 60)
    assert scene.bar_length("bass") == pytest.approx(full * 37.5 / 60)
    assert scene.bar_rect("bass").top() > scene.bar_rect("caruso").top()
    assert scene.row("caruso").texts()["votes"] == "40,000"
    assert scene.row("caruso").texts()["share"] == "50.0%"
    assert scene.row("caruso").texts()["party"] == "REP"
    assert scene.header_texts()["title"] == "Mayor of Testville"
    assert scene.header_texts()["reporting"] == "100 OF 400 PRECINCTS · 25%"
    assert scene.banner_texts()[0] == "TOO EARLY TO CALL"
    assert scene.cutoff_label() == "TOP TWO · MARGIN 20,000 (25.0 PTS)"
    assert scene.stale_text() == ""

    # Bass overtakes: the order flips and the bars glide there.
    feed_server.answer = Answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    poller.poll_now()
    assert scene.is_animating()
    scene.finish_animation()
    assert scene.row_order() == ["bass", "caruso", "deleon"]
    assert scene.bar_length("caruso") == pytest.approx(full * 40 / 110 * 100 / 60)

    # The feed fails: last good data stays, STALE says so, status says why.
    messages: list[str] = []
    parts.monitor.status_changed.connect(messages.append)
    feed_server.answer = Answer(b"down for maintenance", status=503)
    poller.poll_now()
    assert scene.stale_text().startswith("STALE · ")
    assert scene.row_order() == ["bass", "caruso", "deleon"]
    assert scene.row("bass").texts()["votes"] == "60,000"
    assert any("HTTP 503" in message for message in messages)
    assert poller.health.failures == 1

    # It recovers by itself on the next good answer.
    feed_server.answer = Answer(
        feed("2022-06-08T03:00:00-07:00", bass=60_000, deleon=90_000)
    )
    poller.poll_now()
    scene.finish_animation()
    assert scene.stale_text() == ""
    assert scene.row_order() == ["deleon", "bass", "caruso"]
    assert poller.health.failures == 0


def test_an_older_answer_is_ignored(
    board: tuple[BoardController, Poller, BoardScene], feed_server: FeedServer
) -> None:
    _, poller, scene = board
    feed_server.answer = Answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    poller.start()
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    poller.poll_now()
    scene.finish_animation()
    assert scene.row("bass").texts()["votes"] == "60,000"


def test_race_picker_keys_step_through_races(
    board: tuple[BoardController, Poller, BoardScene], feed_server: FeedServer
) -> None:
    controller, poller, scene = board
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    poller.start()
    assert controller.race_id == "mayor"
    controller.step_race(1)
    scene.finish_animation()
    assert controller.race_id == "council"
    assert scene.row_order() == ["x", "y"]
    assert scene.header_texts()["rule"] == "MOST VOTES WINS"
    controller.step_race(1)
    assert controller.race_id == "mayor"


def test_no_data_badge_when_the_first_poll_fails(
    wired: tuple[Wired, Poller], feed_server: FeedServer
) -> None:
    parts, poller = wired
    scene = parts.controller.scene
    feed_server.answer = Answer(b"<html>oops</html>")
    poller.start()
    assert scene.stale_text() == "NO DATA"
    assert parts.monitor.stale_reason is not None
    assert "HTML" in parts.monitor.stale_reason


def test_real_thread_pool_delivers_on_the_gui_thread(
    qtbot: QtBot, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    scene = BoardScene()
    executor = ThreadPoolExecutor()
    poller = Poller(LocationSource(feed_server.url), executor, 3600)
    parts = wire(scene, poller)
    with qtbot.waitSignal(poller.snapshot_received, timeout=10_000):
        poller.start()
    scene.finish_animation()
    assert scene.row_order() == ["caruso", "bass", "deleon"]
    parts.shutdown()
    assert executor.wait_for_done(5000)


def test_replayed_answers_carry_the_test_watermark(
    board: tuple[BoardController, Poller, BoardScene], feed_server: FeedServer
) -> None:
    _, poller, scene = board
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    poller.start()
    assert not scene.shows_test_watermark()
    feed_server.answer = Answer(
        feed("2022-06-07T22:00:00-07:00"), headers={"X-Electionboard-Replay": "1"}
    )
    poller.poll_now()
    assert scene.shows_test_watermark()


@pytest.mark.usefixtures("qtbot")
def test_sample_night_replay_is_marked_test_data() -> None:
    from electionboard.resource_paths import sample_snapshots
    from electionboard.sources.polling import SequenceSource

    scene = BoardScene()
    poller = Poller(SequenceSource(sample_snapshots()[:2]), run_synchronously, 3600)
    parts = wire(scene, poller)
    poller.start()
    assert scene.shows_test_watermark()
    parts.shutdown()


def test_feed_test_flag_turns_the_watermark_on(
    board: tuple[BoardController, Poller, BoardScene], feed_server: FeedServer
) -> None:
    _, poller, scene = board
    document = json.loads(feed("2022-06-07T21:00:00-07:00"))
    document["election"]["test"] = True
    feed_server.answer = Answer(json.dumps(document).encode())
    poller.start()
    assert scene.shows_test_watermark()


@pytest.mark.usefixtures("qtbot")
def test_poller_can_tabulate_on_the_worker(feed_server: FeedServer) -> None:
    from electionboard.model import tabulate_election

    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    received: list[object] = []
    poller = Poller(
        LocationSource(feed_server.url),
        run_synchronously,
        3600,
        tabulate=tabulate_election,
    )
    live = LiveResults()
    parts = wire(BoardScene(), poller, live)
    poller.snapshot_received.connect(received.append)
    poller.start()
    (outcome,) = received
    assert isinstance(outcome, PollOk)
    assert [s.race.id for s in outcome.standings] == ["mayor", "council"]
    assert live.race_standings("mayor") is outcome.standings[0]
    parts.shutdown()


LONG_NAME = "Board of Supervisors, Fourth District, Special"


@pytest.mark.parametrize("stale", [None, "STALE · 12 MIN", "NO DATA"])
def test_a_long_title_stops_short_of_the_time_stamp_and_badge(
    board: tuple[BoardController, Poller, BoardScene],
    feed_server: FeedServer,
    stale: str | None,
) -> None:
    _, poller, scene = board
    document = copy.deepcopy(FEED)
    document["races"][0]["name"] = LONG_NAME
    assert len(LONG_NAME) == 46
    feed_server.answer = Answer(json.dumps(document).encode())
    poller.start()
    scene.finish_animation()
    scene.set_stale(stale)
    rects = scene.header_rects()
    assert not rects["title"].intersects(rects["updated"])
    assert not rects["title"].intersects(rects["stale"])
    assert rects["title"].right() < rects["updated"].left()
    elided = scene.header_texts()["title"]
    assert elided.endswith("…") or stale is None
    # The room comes back when the badge goes.
    scene.set_stale(None)
    assert len(scene.header_texts()["title"]) >= len(elided)
    rects = scene.header_rects()
    assert not rects["title"].intersects(rects["updated"])
