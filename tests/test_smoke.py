"""Start the real program offscreen, let it replay, quit, and read its stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The offscreen platform plugin itself prints this whenever a top-level window
# has size constraints (any QMainWindow); it is not a problem of ours.
KNOWN_PLATFORM_NOTICES = ("This plugin does not support propagateSizeHints()",)


@pytest.mark.parametrize("source", [None, "sample-final"])
def test_board_replays_and_quits_cleanly(tmp_path: Path, source: str | None) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    args = [
        sys.executable,
        "-m",
        "electionboard",
        "--quit-after",
        "4",
        "--interval",
        "0.25",
        "--config-dir",
        str(tmp_path / "config"),
        "--data-dir",
        str(tmp_path / "data"),
    ]
    if source is not None:
        from electionboard.resource_paths import sample_snapshots

        args.insert(3, str(sample_snapshots()[-1]))
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    problems = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and line.strip() not in KNOWN_PLATFORM_NOTICES
    ]
    assert result.returncode == 0, result.stderr
    assert problems == [], result.stderr


def test_board_feeds_a_watch_folder_in_a_theme(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    watch = tmp_path / "watch"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "electionboard",
            "--quit-after",
            "5",
            "--interval",
            "1.0",
            "--theme",
            "light",
            "--watch-folder",
            str(watch),
            "--config-dir",
            str(tmp_path / "config"),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in watch.glob("*.png"))
    assert "board_la-mayor.png" in names
    assert len(names) >= 2  # the stable name and at least one archive copy


def test_bad_theme_fails_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "electionboard", "--theme", "purple"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "electionboard: error: unknown theme 'purple' (use dark, light, green, "
        "blue, transparent)"
    ]
