"""The desk on the board's one bridge: one refresh per change, one subscriber."""

from __future__ import annotations

import pytest

from electionboard.model import CallOutcome
from electionboard.presentation.desk_state import DeskView
from tests.ui.desk.rig import Rig
from tests.ui.desk.test_desk_calls import pick_race


def test_the_desk_refreshes_once_per_change(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    views: list[DeskView] = []
    show_view = rig.desk.audit.show_view

    def counted(view: DeskView) -> None:
        views.append(view)
        show_view(view)

    monkeypatch.setattr(rig.desk.audit, "show_view", counted)
    states: list[object] = []
    rig.desk.client.state_changed.connect(states.append)
    pick_race(rig, "mayor")
    views.clear()
    rig.desk.calls.set_checked(["a", "b"])
    rig.answers.will(True)
    with rig.qtbot.waitSignal(rig.desk.client.state_changed, timeout=5000):
        rig.settle(rig.desk.calls.advance_button.click)
    # The call moved the board (the bridge told the desk) and nothing else did.
    assert states
    assert len(views) == len(states)
    assert rig.live.race_standings("mayor") is not None
    assert views[-1].standings["mayor"].call is not None
    assert views[-1].standings["mayor"].call.outcome is CallOutcome.ADVANCE


def test_program_preview_and_desk_share_one_bridge(rig: Rig) -> None:
    board = rig.board
    assert board.controller.bridge is board.bridge
    assert board.studio.preview.bridge is board.bridge
    assert board.desk.bridge is board.bridge
    assert board.controller.monitor is board.monitor
    assert board.studio.preview.monitor is None  # STALE is the program's alone
