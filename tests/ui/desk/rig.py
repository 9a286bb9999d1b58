"""Desk test helpers: a desk on a real store, in a board built as users run it.

The board comes from the composition root (``app.build_board``), so the desk
shares the one bridge with program and preview. Confirmations and file choices
are answered by scripted stand-ins; the desk thread runs for real and is stopped
and checked by ``close_desk``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, RunningBoard, build_board
from electionboard.app import shut_down_board as shut_down
from electionboard.model import Election
from electionboard.model.live import LiveResults
from electionboard.settings import Settings
from electionboard.store import DeskStore, PostgresDeskStore, SqliteDeskStore
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.controller import BoardController
from electionboard.ui.desk.desk import Desk
from electionboard.ui.desk.prompts import Confirmation
from electionboard.ui.poller import run_synchronously
from electionboard.ui.window import BoardWindow
from tests.store.desk import Clock, night
from tests.ui.qtbot_typed import key_click, key_clicks


class Answers:
    """A Confirmer that answers from a script and remembers every question."""

    def __init__(self) -> None:
        self.asked: list[Confirmation] = []
        self.script: list[bool] = []

    def __call__(self, question: Confirmation) -> bool:
        self.asked.append(question)
        if not self.script:
            raise AssertionError(f"unexpected question: {question.title}")
        return self.script.pop(0)

    def will(self, *replies: bool) -> None:
        """Answer the next questions so."""
        self.script.extend(replies)


@dataclass
class Files:
    """A FileChooser that returns preset paths."""

    to_open: Path | None = None
    to_save: Path | None = None

    def open_csv(self, _title: str) -> Path | None:
        return self.to_open

    def save_csv(self, _title: str, _suggested: str) -> Path | None:
        return self.to_save


@dataclass
class Rig:
    """A desk, the board it feeds, and the test's hands on both."""

    desk: Desk
    window: BoardWindow
    live: LiveResults
    scene: BoardScene
    controller: BoardController
    answers: Answers
    files: Files
    data_dir: Path
    qtbot: QtBot
    board: RunningBoard

    def settle(self, act: Callable[[], object], timeout: int = 5000) -> str:
        """Do ``act`` and wait for the desk to say what became of it."""
        with self.qtbot.waitSignal(self.desk.action_settled, timeout=timeout) as got:
            act()
        return str(got.args[0])

    def store(self) -> SqliteDeskStore:
        """A second connection to the desk's data, as another reader would open."""
        return SqliteDeskStore(self.data_dir)

    def votes(self, candidate_id: str) -> str:
        """What the board shows for a candidate of the race on air."""
        self.scene.finish_animation()
        return self.scene.row(candidate_id).texts()["votes"]

    def banner(self) -> tuple[str, str]:
        """The board's banner lines."""
        self.scene.finish_animation()
        return self.scene.banner_texts()


def focused() -> QWidget:
    """The widget with keyboard focus, where an operator's keys go."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_in(qtbot: QtBot, text: str, then: Qt.Key | None = Qt.Key.Key_Tab) -> None:
    """Type into the focused widget, then press ``then`` (Tab by default)."""
    if text:
        key_clicks(qtbot, focused(), text)
    if then is not None:
        key_click(qtbot, focused(), then)


def open_desk(
    qtbot: QtBot,
    data_dir: Path,
    operator: str,
    *,
    election: Election | None = None,
    poll_seconds: float = 2.0,
    settings: Settings | None = None,
    store_url: str | None = None,
) -> Rig:
    """A started desk with the election on the board and the store read.

    ``store_url`` puts the desk on a PostgreSQL store instead of the folder.
    """
    answers, files = Answers(), Files()
    open_store: Callable[[], DeskStore] = functools.partial(
        SqliteDeskStore, data_dir, clock=Clock()
    )
    if store_url is not None:
        open_store = functools.partial(PostgresDeskStore, store_url, clock=Clock())
    board = build_board(
        BoardOptions(),
        settings or Settings(),
        operator=operator,
        data_dir=data_dir,
        hooks=Hooks(
            executor=run_synchronously,
            open_store=open_store,
            confirm=answers,
            files=files,
            ask_name=_no_names,
            desk_poll_seconds=poll_seconds,
        ),
    )
    qtbot.addWidget(board.window)
    board.live.apply_snapshot(election or night())
    desk = board.desk
    with qtbot.waitSignal(desk.client.state_changed, timeout=5000):
        desk.start()
    return Rig(
        desk,
        board.window,
        board.live,
        board.scene,
        board.controller,
        answers,
        files,
        data_dir,
        qtbot,
        board,
    )


def _no_names(title: str, _question: str) -> str | None:
    raise AssertionError(f"unexpected name prompt: {title}")


def close_desk(rig: Rig) -> None:
    """Stop the desk thread and the board; fail if the thread outlives it."""
    assert shut_down(rig.board)
    assert not rig.desk.client.running
    assert rig.answers.script == [], "scripted answers were never asked for"
