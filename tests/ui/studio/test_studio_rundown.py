"""Running stacks from the console: auto-advance, the lock, saving and recall."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from electionboard.model.stacks import StackBook, StackEntry
from electionboard.store.stacks_file import load_on_air, load_stacks
from tests.feedserver import FeedServer
from tests.ui.qtbot_typed import key_click, mouse_click
from tests.ui.studio.rig import StudioRig, close_studio, open_studio


@pytest.fixture
def real_time_rig(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[StudioRig]:
    """A studio whose auto-advance runs on the real monotonic clock."""
    opened = open_studio(qtbot, feed_server, tmp_path / "data", clock=time.monotonic)
    yield opened
    close_studio(opened)


def test_auto_advance_takes_after_each_dwell(real_time_rig: StudioRig) -> None:
    rig = real_time_rig
    director = rig.studio.director
    director.add_race("mayor")
    director.add_race("council")
    director.set_dwell(1.0)
    director.take()
    assert rig.controller.race_id == "mayor"
    mouse_click(rig.qtbot, rig.studio.console.auto_button, Qt.MouseButton.LeftButton)
    assert director.auto_advance
    assert rig.studio.console.countdown.text() == "next take in 1 s"
    rig.qtbot.waitUntil(lambda: rig.controller.race_id == "council", timeout=3000)
    assert rig.preview_race == "mayor"
    rig.qtbot.waitUntil(lambda: rig.controller.race_id == "mayor", timeout=3000)
    mouse_click(rig.qtbot, rig.studio.console.auto_button, Qt.MouseButton.LeftButton)
    assert director.auto_remaining() is None
    assert rig.studio.console.countdown.text() == ""
    rig.settle()


def test_auto_advance_waits_at_the_end_of_a_stack_that_does_not_loop(
    rig: StudioRig,
) -> None:
    director = rig.studio.director
    director.add_race("mayor")
    director.set_loop(False)
    director.take()
    director.set_auto_advance(True)
    assert director.auto_remaining() is None
    assert rig.studio.console.status.text() == "Auto-advance waits: nothing in preview."
    assert rig.studio.console.preview_caption.text() == "PREVIEW · END OF STACK"
    assert not rig.studio.console.take_button.isEnabled()
    key_click(rig.qtbot, rig.window, Qt.Key.Key_PageUp)  # cue the last board again
    assert director.auto_remaining() == pytest.approx(10.0)
    rig.settle()


def test_a_locked_stack_refuses_edits_until_unlocked(rig: StudioRig) -> None:
    director = rig.studio.director
    console = rig.studio.console
    panel = console.stack_panel
    director.add_race("mayor")
    director.add_race("council")
    mouse_click(rig.qtbot, console.lock_button, Qt.MouseButton.LeftButton)
    assert director.rundown.locked
    assert console.lock_button.text() == "Locked on air (click to unlock)"
    assert panel.title() == "Stack · Main · LOCKED"
    before = director.rundown.stack

    panel.entries.setCurrentRow(0)
    mouse_click(rig.qtbot, panel.remove_button, Qt.MouseButton.LeftButton)
    assert console.status.text() == (
        "The stack 'Main' is locked on air: unlock it to edit it."
    )
    panel.dwell.setValue(30)  # refused: the spin box goes back to the stack's
    assert panel.dwell.value() == before.dwell
    panel.loop.setChecked(False)
    assert panel.loop.isChecked()
    assert not director.move(0, 1)
    assert director.rundown.stack == before
    # Taking is what a locked stack is for.
    assert director.take()
    rig.names.replies.append("Late")
    mouse_click(rig.qtbot, panel.new_button, Qt.MouseButton.LeftButton)
    assert director.rundown.stack.name == "Main"  # saved, but not recalled
    assert console.status.text().endswith("unlock it before recalling another.")

    mouse_click(rig.qtbot, console.lock_button, Qt.MouseButton.LeftButton)
    unlocked = director.rundown
    assert not unlocked.locked
    mouse_click(rig.qtbot, panel.remove_button, Qt.MouseButton.LeftButton)
    assert [e.race_id for e in director.rundown.stack.entries] == ["council"]
    rig.settle()


def test_stacks_are_saved_recalled_and_deleted(rig: StudioRig) -> None:
    director = rig.studio.director
    panel = rig.studio.console.stack_panel
    director.add_race("mayor")
    rig.names.replies.append("  Late   night ")
    mouse_click(rig.qtbot, panel.new_button, Qt.MouseButton.LeftButton)
    assert director.rundown.stack.name == "Late night"
    panel.races.setCurrentIndex(panel.races.findData("council"))
    mouse_click(rig.qtbot, panel.add_button, Qt.MouseButton.LeftButton)
    panel.theme.setCurrentIndex(panel.theme.findData("green"))
    panel.theme.activated.emit(panel.theme.currentIndex())
    panel.rows.setValue(4)
    assert director.rundown.stack.entries == (
        StackEntry("council", theme="green", max_rows=4),
    )
    assert (
        panel.entries.item(0).text()
        == "NEXT  1. Council District 5 · green · 4 rows · 10 s"
    )
    assert [panel.stacks.itemText(i) for i in range(panel.stacks.count())] == [
        "Main",
        "Late night",
    ]

    panel.stacks.activated.emit(panel.stacks.findData("Main"))
    assert director.rundown.stack.name == "Main"
    assert rig.preview_race == "mayor"
    assert rig.studio.writer.wait()
    folder = rig.studio.folder
    saved = load_stacks(folder)
    assert saved.names() == ["Main", "Late night"]
    assert saved.named("Late night") == director.book.named("Late night")
    assert load_on_air(folder).stack == "Main"

    rig.answers.will(True)
    mouse_click(rig.qtbot, panel.delete_button, Qt.MouseButton.LeftButton)
    assert rig.answers.asked[-1].risky
    assert director.book.names() == ["Late night"]
    assert director.rundown.stack.name == "Late night"
    assert rig.studio.writer.wait()
    assert load_stacks(folder) == StackBook((director.book.stacks[0],))
    rig.settle()


def test_a_blank_or_taken_name_is_refused(rig: StudioRig) -> None:
    director = rig.studio.director
    assert not director.new_stack("   ")
    assert rig.studio.console.status.text() == "A stack needs a name."
    assert not director.new_stack("Main")
    assert rig.studio.console.status.text() == "A stack called 'Main' already exists."
