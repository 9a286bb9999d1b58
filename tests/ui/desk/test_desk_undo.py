"""Undo and redo by their keys, the audit log on screen, and its CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from electionboard.store import ActionKind
from electionboard.ui.desk.audit_view import RECORD_ROLE
from tests.ui.desk.rig import Rig, type_in
from tests.ui.qtbot_typed import check_model, key_click, key_clicks

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def enter_p2(rig: Rig, votes: tuple[str, str, str] = ("100", "50", "20")) -> str:
    rig.desk.entry.race_picker.edit.setFocus()
    type_in(rig.qtbot, "mayor")
    type_in(rig.qtbot, "p2")
    type_in(rig.qtbot, votes[0])
    type_in(rig.qtbot, votes[1])
    return rig.settle(lambda: type_in(rig.qtbot, votes[2], then=Qt.Key.Key_Return))


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo_the_operators_action(
    rig: Rig,
) -> None:
    desk = rig.desk
    assert not desk.undo_action.isEnabled()
    enter_p2(rig)
    assert rig.votes("a") == "800"
    assert desk.undo_action.text() == "Undo entry Mayor · Precinct 2"
    assert desk.undo_action.toolTip() == "Undo (Ctrl+Z)\nentry Mayor · Precinct 2"
    assert desk.next_steps.text() == (
        "Ctrl+Z undoes: entry Mayor · Precinct 2 · Ctrl+Shift+Z redoes: nothing"
    )
    field = desk.entry.precinct_picker.edit  # the cursor is back in Precinct

    status = rig.settle(lambda: key_click(rig.qtbot, field, Qt.Key.Key_Z, CTRL))
    assert status == "Undid entry Mayor · Precinct 2 (action #2)"
    assert rig.votes("a") == "700"
    assert rig.live.manual_races == frozenset()
    assert desk.redo_action.text() == "Redo entry Mayor · Precinct 2"
    assert not desk.undo_action.isEnabled()

    status = rig.settle(lambda: key_click(rig.qtbot, field, Qt.Key.Key_Z, CTRL | SHIFT))
    assert status == "Redid entry Mayor · Precinct 2 (action #3)"
    assert rig.votes("a") == "800"
    with rig.store() as store:
        kinds = [r.kind for r in store.audit_log()]
    assert kinds == [ActionKind.ENTRY, ActionKind.UNDO, ActionKind.REDO]
    model = desk.audit.model
    assert model.rowCount() == 3
    assert model.index(1, 3).data() == "undo of #1"
    assert model.index(1, 5).data() == "Ana 100 · Bo 50 · Cy 20 (total 170)"
    assert model.index(1, 6).data() == ""


def test_a_field_keeps_ctrl_z_for_its_own_typing(rig: Rig) -> None:
    enter_p2(rig)
    field = rig.desk.entry.precinct_picker.edit
    key_clicks(rig.qtbot, field, "p3")
    key_click(rig.qtbot, field, Qt.Key.Key_Z, CTRL)
    assert field.text() == ""  # the typing was undone, not the entry
    assert not rig.desk.client.busy
    assert rig.desk.client.state is not None
    assert len(rig.desk.client.state.log) == 1


def test_the_audit_log_model_passes_the_model_tester(
    rig: Rig, qtmodeltester: ModelTester
) -> None:
    enter_p2(rig)
    rig.answers.will(True)
    rig.desk.calls.race_picker.set_current("mayor")
    rig.desk.calls.set_checked(["a"])
    rig.settle(rig.desk.calls.advance_button.click)
    model = rig.desk.audit.model
    check_model(qtmodeltester, model)
    assert model.rowCount() == 2
    assert model.index(1, 6).data() == "Ana advances"
    assert model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == (
        "After:\nAna 100 · Bo 50 · Cy 20 (total 170)"
    )
    assert model.index(1, 0).data(RECORD_ROLE).kind is ActionKind.CALL
    assert rig.desk.audit.count.text() == "2 actions in the log"


def test_the_audit_log_exports_as_csv_through_the_file_chooser(
    rig: Rig, tmp_path: Path
) -> None:
    enter_p2(rig)
    rig.files.to_save = tmp_path / "audit.csv"
    status = rig.settle(rig.desk.audit.export_button.click)
    assert status == f"Wrote 1 actions to {tmp_path / 'audit.csv'}"
    with (tmp_path / "audit.csv").open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["operator"], r["kind"], r["precinct_id"]) for r in rows] == [
        ("Ann", "entry", "p2")
    ]
