"""Suite-wide set-up: headless Qt before any Qt import, and gui markers."""

from __future__ import annotations

import gc
import importlib.util
import os
from collections.abc import Iterator

import pytest

from tests.feedserver import FeedServer, serve

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Where pytest-qt is absent (the Qt-less run), accept its ini keys unused.

    ``--strict-config`` refuses unknown keys, and the Qt-less environment must
    read the same ``pyproject.toml`` as every other run.
    """
    if importlib.util.find_spec("pytestqt") is None:
        for name in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(name, f"unused without pytest-qt: {name}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses qtbot as ``gui`` so ``-m 'not gui'`` is fast."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 whose answer the test sets."""
    yield from serve()


@pytest.fixture(autouse=True)
def _gui_thread_gc(request: pytest.FixtureRequest) -> Iterator[None]:
    """In Qt tests, collect garbage only on the main thread (as the app does).

    Automatic collection can start on a pool thread and destroy Qt objects
    there; the app runs a GuiThreadCollector for the same reason.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()
