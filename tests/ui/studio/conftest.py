"""Fixtures for studio tests: a shown board window with its studio on a feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.feedserver import FeedServer
from tests.ui.studio.rig import StudioRig, close_studio, open_studio


@pytest.fixture
def rig(qtbot: QtBot, feed_server: FeedServer, tmp_path: Path) -> Iterator[StudioRig]:
    """The studio after the first poll, with a fresh data folder."""
    opened = open_studio(qtbot, feed_server, tmp_path / "data")
    yield opened
    close_studio(opened)
