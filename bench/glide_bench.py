"""Frame times of the race board's glide at 1080 and 4K; prints one JSON document.

Usage: QT_QPA_PLATFORM=offscreen python bench/glide_bench.py [--rounds N]

What a frame is: the glide's frame callback at the next eased progress (bars,
numbers, tags, fades moved) plus the event loop's pass that paints a real
BoardView (a QGraphicsView widget) sized to the raster into its backing store
on the offscreen platform, repainting what the view's update mode repaints.
The glides are the Los Angeles mayor's race from each sample poll to the next
(``resources/samples/la2022``, round again after the last), 30 frames over
500 ms as a 60 Hz display would draw them: every glide has counts and header
words the one before did not. Never run as a timed test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEasingCurve, QObject
from PySide6.QtWidgets import QApplication

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, board_content
from electionboard.sources import parse_feed
from electionboard.ui.animation import Frame
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples" / "la2022"
FRAMES = 30


class _Tween:
    """A tween the bench moves by hand, one display frame at a time."""

    def __init__(self, easing: QEasingCurve.Type, on_frame: Frame) -> None:
        self._curve = QEasingCurve(easing)
        self._on_frame = on_frame
        self._running = False
        self._progress = 0.0

    def start(self, _msecs: int) -> None:
        self._running = True
        self.frame(0.0)

    def stop(self) -> None:
        self._running = False

    def is_running(self) -> bool:
        return self._running

    def progress(self) -> float:
        return self._progress

    def frame(self, linear: float) -> None:
        self._progress = self._curve.valueForProgress(linear)
        self._on_frame(self._progress)
        if linear >= 1.0:
            self._running = False


class _Clock:
    """Hands out manual tweens and remembers the scene's own (the first)."""

    def __init__(self) -> None:
        self.tweens: list[_Tween] = []

    def tween(
        self, _parent: QObject, easing: QEasingCurve.Type, on_frame: Frame, *_: Any
    ) -> _Tween:
        made = _Tween(easing, on_frame)
        self.tweens.append(made)
        return made


def _contents() -> list[BoardContent]:
    """The mayor's race at every sample poll with votes, in order."""
    shown = []
    for path in sorted(SAMPLES.glob("[0-9]*.json"))[1:]:
        election = parse_feed(path.read_bytes(), "native")
        standings = tabulate_election(election)
        shown.append(board_content(standings[0], election.updated))
    return shown


def _glide_times(raster: g.Raster, rounds: int) -> dict[str, Any]:
    clock = _Clock()
    scene = BoardScene(raster, animations=clock)
    view = BoardView(scene, safe_area_key=None)
    view.resize(raster.width, raster.height)
    view.show()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    # Each glide goes to the next poll, as a night's do: new counts and
    # header words every time (a glide back and forth between two polls
    # would draw the same words again, which no night does). A glide where
    # the race turns called is left out: its wipe is the call's moment.
    polls = _contents()
    glides = [(a, b) for a, b in itertools.pairwise(polls) if a.tone is b.tone]
    glide = clock.tweens[-1]
    samples: list[float] = []
    cpu: list[float] = []
    for index in range(rounds):
        before, after = glides[index % len(glides)]
        scene.show_content(before, animate=False)
        view.viewport().repaint()
        scene.show_content(after, animate=True)
        for frame in range(1, FRAMES + 1):
            start, start_cpu = time.perf_counter(), time.thread_time()
            glide.frame(frame / FRAMES)
            app.processEvents()  # the scene's queued update paints the view
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        scene.finish_animation()
        app.processEvents()
    view.close()
    return {
        "frames": len(samples),
        "wall": _spread(samples),
        "gui_thread_cpu": _spread(cpu),
    }


def _spread(samples: list[float]) -> dict[str, float]:
    """Median, p10, p90 and p99 of frame times in milliseconds."""
    ordered = sorted(samples)
    count = len(ordered)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p10_ms": round(ordered[count // 10], 2),
        "p90_ms": round(ordered[count * 9 // 10], 2),
        "p99_ms": round(ordered[min(count - 1, count * 99 // 100)], 2),
    }


def main() -> None:
    """Time the glide at 1080 and 4K and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=16)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    report = {
        "measures": "frame callback + the event loop's paint of a raster-sized "
        "BoardView into its offscreen backing store: wall clock, and the GUI "
        "thread's CPU time (the machine is shared; CPU time is the steadier)",
        "excludes": [
            "the compositor and display flip (offscreen platform)",
            "polls landing mid-glide (the GUI thread's per-poll work)",
            "the call banner's wipe (a glide where the race turns called is left out)",
        ],
        "budget_ms_60fps": 16.7,
        "glide_1080": _glide_times(g.HD, args.rounds),
        "glide_4k": _glide_times(g.UHD, args.rounds),
    }
    print(json.dumps(report, indent=2))
    app.quit()


if __name__ == "__main__":
    main()
