"""The composition root: builds the application, its settings, sources and windows.

The only module that imports every layer.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from electionboard import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__, method_cache
from electionboard.model import tabulate_election
from electionboard.model.live import LiveResults
from electionboard.presentation.content import AirStyle
from electionboard.resource_paths import sample_night_dir, sample_snapshots
from electionboard.settings import Settings, SettingsError, load_settings, user_dir
from electionboard.sources import FeedError, load_election
from electionboard.sources.fetch import is_url
from electionboard.sources.polling import FeedSource, LocationSource, SequenceSource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from electionboard.model.election import Election
    from electionboard.model.retention import Retention
    from electionboard.model.screens import ScreenOptions
    from electionboard.model.standings import RaceStandings
    from electionboard.model.trend import TrendSample
    from electionboard.presentation.geometry import Raster
    from electionboard.replay.studio_channel import StudioPublisher
    from electionboard.store import DeskStore
    from electionboard.ui.animation import AnimationClock
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.bridge import ResultsBridge
    from electionboard.ui.collector import GuiThreadCollector
    from electionboard.ui.controller import BoardController
    from electionboard.ui.desk.desk import Desk
    from electionboard.ui.desk.prompts import Confirmer, FileChooser
    from electionboard.ui.desk.worker import StoreFactory
    from electionboard.ui.feed_monitor import Clock, FeedMonitor
    from electionboard.ui.first_frame import AfterFirstPaint
    from electionboard.ui.poller import Executor, Poller, ThreadPoolExecutor
    from electionboard.ui.studio.desk_overlay import DeskOverlayFollower
    from electionboard.ui.studio.stack_panel import NameAsker
    from electionboard.ui.studio.station import DisplayStation
    from electionboard.ui.studio.studio import Studio
    from electionboard.ui.theme import Theme
    from electionboard.ui.trend_recorder import TrendRecorder
    from electionboard.ui.watch_folder import WatchFolderExporter
    from electionboard.ui.window import BoardWindow

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
    store: str | None = None
    """The desk store: a folder or a postgresql:// URL; None: the setting,
    then ``ELECTIONBOARD_STORE``, then SQLite in the data folder."""


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
        from electionboard.sources.ap_source import ApSource

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


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _desk_operator(
    options: BoardOptions, platform: str, login: str | None = None
) -> str | None:
    """``--operator``, else a dialog, else (not interactive) the login name.

    ``login`` is the database login of a server store: the operator signs in
    as it (the database refuses any other name), so it is what the dialog
    suggests and what a headless desk uses.

    Returns:
        None when the operator cancelled the dialog.
    """
    if options.operator and options.operator.strip():
        return options.operator.strip()
    from electionboard.ui.desk.operator_dialog import ask_operator, default_operator

    if platform in ("offscreen", "minimal") or options.quit_after is not None:
        return login or default_operator() or "operator"
    return ask_operator(login or "", rehearsal=options.source is None)


def _studio_publisher(location: str) -> StudioPublisher | None:
    """Where a server store's producer publishes takes; None for a folder (whose
    studio folder is the stations' channel). Imports the driver only for a URL."""
    from electionboard.locations import is_url

    if not is_url(location):
        return None
    from electionboard.replay.studio_channel import StudioPublisher

    return StudioPublisher(location)


def _store_login(location: str) -> str | None:
    """The database login a server store signs in as; None for a folder."""
    from electionboard.locations import is_url

    if not is_url(location):
        return None
    from electionboard.store.urls import login_of

    return login_of(location)


def _retention(settings: Settings) -> Retention:
    """The archive_keep setting; the default when it does not parse."""
    from electionboard.model.retention import DEFAULT_RETENTION, parse_retention

    try:
        return parse_retention(settings.archive_keep)
    except ValueError as error:
        log.warning("ignoring setting archive_keep: %s", error)
        return DEFAULT_RETENTION


