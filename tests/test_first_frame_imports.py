"""What the board's first frame waits for: program alone, not the desk or studio.

The real program runs offscreen in its own process on a fresh data folder,
as ``electionboard`` starts a night. At the first paint of the board with a
race drawn, the probe lists the modules loaded and whether a window holds
the studio console yet; then it waits for the console and the desk, which the
composition root builds right after that frame. (No timing here: the figure
is ``bench/startup_bench.py``'s.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDockWidget
from electionboard.ui.board.view import BoardView

found = {}
_paint = BoardView.paintEvent

def built():
    windows = [
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == "BoardWindow"
    ]
    central = {type(w.centralWidget()).__name__ for w in windows}
    return {
        "console": "StudioConsole" in central,
        "desk": any(w.findChildren(QDockWidget) for w in windows),
    }

def paintEvent(self, event):
    _paint(self, event)
    if found or not self.window().isVisible():
        return
    if getattr(self.scene(), "content", None) is None:
        return
    found["modules"] = sorted(sys.modules)
    found["first"] = built()
    QTimer.singleShot(20, wait)

def wait():
    now = built()
    if not (now["console"] and now["desk"]):
        QTimer.singleShot(20, wait)
        return
    found["then"] = now
    print(json.dumps(found), flush=True)
    os._exit(0)

BoardView.paintEvent = paintEvent
from electionboard.cli import main
home = sys.argv[1]
sys.argv = ["electionboard", "--operator", "probe", "--config-dir", home,
            "--data-dir", home, "--quit-after", "60"]
main()
os._exit(3)
"""

LATER = (
    "electionboard.ui.desk.",
    "electionboard.ui.studio.",
    "electionboard.ui.screens.",
    "electionboard.store",
    "electionboard.replay",
    "electionboard.ui.export",
    "electionboard.sources.clarity",
    "electionboard.sources.csvfeed",
    "electionboard.model.screens",
    "electionboard.model.retention",
)
"""Loaded after the first frame, not before it."""

LATER_STDLIB = ("csv", "sqlite3", "hashlib", "http.server", "xml.parsers.expat")
"""The standard library's share of those (hashlib: OpenSSL, for file names)."""


def test_the_first_frame_waits_for_program_alone(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    early = [m for m in found["modules"] if m.startswith(LATER)]
    assert early == []
    assert not set(LATER_STDLIB) & set(found["modules"])
    assert found["first"] == {"console": False, "desk": False}
    assert found["then"] == {"console": True, "desk": True}
