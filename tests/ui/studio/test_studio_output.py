"""The studio output window, and keeping its display awake."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from electionboard.ui.studio.inhibit import ScreenSaverInhibitor, platform_backends
from tests.ui.studio.rig import StudioRig


def test_the_output_is_frameless_cursorless_and_shows_only_program(
    rig: StudioRig,
) -> None:
    studio = rig.studio
    assert studio.open_output(0)
    output = studio.output
    assert output is not None
    rig.qtbot.addWidget(output)
    rig.qtbot.waitExposed(output)
    assert output.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert output.isFullScreen()
    for widget in (output, output.view, output.view.viewport()):
        assert widget.cursor().shape() == Qt.CursorShape.BlankCursor
    assert output.view.scene() is rig.scene
    assert output.findChildren(QShortcut) == []  # no safe-area overlay key
    assert not output.view.safe_area_visible()
    assert not output.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
    assert "full screen on display 0" in studio.console.output_status.text()

    studio.director.cue_race("council")
    studio.director.take()
    assert studio.program.in_transition()  # the output crossfades too
    rig.settle()
    image = output.view.grab().toImage()
    assert image.pixelColor(2, 2).name() == "#000000"  # letterbox or frame edge


def test_no_such_display_leaves_the_output_closed(
    rig: StudioRig, caplog: pytest.LogCaptureFixture
) -> None:
    assert not rig.studio.open_output(7)
    assert rig.studio.output is None
    assert "no display 7" in rig.studio.console.output_status.text()
    assert "no display 7 for the output window" in caplog.text


class Refuses:
    name = "refuses"

    def __init__(self) -> None:
        self.released = 0

    def inhibit(self, _application: str, _reason: str, _window_id: int) -> bool:
        return False

    def release(self) -> None:
        self.released += 1


class Breaks(Refuses):
    name = "breaks"

    def inhibit(self, _application: str, _reason: str, _window_id: int) -> bool:
        raise OSError("no such API")


class Works(Refuses):
    name = "works"

    def inhibit(self, application: str, reason: str, window_id: int) -> bool:
        self.asked = (application, reason, window_id)
        return True


def test_the_inhibitor_tries_each_way_and_releases_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken, refusing, working = Breaks(), Refuses(), Works()
    inhibitor = ScreenSaverInhibitor("Board", [broken, refusing, working])
    assert inhibitor.inhibit("on air", 42)
    assert "breaks failed" in caplog.text  # logged, then the next way tried
    assert working.asked == ("Board", "on air", 42)
    assert inhibitor.status == "screen saver inhibited (works)"
    assert inhibitor.inhibit("again")  # already held
    inhibitor.release()
    inhibitor.release()
    assert (broken.released, refusing.released, working.released) == (0, 0, 1)
    assert not inhibitor.active


def test_the_inhibitor_without_a_way_says_so_and_never_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    inhibitor = ScreenSaverInhibitor("Board", [Refuses()])
    assert not inhibitor.inhibit("on air")
    # What it means for the night and what to do, in plain words.
    assert inhibitor.status.startswith("screen saver not inhibited: ")
    assert "may blank the output during the night" in inhibitor.status
    assert "Turn the screen saver" in inhibitor.status
    assert "off in the desktop settings" in inhibitor.status
    assert "screen saver not inhibited" in caplog.text
    inhibitor.release()
    assert platform_backends("darwin") == []
    assert [b.name for b in platform_backends("win32")] == ["SetThreadExecutionState"]
    assert [b.name for b in platform_backends("linux")] == [
        "D-Bus org.freedesktop.ScreenSaver",
        "xdg-screensaver",
    ]


@pytest.mark.allow_log(r"screen saver not inhibited")
def test_the_console_says_what_a_failed_inhibition_means(rig: StudioRig) -> None:
    assert not rig.studio.inhibit_screen_saver([Refuses()])
    text = rig.studio.console.output_status.text()
    assert "Screen saver not inhibited: the screen saver may blank the output" in text
    assert "Turn the screen saver and screen blanking off" in text


def test_the_studio_inhibits_until_shutdown(rig: StudioRig) -> None:
    working = Works()
    assert rig.studio.inhibit_screen_saver([working])
    assert working.asked[2] == int(rig.window.winId())
    assert "Screen saver inhibited (works)" in (rig.studio.console.output_status.text())
    rig.studio.shutdown()
    assert working.released == 1
