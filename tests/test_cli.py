"""The headless ``summary`` command, in process and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from electionboard.cli import main
from tests.feedserver import OTHER_HOST, Answer, FeedServer, serve

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
            "candidates": [{"id": "x", "name": "Xi"}, {"id": "y", "name": "Yu"}],
            "totals": {"x": 0, "y": 0},
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
        "kind",
        "seats",
        "advance",
        "majority_wins",
        "threshold",
        "threshold_at_least",
        "uncontested",
        "precincts_reporting",
        "precincts_total",
        "total_votes",
        "outstanding",
        "expected_share_counted",
        "status",
        "call",
        "outright",
        "measure_result",
        "problems",
        "candidates",
    ]
    # The Los Angeles primary: two advance, nobody is elected here.
    assert (race["kind"], race["seats"], race["advance"]) == ("candidate", None, 2)
    assert (race["threshold"], race["threshold_at_least"]) == ("1/2", False)
    assert race["outright"] == "impossible"
    assert race["call"] is None
    assert race["measure_result"] is None
    assert race["problems"] == []
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


HOSTILE = "Ann\x1b[2J\x1b]0;pwned\x07\x00\r\nForged line\u202eesrever"


def hostile_feed(tmp_path: Path) -> Path:
    feed = json.loads(json.dumps(FEED))
    feed["races"][0]["candidates"][0]["name"] = HOSTILE
    feed["races"][0]["name"] = "Mayor\rCouncil"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(feed))
    return path


def test_summary_table_escapes_control_characters_from_the_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_feed(tmp_path)
    assert main(["summary", str(path), "--race", "mayor"]) == 0
    out = capsys.readouterr().out
    assert not {"\x1b", "\x00", "\x07", "\r", "\u202e"} & set(out)
    assert (
        "Ann\\x1b[2J\\x1b]0;pwned\\x07\\x00\\x0d\\x0aForged line\\u202eesrever" in out
    )
    assert "Mayor\\x0dCouncil [mayor]" in out
    lines = out.splitlines()
    assert len(lines) == 6  # title, counts, three candidates, summary
    assert not any(line.startswith("Forged") for line in lines)
    shares = {line.index("%") for line in lines[2:5]}
    assert len(shares) == 1, lines[2:5]  # the columns still line up


def test_summary_json_keeps_the_names_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_feed(tmp_path)
    assert main(["summary", str(path), "--json", "--race", "mayor"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out  # JSON escapes it
    race = json.loads(out)["races"][0]
    assert HOSTILE in [c["name"] for c in race["candidates"]]


@pytest.fixture
def other_host() -> Iterator[FeedServer]:
    """A loopback server on 127.0.0.2: another host as far as a URL can tell."""
    yield from serve(OTHER_HOST)


def test_summary_sends_no_password_to_another_host(
    feed_server: FeedServer,
    other_host: FeedServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other_host.answer = Answer(json.dumps(FEED).encode())
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url}, etag=False
    )
    url = feed_server.url.replace("http://", "http://desk:s3cret@")
    assert main(["summary", url, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["races"]) == 2
    assert "Authorization" in feed_server.requests[0]
    assert "authorization" not in {name.lower() for name in other_host.requests[0]}


def test_summary_gives_up_on_a_dripping_server_in_one_line(
    feed_server: FeedServer,
) -> None:
    feed_server.answer = Answer(json.dumps(FEED).encode(), drip=0.05)
    argv = ["summary", feed_server.url, "--deadline", "1"]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "electionboard", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "the feed is answering too slowly" in lines[0]
    assert "in 1 s" in lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_summary_of_a_fifo_fails_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "feed.json"
    os.mkfifo(fifo)
    assert main(["summary", str(fifo)]) == 2  # returns: never waits for a writer
    assert "named pipe (FIFO), not a regular file" in capsys.readouterr().err


KINDS: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "General", "date": "2024-11-05"},
    "updated": "2024-11-05T21:00:00-05:00",
    "races": [
        {
            "id": "judges",
            "name": "Circuit Court",
            "seats": 4,
            "final": True,
            "candidates": [{"id": c, "name": c.upper()} for c in "abcdef"],
            "totals": {"a": 60, "b": 50, "c": 40, "d": 30, "e": 20, "f": 10},
            "call": {
                "outcome": "won",
                "candidates": ["a", "b", "c", "d"],
                "by": "AP",
                "at": "2024-11-05T22:00:00-05:00",
            },
        },
        {
            "id": "amendment",
            "name": "Amendment 3",
            "final": True,
            "measure": {"passes_with": "yes", "threshold": "3/5", "at_least": True},
            "candidates": [{"id": "yes", "name": "Yes"}, {"id": "no", "name": "No"}],
            "totals": {"yes": 570, "no": 430},
        },
        {
            "id": "sheriff",
            "name": "Sheriff",
            "candidates": [{"id": "s", "name": "Sam"}],
            "totals": {"s": 0},
            "expected_votes": 1000,
        },
        {
            "id": "broken",
            "name": "Clerk",
            "candidates": [{"id": "k", "name": "Kim"}],
            "totals": {"k": 1, "zz": 2},
        },
    ],
}


def test_summary_json_says_every_race_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kinds.json"
    path.write_text(json.dumps(KINDS))
    assert main(["summary", str(path), "--json"]) == 0
    races = {r["id"]: r for r in json.loads(capsys.readouterr().out)["races"]}

    judges = races["judges"]
    assert (judges["seats"], judges["advance"], judges["threshold"]) == (4, None, None)
    assert [c["outcome"] for c in judges["candidates"]] == ["won"] * 4 + [
        "eliminated"
    ] * 2
    assert judges["call"] == {
        "outcome": "won",
        "candidates": ["a", "b", "c", "d"],
        "by": "AP",
        "at": "2024-11-05T22:00:00-05:00",
    }
    assert judges["status"] == "called"

    amendment = races["amendment"]
    assert amendment["kind"] == "measure"
    assert (amendment["seats"], amendment["advance"]) == (None, None)
    assert (amendment["threshold"], amendment["threshold_at_least"]) == ("3/5", True)
    assert amendment["measure_result"] == "fails"

    sheriff = races["sheriff"]
    assert (sheriff["seats"], sheriff["advance"]) == (1, None)
    assert sheriff["uncontested"] is True
    assert sheriff["status"] == "decided"
    assert sheriff["candidates"][0]["outcome"] == "won"
    assert sheriff["expected_share_counted"] == 0.0

    broken = races["broken"]
    assert broken["problems"] == ["totals: unknown candidate 'zz'"]
    assert broken["total_votes"] == 0


def test_summary_table_names_measures_and_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kinds.json"
    path.write_text(json.dumps(KINDS))
    assert main(["summary", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Amendment 3 [amendment] - Measure: Yes needs at least 60%" in out
    assert "Measure fails" in out
    assert "Problem: totals: unknown candidate 'zz'" in out


@pytest.mark.parametrize("command", [[], ["output"]])
def test_a_password_in_store_on_the_command_line_is_refused_before_any_window(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://producer:s3cret@db.newsroom/night"
    assert main([*command, "--store", url]) == 2
    said = capsys.readouterr().err
    assert "s3cret" not in said
    assert "PGPASSWORD" in said
