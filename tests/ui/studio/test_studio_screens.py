"""Board kinds on air: stacks mix them, Take switches every view, layers key over.

Stand-in screens (tests/ui/screens/stub.py) take the real ones' place, so
this tests the wiring alone: which scene each view shows, what the layer
does through takes, and what the watch folder writes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.model import rundown as st
from electionboard.model.rundown import Rundown
from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.model.stacks import StackEntry
from electionboard.settings import Settings
from electionboard.store.stacks_file import load_stacks
from electionboard.ui.screens import registry
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.county_map import CountyMapScene
from tests.feedserver import Answer, FeedServer
from tests.ui.screens.stub import StubScreen
from tests.ui.studio.rig import StudioRig, close_studio, open_studio
from tests.ui.test_board import FEED, feed

BIG_BOARD = StackEntry("", screen=ScreenKind.BIG_BOARD)
TICKER = StackEntry("", screen=ScreenKind.TICKER)


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


def test_a_big_board_goes_to_air_on_every_program_view(rig: StudioRig) -> None:
    director = rig.studio.director
    assert director.add_race("council")
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    director.take()  # council
    rig.settle()
    assert rig.window.view.scene() is rig.scene
    assert director.take()  # the big board
    program = rig.studio.program.current_scene
    assert isinstance(program, StubScreen)
    assert rig.window.view.scene() is program
    # The feed names no office: the big board pins the race it was made from.
    assert program.words.text() == "bigboard: 1 races"
    assert rig.studio.console.program_caption.text().startswith(
        "PROGRAM · ON AIR: Big board"
    )
    rig.settle()
    # Back to a race: the board's own scene again.
    assert director.take()
    assert rig.window.view.scene() is rig.scene
    rig.settle()


def test_preview_shows_the_next_board_of_any_kind(rig: StudioRig) -> None:
    director = rig.studio.director
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    preview_view = rig.studio.console.preview_view
    shown = preview_view.scene()
    assert isinstance(shown, StubScreen)
    assert shown is not rig.studio.program.current_scene
    assert rig.studio.console.preview_caption.text().startswith(
        "PREVIEW · NEXT: Big board"
    )


def test_a_new_poll_updates_the_screen_on_air_with_a_glide(rig: StudioRig) -> None:
    director = rig.studio.director
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    assert director.take()
    program = rig.studio.program.current_scene
    assert isinstance(program, StubScreen)
    before = len(program.inputs)
    rig.server_answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    rig.poller.poll_now()
    assert len(program.inputs) == before + 1
    assert program.inputs[-1][1] is True  # animate: a glide, not a cut
    rig.settle()


def test_a_ticker_keys_over_program_and_stays_through_takes(rig: StudioRig) -> None:
    director = rig.studio.director
    program = rig.studio.program
    assert director._edit(lambda r: _add(r, TICKER))
    assert director.add_race("council")
    assert director.take()  # the ticker: keyed, program untouched
    assert program.layer is not None
    assert program.current_scene is rig.scene
    assert rig.window.view.layer is program.layer
    assert rig.studio.console.status.text().startswith("Keyed over program: Ticker")
    assert director.take()  # council goes to air under the ticker
    rig.settle()
    assert rig.window.view.layer is program.layer
    assert "KEYED: Ticker" in rig.studio.console.program_caption.text()
    assert director.clear_layer()
    assert keyed(rig) is None
    assert not director.clear_layer()


def keyed(rig: StudioRig) -> object:
    """The layer drawn over program's view (a call, so mypy keeps no narrowing)."""
    return rig.window.view.layer


def _add(rundown: Rundown, entry: StackEntry) -> Rundown:
    return st.add_entry(rundown, entry)


def test_stacks_with_screens_are_saved_with_their_options(rig: StudioRig) -> None:
    director = rig.studio.director
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    rig.studio.writer.wait(3000)
    saved = load_stacks(rig.studio.folder).stacks[0].entries
    assert saved == director.rundown.stack.entries
    assert saved[0].screen is ScreenKind.BIG_BOARD
    assert isinstance(saved[0].options, ScreenOptions)


