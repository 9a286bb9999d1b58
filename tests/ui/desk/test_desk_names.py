"""The desk names races by their names, also when the feed answers after the store."""

from __future__ import annotations

import functools
from pathlib import Path

from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, build_board, shut_down_board
from electionboard.model import CallOutcome
from electionboard.settings import Settings
from electionboard.store import SqliteDeskStore
from electionboard.ui.poller import run_synchronously
from tests.store.desk import Clock, night
from tests.ui.desk.rig import Answers


def test_a_restarted_desk_renames_its_undo_words_when_the_feed_answers(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with SqliteDeskStore(data, clock=Clock()) as store:
        store.call_race(
            "Ann", "mayor", CallOutcome.ADVANCE, ("a", "b"), election=night()
        )

    # The app starts again: the store's state arrives before the feed's first answer.
    board = build_board(
        BoardOptions(),
        Settings(),
        operator="Ann",
        data_dir=data,
        hooks=Hooks(
            executor=run_synchronously,
            open_store=functools.partial(SqliteDeskStore, data, clock=Clock()),
            confirm=Answers(),
        ),
    )
    qtbot.addWidget(board.window)
    desk = board.desk
    with qtbot.waitSignal(desk.client.state_changed, timeout=5000):
        desk.start()
    assert desk.undo_action.text() == "Undo call mayor"  # no names yet: the id

    board.live.apply_snapshot(night())
    assert desk.undo_action.text() == "Undo call Mayor"
    assert desk.next_steps.text() == (
        "Ctrl+Z undoes: call Mayor · Ctrl+Shift+Z redoes: nothing"
    )
    assert "mayor" not in desk.next_steps.text()
    audit = desk.audit.model
    assert audit.data(audit.index(0, 4)) == "Mayor"
    assert shut_down_board(board)
