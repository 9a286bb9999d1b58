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