@dataclass(frozen=True, slots=True)
class Hooks:
    """What a test replaces in a board; everything else is built as users run it.

    Attributes:
        source: the feed to poll; the one ``options`` name when None.
        executor: runs poll jobs; a thread pool when None (then the board owns
            it and waits for it at shutdown).
        clock: this machine's time for the poller and the feed monitor.
        animations: the scenes' animation clock.
        open_store: opens the desk's store; SQLite in the data folder when None.
        confirm: the desk's and the studio's yes-or-no questions.
        files: the desk's file choices.
        ask_name: the studio's name prompt.
        desk_poll_seconds: how often the desk looks for another instance's writes.
        transition_ms: a studio take's crossfade; the studio's default when None.
        studio_clock: the studio's monotonic clock; ``time.monotonic`` when None.
        shapes_cache: where maps keep their simplified county shapes; the
            per-user cache folder when None.
    """

    source: FeedSource | None = None
    executor: Executor | None = None
    clock: Clock | None = None
    animations: AnimationClock | None = None
    open_store: StoreFactory | None = None
    confirm: Confirmer | None = None
    files: FileChooser | None = None
    ask_name: NameAsker | None = None
    desk_poll_seconds: float = 2.0
    transition_ms: int | None = None
    studio_clock: Callable[[], float] | None = None
    shapes_cache: Path | None = None


@dataclass(frozen=True, slots=True)
class RunningBoard:
    """The parts of a running board, built once and shut down in order."""

    poller: Poller
    live: LiveResults
    bridge: ResultsBridge
    monitor: FeedMonitor
    scene: BoardScene
    controller: BoardController
    window: BoardWindow
    desk: Desk
    studio: Studio
    watch: WatchFolderExporter | None
    pool: ThreadPoolExecutor | None
    """The poll executor the board owns; None when a test passed its own."""


def air_style(settings: Settings) -> AirStyle:
    """The station's wording settings, for the Qt-free content."""
    return AirStyle(
        decision_desk=settings.decision_desk.strip() or "Decision Desk",
        source_casing=settings.keep_source_casing,
        locator=settings.locator,
    )


def _setting_path(value: str) -> Path | None:
    """A file or folder setting as a path; empty means off (None)."""
    return Path(value).expanduser() if value.strip() else None


@dataclass(frozen=True)
class _FeedToBoard:
    """The one path from poll to pixels, shared by a board and a station."""

    poller: Poller
    live: LiveResults
    bridge: ResultsBridge
    monitor: FeedMonitor
    scene: BoardScene
    controller: BoardController
    pool: ThreadPoolExecutor | None
    source_label: str
    interval: float


def _feed_to_board(
    options: BoardOptions, settings: Settings, hooks: Hooks, *, data_dir: Path | None
) -> _FeedToBoard:
    """Poller -> feed monitor -> live results (tabulated on the worker) -> one
    bridge -> the program board's controller; ``data_dir`` keeps the sample
    replay's position."""
    from electionboard.presentation.geometry import parse_raster
    from electionboard.ui.animation import QT_ANIMATIONS
    from electionboard.ui.board.scene import BoardScene
    from electionboard.ui.bridge import ResultsBridge
    from electionboard.ui.controller import BoardController
    from electionboard.ui.feed_monitor import FeedMonitor
    from electionboard.ui.poller import Poller, ThreadPoolExecutor
    from electionboard.ui.theme import theme_named

    raster = parse_raster(options.size or settings.raster)
    if hooks.source is None:
        source, interval = _source_for(options, settings, data_dir)
    else:
        source, interval = hooks.source, options.interval or settings.poll_interval
    pool: ThreadPoolExecutor | None = None
    executor: Executor
    if hooks.executor is None:
        pool = executor = ThreadPoolExecutor()
    else:
        executor = hooks.executor
    live = LiveResults(settings.too_close_share)
    clock = hooks.clock or _utc_now
    poller = Poller(
        source, executor, interval, tabulate=live.tabulate_election, clock=clock
    )
    bridge = ResultsBridge(live)
    monitor = FeedMonitor(live, poller, clock=clock, time_zone=settings.time_zone)
    theme = theme_named(
        options.theme or settings.theme,
        safe=options.broadcast_safe or settings.broadcast_safe,
    )
    scene = BoardScene(
        raster,
        theme,
        animations=hooks.animations or QT_ANIMATIONS,
        headshots_dir=_setting_path(settings.headshots_dir),
        logo=_setting_path(settings.logo),
    )
    controller = BoardController(
        bridge,
        scene,
        monitor=monitor,
        max_rows=settings.max_rows,
        first_race=options.race,
        clock=clock,
        style=air_style(settings),
        time_zone=settings.time_zone,
    )
    return _FeedToBoard(
        poller, live, bridge, monitor, scene, controller, pool, source.label, interval
    )


