"""Fixtures for store tests: real stores, SQLite in a folder and PostgreSQL.

The behavioural tests take ``store`` and run once per backend. PostgreSQL
runs in a throwaway server the session starts itself (``tests.pgserver``);
each test gets a fresh schema of its own in one database. Where no
PostgreSQL binaries exist the PostgreSQL cases skip, saying why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from electionboard.model import Election
from electionboard.store import DeskStore, PostgresDeskStore, SqliteDeskStore
from tests.store.desk import Clock, desk_election


@pytest.fixture
def election() -> Election:
    return desk_election()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def sqlite_store(data_dir: Path) -> Iterator[SqliteDeskStore]:
    with SqliteDeskStore(data_dir, clock=Clock()) as opened:
        yield opened


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[DeskStore]:
    """The same behaviour, checked against each backend."""
    opened: SqliteDeskStore | PostgresDeskStore
    if request.param == "sqlite":
        opened = SqliteDeskStore(data_dir, clock=Clock())
    else:
        url = request.getfixturevalue("pg_url")
        opened = PostgresDeskStore(url, clock=Clock())
    with opened:
        yield opened
