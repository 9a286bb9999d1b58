"""CSV imports from the desk: refused whole with every bad line, or applied whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.desk.rig import Rig
from tests.ui.qtbot_typed import key_click

GOOD = """race,precinct,candidate,votes
Mayor,Precinct 2,Ana,100
Mayor,Precinct 2,Bo,50
Mayor,Precinct 2,Cy,20
mayor,p3,a,10
mayor,p3,b,10
mayor,p3,c,10
"""

BAD = """race,precinct,candidate,votes
Mayor,Precinct 2,Ana,100
Mayor,Precinct 2,Bo,lots
Mayor,Precinct 2,Cy,20
Senate,Precinct 2,Ana,1
mayor,p3,a,-10
mayor,p3,b,10
mayor,p3,c,10
"""


def test_a_file_with_bad_lines_is_refused_whole_with_all_of_them_listed(
    rig: Rig, tmp_path: Path
) -> None:
    rig.files.to_open = tmp_path / "returns.csv"
    rig.files.to_open.write_text(BAD, encoding="utf-8")
    status = rig.settle(rig.desk.import_box.button.click)
    assert status == "returns.csv not imported: 3 problems, listed under Import"
    assert rig.desk.import_box.problems_text() == (
        "returns.csv was not imported; nothing was saved. 3 problems:\n"
        "line 3: Mayor · Precinct 2: Bo: votes must be whole numbers, got 'lots'\n"
        "line 5: no race 'Senate'\n"
        "line 6: Mayor · Precinct 3: Ana: votes cannot be negative, got -10"
    )
    assert rig.votes("a") == "700"
    with rig.store() as store:
        assert store.audit_log() == []


def test_a_good_file_is_applied_whole_and_one_undo_takes_it_back(
    rig: Rig, tmp_path: Path
) -> None:
    path = tmp_path / "returns.csv"
    path.write_text(GOOD, encoding="utf-8")
    status = rig.settle(lambda: rig.desk.import_box.import_file(path))
    assert status == (
        "Imported 2 precincts from returns.csv (actions #1 to #2); "
        "one undo takes the whole import back"
    )
    assert rig.desk.import_box.problems_text() == ""
    assert rig.votes("a") == "810"
    assert rig.desk.undo_action.text() == (
        "Undo import of 2 precincts (import returns.csv)"
    )
    window = rig.window
    status = rig.settle(
        lambda: key_click(
            rig.qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
        )
    )
    assert status.startswith("Undid import of 2 precincts")
    assert rig.votes("a") == "700"
    with rig.store() as store:
        assert store.entries() == {}


def test_a_file_that_lowers_a_total_asks_first(rig: Rig, tmp_path: Path) -> None:
    path = tmp_path / "returns.csv"
    path.write_text(GOOD, encoding="utf-8")
    rig.settle(lambda: rig.desk.import_box.import_file(path))
    path.write_text(GOOD.replace("Ana,100", "Ana,90"), encoding="utf-8")
    rig.answers.will(False)
    assert rig.settle(lambda: rig.desk.import_box.import_file(path)) == (
        "returns.csv not imported"
    )
    assert "line 2: Mayor · Precinct 2: 170 to 160 (10 fewer)" in (
        rig.answers.asked[0].text
    )
    rig.answers.will(True)
    status = rig.settle(lambda: rig.desk.import_box.import_file(path))
    assert status.startswith("Imported 2 precincts")
    assert rig.votes("a") == "800"