@dataclass(frozen=True, slots=True)
class ProgramBoard:
    """What program's first frame needs: the feed to the board, and its window.

    ``finish_board`` builds the rest around it (the desk, the studio, the
    watch folder); ``run_board`` does so right after the first frame.
    """

    feed: _FeedToBoard
    window: BoardWindow


def build_program(
    options: BoardOptions,
    settings: Settings,
    *,
    data_dir: Path,
    hooks: Hooks | None = None,
) -> ProgramBoard:
    """The program board and its window, polling nothing yet."""
    hooks = hooks or Hooks()
    from electionboard.ui.window import BoardWindow

    feed = _feed_to_board(
        options, settings, hooks, data_dir=data_dir if options.source is None else None
    )
    export_dir = (
        Path(settings.export_dir) if settings.export_dir else data_dir / "exports"
    )
    window = BoardWindow(
        feed.controller, export_dir, feed.monitor, confirm=hooks.confirm
    )
    window.status.setText(f"Polling {feed.source_label} every {feed.interval:g} s")
    return ProgramBoard(feed, window)


def build_board(
    options: BoardOptions,
    settings: Settings,
    *,
    operator: str,
    data_dir: Path,
    hooks: Hooks | None = None,
) -> RunningBoard:
    """Build every part of a board from the options and settings; start none.

    The one path from poll to pixels: poller -> feed monitor -> live results
    (tabulated on the worker with the results' own threshold) -> one bridge ->
    program, preview and desk.
    """
    program = build_program(options, settings, data_dir=data_dir, hooks=hooks)
    return finish_board(
        program, options, settings, operator=operator, data_dir=data_dir, hooks=hooks
    )


def finish_board(
    program: ProgramBoard,
    options: BoardOptions,
    settings: Settings,
    *,
    operator: str,
    data_dir: Path,
    hooks: Hooks | None = None,
) -> RunningBoard:
    """Build the desk, the studio and the watch folder around the program board.

    Before the first poll (``build_board``) or after program showed its
    first answer (``run_board``): parts built then are handed the results as
    they stand, and what program already put on air is exported and saved.
    """
    hooks = hooks or Hooks()
    from electionboard.ui.desk.desk import Desk
    from electionboard.ui.studio.fade import TAKE_MS
    from electionboard.ui.studio.studio import Studio
    from electionboard.ui.watch_folder import MB, WatchFolderExporter, describe

    feed, window = program.feed, program.window
    poller, live, bridge, monitor = feed.poller, feed.live, feed.bridge, feed.monitor
    scene, controller, pool = feed.scene, feed.controller, feed.pool
    with bridge.joining_late():
        # The operator desk: its store opens on the desk's own thread.
        desk = Desk(
            bridge,
            hooks.open_store or desk_store_factory(options, settings, data_dir),
            operator,
            confirm=hooks.confirm,
            files=hooks.files,
            poll_seconds=hooks.desk_poll_seconds,
            time_zone=settings.time_zone,
        )
        window.add_desk(desk.dock, [desk.undo_action, desk.redo_action])
        monitor.feed_answer_accepted.connect(desk.record_feed_accepted)
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
        # The studio (issue 6): preview beside program, stacks, the output
        # window. On a server store every take is published for display
        # stations too.
        publisher = _studio_publisher(store_location(options, settings, data_dir))
        studio = Studio(
            window,
            data_dir / "studio",
            poller,
            confirm=hooks.confirm,
            ask_name=hooks.ask_name,
            transition_ms=TAKE_MS
            if hooks.transition_ms is None
            else hooks.transition_ms,
            clock=hooks.studio_clock or time.monotonic,
            headshots_dir=_setting_path(settings.headshots_dir),
            logo=_setting_path(settings.logo),
            trend_folder=data_dir / "trend",
            trend_seed=_trend_seed(options),
            shapes_cache=hooks.shapes_cache or user_dir("cache"),
            publish=publisher,
        )
    if watch is not None:
        studio.health.show_watch_folder(
            False, f"{watch_folder}: archive copies keep {describe(retention)}"
        )
        watch.disk_changed.connect(studio.health.show_watch_folder)
        # Program may take another board kind: the stable file follows it.
        studio.program.scene_changed.connect(watch.set_scene)
        follow_layer(studio, watch)
    health = poller.health
    if health.last_success is not None or health.failures:
        studio.health.show_health(health)  # answered before the studio was there
    if scene.content is not None:  # on air before these were there to see it
        for exporter in (watch, studio.frames):
            if exporter is not None:
                exporter.content_changed()
    return RunningBoard(
        poller,
        live,
        bridge,
        monitor,
        scene,
        controller,
        window,
        desk,
        studio,
        watch,
        pool,
    )


