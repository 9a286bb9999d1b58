"""Runs a snippet of Python in a fresh interpreter: what only a new process shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, **env: str) -> str:
    """``code``'s standard output, run with this checkout first on the path.

    ``env`` adds to (or, with an empty value, takes out of) this process's
    environment.
    """
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    for name, value in env.items():
        if value:
            environment[name] = value
        else:
            environment.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
