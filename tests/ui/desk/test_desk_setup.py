"""The desk's setting up: two desks on one folder, a bad folder, the operator."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QDockWidget
from pytestqt.qtbot import QtBot

from electionboard.model.live import LiveResults
from electionboard.store import DB_NAME, SqliteDeskStore
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.desk.desk import Desk
from electionboard.ui.desk.operator_dialog import OperatorDialog
from electionboard.ui.desk.picker import resolve_pick
from tests.ui.desk.rig import Rig, close_desk, open_desk
from tests.ui.qtbot_typed import key_clicks

VOTES = {"a": 100, "b": 50, "c": 20}


def test_a_second_desk_on_the_folder_sees_the_firsts_writes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    ann = open_desk(qtbot, data_dir, "Ann", poll_seconds=0.1)
    bob = open_desk(qtbot, data_dir, "Bob", poll_seconds=0.1)
    try:
        panel = ann.desk.entry
        panel.race_picker.set_current("mayor")
        panel.precinct_picker.set_current("p2")
        for candidate_id, votes in VOTES.items():
            panel.field(candidate_id).setText(str(votes))
        ann.settle(panel.save)
        ann.answers.will(True)
        ann.desk.calls.race_picker.set_current("mayor")
        ann.settle(ann.desk.calls.close_button.click)
        qtbot.waitUntil(lambda: bob.live.manual_races == {"mayor"}, timeout=5000)
        assert bob.votes("a") == "800"
        qtbot.waitUntil(lambda: bob.banner()[0] == "TOO CLOSE TO CALL", timeout=5000)
        assert bob.banner()[1] == "Marked too close by Decision Desk"
        assert bob.desk.audit.model.rowCount() == 2
        # Bob cannot undo Ann's entry: his undo is for his own actions.
        assert not bob.desk.undo_action.isEnabled()
        assert ann.desk.undo_action.isEnabled()
    finally:
        close_desk(bob)
        close_desk(ann)


def test_a_folder_the_desk_cannot_open_disables_it_with_the_reason(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "data"
    SqliteDeskStore(data_dir).close()
    with contextlib.closing(sqlite3.connect(data_dir / DB_NAME)) as db:
        db.execute("PRAGMA user_version = 99")
    desk = Desk(ResultsBridge(LiveResults()), lambda: SqliteDeskStore(data_dir), "Ann")
    qtbot.addWidget(desk.dock)
    try:
        with qtbot.waitSignal(desk.client.unavailable, timeout=5000):
            desk.start()
        assert not desk.tabs.isEnabled()
        assert "schema 99" in desk.status_text()
        assert "the desk store could not be opened" in caplog.text
    finally:
        assert desk.shutdown()
    assert not desk.client.running


@pytest.mark.allow_log(r"^the desk store could not be opened")
def test_an_empty_desk_file_is_shown_loudly_and_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"")
    desk = Desk(ResultsBridge(LiveResults()), lambda: SqliteDeskStore(data_dir), "Ann")
    qtbot.addWidget(desk.dock)
    assert desk.problem_text() == ""
    try:
        with qtbot.waitSignal(desk.client.unavailable, timeout=5000):
            desk.start()
        assert not desk.tabs.isEnabled()
        assert "empty (0 bytes)" in desk.problem_text()
        assert desk.problem.font().bold()
    finally:
        assert desk.shutdown()
    assert (data_dir / DB_NAME).stat().st_size == 0


def test_the_desk_refuses_a_blank_operator(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="operator"):
        Desk(ResultsBridge(LiveResults()), lambda: SqliteDeskStore(tmp_path), "  ")


def test_the_desk_docks_beside_the_board_and_may_float(rig: Rig) -> None:
    dock = rig.desk.dock
    assert rig.window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable
    rig.window.enter_full_screen()
    assert dock.isHidden()
    rig.window.leave_full_screen()
    assert not dock.isHidden()


def test_the_operator_dialog_wants_a_name(qtbot: QtBot) -> None:
    dialog = OperatorDialog("")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox)
    assert ok is not None
    button = ok.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    assert not button.isEnabled()
    key_clicks(qtbot, dialog.name, "  Ann Lee ")
    assert button.isEnabled()
    assert dialog.operator() == "Ann Lee"


def test_the_operator_dialog_says_what_the_name_is_for_and_when_it_rehearses(
    qtbot: QtBot,
) -> None:
    live = OperatorDialog("Ann")
    qtbot.addWidget(live)
    assert "audit log" in live.purpose.text()
    assert "signs every entry and call" in live.purpose.text()
    assert live.rehearsal.isHidden()
    assert live.windowTitle() == "Operator desk"

    rehearsal = OperatorDialog("Ann", rehearsal=True)
    qtbot.addWidget(rehearsal)
    text = rehearsal.rehearsal.text()
    assert not rehearsal.rehearsal.isHidden()
    assert text.startswith("Rehearsal: no feed was named")
    assert "2022 Los Angeles mayoral primary" in text
    assert "TEST DATA" in text
    assert "rehearsal" in rehearsal.windowTitle()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, "")),
        ("P2", ("p2", "")),
        ("precinct 2", ("p2", "")),
        ("  PRECINCT   2 ", ("p2", "")),
        ("cinct 3", ("p3", "")),
        ("cinct", (None, "3 precincts match: type more, or pick one with Down")),
        ("harbor", (None, "no precinct matches 'harbor'")),
    ],
)
def test_a_pick_is_an_id_a_name_or_the_only_match(
    text: str, expected: tuple[str | None, str]
) -> None:
    options = [("p1", "Precinct 1"), ("p2", "Precinct 2"), ("p3", "Precinct 3")]
    assert resolve_pick(text, options, "precinct") == expected


def test_two_options_with_one_name_are_not_guessed() -> None:
    options = [("x", "Same"), ("y", "Same")]
    assert resolve_pick("same", options, "precinct") == (
        None,
        "2 precincts have this name: pick one with Down",
    )
