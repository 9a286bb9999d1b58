"""Poll-to-pixels and PNG export timings for the board; prints JSON.

Usage: QT_QPA_PLATFORM=offscreen python bench/ui_bench.py [--repeat N]

Poll to pixels = the worker's part (read the statewide feed file, parse,
tabulate) plus the GUI thread's part (reconcile with the last snapshot and
reuse the worker's standings in LiveResults, phrase the race, update the
scene, paint one 1920x1080 frame). Never run as a timed test.

Not the user's figure: it leaves out the desk, the studio console, preview
and program, the thread hop and the glide, and ``gui_update_and_paint`` feeds
the same parsed result every time. ``bench/app_bench.py`` measures the real
app's poll to pixels; this one is kept for the scene's own cost and the PNG
export.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_statewide import statewide_feed
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from timing import timed

from electionboard.model import tabulate_election
from electionboard.model.live import LiveResults
from electionboard.presentation.content import board_content
from electionboard.sources.fetch import FetchRequest, fetch
from electionboard.sources.formats import parse_feed
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene, save_png


def main() -> None:
    """Run the UI benchmarks and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    feed_path = folder / "statewide.json"
    feed_path.write_text(json.dumps(statewide_feed(), separators=(",", ":")))
    scene = BoardScene()
    frame = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)

    def worker() -> Any:
        data = fetch(FetchRequest(str(feed_path))).data
        election = parse_feed(data)
        return election, tabulate_election(election)

    live = LiveResults()
    minute = [0]

    def gui(result: Any) -> None:
        election, standings = result
        # A newer stamp each time, as a live feed's would be.
        minute[0] += 1
        election = dataclasses.replace(
            election, updated=election.updated + dt.timedelta(minutes=minute[0])
        )
        live.apply_snapshot(election, standings)
        shown = live.standings[0]
        scene.show_content(board_content(shown, election.updated), animate=False)
        frame.fill(Qt.GlobalColor.transparent)
        painter = QPainter(frame)
        scene.render(painter, QRectF(0, 0, 1920, 1080), scene.sceneRect())
        painter.end()

    result = worker()
    report = {
        "not_the_users_figure": "see bench/app_bench.py for the real app's poll "
        "to pixels and GUI-thread work per poll",
        "excludes": [
            "the operator desk, the studio console, preview and program windows",
            "the poll thread pool and its hop to the GUI thread",
            "the glide: the scene is shown with animate=False",
            "a changing feed in gui_update_and_paint: the same parsed result "
            "every time (only the stamp moves on)",
            "a real display's compositor and vsync (offscreen QImage paint)",
        ],
        "feed_bytes": feed_path.stat().st_size,
        "worker_fetch_parse_tabulate": timed(worker, args.repeat),
        "gui_update_and_paint": timed(lambda: gui(result), args.repeat),
        "poll_to_pixels": timed(lambda: gui(worker()), args.repeat),
        "export_png_1080_alpha": timed(
            lambda: save_png(render_scene(scene, transparent=True), folder / "x.png"),
            args.repeat,
        ),
    }
    print(json.dumps(report, indent=2))
    app.quit()


if __name__ == "__main__":
    main()
