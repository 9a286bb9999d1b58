"""A colleague saves the precinct an operator has open: the desk asks before saving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from electionboard.model import CallOutcome
from tests.store.desk import night
from tests.ui.desk.rig import Rig, type_in
from tests.ui.desk.test_desk_calls import pick_race
from tests.ui.desk.test_desk_entry import pick
from tests.ui.desk.test_desk_import import GOOD


def _colleague_enters(rig: Rig, a: int) -> int:
    with rig.store() as store:
        saved = store.record_entry(
            "Bob", "mayor", "p2", {"a": a, "b": 1, "c": 1}, election=night()
        )
    return saved.id


def _colleague_calls(rig: Rig) -> None:
    with rig.store() as store:
        store.call_race(
            "Bob", "mayor", CallOutcome.ADVANCE, ["a", "c"], election=night()
        )


def _type_and_save(rig: Rig) -> str:
    type_in(rig.qtbot, "100")
    type_in(rig.qtbot, "50")
    return rig.settle(lambda: type_in(rig.qtbot, "20", then=Qt.Key.Key_Return))


def test_keeping_the_colleagues_figures_saves_nothing(rig: Rig) -> None:
    pick(rig, "may", "2")
    bobs = _colleague_enters(rig, 40)
    rig.answers.will(False)
    status = _type_and_save(rig)
    assert status == "Not saved: kept Bob's figures"
    question = rig.answers.asked[-1]
    assert question.title == "Another operator saved this precinct"
    assert "Bob saved Mayor · Precinct 2 at" in question.text
    assert f"(action #{bobs}): Ana 40, Bo 1, Cy 1 (42 votes)" in question.text
    with rig.store() as store:
        assert store.entries()[("mayor", "p2")].operator == "Bob"
        assert len(store.audit_log()) == 1


def test_replacing_them_saves_the_operators_figures_once_told(rig: Rig) -> None:
    pick(rig, "may", "2")
    _colleague_enters(rig, 40)
    rig.answers.will(True)
    status = _type_and_save(rig)
    assert status.startswith("Saved Mayor · Precinct 2: 170 votes")
    with rig.store() as store:
        entry = store.entries()[("mayor", "p2")]
        assert (entry.operator, entry.votes["a"]) == ("Ann", 100)
        assert [r.operator for r in store.audit_log()] == ["Bob", "Ann"]


def test_a_colleagues_call_made_meanwhile_is_replaced_only_when_told(
    rig: Rig,
) -> None:
    calls = rig.desk.calls
    pick_race(rig, "mayor")
    with rig.store() as store:
        store.call_race(
            "Bob", "mayor", CallOutcome.ADVANCE, ["a", "c"], election=night()
        )
    calls.set_checked(["a", "b"])
    rig.answers.will(True, False)  # call it; then keep Bob's call
    status = rig.settle(calls.advance_button.click)
    assert status == "Not saved: kept Bob's call"
    told = rig.answers.asked[-1]
    assert told.title == "Another desk changed this call"
    assert told.text.startswith("Bob made the desk's call in Mayor after you looked")
    with rig.store() as store:
        assert store.calls()["mayor"].candidate_ids == ("a", "c")

    with rig.store() as store:  # and again, now replacing it
        store.call_race(
            "Bob", "mayor", CallOutcome.ADVANCE, ["a", "c"], election=night()
        )
    rig.answers.will(True, True)
    status = rig.settle(calls.advance_button.click)
    assert status.startswith("Called Mayor: Ana and Bo advance")
    with rig.store() as store:
        assert store.calls()["mayor"].candidate_ids == ("a", "b")


def test_an_import_over_a_colleagues_entry_asks_and_keeping_saves_nothing(
    rig: Rig, tmp_path: Path
) -> None:
    path = tmp_path / "returns.csv"
    path.write_text(GOOD, encoding="utf-8")
    bobs = _colleague_enters(rig, 40)  # after the desk last looked
    rig.answers.will(False)
    status = rig.settle(lambda: rig.desk.import_box.import_file(path))
    assert status == "returns.csv not imported: the other operators' figures are kept"
    question = rig.answers.asked[-1]
    assert question.title == "Other operators saved these precincts"
    assert question.accept == "Replace with mine"
    assert "returns.csv has 1 precinct that another operator saved" in question.text
    assert "Bob saved Mayor · Precinct 2 at" in question.text
    assert f"(action #{bobs}): Ana 40, Bo 1, Cy 1 (42 votes)" in question.text
    with rig.store() as store:
        assert [r.operator for r in store.audit_log()] == ["Bob"]


def test_an_import_over_a_colleagues_entry_replaces_it_once_told(
    rig: Rig, tmp_path: Path
) -> None:
    path = tmp_path / "returns.csv"
    path.write_text(GOOD, encoding="utf-8")
    _colleague_enters(rig, 40)
    rig.answers.will(True)
    status = rig.settle(lambda: rig.desk.import_box.import_file(path))
    assert status.startswith("Imported 2 precincts from returns.csv")
    with rig.store() as store:
        entry = store.entries()[("mayor", "p2")]
        assert (entry.operator, entry.votes["a"]) == ("Ann", 100)
        assert [r.operator for r in store.audit_log()] == ["Bob", "Ann", "Ann"]
