"""The headless ``summary`` command, in process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from electionboard.cli import main
from tests.feedserver import Answer, FeedServer

FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
    "updated": "2022-06-07T21:00:00-07:00",
    "races": [
        {
            "id": "mayor",
            "name": "Mayor",
            "advance": 2,
            "majority_wins": True,
            "final": True,
            "candidates": [
                {"id": "a", "name": "Ann", "party": "DEM"},
                {"id": "b", "name": "Bo"},
                {"id": "c", "name": "Cy"},
            ],
            "totals": {"a": 45, "b": 40, "c": 15},
            "precincts_reporting": 4,
            "precincts_total": 4,
        },
        {
            "id": "council",
            "name": "Council",
            "advance": 1,
            "majority_wins": False,
            "candidates": [{"id": "x", "name": "Xi"}],
            "totals": {"x": 0},
        },
    ],
}


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED))
    return path


def test_summary_json_has_the_documented_shape(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(feed_file), "--json", "--race", "mayor"]) == 0
    out = json.loads(capsys.readouterr().out)
    (race,) = out["races"]
    assert list(race) == [
        "id",
        "name",
        "advance",
        "majority_wins",
        "precincts_reporting",
        "precincts_total",
        "total_votes",
        "outstanding",
        "status",
        "candidates",
    ]
    assert race["outstanding"] == 0
    assert race["status"] == "decided"
    assert race["candidates"][0] == {
        "id": "a",
        "name": "Ann",
        "party": "DEM",
        "votes": 45,
        "share": 45.0,
        "rank": 1,
        "clinched": True,
        "outcome": "advances",
    }
    assert [c["outcome"] for c in race["candidates"]] == [
        "advances",
        "advances",
        "eliminated",
    ]


def test_summary_json_unbounded_outstanding_is_null(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(feed_file), "--json", "--race", "council"]) == 0
    race = json.loads(capsys.readouterr().out)["races"][0]
    assert race["outstanding"] is None
    assert race["status"] == "not_started"


def test_summary_table(feed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(feed_file)]) == 0
    out = capsys.readouterr().out
    assert "Mayor [mayor] - Majority wins outright" in out
    assert "Ann" in out
    assert "Council [council]" in out


def test_summary_over_http(
    feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.answer = Answer(json.dumps(FEED).encode())
    assert main(["summary", feed_server.url, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["races"]) == 2


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (Answer(b"nope", status=503), "HTTP 503"),
        (Answer(b"<html>login</html>"), "HTML"),
        (Answer(b'{"format": "electionboard/1", "races": ['), "not valid JSON"),
    ],
)
def test_summary_fails_in_one_line_on_a_bad_source(
    feed_server: FeedServer, answer: Answer, words: str
) -> None:
    feed_server.answer = answer
    result = subprocess.run(
        [sys.executable, "-m", "electionboard", "summary", feed_server.url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr


def test_summary_missing_file_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_summary_unknown_race(
    feed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(feed_file), "--race", "zzz"]) == 2
    assert "no race 'zzz'" in capsys.readouterr().err
