"""PNG export of the race board at 1080 and 4K, render against encode; prints JSON.

Usage: QT_QPA_PLATFORM=offscreen python bench/export_bench.py [--repeat N]

Render = the settled scene painted into a premultiplied QImage (the GUI
thread's part). Encode = the files' bytes from that image (the worker's part):
straight alpha (one RGBA PNG) and key+fill (two opaque PNGs). The board is the
Los Angeles mayor's race from the bundled sample night. The baseline is a
plain ``QImage.save`` of the same straight image at Qt's default PNG level.
Never run as a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.sources import parse_feed
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import ExportFormat, encode, render_scene, straight

SAMPLE = Path(__file__).resolve().parent.parent / "resources/samples/la2022/05.json"


def _spread(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p10_ms": round(samples[len(samples) // 10], 2),
        "p90_ms": round(samples[len(samples) * 9 // 10], 2),
    }


def _raster(raster: g.Raster, repeat: int, folder: Path) -> dict[str, Any]:
    election = parse_feed(SAMPLE.read_bytes(), "native")
    scene = BoardScene(raster)
    scene.show_content(
        board_content(tabulate_election(election)[0], election.updated),
        animate=False,
    )
    image = render_scene(scene, transparent=True)
    baseline = folder / "baseline.png"
    return {
        "render_alpha": _spread(lambda: render_scene(scene, transparent=True), repeat),
        "encode_alpha": _spread(lambda: encode(image, ExportFormat.RGBA), repeat),
        "render_and_encode_alpha": _spread(
            lambda: encode(render_scene(scene, transparent=True), ExportFormat.RGBA),
            repeat,
        ),
        "encode_key_fill": _spread(
            lambda: encode(image, ExportFormat.KEY_FILL), repeat
        ),
        "baseline_qimage_save_default": _spread(
            lambda: straight(image).save(str(baseline)), repeat
        ),
        "alpha_bytes": len(encode(image, ExportFormat.RGBA)[""]),
    }


def main() -> None:
    """Time render and encode at both rasters and print one JSON document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    report = {
        "excludes": [
            "the atomic write to disk (fsync and rename)",
            "the hop from the GUI thread to the encoding worker",
        ],
        "targets_ms": {"alpha_1080": 40, "alpha_4k": 150},
        "1080": _raster(g.HD, args.repeat, folder),
        "4k": _raster(g.UHD, args.repeat, folder),
    }
    print(json.dumps(report, indent=2))
    app.quit()


if __name__ == "__main__":
    main()
