"""Typing precinct figures like an operator: the board, the store and the log."""

from __future__ import annotations

from PySide6.QtCore import Qt

from electionboard.presentation.desk_form import check_form, merge_rule
from tests.store.desk import night
from tests.ui.desk.rig import Rig, focused, type_in
from tests.ui.qtbot_typed import key_click


def pick(rig: Rig, race: str, precinct: str) -> None:
    """Click into the race field and type both names, Tab after each."""
    panel = rig.desk.entry
    panel.race_picker.edit.setFocus()
    type_in(rig.qtbot, race)
    type_in(rig.qtbot, precinct)


def test_an_entry_typed_with_tab_and_enter_reaches_board_store_and_log(
    rig: Rig,
) -> None:
    panel = rig.desk.entry
    assert rig.votes("a") == "700"
    pick(rig, "may", "2")
    assert panel.race_picker.edit.text() == "Mayor"
    assert panel.precinct_picker.edit.text() == "Precinct 2"
    assert focused() is panel.field("a")
    assert panel.field_order() == ["a", "b", "c"]
    assert "500 registered" in panel.facts.text()
    type_in(rig.qtbot, "100")
    type_in(rig.qtbot, "50")
    status = rig.settle(lambda: type_in(rig.qtbot, "20", then=Qt.Key.Key_Return))

    assert status == "Saved Mayor · Precinct 2: 170 votes (action #1)"
    assert rig.votes("a") == "800"
    assert rig.live.manual_races == {"mayor"}
    assert not panel.manual_badge.isHidden()
    assert "INCLUDES DESK FIGURES" in rig.scene.flags_text()
    with rig.store() as store:
        entry = store.entries()[("mayor", "p2")]
        assert (dict(entry.votes), entry.operator) == (
            {"a": 100, "b": 50, "c": 20},
            "Ann",
        )
    model = rig.desk.audit.model
    assert model.rowCount() == 1
    assert model.index(0, 2).data() == "Ann"
    assert model.index(0, 3).data() == "entry"
    assert model.index(0, 4).data() == "Mayor · Precinct 2"
    assert model.index(0, 6).data() == "Ana 100 · Bo 50 · Cy 20 (total 170)"
    # Ready for the next precinct: fields cleared, the cursor in Precinct.
    assert panel.field("a").text() == ""
    assert focused() is panel.precinct_picker.edit


def test_every_rule_is_told_at_its_field_and_nothing_is_saved(rig: Rig) -> None:
    panel = rig.desk.entry
    pick(rig, "mayor", "precinct 2")
    type_in(rig.qtbot, "12.5")
    type_in(rig.qtbot, "-3")
    status = rig.settle(lambda: type_in(rig.qtbot, "", then=Qt.Key.Key_Return))
    assert status == "Not saved: fix the marked fields"
    assert panel.error_text("votes.a") == "votes must be whole numbers, got '12.5'"
    assert panel.error_text("votes.b") == "votes cannot be negative, got -3"
    assert panel.error_text("votes.c") == "missing: enter 0 for none"
    assert focused() is panel.field("a")

    for candidate_id, text in (("a", "400"), ("b", "100"), ("c", "1")):
        panel.field(candidate_id).setText(text)
    rig.settle(lambda: key_click(rig.qtbot, panel.field("c"), Qt.Key.Key_Return))
    assert panel.error_text("votes.a") == ""
    assert panel.error_text("votes") == "501 votes but only 500 registered voters"

    panel.race_picker.edit.setFocus()
    panel.race_picker.edit.clear()
    type_in(rig.qtbot, "senate")
    assert panel.error_text("race") == "no race matches 'senate'"
    panel.race_picker.edit.setFocus()
    panel.race_picker.edit.clear()
    type_in(rig.qtbot, "measure")
    type_in(rig.qtbot, "p9")
    assert panel.error_text("precinct") == "no precinct matches 'p9'"
    status = rig.settle(
        lambda: key_click(rig.qtbot, panel.field("yes"), Qt.Key.Key_Return)
    )
    assert status == "Not saved: pick a race and a precinct first"
    with rig.store() as store:
        assert store.audit_log() == []


