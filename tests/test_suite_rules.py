"""The conftest's own rules: leftover Qt work is found, Hypothesis is pinned on CI."""

from __future__ import annotations

import logging
import os

import pytest
from hypothesis import settings
from PySide6.QtCore import QTimer

from tests.conftest import _leaks, _Tracker


@pytest.mark.usefixtures("qtbot")
def test_a_timer_left_running_is_reported_with_its_place_and_stopped() -> None:
    tracker = _Tracker()
    start = tracker.wrap(QTimer.start, tracker.timers)
    left, stopped = QTimer(), QTimer()
    start(left, 60_000)
    start(stopped, 60_000)
    stopped.stop()
    (leak,) = _leaks(tracker)
    assert "a QTimer is still active, started at tests/test_suite_rules.py:" in leak
    assert not left.isActive()


def test_ci_runs_the_same_hypothesis_examples_every_time() -> None:
    default = "ci" if os.environ.get("CI") else "dev"
    profile = os.environ.get("HYPOTHESIS_PROFILE", default)
    assert settings.get_profile("ci").derandomize
    assert settings.default is not None
    assert settings.default.derandomize == (profile == "ci")


@pytest.mark.allow_log(r"^expected here$")
def test_a_named_log_record_is_allowed() -> None:
    logging.getLogger("electionboard.test").warning("expected here")
