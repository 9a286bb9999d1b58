"""The composition root: builds the application, its settings, sources and windows.

The only module that imports every layer.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from electionboard import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from electionboard.model import tabulate_election
from electionboard.model.live import LiveResults
from electionboard.model.retention import DEFAULT_RETENTION, Retention, parse_retention
from electionboard.resource_paths import sample_snapshots
from electionboard.settings import Settings, load_settings, user_dir
from electionboard.sources import FeedError, load_election
from electionboard.sources.ap_source import ApSource
from electionboard.sources.fetch import is_url
from electionboard.sources.polling import FeedSource, LocationSource, SequenceSource

log = logging.getLogger(__name__)

AP_API_KEY_VARIABLE = "AP_API_KEY"
"""Environment variable holding the AP Elections API key."""


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
    operator: str | None = None
    """Who is at the operator desk; asked at start-up when None."""
    theme: str | None = None
    broadcast_safe: bool = False
    watch_folder: Path | None = None
    archive_keep: Retention | None = None
    """Archive copies to keep; the archive_keep setting when None."""
    output_screen: int | None = None
    """Studio output window full screen on this display; none when None."""
    inhibit_screen_saver: bool = True
    """Keep the displays awake while the board runs."""


REPLAY_POSITION = "replay-position.json"
"""In the data folder: where the sample night's replay resumes after a restart."""


def _source_for(
    options: BoardOptions, settings: Settings, data_dir: Path | None = None
) -> tuple[FeedSource, float]:
    """The feed to poll and its interval; the sample night when none is named."""
    if options.source is None:
        paths = sample_snapshots()
        interval = options.interval or settings.replay_seconds / max(1, len(paths))
        position = data_dir / REPLAY_POSITION if data_dir is not None else None
        return SequenceSource(paths, position_file=position), interval
    timeout = (settings.connect_timeout, settings.read_timeout)
    interval = options.interval or settings.poll_interval
    if options.format_name == "ap" and is_url(options.source):
        # AP's next-request flow; the key only ever travels as a header.
        key = os.environ.get(AP_API_KEY_VARIABLE)
        source: FeedSource = ApSource(
            options.source, key, timeout=timeout, deadline=settings.fetch_deadline
        )
        return source, interval
    source = LocationSource(
        options.source,
        options.format_name,
        timeout=timeout,
        deadline=settings.fetch_deadline,
    )
    return source, interval


def _desk_operator(options: BoardOptions, platform: str) -> str | None:
    """``--operator``, else a dialog, else (not interactive) the login name.

    Returns:
        None when the operator cancelled the dialog.
    """
    from electionboard.ui.desk.operator_dialog import ask_operator, default_operator

    if options.operator and options.operator.strip():
        return options.operator.strip()
    if platform in ("offscreen", "minimal") or options.quit_after is not None:
        return default_operator() or "operator"
    return ask_operator()


def _retention(settings: Settings) -> Retention:
    """The archive_keep setting; the default when it does not parse."""
    try:
        return parse_retention(settings.archive_keep)
    except ValueError as error:
        log.warning("ignoring setting archive_keep: %s", error)
        return DEFAULT_RETENTION