def test_several_matches_are_never_guessed_between(rig: Rig) -> None:
    panel = rig.desk.entry
    pick(rig, "mayor", "precinct")
    assert panel.precinct_picker.current() is None
    assert panel.error_text("precinct") == (
        "3 precincts match: type more, or pick one with Down"
    )
    panel.precinct_picker.edit.setFocus()
    key_click(rig.qtbot, panel.precinct_picker.edit, Qt.Key.Key_Down)
    key_click(rig.qtbot, panel.precinct_picker.edit, Qt.Key.Key_Down)
    key_click(rig.qtbot, panel.precinct_picker.edit, Qt.Key.Key_Return)
    assert panel.precinct_picker.current() == "p2"
    assert focused() is panel.field("a")


def test_a_lower_total_is_saved_only_after_confirming_the_drop(rig: Rig) -> None:
    panel = rig.desk.entry
    pick(rig, "mayor", "2")
    for text in ("100", "50"):
        type_in(rig.qtbot, text)
    rig.settle(lambda: type_in(rig.qtbot, "20", then=Qt.Key.Key_Return))

    type_in(rig.qtbot, "2")  # the same precinct again: its entry fills the fields
    assert [panel.field(c).text() for c in "abc"] == ["100", "50", "20"]
    assert "MANUAL: 170 votes by Ann" in panel.facts.text()
    panel.field("a").selectAll()
    rig.answers.will(False)
    status = rig.settle(lambda: type_in(rig.qtbot, "90", then=Qt.Key.Key_Return))
    (question,) = rig.answers.asked
    assert "from 170 to 160 votes (10 fewer)" in question.text
    assert question.risky
    assert status == "Correction not saved"
    assert panel.error_text("votes") == (
        "not saved: the total would fall from 170 to 160"
    )
    with rig.store() as store:
        assert len(store.audit_log()) == 1
    assert rig.votes("a") == "800"

    rig.answers.will(True)
    status = rig.settle(
        lambda: key_click(rig.qtbot, panel.field("a"), Qt.Key.Key_Return)
    )
    assert status.startswith("Saved Mayor · Precinct 2: 160 votes")
    assert rig.votes("a") == "790"
    with rig.store() as store:
        log = store.audit_log()
    assert len(log) == 2
    assert log[1].before is not None
    assert '"a":100' in log[1].before


def test_release_hands_the_precinct_back_to_the_feed(rig: Rig) -> None:
    panel = rig.desk.entry
    pick(rig, "mayor", "1")
    for text in ("800", "450"):
        type_in(rig.qtbot, text)
    rig.settle(lambda: type_in(rig.qtbot, "120", then=Qt.Key.Key_Return))
    assert rig.votes("a") == "800"
    type_in(rig.qtbot, "1")
    assert panel.release_button.isEnabled()
    rig.answers.will(True)
    status = rig.settle(panel.release_button.click)
    assert "back to the feed" not in status
    assert status.startswith("Released Mayor · Precinct 1 to the feed")
    assert "1,370 votes" in rig.answers.asked[0].text
    assert rig.votes("a") == "700"
    assert rig.live.manual_races == frozenset()
    assert panel.manual_badge.isHidden()
    assert not panel.release_button.isEnabled()


def test_the_merge_rule_is_stated_in_the_panel(rig: Rig) -> None:
    assert rig.desk.entry.rule.text() == merge_rule(release_when_feed_reports=False)
    assert "until you release them" in merge_rule(release_when_feed_reports=False)
    assert "until the feed reports" in merge_rule(release_when_feed_reports=True)


def test_the_form_check_runs_the_store_rules_and_the_text_rule() -> None:
    election = night()
    votes, problems = check_form(
        election, "mayor", "p2", {"a": " 7 ", "b": "x", "c": "1"}
    )
    assert votes == {"a": 7, "c": 1}
    assert problems == {"votes.b": "votes must be whole numbers, got 'x'"}
    _, problems = check_form(election, "nope", "p2", {"a": "1"})
    assert problems == {"race": "no race 'nope' in this feed"}
