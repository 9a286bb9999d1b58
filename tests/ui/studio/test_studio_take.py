"""Preview and program: take, the crossfade, boards updating on air, cueing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPixmapItem
from pytestqt.qtbot import QtBot

from electionboard.model.stacks import StackEntry
from electionboard.presentation import geometry as g
from electionboard.ui.board.scene import ANIMATION_MS
from electionboard.ui.export import render_scene
from tests.feedserver import FeedServer
from tests.ui.manual_animations import ManualAnimations
from tests.ui.qtbot_typed import key_click, mouse_click
from tests.ui.studio.rig import StudioRig, close_studio, open_studio
from tests.ui.test_board import feed


def line_up(rig: StudioRig, *races: str) -> None:
    for race_id in races:
        assert rig.studio.director.add_race(race_id)


def test_take_puts_preview_on_air_and_preview_moves_on(rig: StudioRig) -> None:
    line_up(rig, "council", "mayor")
    console = rig.studio.console
    assert rig.preview_race == "council"
    assert console.preview_caption.text() == "PREVIEW · NEXT: Council District 5"
    assert rig.controller.race_id == "mayor"  # the board's first race, untaken

    key_click(rig.qtbot, rig.window, Qt.Key.Key_F12)
    assert rig.controller.race_id == "council"
    assert rig.scene.header_texts()["title"] == "Council District 5"
    assert rig.preview_race == "mayor"
    assert console.program_caption.text() == "PROGRAM · ON AIR: Council District 5"
    assert console.status.text() == "On air: Council District 5"

    mouse_click(rig.qtbot, console.take_button, Qt.MouseButton.LeftButton)
    assert rig.scene.header_texts()["title"] == "Mayor of Testville"
    assert rig.preview_race == "council"  # the stack loops
    rundown = rig.studio.director.rundown
    assert (rundown.program, rundown.preview) == (1, 0)
    rig.settle()


def test_the_crossfade_never_touches_the_scene_and_ends_clean(rig: StudioRig) -> None:
    line_up(rig, "council")
    overlay = rig.studio.program.add_view(rig.window.view)  # a second look on it
    rig.studio.director.take()
    # Mid-crossfade the still of the old board covers the view, but the scene
    # (what exports and the watch folder render) is already the new board alone.
    assert rig.studio.program.in_transition()
    assert not any(isinstance(i, QGraphicsPixmapItem) for i in rig.scene.items())
    assert render_scene(rig.scene).size().width() == 1920
    assert rig.scene.header_texts()["title"] == "Council District 5"
    assert rig.scene.row_order() == ["x", "y"]
    assert not rig.scene.is_animating()  # no entrance: the board is up at once
    with rig.qtbot.waitSignal(rig.studio.program.transition_finished, timeout=3000):
        pass
    assert not rig.studio.program.in_transition()
    assert overlay.isHidden()
    # Xi's 62.5% on a share axis to the next 10% above: 70%.
    assert rig.scene.bar_length("x") == pytest.approx(g.BAR_MAX * 62.5 / 70)


@pytest.fixture
def animations() -> ManualAnimations:
    """The program board's clock: its bars move only when the test says."""
    return ManualAnimations()


@pytest.fixture
def hand_rig(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path, animations: ManualAnimations
) -> Iterator[StudioRig]:
    """The studio rig with the program board on ``animations``."""
    opened = open_studio(qtbot, feed_server, tmp_path / "data", animations=animations)
    yield opened
    close_studio(opened)


