"""A desk opened on a database holding a figure past the bound, as an older
version could save: the desk says so, the board leaves it out, nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.store.test_bounds import BAD_VALUES, old_database
from tests.ui.desk.rig import close_desk, open_desk, type_in


@pytest.mark.parametrize("kind", ["400 digits", "damaged"])
def test_an_invalid_saved_entry_is_shown_as_invalid_and_left_off_the_board(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    data_dir = tmp_path / "data"
    old_database(data_dir, BAD_VALUES[kind][0])
    rig = open_desk(qtbot, data_dir, "Ann")
    with qtbot.waitActive(rig.window):
        rig.window.show()
        rig.window.activateWindow()
    try:
        assert rig.votes("a") == "700"  # the feed's figure, not the saved one
        assert rig.live.manual_races == frozenset()
        status = rig.desk.status_text()
        assert status.startswith(
            "1 saved manual entry is invalid and left off the board: "
            "Mayor · Precinct 1: "
        )
        assert "9" * 20 not in status
        panel = rig.desk.entry
        panel.race_picker.edit.setFocus()
        type_in(qtbot, "mayor")
        type_in(qtbot, "precinct 1")
        assert "INVALID MANUAL ENTRY, left off the board" in panel.facts.text()
    finally:
        close_desk(rig)
