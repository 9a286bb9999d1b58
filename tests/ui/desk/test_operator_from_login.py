"""On a server store the desk's operator is the database login, suggested first."""

from __future__ import annotations

import pytest

from electionboard import app
from electionboard.app import BoardOptions
from electionboard.ui.desk import operator_dialog


def test_a_headless_desk_signs_in_as_the_database_login() -> None:
    login = app._store_login("postgresql://ann@db.example/night")
    assert login == "ann"
    assert app._desk_operator(BoardOptions(), "offscreen", login) == "ann"
    assert app._store_login("/srv/electionboard/data") is None


def test_operator_named_on_the_command_line_wins() -> None:
    options = BoardOptions(operator=" Bob ")
    assert app._desk_operator(options, "offscreen", "ann") == "Bob"


def test_the_dialog_suggests_the_database_login(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def ask(suggested: str = "", *_args: object, **_kwargs: object) -> str:
        asked.append(suggested)
        return suggested

    monkeypatch.setattr(operator_dialog, "ask_operator", ask)
    assert app._desk_operator(BoardOptions(source="feed.json"), "xcb", "ann") == "ann"
    assert asked == ["ann"]
