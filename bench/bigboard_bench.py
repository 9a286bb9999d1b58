"""Frame times of a big board update, with a bare-scene baseline; prints JSON.

Usage: QT_QPA_PLATFORM=offscreen python bench/bigboard_bench.py [--updates N]

A 9-race board gets a snapshot with new figures for every race (the words,
the fitting, the glide's targets: ``show_input``) and then every frame of the
half-second glide at 60 frames a second, each frame rendered to an image of
the raster. The baseline, measured in the same run, is a bare
QGraphicsScene holding as many text items as the board draws, in the same
fonts and sizes, every one given new words each frame and rendered the same
way, so the ratio says what the board's own work (plates, bars, fitting,
the glide) costs over Qt's text drawing.

Two ways a frame reaches pixels, both timed: ``glide_frame`` and friends
render the whole raster into a QImage each frame, as an export would if it
wrote every frame of a glide (none does: exports wait for the end state);
``view`` is what the program output on a 4K screen costs, a real BoardView
sized to the raster repainting, on the offscreen platform, only the
rectangles the scene says changed (its SmartViewportUpdate), with the share
of the raster it repainted. Never run as a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterable
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEasingCurve, QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QWidget,
)

from electionboard.model import Candidate, Election, Race, Rule, tabulate_election
from electionboard.model.screens import ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.animation import Frame, Tween
from electionboard.ui.board.view import BoardView
from electionboard.ui.fonts import register_fonts
from electionboard.ui.screens.bigboard import ANIMATION_MS, BigBoardScene

FRAME_MS = 1000 / 60
LEFT_OUT = [
    "fetching, parsing and tabulating the feed (the poller's worker thread)",
    "showing the scene in a window: the view's scaling and the screen's compositor",
    "encoding the frame (PNG, key and fill) for export or the watch folder",
    "the first show on a new grid, which makes the tiles and fits every word",
    "GPU upload or SDI output: frames are rendered to a QImage in memory, "
    "or (view) painted into the offscreen platform's backing store",
    "(view) the compositor and the display's flip",
]


class _SteppedTween:
    """A tween the bench moves one display frame at a time."""

    def __init__(self, easing: QEasingCurve.Type, on_frame: Frame) -> None:
        self._curve = QEasingCurve(easing)
        self._on_frame = on_frame
        self._duration = 0
        self._elapsed = 0.0
        self._running = False
        self._progress = 0.0

    def start(self, msecs: int) -> None:
        self._duration, self._elapsed, self._running = msecs, 0.0, True
        self._report(0.0)

    def stop(self) -> None:
        self._running = False

    def is_running(self) -> bool:
        return self._running

    def progress(self) -> float:
        return self._progress

    def step(self) -> None:
        if not self._running:
            return
        self._elapsed = min(float(self._duration), self._elapsed + FRAME_MS)
        self._report(self._elapsed / self._duration if self._duration else 1.0)
        if self._elapsed >= self._duration:
            self._running = False

    def _report(self, linear: float) -> None:
        self._progress = self._curve.valueForProgress(linear)
        self._on_frame(self._progress)


class _SteppedClock:
    """AnimationClock whose frames come when the bench asks."""

    def __init__(self) -> None:
        self.tweens: list[_SteppedTween] = []

    def tween(
        self,
        _parent: QObject,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None = None,
    ) -> Tween:
        del on_finished
        made = _SteppedTween(easing, on_frame)
        self.tweens.append(made)
        return made

    def step(self) -> bool:
        """One display frame; False once nothing runs."""
        for tween in self.tweens:
            tween.step()
        return any(tween.is_running() for tween in self.tweens)


def night(seed: int) -> ScreenInput:
    """Nine three-way races with figures drawn from ``seed``."""
    rng = random.Random(seed)
    races = []
    for n in range(9):
        votes = [rng.randrange(50_000, 2_000_000) for _ in range(3)]
        races.append(
            Race(
                id=f"race-{n}",
                name=f"State {n} · U.S. House District {n + 1}",
                rule=Rule(),
                candidates=(
                    Candidate(
                        id="d", name=f"Dana Whitfield {n}", party="DEM", ballot_order=1
                    ),
                    Candidate(
                        id="r", name=f"Robert Haines {n}", party="REP", ballot_order=2
                    ),
                    Candidate(
                        id="l", name=f"Jo Castellanos {n}", party="LIB", ballot_order=3
                    ),
                ),
                totals=tuple(votes),
                precincts_reporting=rng.randrange(1, 400),
                precincts_total=400,
            )
        )
    election = Election(
        id="bench",
        name="Bench Night",
        date=dt.date(2024, 11, 5),
        updated=dt.datetime(2024, 11, 6, 3, seed % 60, tzinfo=dt.UTC),
        races=tuple(races),
    )
    return ScreenInput(
        election, tuple(tabulate_election(election)), options=ScreenOptions(grid=9)
    )


def render(scene: QGraphicsScene, image: QImage) -> None:
    """Paint the scene 1:1 into ``image``, as an export does."""
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
    )
    scene.render(painter, QRectF(image.rect()), scene.sceneRect())
    painter.end()


def summary(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "frames": len(samples),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
    }


def board_frames(
    raster: g.Raster, updates: int
) -> tuple[list[float], list[float], list[QFont]]:
    """Update and glide frame times of the big board; and its texts' fonts."""
    clock = _SteppedClock()
    scene = BigBoardScene(raster, animations=clock)
    image = QImage(
        raster.width, raster.height, QImage.Format.Format_ARGB32_Premultiplied
    )
    snapshots = [night(seed) for seed in range(updates + 1)]
    scene.show_input(snapshots[0], animate=False)
    render(scene, image)
    texts = [QFont(item.font()) for item in scene.text_items()]  # type: ignore[attr-defined]
    update_ms: list[float] = []
    glide_ms: list[float] = []
    for data in snapshots[1:]:
        start = time.perf_counter()
        scene.show_input(data)
        render(scene, image)
        update_ms.append((time.perf_counter() - start) * 1000)
        running = True
        while running:
            start = time.perf_counter()
            running = clock.step()
            render(scene, image)
            glide_ms.append((time.perf_counter() - start) * 1000)
    scene.deleteLater()
    return update_ms, glide_ms, texts


