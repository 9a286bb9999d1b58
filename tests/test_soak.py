"""Soak: replay the whole night many times with auto-export on; nothing grows.

Marked slow, so `make test` skips it; run it with `make soak` (SOAK_LOOPS sets
how many nights, default 5). It prints memory, file handles, threads and Qt
objects at the start and the end, and fails if they do not stay flat; and the
watch folder's file count and size, failing if they grow past what the
retention rule allows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, build_board, shut_down_board
from electionboard.model import Election
from electionboard.model.naming import parse_archive
from electionboard.model.retention import DEFAULT_RETENTION
from electionboard.resource_paths import sample_snapshots
from electionboard.settings import Settings
from electionboard.sources import load_election
from electionboard.sources.polling import PollJob, PollOk, PollOutcome
from electionboard.ui.poller import run_synchronously
from electionboard.ui.watch_folder import WatchFolderExporter

pytestmark = pytest.mark.slow


class EndlessNight:
    """The sample night over and over, each answer newer than the last."""

    def __init__(self, snapshots: list[Election]) -> None:
        self._snapshots = snapshots
        self._count = 0
        self._latest = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        self.label = "soak"

    def prepare(self, sequence: int) -> PollJob:
        base = self._snapshots[self._count % len(self._snapshots)]
        moment = dt.datetime(2030, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            minutes=self._count
        )
        election = dataclasses.replace(base, updated=moment)
        self._count += 1
        self._latest = moment
        return functools.partial(_ok, sequence, election)

    def now(self) -> dt.datetime:
        """This machine's clock on the night: its latest answer's stamp.

        Stamped years ahead of the real clock, the answers would be refused.
        """
        return self._latest

    def settle(self, outcome: PollOutcome) -> None:
        """Nothing to remember."""


def _ok(sequence: int, election: Election) -> PollOutcome:
    return PollOk(sequence, election, dt.datetime.now(dt.UTC))


def _usage() -> dict[str, int]:
    gc.collect()
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return {
        "rss_kib": pages * os.sysconf("SC_PAGE_SIZE") // 1024,
        "open_files": len(os.listdir("/proc/self/fd")),
        "threads": threading.active_count(),
        "python_objects": len(gc.get_objects()),
    }


def _folder(folder: Path) -> dict[str, int]:
    files = list(folder.glob("*.png"))
    per_race: dict[str, int] = {}
    for path in files:
        archive = parse_archive(path.name)
        if archive is not None:
            per_race[archive.stem] = per_race.get(archive.stem, 0) + 1
    return {
        "files": len(files),
        "kib": sum(path.stat().st_size for path in files) // 1024,
        "races": len(per_race),
        "most_archives_of_a_race": max(per_race.values(), default=0),
    }


def _ticking_clock() -> functools.partial[dt.datetime]:
    """One second per archive name, so every write is a new archive copy."""
    return functools.partial(next, _moments())


def _moments() -> Iterator[dt.datetime]:
    moment = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    while True:
        yield moment
        moment += dt.timedelta(seconds=1)


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_a_long_night_stays_flat(qtbot: QtBot, tmp_path: Path) -> None:
    loops = int(os.environ.get("SOAK_LOOPS", "5"))
    snapshots = [load_election(str(path)) for path in sample_snapshots()]
    night = EndlessNight(snapshots)
    board = build_board(
        BoardOptions(interval=3600),
        Settings(),
        operator="Ann",
        data_dir=tmp_path / "data",
        hooks=Hooks(source=night, executor=run_synchronously, clock=night.now),
    )
    qtbot.addWidget(board.window)
    scene, poller = board.scene, board.poller
    rule = DEFAULT_RETENTION
    # Its own watch folder: one archive name a second needs a ticking clock.
    watch = WatchFolderExporter(
        scene, tmp_path, retention=rule, interval_ms=0, clock=_ticking_clock()
    )
    written: list[list[Path]] = []
    watch.written.connect(written.append)
    poller.start()

    def one_night() -> None:
        for _ in range(len(snapshots)):
            poller.poll_now()
            scene.finish_animation()
            qtbot.waitUntil(lambda: not watch.pending, timeout=10_000)

    one_night()  # warm up caches, fonts and the thread pool
    start, folder_start = _usage(), _folder(tmp_path)
    for _ in range(loops):
        one_night()
    end, folder_end = _usage(), _folder(tmp_path)
    sys.stdout.write(f"\nsoak over {loops} nights: start {start} end {end}\n")
    sys.stdout.write(
        f"watch folder (keep {rule}): start {folder_start} end {folder_end}\n"
    )
    watch.shutdown()
    assert shut_down_board(board)

    assert len(written) >= loops * len(snapshots)
    assert end["open_files"] <= start["open_files"] + 2
    assert end["threads"] <= start["threads"] + 1
    assert end["rss_kib"] - start["rss_kib"] < 40 * 1024
    assert end["python_objects"] < start["python_objects"] * 1.05 + 5_000
    assert rule.count is not None
    assert folder_end["most_archives_of_a_race"] <= rule.count
    assert folder_end["files"] <= folder_end["races"] * (rule.count + 1)
