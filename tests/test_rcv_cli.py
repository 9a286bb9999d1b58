"""The headless ``rcv`` command: a subprocess for a few cases, in process the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from electionboard.cli import main
from tests.sources.test_rcv_published import (
    ALASKA,
    alaska_rounds,
    write_alaska_ballots,
)

ALASKA_JSON: dict[str, Any] = {
    "rounds": [
        {
            "round": 1,
            "tallies": {"peltola": 75_761, "palin": 58_945, "begich": 53_756},
            "inactive": 0,
            "eliminated": ["begich"],
            "elected": [],
        },
        {
            "round": 2,
            "tallies": {"peltola": 91_206, "palin": 85_987},
            "inactive": 11_269,
            "eliminated": [],
            "elected": ["peltola"],
        },
    ],
    "winners": ["peltola"],
}


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "electionboard", "rcv", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ballots.csv"
    path.write_text(text)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["rcv", *args, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_the_alaska_ballots_reproduce_the_official_table_in_a_subprocess(
    tmp_path: Path,
) -> None:
    ballots = write_alaska_ballots(tmp_path)
    done = run_command(str(ballots), "--json", "--max-skipped", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout) == ALASKA_JSON
    # Key order is the documented one, at the top and in every round.
    document = json.loads(done.stdout)
    assert list(document) == ["rounds", "winners"]
    assert list(document["rounds"][0]) == [
        "round",
        "tallies",
        "inactive",
        "eliminated",
        "elected",
    ]


def test_a_bad_file_exits_2_with_one_line_in_a_subprocess(tmp_path: Path) -> None:
    done = run_command(str(write(tmp_path, "count,rank1\n-2,ann\n")))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "electionboard: error: ranked ballots: line 2: count cannot be negative, "
        "got '-2'\n"
    )


def test_the_round_table_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rcv", str(write_alaska_ballots(tmp_path))]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Ranked-choice tabulation: 188,462 ballots, 2 rounds",
        "            Round 1  Round 2",
        "peltola      75,761   91,206  elected in round 2",
        "palin        58,945   85,987",
        "begich       53,756        -  eliminated in round 1",
        "Inactive          0   11,269",
        "Continuing  188,462  177,193",
        "Winner: peltola",
    ]


def test_the_command_gives_the_published_rounds_of_the_fixture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = [
        {
            "round": r.number,
            "tallies": dict(r.tallies),
            "inactive": r.inactive,
            "eliminated": list(r.eliminated),
            "elected": list(r.elected),
        }
        for r in alaska_rounds()
    ]
    ballots = str(write_alaska_ballots(tmp_path))
    document = run_json(capsys, ballots, "--continue-until-two", "--max-skipped", "1")
    assert document["rounds"] == published


def test_summary_json_of_the_published_table_has_the_same_rounds_and_winners(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["summary", str(ALASKA), "--json"]) == 0
    (race,) = json.loads(capsys.readouterr().out)["races"]
    assert race["kind"] == "rcv"
    assert race["rounds"] == ALASKA_JSON["rounds"]
    assert race["winners"] == ALASKA_JSON["winners"]
    assert race["problems"] == []


def test_summary_json_of_the_rcv_command_in_a_subprocess(tmp_path: Path) -> None:
    summary = subprocess.run(
        [sys.executable, "-m", "electionboard", "summary", str(ALASKA), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert summary.returncode == 0, summary.stderr
    (race,) = json.loads(summary.stdout)["races"]
    done = run_command(str(write_alaska_ballots(tmp_path)), "--json")
    tabulated = json.loads(done.stdout)
    assert (race["rounds"], race["winners"]) == (
        tabulated["rounds"],
        tabulated["winners"],
    )


OVERVOTED = "count,rank1,rank2,rank3\n4,ann,,\n3,bo,,\n2,cy,overvote,bo\n"


def test_overvote_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write(tmp_path, OVERVOTED))
    exhausted = run_json(capsys, path)
    assert exhausted["rounds"][-1]["tallies"] == {"ann": 4, "bo": 3}
    assert exhausted["rounds"][-1]["inactive"] == 2
    skipped = run_json(capsys, path, "--overvote", "alwaysSkipToNextRank")
    assert skipped["rounds"][-1]["tallies"] == {"bo": 5, "ann": 4}
    assert skipped["winners"] == ["bo"]


def test_max_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(
        write(tmp_path, "count,rank1,rank2,rank3,rank4\n4,ann,,,\n3,bo,,,\n2,cy,,,bo\n")
    )
    assert run_json(capsys, path)["winners"] == ["bo"]
    limited = run_json(capsys, path, "--max-skipped", "1")
    assert limited["winners"] == ["ann"]
    assert limited["rounds"][-1]["inactive"] == 2


def test_continue_until_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(
        write(tmp_path, "count,rank1,rank2\n60,ann,\n25,bo,\n10,cy,bo\n5,di,cy\n")
    )
    plain = run_json(capsys, path)
    assert [r["eliminated"] for r in plain["rounds"]] == [[]]
    assert plain["rounds"][0]["elected"] == ["ann"]
    to_two = run_json(capsys, path, "--continue-until-two")
    assert [r["eliminated"] for r in to_two["rounds"]] == [[], ["di"], ["cy"], []]
    assert to_two["rounds"][-1]["tallies"] == {"ann": 60, "bo": 35}
    assert to_two["winners"] == ["ann"]


def test_batch_elimination(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(
        write(tmp_path, "count,rank1,rank2\n45,ann,\n40,bo,\n10,cy,bo\n5,di,cy\n")
    )
    plain = run_json(capsys, path)
    assert [r["eliminated"] for r in plain["rounds"]] == [["di"], ["cy"], []]
    batch = run_json(capsys, path, "--batch-elimination")
    assert [sorted(r["eliminated"]) for r in batch["rounds"]] == [["cy", "di"], []]
    assert batch["rounds"][-1]["tallies"] == {"bo": 50, "ann": 45}
    assert batch["winners"] == plain["winners"] == ["bo"]


def test_a_tie_by_lot_follows_the_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write(tmp_path, "count,rank1\n5,ann\n3,bo\n3,cy\n"))
    losers = {
        seed: run_json(capsys, path, "--seed", str(seed))["rounds"][0]["eliminated"][0]
        for seed in range(12)
    }
    assert set(losers.values()) == {"bo", "cy"}
    for seed, loser in losers.items():
        assert run_json(capsys, path, "--seed", str(seed))["rounds"][0][
            "eliminated"
        ] == [loser]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("count,rank1\n1.5,ann\n", "line 2: count: expected a whole number, got '1.5'"),
        ("votes,rank1\n1,ann\n", "line 1: the header must be exactly"),
        ("count,rank1,rank2\n1,ann\n", "line 2: 2 cells, expected 3"),
    ],
)
def test_bad_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    assert main(["rcv", str(write(tmp_path, text))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err
    assert captured.err.count("\n") == 1


def test_a_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rcv", str(tmp_path / "absent.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["--overvote", "sometimes"], ["--max-skipped", "-1"], ["--seed", "x"]]
)
def test_bad_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rcv", str(write(tmp_path, "count,rank1\n1,ann\n")), *args])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err
