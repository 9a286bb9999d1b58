"""Fixtures for desk tests: Ann's desk docked in a shown, active board window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.desk.rig import Rig, close_desk, open_desk


@pytest.fixture
def rig(qtbot: QtBot, tmp_path: Path) -> Iterator[Rig]:
    """Ann's desk docked in the board window, active so keys reach it."""
    opened = open_desk(qtbot, tmp_path / "data", "Ann")
    window = opened.window
    window.resize(1500, 950)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    yield opened
    close_desk(opened)
