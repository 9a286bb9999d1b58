"""The desk's words for a colleague's entry, the database's state, and refusals."""

from __future__ import annotations

import datetime as dt

from electionboard.presentation.desk_wording import (
    NameBook,
    conflict_text,
    connection_words,
    not_saved,
)
from tests.store.desk import desk_election


def test_a_colleagues_entry_is_named_with_who_what_and_when() -> None:
    names = NameBook(desk_election(), dt.timezone(dt.timedelta(hours=-7)))
    text = conflict_text(
        "mayor",
        "p2",
        "Bob",
        dt.datetime(2022, 6, 8, 4, 2, tzinfo=dt.UTC),
        {"a": 40, "b": 1, "c": 1},
        12,
        names,
    )
    assert text == (
        "Bob saved Mayor · Precinct 2 at 9:02 PM (action #12): Ana 40, Bo 1, Cy 1 "
        "(42 votes)."
    )


def test_the_database_line_says_what_to_expect() -> None:
    assert connection_words(up=True).startswith("Database: connected")
    down = connection_words(up=False)
    assert "Nothing is saved until it answers" in down
    assert "what you type stays" in down


def test_not_saved_is_said_once() -> None:
    assert not_saved("a bad count") == "Not saved: a bad count"
    reason = "not saved: the database is unreachable at postgresql://u:***@h/n"
    assert not_saved(reason) == (
        "Not saved: the database is unreachable at postgresql://u:***@h/n"
    )
