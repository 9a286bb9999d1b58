"""Helpers for the ``desk`` command's tests: a feed file and the command's run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from electionboard.cli import main
from electionboard.replay.desk_location import STORE_VARIABLE

FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Night", "date": "2022-06-07"},
    "updated": "2022-06-07T21:00:00-07:00",
    "races": [
        {
            "id": "mayor",
            "name": "Mayor",
            "advance": 2,
            "candidates": [
                {"id": "a", "name": "Ana"},
                {"id": "b", "name": "Bo"},
                {"id": "c", "name": "Cy"},
            ],
            "precincts": [
                {
                    "id": "p1",
                    "name": "Precinct 1",
                    "reporting": True,
                    "votes": {"a": 700, "b": 434, "c": 100},
                    "registered_voters": 2000,
                },
                {
                    "id": "p2",
                    "name": "Precinct 2",
                    "reporting": False,
                    "votes": {"a": 0, "b": 0, "c": 0},
                },
            ],
        },
        {
            "id": "sheriff",
            "name": "Sheriff",
            "seats": 1,
            "candidates": [{"id": "d", "name": "Dee"}, {"id": "e", "name": "Eve"}],
            "totals": {"d": 10, "e": 20},
        },
    ],
}


def write_feed(folder: Path) -> Path:
    """The test night as a native feed file in ``folder``."""
    path = folder / "feed.json"
    path.write_text(json.dumps(FEED), encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class Ran:
    """What one run of the command did: status and both streams."""

    status: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """``electionboard desk ARGS`` through ``cli.main``, as a script would call it."""
    capsys.readouterr()
    status = main(["desk", *args])
    captured = capsys.readouterr()
    return Ran(status, captured.out, captured.err)


def run_process(*args: str, env: dict[str, str] | None = None) -> Ran:
    """``python -m electionboard desk ARGS`` as a separate process."""
    environment = dict(os.environ)
    environment.pop(STORE_VARIABLE, None)  # only what the test gives
    environment.update({"PYTHONWARNINGS": "error", **(env or {})})
    done = subprocess.run(
        [sys.executable, "-m", "electionboard", "desk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
