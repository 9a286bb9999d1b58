"""Pruning a real folder: only archive copies go, held files wait, frames by race."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from electionboard.model.naming import stable_name, timestamped_name
from electionboard.model.retention import Retention
from electionboard.store.archives import free_bytes, prune_archives, prune_frames

START = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"x" * 1000


def fill(folder: Path, race_id: str, count: int) -> list[Path]:
    paths = []
    for minute in range(count):
        moment = START + dt.timedelta(minutes=minute)
        path = folder / timestamped_name(race_id, moment)
        path.write_bytes(PNG)
        paths.append(path)
    return paths


def test_only_archive_copies_past_the_rule_are_removed(tmp_path: Path) -> None:
    stable = tmp_path / stable_name("board", "r1")
    stable.write_bytes(PNG)
    tricky = tmp_path / stable_name("board", "x_20220608T040000Z")
    tricky.write_bytes(PNG)  # a race id that looks like a stamp
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    copies = fill(tmp_path, "r1", 6)
    removed = prune_archives(tmp_path, Retention(count=2), START)
    assert removed == copies[:4]
    assert sorted(tmp_path.iterdir()) == sorted([stable, tricky, other, *copies[4:]])


def test_a_reader_holding_a_copy_open_still_reads_it_whole(tmp_path: Path) -> None:
    copies = fill(tmp_path, "r1", 4)
    with copies[0].open("rb") as held:
        removed = prune_archives(tmp_path, Retention(count=1), START)
        assert copies[0] in removed
        assert held.read() == PNG  # POSIX: the open file stays readable
    assert sorted(tmp_path.iterdir()) == [copies[-1]]


def test_a_file_that_cannot_be_removed_yet_goes_next_time(tmp_path: Path) -> None:
    # Windows refuses to delete a file a reader holds open.
    copies = fill(tmp_path, "r1", 4)
    held = {copies[1]}

    def unlink(path: Path) -> None:
        if path in held:
            raise PermissionError(13, "The process cannot access the file")
        path.unlink()

    removed = prune_archives(tmp_path, Retention(count=1), START, unlink=unlink)
    assert removed == [copies[0], copies[2]]
    assert sorted(tmp_path.iterdir()) == [copies[1], copies[3]]
    held.clear()
    assert prune_archives(tmp_path, Retention(count=1), START, unlink=unlink) == [
        copies[1]
    ]


def test_a_missing_folder_prunes_nothing(tmp_path: Path) -> None:
    assert prune_archives(tmp_path / "gone", Retention(count=1), START) == []


def test_kept_frames_of_races_no_longer_held_are_removed(tmp_path: Path) -> None:
    names = [stable_name("program", r) for r in ("r1", "r2", "Measure/A")]
    for name in names:
        (tmp_path / name).write_bytes(PNG)
    (tmp_path / "on_air.json").write_text("{}")
    removed = prune_frames(tmp_path, "program", {"r2", "Measure/A"})
    assert removed == [tmp_path / names[0]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*names[1:], "on_air.json"]
    )


def test_free_bytes_reads_the_real_disk(tmp_path: Path) -> None:
    assert free_bytes(tmp_path) > 0
