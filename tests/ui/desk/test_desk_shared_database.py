"""Two desks with their boards on one PostgreSQL database: pushed, never polled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.store import AuditRecord, DeskStore
from tests.store.desk import night
from tests.ui.desk.rig import Rig, close_desk, open_desk

PUSH_MS = 5000
"""Generous: the desks never poll (an hour between polls), so anything seen at
all was pushed. The one-second p99 is measured in bench/, not here."""


@pytest.fixture
def two_desks(qtbot: QtBot, tmp_path: Path, pg_url: str) -> Iterator[tuple[Rig, Rig]]:
    # Desk polls of an hour: anything seen within a second was pushed.
    ann = open_desk(qtbot, tmp_path / "a", "Ann", store_url=pg_url, poll_seconds=3600)
    bob = open_desk(qtbot, tmp_path / "b", "Bob", store_url=pg_url, poll_seconds=3600)
    yield ann, bob
    close_desk(ann)
    close_desk(bob)


def test_an_entry_at_one_desk_is_pushed_to_the_other_board(
    qtbot: QtBot, two_desks: tuple[Rig, Rig]
) -> None:
    ann, bob = two_desks
    qtbot.waitUntil(
        lambda: bob.desk.connection.text().startswith("Database: connected")
    )
    assert bob.votes("a") == "700"
    saved: list[AuditRecord] = []

    def enter(store: DeskStore) -> AuditRecord:
        return store.record_entry(
            "Ann", "mayor", "p1", {"a": 900, "b": 434, "c": 100}, election=night()
        )

    ann.desk.client.submit(enter, saved.append)
    qtbot.waitUntil(lambda: bob.votes("a") == "900", timeout=PUSH_MS)
    qtbot.waitUntil(lambda: bool(saved), timeout=PUSH_MS)  # Ann's reply, in its turn
    assert bob.live.manual_races == {"mayor"}
