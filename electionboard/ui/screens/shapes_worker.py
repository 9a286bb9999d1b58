"""Reads a map's county shapes off the GUI thread and hands them to its scene.

A map scene says which state it needs (``shapes_needed``); the worker reads
the simplified shapes from the user's cache (building them the first time)
on its own thread and gives them to every scene that asked for that state.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from electionboard.model.shapes import StateShapes
from electionboard.sources.county_shapes import load_state_shapes
from electionboard.ui.screens.county_map import CountyMapScene

log = logging.getLogger(__name__)


class _Read(QRunnable):
    def __init__(self, worker: ShapesWorker, state: str) -> None:
        super().__init__()
        self._worker, self._state = worker, state

    def run(self) -> None:
        """QRunnable: read one state's shapes; report, never raise."""
        self._worker.read_now(self._state)


class ShapesWorker(QObject):
    """Loads shapes for the map scenes it follows, one state at a time."""

    loaded = Signal(str, object)  # postal code, StateShapes (queued to the GUI)
    failed = Signal(str, str)  # postal code, why

    def __init__(self, cache_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._shapes: dict[str, StateShapes] = {}
        self._waiting: dict[str, list[CountyMapScene]] = {}
        self.loaded.connect(self._on_loaded)

    def follow(self, scene: CountyMapScene) -> None:
        """Give ``scene`` the shapes of each state it asks for."""
        scene.shapes_needed.connect(lambda state: self.request(scene, state))
        state = scene.needed_state()
        if state is not None:
            self.request(scene, state)

    def request(self, scene: CountyMapScene, state: str) -> None:
        """``scene`` needs ``state``: at once if read before, else from the worker."""
        shapes = self._shapes.get(state)
        if shapes is not None:
            scene.set_shapes(shapes)
            return
        waiting = self._waiting.setdefault(state, [])
        if scene not in waiting:
            waiting.append(scene)
        if len(waiting) == 1:
            self._pool.start(_Read(self, state))

    def read_now(self, state: str) -> None:
        """On the worker: read, then report on the GUI thread."""
        try:
            shapes = load_state_shapes(state, self._cache_dir)
        except (OSError, KeyError, ValueError) as error:
            log.warning("map: no county shapes for %s: %s", state, error)
            self.failed.emit(state, str(error))
            return
        self.loaded.emit(state, shapes)

    def shutdown(self, msecs: int = 5000) -> bool:
        """Finish the read in flight; False if it did not finish in time."""
        return self._pool.waitForDone(msecs)

    def _on_loaded(self, state: str, shapes: StateShapes) -> None:
        self._shapes[state] = shapes
        for scene in self._waiting.pop(state, []):
            if scene.needed_state() == state:
                scene.set_shapes(shapes)
