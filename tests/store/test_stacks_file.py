"""Stacks and the on-air state on disk: round trip, atomic writes, bad files."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from electionboard.model.rundown import OnAirState
from electionboard.model.screens import ScreenKind, ScreenOptions, TrendMeasure
from electionboard.model.stacks import Stack, StackBook, StackEntry
from electionboard.store import stacks_file as sf

BOOK = StackBook(
    (
        Stack(
            "Evening",
            (
                StackEntry("mayor"),
                StackEntry("council", theme="light", max_rows=5, dwell=8.0),
                StackEntry(
                    "",
                    screen=ScreenKind.BIG_BOARD,
                    options=ScreenOptions(races=("mayor", "council"), grid=4),
                ),
                StackEntry(
                    "mayor",
                    screen=ScreenKind.TREND,
                    options=ScreenOptions(measure=TrendMeasure.VOTES),
                ),
                StackEntry(
                    "",
                    screen=ScreenKind.BALANCE,
                    options=ScreenOptions(
                        office="U.S. House",
                        state="FL",
                        seats_needed=14,
                        chamber="Florida's House seats",
                        electoral=True,
                    ),
                ),
                StackEntry(
                    "",
                    screen=ScreenKind.LOWER_THIRD,
                    options=ScreenOptions(l_bar=True, race_dwell=4.0, speed=90.0),
                ),
            ),
            dwell=12.0,
            loop=False,
        ),
        Stack("Late"),
    )
)
STATE = OnAirState(
    stack="Evening",
    on_air=StackEntry("council", theme="light", max_rows=5, dwell=8.0),
    program=1,
    preview=None,
    cued=StackEntry("sheriff"),
    locked=True,
    auto_advance=True,
)


def test_stacks_and_state_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "studio"
    assert sf.load_stacks(folder) == StackBook()
    assert sf.load_on_air(folder) == OnAirState()
    sf.save_stacks(folder, BOOK)
    sf.save_on_air(folder, STATE)
    assert sf.load_stacks(folder) == BOOK
    assert sf.load_on_air(folder) == STATE


def test_files_carry_their_schema_version(tmp_path: Path) -> None:
    sf.save_stacks(tmp_path, BOOK)
    sf.save_on_air(tmp_path, STATE)
    for name in (sf.STACKS_FILE, sf.ON_AIR_FILE):
        document = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert document["schema_version"] == sf.SCHEMA_VERSION


def test_a_write_that_fails_leaves_the_old_file_whole(tmp_path: Path) -> None:
    sf.save_stacks(tmp_path, BOOK)
    before = (tmp_path / sf.STACKS_FILE).read_bytes()
    # A directory where the file must go makes the rename fail after the write.
    blocked = tmp_path / "blocked"
    (blocked / sf.STACKS_FILE).mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        sf.save_stacks(blocked, BOOK)
    assert [p.name for p in blocked.iterdir()] == [sf.STACKS_FILE]  # no temp left
    sf.save_stacks(tmp_path, StackBook((Stack("Other"),)))
    assert (tmp_path / sf.STACKS_FILE).read_bytes() != before
    assert sf.load_stacks(tmp_path).names() == ["Other"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", sf.STACKS_FILE]


def test_readers_only_ever_see_whole_files(tmp_path: Path) -> None:
    big = StackBook(
        tuple(
            Stack(f"S{i}", tuple(StackEntry(f"r{j}") for j in range(50)))
            for i in range(20)
        )
    )
    small = StackBook((Stack("Small"),))
    path = tmp_path / sf.STACKS_FILE
    for turn in range(30):
        sf.save_stacks(tmp_path, big if turn % 2 else small)
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["schema_version"] == sf.SCHEMA_VERSION
    # The replacement is a rename: the file's inode changes with every save.
    inode = os.stat(path).st_ino
    sf.save_stacks(tmp_path, small)
    assert os.stat(path).st_ino != inode


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"schema_version": 99, "stacks": []}',
        '{"schema_version": 1, "stacks": [{"name": ""}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "entries": [{}]}]}',
        '{"schema_version": 1, "stacks": [{"name": "A"}, {"name": "A"}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "dwell": "long"}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "entries": '
        '[{"race_id": "", "screen": "race"}]}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "entries": '
        '[{"race_id": "m", "screen": "hologram"}]}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "entries": '
        '[{"race_id": "", "screen": "bigboard", "options": {"grid": 7}}]}]}',
        '{"schema_version": 1, "stacks": [{"name": "A", "entries": '
        '[{"race_id": "", "screen": "bigboard", "options": {"colour": 1}}]}]}',
    ],
)
def test_a_bad_stacks_file_gives_defaults_a_warning_and_a_kept_copy(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / sf.STACKS_FILE).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=sf.__name__):
        assert sf.load_stacks(tmp_path) == StackBook()
    assert "ignoring" in caplog.text
    assert (tmp_path / (sf.STACKS_FILE + sf.BAD_SUFFIX)).read_text(
        encoding="utf-8"
    ) == text


def test_a_bad_on_air_file_means_nothing_on_air(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / sf.ON_AIR_FILE).write_text(
        '{"schema_version": 1, "program": "two"}', encoding="utf-8"
    )
    with caplog.at_level(logging.WARNING, logger=sf.__name__):
        assert sf.load_on_air(tmp_path) == OnAirState()
    assert "malformed" in caplog.text
