"""A display-only station: program as the producer has it, on its own display.

No desk and no console: the station polls the feed itself (so its figures
stay live when the producer's machine goes away) and follows the producer's
takes from the studio folder or the shared database (``TakeFollower``),
crossfading each one.
When the feed goes away it holds the last picture, as every board does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from electionboard.model.stacks import StackEntry
from electionboard.ui.studio.follower import TakeFollower
from electionboard.ui.studio.output_window import OutputWindow
from electionboard.ui.studio.program import ProgramOutput

log = logging.getLogger(__name__)


class DisplayStation(QObject):
    """Puts on its program output whatever the producer's program shows."""

    def __init__(
        self,
        program: ProgramOutput,
        follower: TakeFollower,
        window: OutputWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self.follower = follower
        self.window = window
        program.add_view(window.view)
        follower.followed.connect(self.follow)

    def start(self) -> None:
        """Take what the producer has on air now, then every take after."""
        self.follower.start()

    def follow(self, program: StackEntry | None, layer: StackEntry | None) -> None:
        """The producer's program is ``program`` with ``layer`` keyed over it."""
        if program is not None and program != self.program.slot.entry:
            log.info(
                "station: following the producer to %s",
                program.race_id or program.screen,
            )
            self.program.take(program)
        if layer is None:
            self.program.clear_layer()
        elif layer != self.program.layer_entry:
            self.program.take_layer(layer)

    def shutdown(self, msecs: int = 5000) -> None:
        """Stop following; close the window."""
        # A read already queued to this thread would otherwise take to a
        # view the closed window has deleted.
        self.follower.followed.disconnect(self.follow)
        self.follower.shutdown(msecs)
        self.window.close()