@pytest.fixture
def watched(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[tuple[StudioRig, Path]]:
    folder = tmp_path / "watch"
    opened = open_studio(
        qtbot,
        feed_server,
        tmp_path / "data",
        settings=Settings(watch_folder=str(folder), watch_board_name="wall"),
    )
    yield opened, folder
    close_studio(opened)


def test_the_watch_folder_follows_program_and_the_layer(
    watched: tuple[StudioRig, Path],
) -> None:
    rig, folder = watched
    director = rig.studio.director
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    assert director._edit(lambda r: _add(r, TICKER))
    assert director.take()
    rig.qtbot.waitUntil(lambda: (folder / "wall_bigboard.png").is_file(), timeout=5000)
    assert director.take()
    rig.qtbot.waitUntil(lambda: (folder / "wall_ticker.png").is_file(), timeout=5000)
    scene = rig.studio.program.layer
    assert isinstance(scene, ScreenScene)
    assert scene.export_id() == "ticker"
    rig.settle()


def test_a_restart_comes_back_to_the_screen_on_air_holding_its_frame(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    assert first.studio.director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    assert first.studio.director.take()
    first.settle()
    frames = first.studio.frames
    assert frames is not None
    qtbot.waitUntil(lambda: (data / "studio" / "program_bigboard.png").is_file())
    qtbot.waitUntil(lambda: not frames.pending, timeout=5000)
    close_studio(first)
    first.window.close()

    second = open_studio(qtbot, feed_server, data, poll=False)
    program = second.studio.program
    assert isinstance(program.current_scene, StubScreen)
    assert program.holding()  # the big board's last frame until the feed answers
    second.poller.start()
    assert not program.holding()
    assert isinstance(program.current_scene, StubScreen)
    assert program.current_scene.inputs
    second.settle()
    close_studio(second)


def _maine_feed() -> bytes:
    """The test feed with a Maine race carrying its 16 counties (made-up votes)."""
    document = copy.deepcopy(FEED)
    counties = [f"23{code:03d}" for code in range(1, 32, 2)]
    document["races"].append(
        {
            "id": "me-senate",
            "name": "U.S. Senate",
            "office": "U.S. Senate",
            "state": "ME",
            "candidates": [
                {"id": "k", "name": "Angus King"},
                {"id": "s", "name": "Sam"},
            ],
            "totals": {"k": 16 * 30, "s": 16 * 20},
            "units": [
                {"id": fips, "name": fips, "fips": fips, "votes": {"k": 30, "s": 20}}
                for fips in counties
            ],
        }
    )
    return json.dumps(document).encode()


def test_a_map_on_air_gets_its_shapes_from_the_worker_and_the_cache(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.answer = Answer(_maine_feed())
    rig = open_studio(qtbot, feed_server, tmp_path / "data")
    director = rig.studio.director
    assert director.add_screen(ScreenKind.MAP, "me-senate")
    assert director.take()
    scene = rig.studio.program.current_scene
    assert isinstance(scene, CountyMapScene)
    qtbot.waitUntil(lambda: scene.shapes is not None, timeout=20_000)
    assert len(scene.county_items()) == 16
    assert list((tmp_path / "data" / "cache").rglob("*.json"))  # kept for next time
    rig.settle()
    close_studio(rig)


def test_a_restart_brings_back_the_board_and_the_layer_keyed_over_it(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = open_studio(qtbot, feed_server, data)
    director = first.studio.director
    assert director.add_screen(ScreenKind.BIG_BOARD, "mayor")
    assert director._edit(lambda r: _add(r, TICKER))
    assert director.take()
    assert director.take()
    first.settle()
    assert first.studio.writer.wait(3000)
    close_studio(first)
    first.window.close()

    second = open_studio(qtbot, feed_server, data)
    program = second.studio.program
    assert isinstance(program.current_scene, StubScreen)
    assert program.layer is not None
    assert program.layer_entry == TICKER
    second.settle()
    close_studio(second)