def _trend_seed(
    options: BoardOptions,
) -> Callable[[], dict[str, tuple[TrendSample, ...]]] | None:
    """The bundled night's own trend, for its replay (read on the trend's worker)."""
    if options.source is not None:
        return None
    from electionboard.replay.trend_replay import history_from_recording

    night = sample_night_dir()
    return lambda: history_from_recording([night])


@dataclass(frozen=True, slots=True)
class RunningStation:
    """A display station's parts, shut down in order."""

    poller: Poller
    monitor: FeedMonitor
    controller: BoardController
    station: DisplayStation
    trend: TrendRecorder
    desks: DeskOverlayFollower
    pool: ThreadPoolExecutor | None


STATION_OPERATOR = "display station"
"""The name a station reads the desk store under; it never writes."""


def build_station(
    options: BoardOptions,
    settings: Settings,
    *,
    data_dir: Path,
    hooks: Hooks | None = None,
) -> RunningStation:
    """A display-only station: the feed polled here, program from the producer.

    It follows the takes the producer's studio saves in ``data_dir/studio``,
    or publishes to the database when the store is a server, and lays the
    desks' entries and calls over its feed; it writes neither. Its own trend
    is kept in ``data_dir/station``.
    """
    hooks = hooks or Hooks()
    from electionboard.locations import is_url
    from electionboard.replay.studio_channel import open_studio
    from electionboard.ui.desk.worker import DeskClient
    from electionboard.ui.studio.desk_overlay import DeskOverlayFollower
    from electionboard.ui.studio.fade import TAKE_MS
    from electionboard.ui.studio.follower import (
        DatabaseProgramFollower,
        ProgramFollower,
    )
    from electionboard.ui.studio.output_window import OutputWindow
    from electionboard.ui.studio.program import ProgramOutput
    from electionboard.ui.studio.station import DisplayStation
    from electionboard.ui.trend_recorder import TrendRecorder

    feed = _feed_to_board(options, settings, hooks, data_dir=None)
    poller, bridge, monitor = feed.poller, feed.bridge, feed.monitor
    controller, pool = feed.controller, feed.pool
    trend = TrendRecorder(
        bridge, data_dir / "station" / "trend", seed=_trend_seed(options)
    )
    program = ProgramOutput(
        controller,
        transition_ms=TAKE_MS if hooks.transition_ms is None else hooks.transition_ms,
        history=trend.history,
    )
    for slot in (program.slot, program.layer_slot):
        trend.history_changed.connect(slot.feeder.refresh_trend)
    location = store_location(options, settings, data_dir)
    follower: ProgramFollower | DatabaseProgramFollower
    if is_url(location):
        follower = DatabaseProgramFollower(functools.partial(open_studio, location))
    else:
        follower = ProgramFollower(data_dir / "studio")
    station = DisplayStation(program, follower, OutputWindow(program.current_scene))
    desks = DeskOverlayFollower(
        DeskClient(
            hooks.open_store or desk_store_factory(options, settings, data_dir),
            STATION_OPERATOR,
            poll_seconds=hooks.desk_poll_seconds,
        ),
        feed.live,
    )
    return RunningStation(poller, monitor, controller, station, trend, desks, pool)


def shut_down_station(running: RunningStation, msecs: int = 5000) -> bool:
    """Stop the station's parts; False if the poll pool was still busy."""
    running.station.shutdown(msecs)
    running.desks.shutdown(msecs)
    running.trend.shutdown(msecs)
    running.monitor.shutdown()
    running.controller.shutdown(msecs)
    if running.pool is not None:
        return running.pool.wait_for_done(msecs)
    return True


