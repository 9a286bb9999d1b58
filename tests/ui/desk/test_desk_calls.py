"""Race calls from the desk: confirmations, the engine's verdict, the banner."""

from __future__ import annotations

from electionboard.model import CallOutcome
from tests.ui.desk.rig import Rig


def pick_race(rig: Rig, text: str) -> None:
    rig.desk.tabs.setCurrentWidget(rig.desk.calls)
    picker = rig.desk.calls.race_picker
    picker.edit.setText(text)
    picker.commit()


def test_a_call_reaches_the_banner_signed_and_a_retraction_takes_it_back(
    rig: Rig,
) -> None:
    calls = rig.desk.calls
    pick_race(rig, "mayor")
    assert calls.now.text() == "Not called."
    assert calls.rule.text() == "Top two advance to the general election"
    assert rig.banner()[0] == "TOO EARLY TO CALL"
    calls.set_checked(["a", "b"])
    rig.answers.will(True)
    status = rig.settle(calls.advance_button.click)
    assert status == "Called Mayor: Ana and Bo advance (action #1)"
    (question,) = rig.answers.asked
    assert question.text.startswith("Mayor: Ana and Bo advance.")
    assert "The engine says:\nAna: undecided" in question.text
    assert "credited to the decision desk" in question.text
    assert "Ann's" in question.text
    headline, detail = rig.banner()
    assert headline == "ANA AND BO ADVANCE"
    # On air the decision desk calls it; the desk (and audit log) name Ann.
    assert detail.startswith("Called by Decision Desk at ")
    assert calls.now.text().startswith("Desk call: Ana and Bo advance, by Ann at ")
    assert calls.checked() == []
    with rig.store() as store:
        assert store.calls()["mayor"].candidate_ids == ("a", "b")

    rig.answers.will(True)
    status = rig.settle(calls.retract_button.click)
    assert status == "Retracted the desk's call in Mayor (action #2)"
    assert "Ana and Bo advance, by Ann" in rig.answers.asked[-1].text
    assert rig.banner()[0] == "TOO EARLY TO CALL"
    assert calls.now.text() == "Not called."
    assert not calls.retract_button.isEnabled()


def test_too_close_is_marked_on_the_banner(rig: Rig) -> None:
    pick_race(rig, "mayor")
    rig.answers.will(True)
    status = rig.settle(rig.desk.calls.close_button.click)
    assert status == "Marked Mayor too close to call (action #1)"
    assert rig.banner() == ("TOO CLOSE TO CALL", "Marked too close by Decision Desk")


def test_a_cancelled_confirmation_saves_nothing(rig: Rig) -> None:
    calls = rig.desk.calls
    pick_race(rig, "mayor")
    calls.set_checked(["a"])
    rig.answers.will(False)
    assert rig.settle(calls.advance_button.click) == "Call cancelled"
    assert calls.checked() == ["a"]
    with rig.store() as store:
        assert store.audit_log() == []
    assert rig.banner()[0] == "TOO EARLY TO CALL"


def test_a_call_the_rules_forbid_asks_nothing(rig: Rig) -> None:
    calls = rig.desk.calls
    pick_race(rig, "sheriff")
    assert not calls.advance_button.isEnabled()
    calls.set_checked(["dee", "eve"])
    status = rig.settle(calls.win_button.click)
    assert status == "Not called: see the message under the list"
    assert calls.message_text() == "a win names exactly one candidate"
    assert rig.answers.asked == []


def test_calling_a_candidate_the_math_eliminated_takes_a_second_yes(
    rig: Rig,
) -> None:
    calls = rig.desk.calls
    rig.controller.select_race("sheriff")
    pick_race(rig, "sheriff")
    assert [row[:4] for row in calls.rows()] == [
        ("Dee", "600", "66.7%", "wins"),
        ("Eve", "300", "33.3%", "eliminated"),
    ]
    assert calls.engine.text().startswith("The engine: ")
    assert rig.banner()[0] == "DEE WINS"  # the math alone, not a call

    calls.set_checked(["eve"])
    rig.answers.will(True, False)
    status = rig.settle(calls.win_button.click)
    assert status == "Call cancelled: the math has eliminated Eve"
    first, second = rig.answers.asked
    assert "Eve: eliminated" in first.text
    assert second.title == "Call against the math?"
    assert second.risky
    with rig.store() as store:
        assert store.audit_log() == []

    rig.answers.will(True, True)
    status = rig.settle(calls.win_button.click)
    assert status == "Called Sheriff: Eve wins (action #1)"
    assert rig.banner()[0] == "EVE WINS"
    with rig.store() as store:
        call = store.calls()["sheriff"]
    assert (call.outcome, call.candidate_ids, call.by) == (
        CallOutcome.WON,
        ("eve",),
        "Ann",
    )


def test_the_calls_panel_follows_the_race_picked_for_entry(rig: Rig) -> None:
    rig.desk.entry.race_picker.set_current("measure")
    assert rig.desk.calls.race_picker.current() == "measure"
    rig.desk.calls.race_picker.set_current("mayor")
    assert rig.desk.entry.race_picker.current() == "mayor"


def test_unsaved_figures_keep_the_entry_panel_on_its_race(rig: Rig) -> None:
    entry = rig.desk.entry
    entry.race_picker.set_current("measure")
    entry.field("yes").setText("5")
    rig.desk.calls.race_picker.set_current("mayor")
    assert entry.race_picker.current() == "measure"
    assert entry.field("yes").text() == "5"
