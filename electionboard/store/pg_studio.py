"""The producer's program in the shared database, for display stations elsewhere.

A producer's studio saves what is on air after every take; on a server store
it also publishes it here, one row the database stamps with the login, the
time and a revision, and announces with ``NOTIFY`` at commit. A display
station on another machine listens and reads the row when told, so it follows
each take without polling the database. Only the producer role (or the
schema's owner) may publish; the database refuses anyone else.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from electionboard.model.rundown import OnAirState
from electionboard.store import pg_pool
from electionboard.store.pg_listener import (
    PgChangeListener,
    RevisionCallback,
    StateCallback,
    latest,
)
from electionboard.store.pg_schema import STUDIO_CHANNEL, migrate
from electionboard.store.stacks_file import on_air_from_text, on_air_text
from electionboard.store.urls import redacted

log = logging.getLogger(__name__)

ON_AIR = "on_air"
STUDIO_READ_ONLY = (
    "this login may only follow the producer's program "
    "(ask for the producer role to take boards to air)"
)
_ON_AIR_REVISION = "SELECT COALESCE(max(revision), 0) FROM studio WHERE name = 'on_air'"


@dataclass(frozen=True, slots=True)
class PublishedOnAir:
    """What the producer last put on air, and who and when, as the database says."""

    state: OnAirState
    revision: int
    saved_by: str
    saved_at: dt.datetime


class PostgresStudio:
    """Publishes and reads the producer's on-air state on a PostgreSQL server.

    Opening and every call do network I/O: a Qt caller runs them on a worker.

    Raises:
        StoreUnreachable: (from every method) the server did not answer.
    """

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self._url = url
        self._pool = pg_pool.open_pool(url, timeout=timeout, max_size=2)
        try:
            with pg_pool.connection(self._pool, url) as connection:
                migrate(connection)
        except BaseException:
            self._pool.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStudio({redacted(self._url)!r})"

    def __enter__(self) -> PostgresStudio:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pool; what was published is already on the server."""
        self._pool.close()

    def publish_on_air(self, state: OnAirState) -> int:
        """Make ``state`` what every station shows; returns its revision.

        Raises:
            NotPermitted: this login is not a producer.
        """
        with (
            pg_pool.permitted(STUDIO_READ_ONLY),
            pg_pool.connection(self._pool, self._url) as connection,
        ):
            row = connection.execute(
                "INSERT INTO studio (name, document, revision, saved_by, saved_at) "
                "VALUES (%s, %s, 0, '', now()) "
                "ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document "
                "RETURNING revision",
                (ON_AIR, on_air_text(state)),
            ).fetchone()
        return int(row[0]) if row else 0

    def on_air(self) -> PublishedOnAir | None:
        """What the producer last published; None before the first take.

        A document this version cannot read is logged and treated as none,
        so a station keeps its picture rather than showing something wrong.
        """
        with pg_pool.connection(self._pool, self._url) as connection:
            row = connection.execute(
                "SELECT document, revision, saved_by, saved_at FROM studio "
                "WHERE name = %s",
                (ON_AIR,),
            ).fetchone()
        if row is None:
            return None
        document, revision, saved_by, saved_at = row
        try:
            state = on_air_from_text(str(document))
        except ValueError as error:
            log.warning("the producer's on-air state cannot be read: %s", error)
            return None
        return PublishedOnAir(state, int(revision), str(saved_by), saved_at)

    def listener(
        self,
        on_revision: RevisionCallback,
        *,
        on_state: StateCallback | None = None,
        wake: float = 0.25,
        retry: float = 2.0,
    ) -> PgChangeListener:
        """A listener (not started) told of each new on-air revision."""
        return PgChangeListener(
            self._url,
            on_revision,
            on_state=on_state,
            wake=wake,
            retry=retry,
            channel=STUDIO_CHANNEL,
            revision=latest(_ON_AIR_REVISION),
            what="the producer's takes",
        )
