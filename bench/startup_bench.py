"""Start to first frame: electionboard's board against a bare PySide6 window.

Usage: QT_QPA_PLATFORM=offscreen python bench/startup_bench.py [--runs N]

Each run is a separate process timed from spawn to exit. The bare process
imports PySide6's widgets, shows a QWidget and exits from its first paint.
The board process runs ``electionboard`` on the bundled sample night and exits
from the first paint of the main window's BoardView once the scene shows a
race (the first frame with the board drawn). Both run with their bytecode
cached, and again with it uncached (``PYTHONDONTWRITEBYTECODE`` and a fresh
``PYTHONPYCACHEPREFIX``, so nothing compiled before can be read), interleaved
run by run. Run it with ``PYTHONPATH=<other checkout>`` to time another tree.
Never run as a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

BARE = """
import os, sys
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    def paintEvent(self, event):
        super().paintEvent(event)
        os._exit(0)
app = QApplication(sys.argv[:1])
w = W()
w.resize(1280, 720)
w.show()
app.exec()
"""

BOARD = """
import os, sys, tempfile
from electionboard.ui.board.view import BoardView
_paint = BoardView.paintEvent
def paintEvent(self, event):
    _paint(self, event)
    scene = self.scene()
    if self.window().isVisible() and getattr(scene, "content", None) is not None:
        os._exit(0)
BoardView.paintEvent = paintEvent
from electionboard.cli import main
home = tempfile.mkdtemp()
sys.argv = ["electionboard", "--operator", "bench", "--config-dir", home,
            "--data-dir", home, "--quit-after", "30"]
main()
os._exit(3)
"""


def _run(
    code: str, *, cached: bool, prefix: str, pythonpath: str | None = None
) -> float:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix=prefix)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])
    return elapsed * 1000


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p10_ms": round(ordered[len(ordered) // 10], 1),
        "p90_ms": round(ordered[len(ordered) * 9 // 10], 1),
    }


def main() -> None:
    """Time both processes, cached and uncached, interleaved; print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--compare",
        metavar="PYTHONPATH",
        help="also time the board from this checkout, interleaved (before/after)",
    )
    args = parser.parse_args()
    for code in (BARE, BOARD):  # warm the cache and the OS's file cache
        _run(code, cached=True, prefix="eb-warm-")
    if args.compare:
        _run(BOARD, cached=True, prefix="eb-warm-", pythonpath=args.compare)
    times: dict[str, list[float]] = {
        "bare_cached": [],
        "board_cached": [],
        "bare_uncached": [],
        "board_uncached": [],
    }
    for _ in range(args.runs):
        times["bare_cached"].append(_run(BARE, cached=True, prefix=""))
        times["board_cached"].append(_run(BOARD, cached=True, prefix=""))
        times["bare_uncached"].append(_run(BARE, cached=False, prefix="eb-bare-"))
        times["board_uncached"].append(_run(BOARD, cached=False, prefix="eb-board-"))
        if args.compare:
            other = args.compare
            times.setdefault("compare_board_cached", []).append(
                _run(BOARD, cached=True, prefix="", pythonpath=other)
            )
            times.setdefault("compare_board_uncached", []).append(
                _run(BOARD, cached=False, prefix="eb-cmp-", pythonpath=other)
            )
    report: dict[str, Any] = {
        "measures": "process spawn to exit at the first painted frame",
        "excludes": [
            "the window manager and compositor (offscreen platform)",
            "a poll's network fetch (the bundled sample night is read from disk)",
        ],
        "runs": args.runs,
        **{name: _summary(samples) for name, samples in times.items()},
        "ratio_cached": round(
            statistics.median(times["board_cached"])
            / statistics.median(times["bare_cached"]),
            2,
        ),
        "ratio_uncached": round(
            statistics.median(times["board_uncached"])
            / statistics.median(times["bare_uncached"]),
            2,
        ),
        "target_ratio_cached": 2.5,
    }
    if args.compare:
        report["compare"] = args.compare
        for kind in ("cached", "uncached"):
            report[f"compare_ratio_{kind}"] = round(
                statistics.median(times[f"compare_board_{kind}"])
                / statistics.median(times[f"bare_{kind}"]),
                2,
            )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
