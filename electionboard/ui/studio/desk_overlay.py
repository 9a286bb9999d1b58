"""A display station's board shows the desks' entries and calls, as program does.

A race called at the decision desk must carry its banner on every display,
not only on the producer's machine; so a station reads the desk store too
(pushed by a server store, polled on a data folder), on the desk thread,
and lays the same entries and calls over its own feed. It never writes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from electionboard.model.live import LiveResults
from electionboard.presentation.desk_layer import DeskLayer, desk_layer
from electionboard.presentation.desk_state import DeskState
from electionboard.ui.desk.worker import DeskClient

log = logging.getLogger(__name__)


class DeskOverlayFollower(QObject):
    """Applies each new desk state's layer to ``live``; read-only."""

    def __init__(
        self, client: DeskClient, live: LiveResults, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._live = live
        self._applied: DeskLayer | None = None
        client.state_changed.connect(self._on_state)
        client.unavailable.connect(self._on_unavailable)

    def start(self) -> None:
        """Open the desk store on its thread and follow it."""
        self.client.start()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Close the desk store; False if its thread was still busy."""
        return self.client.shutdown(msecs)

    def _on_state(self, state: DeskState) -> None:
        layer = desk_layer(state)
        if layer != self._applied:
            self._applied = layer
            self._live.set_desk_state(*layer)

    def _on_unavailable(self, message: str) -> None:
        # The board keeps the last entries and calls it had: hold, never blank.
        log.warning(
            "station: the desks' entries and calls are not followed: %s", message
        )