def test_boards_keep_updating_on_air_and_glide_without_an_entrance(
    hand_rig: StudioRig, animations: ManualAnimations
) -> None:
    rig = hand_rig
    line_up(rig, "mayor")
    rig.studio.director.take()
    rig.settle()
    # Bass's 37.5%, then 54.5%, on the majority race's 60% axis (leader 50%).
    full = g.BAR_MAX
    old = full * 37.5 / 60
    new = full * (60 / 110 * 100) / 60
    assert rig.scene.bar_length("bass") == pytest.approx(old)

    rig.server_answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    rig.poller.poll_now()
    assert rig.controller.race_id == "mayor"
    assert rig.scene.is_animating()
    # The first frame starts from the bar on air, not from zero.
    assert rig.scene.bar_length("bass") == pytest.approx(old)
    animations.advance(ANIMATION_MS // 4)
    assert rig.scene.is_animating()
    assert old < rig.scene.bar_length("bass") < new
    animations.advance(ANIMATION_MS)
    assert not rig.scene.is_animating()
    assert rig.scene.bar_length("bass") == pytest.approx(new)
    assert rig.scene.bar_length("caruso") == pytest.approx(full * (40 / 110) * 100 / 60)
    assert not rig.studio.program.in_transition()  # an update is not a take


def test_the_studio_is_animating_while_program_glides_and_during_a_take(
    hand_rig: StudioRig, animations: ManualAnimations
) -> None:
    # What the GUI-thread collector waits for (app.run_board watches it).
    rig = hand_rig
    line_up(rig, "mayor")
    rig.studio.director.take()
    assert rig.studio.is_animating()  # the crossfade
    rig.settle()
    animations.advance(ANIMATION_MS)
    # Preview glides on Qt's own clock.
    rig.qtbot.waitUntil(lambda: not rig.studio.is_animating(), timeout=3000)
    rig.server_answer(feed("2022-06-08T02:00:00-07:00", bass=60_000))
    rig.poller.poll_now()
    assert rig.scene.is_animating()
    assert rig.studio.is_animating()
    animations.advance(ANIMATION_MS)
    rig.qtbot.waitUntil(lambda: not rig.studio.is_animating(), timeout=3000)
    assert not rig.scene.is_animating()


def test_the_picker_and_arrows_cue_preview_never_air(rig: StudioRig) -> None:
    line_up(rig, "mayor")
    rig.studio.director.take()
    assert rig.preview_race == "mayor"
    picker = rig.window.picker
    picker.activated.emit(picker.findData("council"))
    assert rig.preview_race == "council"
    assert rig.controller.race_id == "mayor"
    assert rig.studio.console.preview_caption.text() == (
        "PREVIEW · CUED OFF STACK: Council District 5"
    )
    key_click(rig.qtbot, rig.window, Qt.Key.Key_Right)
    assert rig.preview_race == "mayor"
    key_click(rig.qtbot, rig.window, Qt.Key.Key_Right)
    assert rig.preview_race == "council"
    assert picker.currentData() == "council"
    rig.studio.director.take()
    assert rig.controller.race_id == "council"
    assert rig.preview_race == "mayor"  # back to the stack's next entry
    assert rig.studio.director.rundown.program is None
    rig.settle()


def test_page_keys_step_preview_through_the_stack(rig: StudioRig) -> None:
    line_up(rig, "mayor", "council")
    assert rig.preview_race == "mayor"
    key_click(rig.qtbot, rig.window, Qt.Key.Key_PageDown)
    assert rig.preview_race == "council"
    key_click(rig.qtbot, rig.window, Qt.Key.Key_PageDown)
    assert rig.preview_race == "mayor"
    key_click(rig.qtbot, rig.window, Qt.Key.Key_PageUp)
    assert rig.preview_race == "council"
    assert rig.studio.director.rundown.preview == 1


def test_a_race_the_feed_lacks_is_not_taken(rig: StudioRig) -> None:
    director = rig.studio.director
    director.cue_race("sheriff")
    assert not director.take()
    assert (
        rig.studio.console.status.text() == "Not taken: the feed has no race 'sheriff'."
    )
    assert rig.controller.race_id == "mayor"


def test_a_board_goes_to_air_in_its_own_look_and_rows(rig: StudioRig) -> None:
    director = rig.studio.director
    line_up(rig, "mayor", "council")
    assert director.replace(0, StackEntry("mayor", theme="light", max_rows=2))
    assert rig.studio.preview_scene.theme.name == "light"
    director.take()
    assert rig.scene.theme.name == "light"
    assert rig.scene.row_order() == ["caruso", "__others__"]
    director.take()
    assert rig.scene.theme.name == "dark"  # the board's own look again
    rig.settle()
