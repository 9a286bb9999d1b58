"""Fixtures for store tests: a real SQLite store in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from electionboard.model import Election
from electionboard.store import SqliteDeskStore
from tests.store.desk import Clock, desk_election


@pytest.fixture
def election() -> Election:
    return desk_election()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[SqliteDeskStore]:
    with SqliteDeskStore(data_dir, clock=Clock()) as opened:
        yield opened
