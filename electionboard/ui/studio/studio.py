"""Builds the studio around a board window: preview, stacks, output, health.

The composition root calls this once, for users and tests alike. The board
window's scene and controller become the program; a second scene and
controller on the same bridge are the preview. Stacks and the on-air state are
read from and saved to the studio folder of the data folder, with the last
frame of each race on air, held over the output after a restart until the feed
answers.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from electionboard import APP_DISPLAY_NAME
from electionboard.model.stacks import Clock
from electionboard.presentation.clock_words import election_zone
from electionboard.store.stacks_file import load_on_air, load_stacks
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import BoardView
from electionboard.ui.controller import BoardController
from electionboard.ui.desk.prompts import Confirmer, message_box_confirmer
from electionboard.ui.export import stable_name
from electionboard.ui.poller import Poller
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.county_map import CountyMapScene
from electionboard.ui.screens.shapes_worker import ShapesWorker
from electionboard.ui.studio.console import StudioConsole
from electionboard.ui.studio.director import Director
from electionboard.ui.studio.fade import TAKE_MS
from electionboard.ui.studio.health import FeedHealthPanel
from electionboard.ui.studio.inhibit import Backend, ScreenSaverInhibitor
from electionboard.ui.studio.output_window import OutputWindow
from electionboard.ui.studio.program import ProgramOutput
from electionboard.ui.studio.stack_panel import NameAsker, dialog_name_asker
from electionboard.ui.studio.writer import Publish, StudioWriter
from electionboard.ui.trend_recorder import Seed, TrendRecorder
from electionboard.ui.watch_folder import WatchFolderExporter
from electionboard.ui.window import BoardWindow

log = logging.getLogger(__name__)

FRAME_BOARD = "program"
"""Kept frames are ``program_<race>.png`` in the studio folder."""


class Studio(QObject):
    """Owns every studio part; ``start`` puts back the last on-air state."""

    def __init__(
        self,
        window: BoardWindow,
        folder: Path,
        poller: Poller | None = None,
        *,
        confirm: Confirmer | None = None,
        ask_name: NameAsker | None = None,
        keep_frames: bool = True,
        transition_ms: int = TAKE_MS,
        clock: Clock = time.monotonic,
        headshots_dir: Path | None = None,
        logo: Path | None = None,
        trend_folder: Path | None = None,
        trend_seed: Seed | None = None,
        shapes_cache: Path | None = None,
        publish: Publish | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.window = window
        program_controller = window.controller
        program_scene = program_controller.scene
        # Every snapshot's figures, kept for the trend screen (issue 14).
        self.trend = TrendRecorder(
            program_controller.bridge,
            trend_folder or folder.parent / "trend",
            seed=trend_seed,
            parent=self,
        )
        # The program's identity too (pass its headshots and logo), so a
        # Take never changes the picture.
        self.preview_scene = BoardScene(
            program_scene.raster,
            program_scene.theme,
            headshots_dir=headshots_dir,
            logo=logo,
        )
        self.preview = BoardController(
            program_controller.bridge,
            self.preview_scene,
            max_rows=program_controller.max_rows,
            style=program_controller.style,
            time_zone=program_controller.time_zone,
            parent=self,
        )
        self.writer = StudioWriter(folder, self, publish=publish)
        self.program = ProgramOutput(
            program_controller,
            transition_ms=transition_ms,
            history=self.trend.history,
            parent=self,
        )
        self.director = Director(
            self.program,
            self.preview,
            self.writer,
            load_stacks(folder),
            load_on_air(folder),
            clock=clock,
            parent=self,
        )
        self.health = FeedHealthPanel(zone=self._zone)
        preview_view = BoardView(self.preview_scene, safe_area_key=None)
        self.director.preview_slot.add_view(preview_view)
        self.console = StudioConsole(
            self.director,
            preview_view,
            self.health,
            confirm=confirm or message_box_confirmer(window),
            ask_name=ask_name or dialog_name_asker(window),
        )
        window.add_studio(self.console)
        window.route_races(
            self.preview,
            self.director.cue_race,
            self.director.cue_step_race,
            "Preview race",
        )
        self.program.add_view(window.view)
        self.writer.failed.connect(self.console.status.setText)
        # County shapes for maps, read on a worker from the user's cache.
        self.shapes = ShapesWorker(shapes_cache, self)
        for slot in (
            self.program.slot,
            self.program.layer_slot,
            self.director.preview_slot,
        ):
            self.trend.history_changed.connect(slot.feeder.refresh_trend)
            slot.screen_made.connect(self._on_screen_made)
        # The trend's worker waits out each glide rather than take the GIL
        # from it.
        self.trend.hold_while(self.is_animating)
        if poller is not None:
            poller.health_changed.connect(self.health.show_health)
        # The last frame of each race on air, for the next restart to hold.
        self.frames: WatchFolderExporter | None = None
        if keep_frames:
            self.frames = WatchFolderExporter(
                program_scene, folder, board=FRAME_BOARD, archive=False, parent=self
            )
            self.program.scene_changed.connect(self.frames.set_scene)
        self.layer_exporters: list[WatchFolderExporter] = []
        """Watch-folder writers of the keyed layer, stopped at shutdown."""
        self.output: OutputWindow | None = None
        self.inhibitor: ScreenSaverInhibitor | None = None
        self._output_text = "Output window: not open (--output-screen N opens it)"
        self._inhibit_text = (
            "Screen saver: not kept awake (no display here, or the "
            "inhibit_screen_saver setting is off)"
        )
        self._show_output_status()

    def is_animating(self) -> bool:
        """True while program, its keyed layer, preview or a Take is moving.

        The GUI-thread collector holds back while it is: a collection then
        would cost frames someone watches.
        """
        if self.program.in_transition():
            return True
        slots = (self.program.slot, self.program.layer_slot, self.director.preview_slot)
        return any(
            isinstance(slot.scene, BoardScene | ScreenScene)
            and slot.scene.is_animating()
            for slot in slots
        )

    def _on_screen_made(self, scene: object) -> None:
        if isinstance(scene, CountyMapScene):
            self.shapes.follow(scene)

    def open_output(self, screen_index: int) -> bool:
        """The output window, full screen on display ``screen_index``."""
        output = OutputWindow(self.program.current_scene)
        if not output.show_on(screen_index):
            output.deleteLater()
            self._output_text = f"Output window: no display {screen_index}; not open"
            self._show_output_status()
            return False
        self.output = output
        output.close_requested.connect(self.window.request_quit)  # Alt+F4 asks
        self.program.add_view(output.view)
        self._output_text = f"Output window: full screen on display {screen_index}"
        self._show_output_status()
        return True

    def inhibit_screen_saver(self, backends: list[Backend] | None = None) -> bool:
        """Keep the display awake until shutdown, where the platform allows."""
        self.inhibitor = ScreenSaverInhibitor(APP_DISPLAY_NAME, backends)
        shown = self.output if self.output is not None else self.window
        worked = self.inhibitor.inhibit("Election results on air", int(shown.winId()))
        status = self.inhibitor.status
        self._inhibit_text = status[:1].upper() + status[1:]  # keeps "D-Bus"
        self._show_output_status()
        return worked

    def start(self) -> None:
        """Put back what was on air before a restart; fill preview."""
        self.director.start(self._last_frame)

    def _last_frame(self, board_id: str) -> QImage | None:
        path = self.folder / stable_name(FRAME_BOARD, board_id)
        if not path.is_file():
            return None
        image = QImage(str(path))
        return None if image.isNull() else image

    def _zone(self) -> dt.tzinfo | None:
        """The zone of the election on air: the health panel's clock."""
        controller = self.window.controller
        return election_zone(controller.bridge.live.election, controller.time_zone)

    def _show_output_status(self) -> None:
        self.console.set_output_status(f"{self._output_text}\n{self._inhibit_text}")

    def shutdown(self, msecs: int = 5000) -> None:
        """Stop timers, finish saves and frames, let the display sleep again."""
        self.director.shutdown()
        self.console.shutdown()
        self.preview.shutdown(msecs)
        if self.frames is not None:
            self.frames.shutdown(msecs)
        for exporter in self.layer_exporters:
            exporter.shutdown(msecs)
        self.writer.close(msecs)
        self.trend.shutdown(msecs)
        self.shapes.shutdown(msecs)
        if self.inhibitor is not None:
            self.inhibitor.release()
        if self.output is not None:
            self.output.close()
