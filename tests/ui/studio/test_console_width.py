"""A long race name never widens the operator window past its screen."""

from __future__ import annotations

import copy
import json

from PySide6.QtWidgets import QApplication

from tests.ui.studio.rig import StudioRig
from tests.ui.test_board import FEED

LONG = (
    "Board of Supervisors, Fourth Supervisorial District, Special General "
    "Election to Fill the Unexpired Term"
)


def test_a_long_race_name_does_not_change_the_console_width(rig: StudioRig) -> None:
    window, console = rig.window, rig.studio.console
    window.resize(1600, 900)
    QApplication.processEvents()
    before = window.width(), console.width()
    hints = console.minimumSizeHint().width(), window.minimumSizeHint().width()
    document = copy.deepcopy(FEED)
    document["races"][1]["name"] = LONG
    rig.server_answer(json.dumps(document).encode())
    rig.poller.poll_now()
    assert rig.studio.director.add_race("council")
    rig.studio.director.take()
    rig.settle()
    QApplication.processEvents()
    assert console.program_caption.text().endswith(LONG)
    assert (window.width(), console.width()) == before
    # Nothing in the console asks for more than a 1920 screen, long name or not.
    assert console.minimumSizeHint().width() <= 1920
    assert window.minimumSizeHint().width() <= 1920
    assert (
        console.minimumSizeHint().width(),
        window.minimumSizeHint().width(),
    ) == hints
