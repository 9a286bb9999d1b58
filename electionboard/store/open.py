"""Opening the desk store a location names: a database URL or a data folder.

``postgresql://`` (or ``postgres://``) gives the shared PostgreSQL store;
anything else is a folder for the embedded SQLite store, so ``make run``
still needs no server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from electionboard.store.protocol import DeskStore
from electionboard.store.sqlite_store import SqliteDeskStore
from electionboard.store.urls import is_database_url, redacted

__all__ = ["is_database_url", "open_store", "redacted"]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_store(
    location: str | Path,
    *,
    clock: Callable[[], dt.datetime] = _utc_now,
    timeout: float = 5.0,
) -> DeskStore:
    """The desk store at ``location``; close it when done.

    Args:
        location: a ``postgresql://`` URL (read from the environment or a file,
            never typed on a command line others can see) or a folder path.
        timeout: seconds to wait for a database server before giving up.

    Raises:
        StoreUnreachable: the database server did not answer.
        SchemaTooNew: a newer electionboard wrote the store.
    """
    if isinstance(location, str) and is_database_url(location):
        from electionboard.store.pg_store import PostgresDeskStore  # psycopg

        return PostgresDeskStore(location, clock=clock, timeout=timeout)
    return SqliteDeskStore(Path(location), clock=clock)
