"""A native race with no candidates: kept, tabulated, summarised, exported, replayed.

Before, the parser's vote aligner raised TypeError on such a race, so
``summary``, ``export`` and ``replay`` ended in a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from electionboard.cli import main
from electionboard.model import RaceStatus, tabulate
from electionboard.replay.recording import load_recording
from electionboard.sources import parse_feed

FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
    "updated": "2022-06-07T21:00:00-07:00",
    "races": [
        {
            "id": "empty",
            "name": "Empty seat",
            "advance": 1,
            "majority_wins": True,
            "candidates": [],
            "totals": {},
        },
        {
            "id": "ward",
            "name": "Ward",
            "advance": 1,
            "majority_wins": False,
            "candidates": [],
            "precincts": [{"id": "p1", "reporting": True, "votes": {}}],
        },
        {
            "id": "mayor",
            "name": "Mayor",
            "advance": 1,
            "majority_wins": False,
            "candidates": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo"}],
            "totals": {"a": 5, "b": 3},
        },
    ],
}


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED))
    return path


def test_the_race_is_kept_and_tabulates_as_not_started(feed_file: Path) -> None:
    election = parse_feed(feed_file.read_bytes())
    assert [r.id for r in election.races] == ["empty", "ward", "mayor"]
    for race_id in ("empty", "ward"):
        standings = tabulate(election.race(race_id))
        assert standings.candidates == ()
        assert standings.total_votes == 0
        assert standings.leader is None
        assert standings.status is RaceStatus.NOT_STARTED
    assert tabulate(election.race("mayor")).leader is not None


def test_summary_lists_it(feed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(feed_file), "--json"]) == 0
    races = json.loads(capsys.readouterr().out)["races"]
    assert [r["id"] for r in races] == ["empty", "ward", "mayor"]
    assert races[0]["candidates"] == []
    assert main(["summary", str(feed_file)]) == 0
    assert "Empty seat [empty]" in capsys.readouterr().out


@pytest.mark.usefixtures("qtbot", "capsys")
def test_export_draws_it(feed_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", str(feed_file), "--out", str(out), "--all-races"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "board_empty.png",
        "board_mayor.png",
        "board_ward.png",
    ]
    single = tmp_path / "one.png"
    assert main(["export", str(feed_file), "--out", str(single)]) == 0
    assert single.stat().st_size > 0


def test_replay_reads_its_time(feed_file: Path) -> None:
    recording = load_recording([feed_file])
    (snapshot,) = recording.snapshots
    assert snapshot.format_name == "native"
    assert snapshot.at.isoformat() == "2022-06-07T21:00:00-07:00"