def run_station(options: BoardOptions) -> int:
    """``electionboard output``: the display station until its window closes."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QTimer

    settings = load_settings(options.config_dir or user_dir("config"))
    data_dir = options.data_dir or user_dir("data")
    app = _start_application()
    running = build_station(options, settings, data_dir=data_dir)
    window = running.station.window
    window.close_requested.connect(app.quit)  # Alt+F4: this display's only window
    if options.output_screen is None or not window.show_on(options.output_screen):
        window.show()
    running.station.start()
    running.desks.start()
    running.poller.start()
    if options.quit_after is not None:
        QTimer.singleShot(round(options.quit_after * 1000), app.quit)
    code = app.exec()
    shut_down_station(running)
    app.processEvents()
    app.shutdown()
    return code


def desk_store_factory(
    options: BoardOptions, settings: Settings, data_dir: Path
) -> Callable[[], DeskStore]:
    """Opens the desk store where the options, the setting or the environment
    say (run on the desk's thread); SQLite in the data folder otherwise.

    The store's modules (the replay package loads its HTTP server with them)
    are imported when the desk's thread opens the store, not while the GUI
    thread builds the board before its first frame.
    """
    location = store_location(options, settings, data_dir)

    def open_store() -> DeskStore:
        from electionboard.replay.desk_location import open_location

        return open_location(location, busy_timeout=10.0)

    return open_store


def store_location(options: BoardOptions, settings: Settings, data_dir: Path) -> str:
    """``--store``, else the ``store`` setting, else the environment, else the
    data folder: a folder or a database URL."""
    from electionboard.locations import store_location as located

    return located(options.store, settings.store, os.environ, data_dir)


def follow_layer(studio: Studio, watch: WatchFolderExporter) -> None:
    """Write the keyed layer (lower third, ticker) to the watch folder too.

    Its files are ``<board>_<kind>.png`` beside program's, for a playout
    system that keys them itself; made when a layer first goes to air.
    """
    from electionboard.ui.watch_folder import WatchFolderExporter

    layers = studio.layer_exporters

    def on_layer(scene: object) -> None:
        if scene is None:
            return
        if layers:
            layers[0].set_scene(scene)
            return
        from electionboard.ui.screens.base import ScreenScene

        if isinstance(scene, ScreenScene):
            exporter = WatchFolderExporter(
                scene,
                watch.folder,
                board=watch.board,
                export_format=watch.export_format,
                retention=watch.retention,
                min_free_bytes=watch.min_free_bytes,
                parent=studio,
            )
            exporter.failed.connect(studio.console.status.setText)
            layers.append(exporter)
            exporter.content_changed()

    studio.program.layer_changed.connect(on_layer)


def shut_down_board(board: RunningBoard, msecs: int = 5000) -> bool:
    """Stop every part in a fixed order: studio, watch folder, feed, board, desk.

    Returns:
        False if the desk thread or the poll pool was still busy after waiting.
    """
    board.studio.shutdown(msecs)
    if board.watch is not None:
        board.watch.shutdown(msecs)
    board.monitor.shutdown()
    board.controller.shutdown(msecs)
    done = board.desk.shutdown()
    if board.pool is not None:
        done = board.pool.wait_for_done(msecs) and done
    return done


def _keep_large_text_drawn() -> None:
    """Before Qt draws any text: drop a glyph-cache size that blanks big text."""
    from electionboard.ui.board.glyphs import drop_unsafe_glyph_cache_size

    warning = drop_unsafe_glyph_cache_size()
    if warning is not None:
        log.warning(warning)


def _start_application() -> QApplication:
    """The QApplication, named for the desktop and styled the same everywhere."""
    from PySide6.QtWidgets import QApplication

    _keep_large_text_drawn()
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setStyle("Fusion")
    return app


def start_board(
    board: RunningBoard, options: BoardOptions, settings: Settings, platform: str
) -> None:
    """Start polling, the desk and the studio, and show the window.

    The first poll goes first: its worker reads and tabulates the feed while
    this thread starts the rest, and its answer is still handled only once
    the event loop runs, after everything here, as before.
    """
    board.poller.start()
    _start_rest(board, options, settings, platform)
    _show_with_first_answer(board.poller, _show_window(board.window, options))


FIRST_ANSWER_WAIT_MS = 1000
"""The longest the window waits for the first poll's answer before it shows."""


def _show_with_first_answer(
    poller: Poller, show: Callable[[], None], wait_ms: int = FIRST_ANSWER_WAIT_MS
) -> None:
    """Show the window once the first poll has answered, so its first frame is
    the board rather than an empty one; a feed slower than ``wait_ms`` (or
    failing) does not keep the window away: it shows then, as it did at once.

    Connected after the feed monitor, so a snapshot is on the board when the
    window shows.
    """
    from PySide6.QtCore import QTimer

    timer = QTimer(poller)
    timer.setSingleShot(True)
    signals = (poller.snapshot_received, poller.poll_failed, poller.poll_unchanged)

    def once(*_: object) -> None:
        timer.stop()
        for signal in signals:
            signal.disconnect(once)
        timer.timeout.disconnect(once)
        timer.deleteLater()
        show()

    for signal in signals:
        signal.connect(once)
    timer.timeout.connect(once)
    timer.start(wait_ms)


ON_AIR_FILE = "on_air.json"
"""``store.stacks_file.ON_AIR_FILE``, named here so a fresh night is known
without importing the store (a test keeps the two the same)."""


def _program_first(options: BoardOptions, data_dir: Path) -> bool:
    """May program's window show before the desk and studio are built?

    On a fresh night, yes. Not with ``--output-screen`` (that window is
    program, and it opens with the studio), nor on a restart: the studio puts
    back what was on air, holding its last picture until the feed answers,
    and only it can.
    """
    if options.output_screen is not None:
        return False
    if not (data_dir / "studio" / ON_AIR_FILE).exists():
        return True  # without reading it through the store's modules
    from electionboard.store.stacks_file import load_on_air

    state = load_on_air(data_dir / "studio")
    return state.on_air is None and state.full_frame is None and state.layer is None


class BoardStart:
    """Program first, then the rest: how ``run_board`` starts a board.

    The window shows with the first poll's answer on the program board
    (``FIRST_ANSWER_WAIT_MS`` at most), with the studio's size; the desk, the
    studio console and preview are built in the event loop right after its
    first paint, and race choices and F11 made meanwhile are held for them.
    A feed that has not answered by then gets the old order: everything is
    built, then the window shows.
    """

    def __init__(
        self,
        program: ProgramBoard,
        finish: Callable[[], RunningBoard],
        start: Callable[[RunningBoard], None],
        show: Callable[[], None],
    ) -> None:
        from electionboard.ui.window import STUDIO_SIZE

        self.program = program
        self.board: RunningBoard | None = None
        """Every part, once built."""
        self._finish, self._start, self._show = finish, start, show
        self._after_paint: AfterFirstPaint | None = None
        self._closed = False
        window = program.window
        window.hold_commands()
        window.resize(*STUDIO_SIZE)

    def start(self) -> None:
        """Poll, and show the window once the feed answers."""
        poller = self.program.feed.poller
        _show_with_first_answer(poller, self._on_first_answer)
        poller.start()

    def _on_first_answer(self) -> None:
        if self._closed:
            return
        if self.program.feed.scene.content is None:
            self.finish()  # nothing to show first: the whole window at once
            self._show()
            return
        from electionboard.ui.first_frame import AfterFirstPaint

        self._show()
        self._after_paint = AfterFirstPaint(self.program.window.view, self._finish_late)

    def _finish_late(self) -> None:
        """From the event loop: a part that cannot be built ends the app, as
        it did when everything was built before the window showed."""
        try:
            self.finish()
        except Exception:
            log.exception("could not build the desk and the studio")
            from PySide6.QtWidgets import QApplication

            QApplication.exit(1)

    def finish(self) -> RunningBoard:
        """Build and start the rest now, if not yet; tests and hooks call it."""
        if self.board is None:
            if self._after_paint is not None:
                self._after_paint.cancel()
            if self._closed:
                raise RuntimeError("the board was shut down before it was built")
            self.board = self._finish()
            self._start(self.board)
            self.program.window.release_commands()
        return self.board

    def shut_down(self, msecs: int = 5000) -> bool:
        """Stop what was built; nothing more is built after this."""
        self._closed = True
        if self._after_paint is not None:
            self._after_paint.cancel()
        if self.board is not None:
            return shut_down_board(self.board, msecs)
        feed = self.program.feed
        feed.monitor.shutdown()
        feed.controller.shutdown(msecs)
        return feed.pool is None or feed.pool.wait_for_done(msecs)


def _start_rest(
    board: RunningBoard, options: BoardOptions, settings: Settings, platform: str
) -> None:
    """What ``start_board`` starts besides polling and showing the window."""
    board.desk.start()
    studio = board.studio
    if options.output_screen is not None:
        studio.open_output(options.output_screen)
    headless = platform in ("offscreen", "minimal")
    inhibit = options.inhibit_screen_saver and settings.inhibit_screen_saver
    if inhibit and not headless:  # no display to keep awake
        studio.inhibit_screen_saver()
    studio.start()


def _show_window(window: BoardWindow, options: BoardOptions) -> Callable[[], None]:
    if options.fullscreen or options.screen is not None:
        return lambda: window.enter_full_screen(options.screen)
    return window.show


def run_board(options: BoardOptions) -> int:
    """Start the board window and run the event loop until it closes."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QTimer

    from electionboard.ui.collector import GuiThreadCollector

    config_dir = options.config_dir or user_dir("config")
    data_dir = options.data_dir or user_dir("data")
    settings = load_settings(config_dir)
    app = _start_application()
    collector = GuiThreadCollector()
    login = _store_login(store_location(options, settings, data_dir))
    operator = _desk_operator(options, app.platformName(), login)
    if operator is None:
        log.warning("no operator name given; not starting")
        collector.stop()
        app.shutdown()
        return 1
    from electionboard.ui.frame_gate import start_frame_pacing, stop_frame_pacing

    pacing = start_frame_pacing()  # workers wait while a frame is made
    window, scene, stop = _launch(options, settings, operator, data_dir, collector)
    pacing.watch_paints(window.view.viewport())
    if options.quit_after is not None:
        QTimer.singleShot(round(options.quit_after * 1000), window.close)
    method_cache.save()  # the first start's classes, before its first frame
    code = app.exec()
    stop()
    stop_frame_pacing(pacing)
    # Tear down in a fixed order on this thread rather than at interpreter exit.
    window.deleteLater()
    scene.deleteLater()
    app.processEvents()
    collector.stop()
    del window, scene, stop
    app.shutdown()
    return code


def _launch(
    options: BoardOptions,
    settings: Settings,
    operator: str,
    data_dir: Path,
    collector: GuiThreadCollector,
) -> tuple[BoardWindow, BoardScene, Callable[[], bool]]:
    """Build and start the board, program first where it can be (``BoardStart``).

    ``collector`` holds back while a poll is parsed or anything glides:
    program's scene from the first frame, the whole studio once it is built.

    Returns:
        The operator's window, program's scene, and what shuts the board down.
    """
    from PySide6.QtWidgets import QApplication

    platform = QApplication.platformName()
    if not _program_first(options, data_dir):
        board = build_board(options, settings, operator=operator, data_dir=data_dir)
        collector.watch(board.studio.is_animating)  # no collection mid-glide,
        collector.watch(lambda: board.poller.in_flight)  # nor mid-parse
        start_board(board, options, settings, platform)
        return board.window, board.scene, functools.partial(shut_down_board, board)
    program = build_program(options, settings, data_dir=data_dir)
    collector.watch(program.feed.scene.is_animating)
    collector.watch(lambda: program.feed.poller.in_flight)

    def start_rest(board: RunningBoard) -> None:
        collector.watch(board.studio.is_animating)
        _start_rest(board, options, settings, platform)
        method_cache.save()  # and the desk's, console's and preview's

    starting = BoardStart(
        program,
        lambda: finish_board(
            program, options, settings, operator=operator, data_dir=data_dir
        ),
        start_rest,
        _show_window(program.window, options),
    )
    starting.start()
    return program.window, program.feed.scene, starting.shut_down


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
    round_number: int | None = None
    """A ranked-choice race's round (default: the last); only with one race."""
    config_dir: Path | None = None
    """Settings for the station's words and identity; None: the defaults."""
    screen: str = "race"
    """The board kind (``model.screens.ScreenKind``): race, bigboard, map ..."""
    screen_options: ScreenOptions | None = None
    """What a screen other than the race board shows; None: its defaults."""
    history: Path | None = None
    """A recorded night's folder: the trend's history over the night."""


class ExportError(Exception):
    """The export could not be made; the message is for the command line."""


def _export_theme_name(options: ExportOptions) -> str:
    """The theme asked for; --transparent means the transparent theme."""
    if not options.transparent:
        return options.theme or "dark"
    if options.theme not in (None, "transparent"):
        raise ExportError(f"--transparent conflicts with --theme {options.theme}")
    return "transparent"


def _export_screen(
    options: ExportOptions,
    election: Election,
    standings: Sequence[RaceStandings],
    raster: Raster,
    theme: Theme,
) -> list[Path]:
    """``export --screen KIND``: one frame of a board kind other than the race."""
    from PySide6.QtWidgets import QApplication

    from electionboard.model.screens import ScreenKind
    from electionboard.presentation.clock_words import election_zone
    from electionboard.ui.export import ExportFormat
    from electionboard.ui.screens.export import export_screen

    try:
        kind = ScreenKind(options.screen)
    except ValueError:
        known = ", ".join(k.value for k in ScreenKind)
        raise ExportError(f"unknown screen {options.screen!r} ({known})") from None
    if options.all_races or options.round_number is not None:
        raise ExportError("--all-races and --round are for the race screen")
    race_id = options.race or ""
    if kind in (ScreenKind.TREND, ScreenKind.MAP):
        race_id = race_id or standings[0].race.id
    if race_id and not any(s.race.id == race_id for s in standings):
        raise ExportError(f"no race {race_id!r} in this feed")
    try:
        settings = (
            load_settings(options.config_dir) if options.config_dir else Settings()
        )
    except SettingsError as error:
        raise ExportError(str(error)) from None
    history = _export_history(options.history) if options.history else {}
    _keep_large_text_drawn()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        written = export_screen(
            kind,
            election,
            standings,
            options.out,
            raster=raster,
            theme=theme,
            export_format=ExportFormat(options.image_format),
            race_id=race_id,
            options=options.screen_options,
            style=air_style(settings),
            zone=election_zone(election, settings.time_zone),
            history=history,
            shapes_cache=user_dir("cache"),
        )
    except OSError as error:
        raise ExportError(str(error)) from None
    finally:
        app.processEvents()
    return written


def _export_history(folder: Path) -> dict[str, tuple[TrendSample, ...]]:
    """Every race's samples over a recorded night, for ``--screen trend``."""
    from electionboard.replay.recording import RecordingError
    from electionboard.replay.trend_replay import history_from_recording

    try:
        return history_from_recording([folder])
    except (OSError, FeedError, RecordingError) as error:
        raise ExportError(f"--history {folder}: {error}") from None


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

    from electionboard.model.screens import ScreenKind
    from electionboard.presentation.clock_words import election_zone
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
    if options.screen != ScreenKind.RACE.value:
        return _export_screen(options, election, all_standings, raster, theme)
    if options.round_number is not None:
        if options.all_races:
            raise ExportError("--round needs one race (--race), not --all-races")
        from electionboard.presentation.rcv_board import shown_round

        try:
            shown_round(chosen[0], options.round_number)
        except ValueError as error:
            raise ExportError(str(error)) from None
    try:
        settings = (
            load_settings(options.config_dir) if options.config_dir else Settings()
        )
    except SettingsError as error:
        raise ExportError(str(error)) from None
    _keep_large_text_drawn()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scene = BoardScene(
        raster,
        theme,
        headshots_dir=_setting_path(settings.headshots_dir),
        logo=_setting_path(settings.logo),
    )
    style = air_style(settings)
    written: list[Path] = []
    try:
        for standings in chosen:
            content = board_content(
                standings,
                election.updated,
                options.max_rows,
                test_data=election.test,
                style=style,
                round_number=options.round_number,
                zone=election_zone(election, settings.time_zone),
            )
            scene.show_content(content, animate=False)
            # Headless, nothing else waits on this thread: read the pictures
            # now so the file has them.
            scene.images.wait()
            app.processEvents()
            scene.show_content(content, animate=False)
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
