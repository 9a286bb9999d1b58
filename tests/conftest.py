"""Suite-wide set-up: headless Qt, gui markers, and a suite that fails loudly.

A test fails when it logs a Python warning or error it did not expect, or
(with Qt) leaves a QTimer running or thread-pool work unfinished behind it.
"""

from __future__ import annotations

import gc
import importlib.util
import logging
import os
import re
import traceback
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.feedserver import FeedServer, serve
from tests.pgserver import PgServer, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

# CI replays the same examples on every run, so a red build is reproducible;
# a developer's run keeps exploring new ones. HYPOTHESIS_PROFILE overrides.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)

REPO = Path(__file__).resolve().parent.parent
POOL_GRACE_MS = 500
"""How long a test's thread-pool work may take to finish after the test."""


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


# -- Python logging: a warning nobody expected fails the test -------------------


class _Recorder(logging.Handler):
    """Keeps every record at WARNING or above, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """logging: keep the record for the check after the test."""
        self.records.append(record)


def _allowed_patterns(request: pytest.FixtureRequest) -> list[re.Pattern[str]]:
    patterns: list[re.Pattern[str]] = []
    for mark in request.node.iter_markers("allow_log"):
        if not mark.args:
            raise pytest.UsageError("allow_log needs a pattern of the expected message")
        patterns.extend(re.compile(str(arg)) for arg in mark.args)
    return patterns


@pytest.fixture(autouse=True)
def _loud_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that logs WARNING or worse, as Qt warnings already do.

    A test that expects a record either asserts on it with ``caplog`` or names
    it with ``@pytest.mark.allow_log(r"message regex", ...)``.
    """
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield
    finally:
        root.removeHandler(recorder)
    if "caplog" in request.fixturenames:
        return  # the test reads the records itself
    allowed = _allowed_patterns(request)
    unexpected = [
        record
        for record in recorder.records
        if not any(p.search(record.getMessage()) for p in allowed)
    ]
    if unexpected:
        lines = "\n".join(
            f"  {r.levelname} {r.name}: {r.getMessage()}" for r in unexpected
        )
        pytest.fail(
            "unexpected log records (assert them with caplog, or mark the test "
            f"@pytest.mark.allow_log(r'...')):\n{lines}",
            pytrace=False,
        )


# -- Qt: garbage on the GUI thread, and no timers or pool work left behind ------


def _started_at() -> str:
    """The innermost frames of ours that started a timer or a task."""
    frames = [
        frame
        for frame in traceback.extract_stack()[:-2]
        if frame.filename.startswith(str(REPO))
        and ".venv" not in frame.filename
        and "conftest" not in frame.filename
    ]
    return " <- ".join(
        f"{Path(f.filename).relative_to(REPO)}:{f.lineno}" for f in frames[-1:-4:-1]
    )


class _Tracker:
    """Remembers, weakly, every QTimer and QThreadPool a test starts."""

    def __init__(self) -> None:
        self.timers: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
        self.pools: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()

    def wrap(
        self, start: Callable[..., None], seen: weakref.WeakKeyDictionary[Any, str]
    ) -> Callable[..., None]:
        def tracked_start(obj: Any, *args: Any, **kwargs: Any) -> None:
            seen[obj] = _started_at()
            start(obj, *args, **kwargs)

        return tracked_start


def _alive(obj: Any) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))


def _leaks(tracker: _Tracker) -> list[str]:
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    # Objects the test handed to deleteLater() are gone, not leaked.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found = []
    for timer, where in list(tracker.timers.items()):
        if _alive(timer) and timer.isActive():
            found.append(f"  a QTimer is still active, started at {where}")
            timer.stop()
    pools = [*tracker.pools.items(), (QThreadPool.globalInstance(), "")]
    for pool, where in pools:
        if not _alive(pool) or pool.waitForDone(POOL_GRACE_MS):
            continue
        found.append(
            f"  a QThreadPool has {pool.activeThreadCount()} task(s) running "
            f"{POOL_GRACE_MS} ms after the test, started at {where or 'somewhere'}"
        )
        pool.clear()
        pool.waitForDone(5000)  # never let a task outlive its objects
    return found


@pytest.fixture(autouse=True)
def _qt_hygiene(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _loud_logs: None
) -> Iterator[None]:
    """In Qt tests, collect garbage on the GUI thread and fail on leftovers.

    Automatic collection can start on a pool thread and destroy Qt objects
    there; the app runs a GuiThreadCollector for the same reason. After the
    test and its fixtures, a QTimer still active or thread-pool work still
    running fails it (napari's conftest does the same): either would fire
    into the next test.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThreadPool, QTimer

    tracker = _Tracker()
    monkeypatch.setattr(QTimer, "start", tracker.wrap(QTimer.start, tracker.timers))
    monkeypatch.setattr(
        QThreadPool, "start", tracker.wrap(QThreadPool.start, tracker.pools)
    )
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()
    leaks = _leaks(tracker)
    if leaks:
        pytest.fail(
            "the test left Qt work behind (stop timers and wait for pools in "
            "the test or its fixture):\n" + "\n".join(leaks),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the whole session, removed at the end."""
    server, why = start_server()
    if server is None:
        pytest.skip(why)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A URL for this test's own fresh, empty schema (see ``new_schema``)."""
    return pg_server.new_schema()
