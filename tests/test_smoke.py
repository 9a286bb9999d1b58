"""Start the real program offscreen, let it replay, quit, and read its stderr."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
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


WITH_PROGRAM_LOG = (
    "import logging, sys; "
    "logging.getLogger('electionboard.ui.studio.director').setLevel(logging.INFO); "
    "from electionboard.cli import main; sys.exit(main(sys.argv[1:]))"
)
"""The app, with the director's INFO lines (what is on program) on stderr."""


def _program_stamps(lines: list[str]) -> list[str]:
    """The feed stamps of the snapshots shown on program, in order."""
    marker = " as of "
    return [
        line.rsplit(marker, 1)[1].strip()
        for line in lines
        if "program: " in line and marker in line
    ]


def test_a_killed_board_restarts_into_its_last_picture(tmp_path: Path) -> None:
    from electionboard.resource_paths import sample_snapshots
    from electionboard.sources import load_election

    first_stamp = load_election(str(sample_snapshots()[0])).updated.isoformat()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    common = [
        "--config-dir",
        str(tmp_path / "config"),
        "--data-dir",
        str(tmp_path / "data"),
    ]
    # Slow enough that each picture settles and its frame is kept.
    first = subprocess.Popen(
        [sys.executable, "-c", WITH_PROGRAM_LOG, "--interval", "0.8", *common],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        assert first.stderr is not None
        deadline = time.monotonic() + 90
        while len(_program_stamps(seen)) < 5 and time.monotonic() < deadline:
            line = first.stderr.readline()
            if not line:
                break
            seen.append(line)
        time.sleep(1.5)  # the last frame and state reach the disk
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        if first.stderr is not None:
            first.stderr.close()
    shown = _program_stamps(seen)
    assert len(shown) >= 5, "".join(seen)
    assert shown[0] == first_stamp
    assert (tmp_path / "data" / "studio" / "program_la-mayor.png").is_file()

    second = subprocess.run(
        [
            sys.executable,
            "-c",
            WITH_PROGRAM_LOG,
            "--interval",
            "30",
            "--quit-after",
            "3",
            *common,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    lines = second.stderr.splitlines()
    assert any(
        "program: restarted holding the last picture of la-mayor" in line
        for line in lines
    ), second.stderr
    again = _program_stamps(lines)
    assert again, second.stderr
    # The replay picks up at the snapshot it was on, never snapshot 1.
    assert again[0] != first_stamp
    resumed = dt.datetime.fromisoformat(again[0])
    assert resumed >= dt.datetime.fromisoformat(shown[-1]), (shown, again)