def run_board(options: BoardOptions) -> int:
    """Start the board window and run the event loop until it closes."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from electionboard.presentation.geometry import parse_raster
    from electionboard.store import SqliteDeskStore
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.collector import GuiThreadCollector
    from electionboard.ui.controller import BoardController
    from electionboard.ui.desk.desk import Desk
    from electionboard.ui.poller import Poller, ThreadPoolExecutor
    from electionboard.ui.studio.studio import Studio
    from electionboard.ui.theme import theme_named
    from electionboard.ui.watch_folder import MB, WatchFolderExporter, describe
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
    operator = _desk_operator(options, app.platformName())
    if operator is None:
        log.warning("no operator name given; not starting")
        collector.stop()
        app.shutdown()
        return 1

    source, interval = _source_for(options, settings, data_dir)
    executor = ThreadPoolExecutor()
    poller = Poller(
        source,
        executor,
        interval,
        tabulate=functools.partial(
            tabulate_election, too_close_share=settings.too_close_share
        ),
    )
    live = LiveResults(settings.too_close_share)
    theme = theme_named(
        options.theme or settings.theme,
        safe=options.broadcast_safe or settings.broadcast_safe,
    )
    scene = BoardScene(raster, theme)
    controller = BoardController(
        live, scene, poller, max_rows=settings.max_rows, first_race=options.race
    )
    export_dir = (
        Path(settings.export_dir) if settings.export_dir else data_dir / "exports"
    )
    window = BoardWindow(controller, export_dir)
    window.status.setText(f"Polling {source.label} every {interval:g} s")
    # The operator desk: its store opens on the desk's own thread.
    desk = Desk(live, functools.partial(SqliteDeskStore, data_dir), operator)
    window.add_desk(desk.dock, [desk.undo_action, desk.redo_action])
    controller.feed_answer_accepted.connect(desk.record_feed_accepted)
    desk.start()
    watch_folder = options.watch_folder or (
        Path(settings.watch_folder) if settings.watch_folder else None
    )
    retention = options.archive_keep or _retention(settings)
    controller.export_retention = retention  # Ctrl+E's copies, the same rule
    watch = None
    if watch_folder is not None:
        watch = WatchFolderExporter(
            scene,
            watch_folder,
            board=settings.watch_board_name,
            retention=retention,
            min_free_bytes=settings.min_free_mb * MB,
        )
        watch.failed.connect(window.status.setText)
    # The studio (issue 6): preview beside program, stacks, the output window.
    studio = Studio(window, data_dir / "studio", poller)
    if watch is not None:
        studio.health.show_watch_folder(
            False, f"{watch_folder}: archive copies keep {describe(retention)}"
        )
        watch.disk_changed.connect(studio.health.show_watch_folder)
    if options.output_screen is not None:
        studio.open_output(options.output_screen)
    headless = app.platformName() in ("offscreen", "minimal")
    inhibit = options.inhibit_screen_saver and settings.inhibit_screen_saver
    if inhibit and not headless:  # no display to keep awake
        studio.inhibit_screen_saver()
    studio.start()
    if options.fullscreen or options.screen is not None:
        window.enter_full_screen(options.screen)
    else:
        window.show()
    poller.start()
    if options.quit_after is not None:
        QTimer.singleShot(round(options.quit_after * 1000), window.close)
    code = app.exec()
    studio.shutdown()
    if watch is not None:
        watch.shutdown()
    controller.shutdown()
    desk.shutdown()
    executor.wait_for_done(5000)
    # Tear down in a fixed order on this thread rather than at interpreter exit.
    window.deleteLater()
    scene.deleteLater()
    app.processEvents()
    collector.stop()
    del window, controller, poller, scene, desk, watch, studio
    app.shutdown()
    return code


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What ``electionboard export`` was asked to write.

    ``out`` is a PNG path, or with ``all_races`` a folder that receives
    ``<board>_<race>.png`` for every race. ``transparent`` is shorthand for
    the transparent theme; ``image_format`` is rgba, key-fill or opaque.
    """

    source: str
    out: Path
    race: str | None = None
    size: str = "1920x1080"
    transparent: bool = False
    format_name: str | None = None
    max_rows: int = 7
    theme: str | None = None
    broadcast_safe: bool = False
    image_format: str = "rgba"
    all_races: bool = False
    board: str = "board"


class ExportError(Exception):
    """The export could not be made; the message is for the command line."""


def _export_theme_name(options: ExportOptions) -> str:
    """The theme asked for; --transparent means the transparent theme."""
    if not options.transparent:
        return options.theme or "dark"
    if options.theme not in (None, "transparent"):
        raise ExportError(f"--transparent conflicts with --theme {options.theme}")
    return "transparent"


def run_export(options: ExportOptions) -> list[Path]:
    """Render a feed's race, or every race, headless to exact-size PNGs.

    Returns:
        The files written, in race order (a key+fill pair is two files).

    Raises:
        ExportError: a bad source, race, size, theme, format or output path.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    from electionboard.presentation.content import board_content
    from electionboard.presentation.geometry import parse_raster
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.export import (
        ExportFormat,
        render_scene,
        stable_name,
        write_image,
    )
    from electionboard.ui.theme import theme_named

    formats = {f.value: f for f in ExportFormat}
    if options.image_format not in formats:
        known = ", ".join(formats)
        raise ExportError(f"unknown image format {options.image_format!r} ({known})")
    try:
        raster = parse_raster(options.size)
        theme = theme_named(_export_theme_name(options), safe=options.broadcast_safe)
    except ValueError as error:
        raise ExportError(str(error)) from None
    try:
        election = load_election(options.source, options.format_name)
    except FeedError as error:
        raise ExportError(str(error)) from None
    all_standings = tabulate_election(election)
    if not all_standings:
        raise ExportError("the feed has no races")
    if options.all_races:
        if options.out.exists() and not options.out.is_dir():
            raise ExportError(f"--all-races needs a folder, not {options.out}")
        chosen = list(all_standings)
    elif options.race is None:
        chosen = [all_standings[0]]
    else:
        chosen = [s for s in all_standings if s.race.id == options.race]
        if not chosen:
            raise ExportError(f"no race {options.race!r} in this feed")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scene = BoardScene(raster, theme)
    written: list[Path] = []
    try:
        for standings in chosen:
            scene.show_content(
                board_content(standings, election.updated, options.max_rows),
                animate=False,
            )
            target = (
                options.out / stable_name(options.board, standings.race.id)
                if options.all_races
                else options.out
            )
            image = render_scene(scene)
            written.extend(write_image(image, target, formats[options.image_format]))
    except OSError as error:
        raise ExportError(str(error)) from None
    finally:
        scene.deleteLater()
        app.processEvents()
    return written
