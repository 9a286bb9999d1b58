"""Frame time of the ticker at 1080 and 4K; prints JSON.

Usage: QT_QPA_PLATFORM=offscreen python bench/ticker_bench.py [--frames N]

One frame = move the ticker's clock on 1/60 s, ``tick`` (offset, plan,
item positions) and paint the whole raster into an ARGB image, as the
program output's timer does. The crawl holds twelve races (the LA sample's
mayoral race under twelve names), so segments enter and leave throughout.
A baseline in the same run paints a bare scene of the same raster holding
one static text in the crawl's font: what any frame costs before the ticker
does anything (an empty scene too: the cost of clearing and painting the
raster alone). Reported: median and p95 milliseconds and the share of the
16.7 ms budget a 60 fps output has per frame.

Left out: the display's swap and vsync, GPU compositing and the window's
scaling of the frame, the mixer's key, other screens drawn in the same
frame, PNG encoding (ui_bench.py times export), and garbage-collection
pauses longer than the run catches. Note the baseline's text is a
QGraphicsSimpleTextItem, as the board's TextItem is; at 4K its 80 px line
costs more than the ticker's runs, which paint with QPainter.drawText.
The offscreen platform paints with Qt's raster engine on one core, as the
program output's software path does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsSimpleTextItem

from electionboard.model import Election, tabulate_election
from electionboard.model.screens import ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation import ticker as tk
from electionboard.presentation.screen_input import ScreenInput
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.fonts import board_font, register_fonts
from electionboard.ui.screens.ticker import TickerScene

BUDGET_MS = 1000 / 60
RACES = 12
BLOCKS = 10


def twelve_races() -> ScreenInput:
    """The LA sample's last snapshot with its race under twelve names."""
    election = load_election(str(sample_snapshots()[-1]))
    race = election.races[0]
    races = tuple(
        dataclasses.replace(race, id=f"r{n}", name=f"City Council District {n + 1}")
        for n in range(RACES)
    )
    many: Election = dataclasses.replace(election, races=races)
    return ScreenInput(many, tuple(tabulate_election(many)), options=ScreenOptions())


class Clock:
    """Seconds the bench moves by a frame at a time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def frame_times(
    scene: QGraphicsScene, raster: g.Raster, step: Callable[[], None], frames: int
) -> list[float]:
    """Milliseconds of each ``step`` plus a full-raster paint."""
    image = QImage(
        raster.width, raster.height, QImage.Format.Format_ARGB32_Premultiplied
    )
    target = QRectF(0, 0, raster.width, raster.height)
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        step()
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        scene.render(painter, target, scene.sceneRect())
        painter.end()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    """Median, p95 and the budget's share at each."""
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(median, 2),
        "p95_ms": round(p95, 2),
        "median_budget_share": round(median / BUDGET_MS, 3),
        "p95_budget_share": round(p95 / BUDGET_MS, 3),
    }


def baseline_scene(raster: g.Raster) -> QGraphicsScene:
    """A bare scene of the raster with one static text in the crawl's font."""
    scene = QGraphicsScene(0, 0, raster.width, raster.height)
    item = QGraphicsSimpleTextItem("MAYOR OF LOS ANGELES · Bass 43.1% · 100% in")
    item.setFont(board_font(tk.TEXT_PX * raster.scale, QFont.Weight.DemiBold))
    item.setBrush(QColor("#ffffff"))
    item.setPen(QPen(Qt.PenStyle.NoPen))  # as TextItem: fill only, no outline path
    item.setPos(400 * raster.scale, tk.BAR_TOP * raster.scale)
    scene.addItem(item)
    return scene


def bench(raster: g.Raster, frames: int, data: ScreenInput) -> dict[str, object]:
    """The ticker's frames and the baseline's, at one raster."""
    clock = Clock()
    scene = TickerScene(raster, clock=clock, run=False)
    scene.show_input(data, animate=False)

    def step() -> None:
        clock.now += 1 / 60
        scene.tick()

    bare = baseline_scene(raster)
    frame_times(scene, raster, step, 30)  # warm the glyph caches
    frame_times(bare, raster, lambda: None, 30)
    # Interleaved blocks, so a noisy neighbour on the machine hits both alike.
    ticker_ms: list[float] = []
    bare_ms: list[float] = []
    empty_ms: list[float] = []
    empty = QGraphicsScene(0, 0, raster.width, raster.height)
    block = max(1, frames // BLOCKS)
    for _ in range(BLOCKS):
        ticker_ms += frame_times(scene, raster, step, block)
        bare_ms += frame_times(bare, raster, lambda: None, block)
        empty_ms += frame_times(empty, raster, lambda: None, block)
    ticker, baseline = summary(ticker_ms), summary(bare_ms)
    return {
        "frames": len(ticker_ms),
        "segments_on_track": len(scene.segment_items()),
        "ticker": ticker,
        "baseline_bare_scene_one_text": baseline,
        "empty_scene_fill_and_paint": summary(empty_ms),
        "ticker_over_baseline_median_ms": round(
            ticker["median_ms"] - baseline["median_ms"], 2
        ),
    }


def main() -> None:
    """Run at both rasters and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    register_fonts()
    data = twelve_races()
    report = {
        "budget_ms_at_60fps": round(BUDGET_MS, 2),
        "races": RACES,
        str(g.HD): bench(g.HD, args.frames, data),
        str(g.UHD): bench(g.UHD, max(60, args.frames // 2), data),
    }
    print(json.dumps(report, indent=2))
    app.quit()


if __name__ == "__main__":
    main()
