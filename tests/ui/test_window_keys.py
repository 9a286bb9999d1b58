"""The window's keys with a studio: F11 shows only the program, Ctrl+Q and Alt+F4 ask.

The board is built as users run it (``app.build_board``) on a loopback feed;
the quit question is answered by the scripted confirmer, so no modal dialog
ever waits. A close "from the desktop" is a close event sent to the widget's
QWindow, where a window manager's Alt+F4 arrives, so Qt hands the widget a
spontaneous close event, as it does for the real thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from electionboard.ui.studio.console import StudioConsole
from electionboard.ui.studio.output_window import OutputWindow
from tests.feedserver import FeedServer
from tests.ui.qtbot_typed import key_click
from tests.ui.studio.rig import StudioRig, close_studio, open_studio

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def rig(qtbot: QtBot, feed_server: FeedServer, tmp_path: Path) -> Iterator[StudioRig]:
    opened = open_studio(qtbot, feed_server, tmp_path / "data", transition_ms=0)
    with qtbot.waitActive(opened.window):  # application keys need an active window
        opened.window.activateWindow()
    yield opened
    close_studio(opened)


def close_from_the_desktop(widget: QWidget) -> None:
    """What Alt+F4 does: the platform window receives a close event."""
    handle = widget.windowHandle()
    assert handle is not None
    QCoreApplication.sendEvent(handle, QCloseEvent())


def program_screen(rig: StudioRig) -> OutputWindow:
    screen = rig.window.program_screen
    assert screen is not None, "F11 did not show the program board"
    return screen


def test_f11_shows_only_the_clean_program_board_and_esc_leaves(
    rig: StudioRig, qtbot: QtBot
) -> None:
    window = rig.window
    key_click(qtbot, window, Qt.Key.Key_F11)
    screen = program_screen(rig)
    assert screen.isFullScreen()
    assert not window.isFullScreen()  # the console stays as it was, behind
    assert screen.view.scene() is rig.scene  # the program, not the preview
    assert screen.findChildren(StudioConsole) == []
    assert not screen.view.safe_area_visible()
    assert screen.cursor().shape() == Qt.CursorShape.BlankCursor
    # What it shows is the board on air: the title of the program board.
    assert rig.scene.header_texts()["title"] == "Mayor of Testville"

    # A take crossfades here too, and the board follows it.
    rig.studio.director.cue_race("council")
    assert rig.studio.director.take()
    rig.settle()
    assert rig.scene.header_texts()["title"] == "Council District 5"

    key_click(qtbot, screen, Qt.Key.Key_Escape)
    assert window.program_screen is None
    qtbot.waitUntil(lambda: not screen.isVisible())
    assert window.isVisible()

    key_click(qtbot, window, Qt.Key.Key_F11)  # F11 toggles, too
    again = program_screen(rig)
    key_click(qtbot, window, Qt.Key.Key_F11)
    assert window.program_screen is None
    qtbot.waitUntil(lambda: not again.isVisible())


def test_alt_f4_on_the_full_screen_program_only_leaves_full_screen(
    rig: StudioRig, qtbot: QtBot
) -> None:
    key_click(qtbot, rig.window, Qt.Key.Key_F11)
    screen = program_screen(rig)
    close_from_the_desktop(screen)
    assert rig.window.program_screen is None
    assert rig.window.isVisible()
    assert rig.answers.asked == []  # nothing to ask: the night goes on


def test_ctrl_q_on_air_asks_and_a_no_keeps_the_board_running(
    rig: StudioRig, qtbot: QtBot
) -> None:
    window = rig.window
    rig.answers.will(False)
    key_click(qtbot, window, Qt.Key.Key_Q, CTRL)
    (question,) = rig.answers.asked
    assert question.title == "Quit while on air?"
    assert question.text.startswith("Mayor of Testville is on air.")
    assert question.risky  # Cancel is the default button
    assert window.isVisible()
    assert window.status.text() == "Still on air: quit cancelled"

    rig.answers.will(True)
    key_click(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert len(rig.answers.asked) == 2
    qtbot.waitUntil(lambda: not window.isVisible())


def test_ctrl_q_before_anything_is_on_air_quits_without_asking(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> None:
    rig = open_studio(qtbot, feed_server, tmp_path / "data", poll=False)
    try:
        assert rig.window.on_air_title() is None
        with qtbot.waitActive(rig.window):
            rig.window.activateWindow()
        key_click(qtbot, rig.window, Qt.Key.Key_Q, CTRL)
        assert rig.answers.asked == []
        qtbot.waitUntil(lambda: not rig.window.isVisible())
    finally:
        close_studio(rig)


def test_alt_f4_on_the_operator_window_asks_while_on_air(
    rig: StudioRig, qtbot: QtBot
) -> None:
    window = rig.window
    rig.answers.will(False)
    close_from_the_desktop(window)
    assert len(rig.answers.asked) == 1
    assert window.isVisible()
    rig.answers.will(True)
    close_from_the_desktop(window)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_alt_f4_on_the_output_window_asks_to_quit(rig: StudioRig, qtbot: QtBot) -> None:
    studio = rig.studio
    assert studio.open_output(0)
    output = studio.output
    assert output is not None
    qtbot.addWidget(output)

    rig.answers.will(False)
    close_from_the_desktop(output)
    (question,) = rig.answers.asked
    assert question.text.startswith("Mayor of Testville is on air.")
    assert output.isVisible()  # the mixer keeps its picture
    assert rig.window.isVisible()

    rig.answers.will(True)
    close_from_the_desktop(output)
    qtbot.waitUntil(lambda: not rig.window.isVisible())
    assert output.isVisible()  # until the app shuts the studio down
    studio.shutdown()
    assert not output.isVisible()
