"""The composition root: builds the application, its settings, sources and windows.

The only module that imports every layer.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from electionboard import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from electionboard.model.live import LiveResults
from electionboard.resource_paths import sample_snapshots
from electionboard.settings import Settings, load_settings, user_dir
from electionboard.sources import FeedError, load_election
from electionboard.sources.polling import FeedSource, LocationSource, SequenceSource

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BoardOptions:
    """What the command line asked of the on-screen board."""

    source: str | None = None
    format_name: str | None = None
    interval: float | None = None
    size: str | None = None
    race: str | None = None
    fullscreen: bool = False
    screen: int | None = None
    config_dir: Path | None = None
    data_dir: Path | None = None
    quit_after: float | None = None


def _source_for(options: BoardOptions, settings: Settings) -> tuple[FeedSource, float]:
    """The feed to poll and its interval; the sample night when none is named."""
    if options.source is None:
        paths = sample_snapshots()
        interval = options.interval or settings.replay_seconds / max(1, len(paths))
        return SequenceSource(paths), interval
    timeout = (settings.connect_timeout, settings.read_timeout)
    source = LocationSource(options.source, options.format_name, timeout=timeout)
    return source, options.interval or settings.poll_interval


def run_board(options: BoardOptions) -> int:
    """Start the board window and run the event loop until it closes."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from electionboard.ui.board.geometry import parse_raster
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.collector import GuiThreadCollector
    from electionboard.ui.controller import BoardController
    from electionboard.ui.poller import Poller, ThreadPoolExecutor
    from electionboard.ui.window import BoardWindow

    config_dir = options.config_dir or user_dir("config")
    data_dir = options.data_dir or user_dir("data")
    settings = load_settings(config_dir)
    raster = parse_raster(options.size or settings.raster)

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")
    collector = GuiThreadCollector()

    source, interval = _source_for(options, settings)
    executor = ThreadPoolExecutor()
    poller = Poller(source, executor, interval)
    live = LiveResults(settings.too_close_share)
    scene = BoardScene(raster)
    controller = BoardController(
        live, scene, poller, max_rows=settings.max_rows, first_race=options.race
    )
    export_dir = (
        Path(settings.export_dir) if settings.export_dir else data_dir / "exports"
    )
    window = BoardWindow(controller, export_dir)
    window.status.setText(f"Polling {source.label} every {interval:g} s")
    if options.fullscreen or options.screen is not None:
        window.enter_full_screen(options.screen)
    else:
        window.show()
    poller.start()
    if options.quit_after is not None:
        QTimer.singleShot(round(options.quit_after * 1000), window.close)
    code = app.exec()
    controller.shutdown()
    executor.wait_for_done(5000)
    # Tear down in a fixed order on this thread rather than at interpreter exit.
    window.deleteLater()
    scene.deleteLater()
    app.processEvents()
    collector.stop()
    del window, controller, poller, scene
    app.shutdown()
    return code


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What ``electionboard export`` was asked to write."""

    source: str
    out: Path
    race: str | None = None
    size: str = "1920x1080"
    transparent: bool = False
    format_name: str | None = None
    max_rows: int = 7


class ExportError(Exception):
    """The export could not be made; the message is for the command line."""


def run_export(options: ExportOptions) -> Path:
    """Render a feed's race headless to an exact-size PNG.

    Raises:
        ExportError: a bad source, race, size or output path.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    from electionboard.model import tabulate_election
    from electionboard.ui.board.content import board_content
    from electionboard.ui.board.geometry import parse_raster
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.export import render_scene, save_png

    try:
        raster = parse_raster(options.size)
    except ValueError as error:
        raise ExportError(str(error)) from None
    try:
        election = load_election(options.source, options.format_name)
    except FeedError as error:
        raise ExportError(str(error)) from None
    all_standings = tabulate_election(election)
    if not all_standings:
        raise ExportError("the feed has no races")
    if options.race is None:
        standings = all_standings[0]
    else:
        matches = [s for s in all_standings if s.race.id == options.race]
        if not matches:
            raise ExportError(f"no race {options.race!r} in this feed")
        standings = matches[0]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scene = BoardScene(raster)
    scene.show_content(
        board_content(standings, election.updated, options.max_rows), animate=False
    )
    image = render_scene(scene, transparent=options.transparent)
    try:
        save_png(image, options.out)
    except OSError as error:
        raise ExportError(str(error)) from None
    finally:
        scene.deleteLater()
        app.processEvents()
    return options.out
