"""The one Qt subscriber of LiveResults: re-emits its changes as a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from electionboard.model.live import LiveResults, ResultsChanged


class ResultsBridge(QObject):
    """Turns LiveResults' plain callbacks into ``results_changed``."""

    results_changed = Signal(object)  # ResultsChanged

    def __init__(self, live: LiveResults, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.live = live
        live.subscribe(self._on_change)

    def _on_change(self, change: ResultsChanged) -> None:
        self.results_changed.emit(change)