class _PaintCounter(QObject):
    """Counts the viewport's paints and the pixels each repainted."""

    def __init__(self) -> None:
        super().__init__()
        self.pixels: list[int] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """Qt: note a paint's region, then let it paint."""
        if isinstance(event, QPaintEvent):
            # QRegion iterates its rectangles; the stubs do not say so.
            rects = cast("Iterable[QRect]", event.region())
            self.pixels.append(sum(r.width() * r.height() for r in rects))
        return False


def view_frames(raster: g.Raster, updates: int) -> dict[str, object]:
    """The same updates and glides painted by a raster-sized BoardView: a
    frame is the step and the event loop's pass that repaints the view."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    clock = _SteppedClock()
    scene = BigBoardScene(raster, animations=clock)
    view = BoardView(scene, safe_area_key=None)
    view.resize(raster.width, raster.height)
    view.show()
    counter = _PaintCounter()
    viewport: QWidget = view.viewport()
    viewport.installEventFilter(counter)
    snapshots = [night(seed) for seed in range(updates + 1)]
    scene.show_input(snapshots[0], animate=False)
    app.processEvents()
    counter.pixels.clear()
    update_ms: list[float] = []
    glide_ms: list[float] = []
    glide_paints = 0
    for data in snapshots[1:]:
        start = time.perf_counter()
        scene.show_input(data)
        app.processEvents()
        update_ms.append((time.perf_counter() - start) * 1000)
        painted = len(counter.pixels)
        running = True
        while running:
            start = time.perf_counter()
            running = clock.step()
            app.processEvents()
            glide_ms.append((time.perf_counter() - start) * 1000)
        glide_paints += len(counter.pixels) - painted
    viewport.removeEventFilter(counter)
    view.close()
    scene.deleteLater()
    whole = raster.width * raster.height
    return {
        "update_frame": summary(update_ms),
        "glide_frame": summary(glide_ms),
        "glide_paints": glide_paints,
        "repainted_share_median": round(statistics.median(counter.pixels) / whole, 3),
    }


def baseline_frames(raster: g.Raster, fonts: list[QFont], frames: int) -> list[float]:
    """A bare scene with a plain text item in each of ``fonts``, every one
    given new words each frame (the board changes only its figures)."""
    scene = QGraphicsScene(0, 0, raster.width, raster.height)
    image = QImage(
        raster.width, raster.height, QImage.Format.Format_ARGB32_Premultiplied
    )
    items = []
    columns = 9
    for n, font in enumerate(fonts):
        item = QGraphicsSimpleTextItem(f"{n:,}")
        item.setFont(font)
        item.setBrush(QColor("#ffffff"))
        item.setPos(
            (100 + (n % columns) * 190) * raster.scale,
            (60 + (n // columns) * 60) * raster.scale,
        )
        scene.addItem(item)
        items.append(item)
    samples = []
    for frame in range(frames):
        start = time.perf_counter()
        for n, item in enumerate(items):
            item.setText(f"{(frame * 7919 + n * 104_729) % 2_000_000:,}")
        render(scene, image)
        samples.append((time.perf_counter() - start) * 1000)
    scene.deleteLater()
    return samples


def main() -> None:
    """Run the benchmark at 1080 and 4K and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=6)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    register_fonts()
    report: dict[str, object] = {
        "grid": 9,
        "glide_ms": ANIMATION_MS,
        "updates": args.updates,
        "left_out": LEFT_OUT,
    }
    for raster in (g.HD, g.UHD):
        update_ms, glide_ms, fonts = board_frames(raster, args.updates)
        every = update_ms + glide_ms
        baseline = baseline_frames(raster, fonts, len(every))
        board = summary(every)
        bare = summary(baseline)
        report[str(raster)] = {
            "text_items": len(fonts),
            "update_frame": summary(update_ms),
            "glide_frame": summary(glide_ms),
            "every_frame": board,
            "baseline_bare_scene": bare,
            "ratio_median": round(board["median_ms"] / bare["median_ms"], 2),
            "ratio_p95": round(board["p95_ms"] / bare["p95_ms"], 2),
            "view": view_frames(raster, args.updates),
        }
    print(json.dumps(report, indent=2))
    app.quit()


if __name__ == "__main__":
    main()
