"""Start to first frame: electionboard's board against a bare PySide6 window.

Usage: QT_QPA_PLATFORM=offscreen python bench/startup_bench.py [--runs N]
[--restart] [--compare OTHER_CHECKOUT]

Measures: each run is a separate process timed from spawn to exit. The bare
process imports PySide6's widgets, shows a QWidget and exits from its first
paint. The board process runs ``electionboard`` on the bundled sample night
and exits from the first paint of a BoardView in a visible window whose scene
shows a race (the first frame with the board drawn: title, names and bars
begun). Its import hook only patches that paint as BoardView's module loads,
so the app imports in its own order; the child runs outside any checkout,
with PYTHONPATH naming the tree timed (this one, or ``--compare``'s), so
``-c`` cannot pick up the working folder's tree. Both run with their bytecode
cached, and again uncached (``PYTHONDONTWRITEBYTECODE`` and a fresh
``PYTHONPYCACHEPREFIX``, so nothing compiled before can be read), interleaved
run by run. Each board run gets a fresh data folder: a first start of the
night; ``--restart`` gives every run a copy of a folder the board ran in
before (what was on air comes back, the desk store exists).

Excludes: the window manager and compositor (offscreen platform), a poll's
network fetch (the sample night is read from disk), and whatever the board
does after that first frame: since issue 16 the desk, the studio console and
preview are built in the event loop right after it (see ``app.BoardStart``).
Never run as a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TREE = Path(__file__).resolve().parents[1]
"""This checkout: the board timed unless ``--compare`` names another."""

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
import importlib.machinery, os, sys

class PatchBoardView:
    # Patches BoardView as its module loads, so the app imports in its own
    # order (a meta path finder needs no importlib.abc, which the app skips).
    def find_spec(self, name, path=None, target=None):
        if name != "electionboard.ui.board.view":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            paint = module.BoardView.paintEvent
            def paintEvent(view, event):
                paint(view, event)
                scene = view.scene()
                if view.window().isVisible() and getattr(scene, "content", None):
                    os._exit(0)
            module.BoardView.paintEvent = paintEvent
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, PatchBoardView())
from electionboard.cli import main
home = sys.argv[1]
sys.argv = ["electionboard", "--operator", "bench", "--config-dir", home,
            "--data-dir", home, "--quit-after", "30"]
main()
os._exit(3)
"""


def _run(
    code: str,
    *,
    cached: bool,
    pythonpath: str | None = None,
    night: Path | None = None,
) -> tuple[float, float]:
    """One process's milliseconds from spawn to exit, and the CPU time it used
    (user and system, all its threads); ``night``: its data folder is a copy
    of this one (copied before the clock starts)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = pythonpath or str(TREE)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="eb-start-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if not cached:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    home = scratch / "home"
    if night is not None:
        shutil.copytree(night, home)
    else:
        home.mkdir()
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, str(home)],
            env=env,
            cwd=home,  # not a checkout: "-c" puts the working folder on sys.path
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed * 1000, cpu * 1000


def _night_before(folder: Path) -> Path:
    """A data folder the board ran a few seconds in, for ``--restart``."""
    env = {**os.environ, "PYTHONPATH": str(TREE)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder.mkdir()
    args = ["--operator", "bench", "--config-dir", str(folder)]
    args += ["--data-dir", str(folder), "--quit-after", "4"]
    subprocess.run(
        [sys.executable, "-m", "electionboard", *args],
        env=env,
        cwd=folder,
        capture_output=True,
        check=True,
    )
    return folder


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p10_ms": round(ordered[len(ordered) // 10], 1),
        "p90_ms": round(ordered[len(ordered) * 9 // 10], 1),
    }


def _interleaved(
    runs: int, compare: str | None, night: Path | None
) -> dict[str, list[float]]:
    """Every kind of run once per round, round after round; wall and CPU."""
    for code in (BARE, BOARD):  # warm the cache and the OS's file cache
        _run(code, cached=True, night=night)
    if compare:
        _run(BOARD, cached=True, pythonpath=compare, night=night)
    kinds: list[tuple[str, str, bool, str | None]] = [
        ("bare_cached", BARE, True, None),
        ("board_cached", BOARD, True, None),
        ("bare_uncached", BARE, False, None),
        ("board_uncached", BOARD, False, None),
    ]
    if compare:
        kinds += [
            ("compare_board_cached", BOARD, True, compare),
            ("compare_board_uncached", BOARD, False, compare),
        ]
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, code, cached, tree in kinds:
            board = code is BOARD
            wall, cpu = _run(
                code, cached=cached, pythonpath=tree, night=night if board else None
            )
            times.setdefault(name, []).append(wall)
            times.setdefault(f"{name}_cpu", []).append(cpu)
    return times


def _ratio(times: dict[str, list[float]], board: str, bare: str) -> float:
    return round(statistics.median(times[board]) / statistics.median(times[bare]), 2)


def _ratios(times: dict[str, list[float]], suffix: str) -> dict[str, float]:
    """Board over bare, medians, cached and uncached (``_cpu``: CPU time)."""
    return {
        f"ratio_{kind}{suffix}": _ratio(
            times, f"board_{kind}{suffix}", f"bare_{kind}{suffix}"
        )
        for kind in ("cached", "uncached")
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
    parser.add_argument(
        "--restart",
        action="store_true",
        help="every board run restarts in a folder the board ran in before",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eb-night-") as kept:
        night = _night_before(Path(kept) / "night") if args.restart else None
        times = _interleaved(args.runs, args.compare, night)
    report: dict[str, Any] = {
        "measures": "process spawn to exit at the first painted frame (wall); "
        "the CPU time the process used meanwhile (_cpu), less moved by other load",
        "excludes": [
            "the window manager and compositor (offscreen platform)",
            "a poll's network fetch (the bundled sample night is read from disk)",
            "the desk, studio console and preview, built right after that frame",
        ],
        "night": "restart" if args.restart else "first start",
        "runs": args.runs,
        **{name: _summary(samples) for name, samples in times.items()},
        **_ratios(times, ""),
        **_ratios(times, "_cpu"),
        "target_ratio_cached": 2.5,
    }
    if args.compare:
        report["compare"] = args.compare
        for suffix in ("", "_cpu"):
            for kind in ("cached", "uncached"):
                report[f"compare_ratio_{kind}{suffix}"] = _ratio(
                    times, f"compare_board_{kind}{suffix}", f"bare_{kind}{suffix}"
                )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
