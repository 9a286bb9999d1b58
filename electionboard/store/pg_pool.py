"""Connections for the PostgreSQL desk store: the pool, and what a lost server says.

The pool checks each connection before lending it, so a server restart costs
the next action a reconnect, not an error. Driver errors are reworded without
the connection string, so no password reaches a log or a message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from electionboard.store import pg_tables as tables
from electionboard.store.errors import NotPermitted, StoreUnreachable
from electionboard.store.urls import redacted, scrubbed

Pool = ConnectionPool[psycopg.Connection[tuple[Any, ...]]]
UNREACHABLE = "not saved: the database is unreachable"
UNSURE = (
    "the database went away while saving: the action may or may not be saved; "
    "check the audit log before doing it again"
)


def unreachable(url: str, error: BaseException | None = None) -> StoreUnreachable:
    """The error for a server that did not answer, with no secret in it."""
    detail = ""
    if error is not None and str(error):
        first = str(error).strip().splitlines()[0]
        detail = f" ({scrubbed(first, url)})"
    return StoreUnreachable(f"{UNREACHABLE} at {redacted(url)}{detail}")


def _configure(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Each new connection: a commit returns only once its WAL is flushed.

    An action the operator saw as saved must survive a server crash, whatever
    the server's own default; the SQLite store's ``synchronous=FULL`` twin.
    """
    connection.execute("SET synchronous_commit = on")


def open_pool(url: str, *, timeout: float, max_size: int) -> Pool:
    """An open pool of autocommit connections to ``url``.

    Raises:
        StoreUnreachable: no connection within ``timeout`` seconds.
    """
    pool: Pool = ConnectionPool(
        url,
        open=False,
        min_size=1,
        max_size=max_size,
        timeout=timeout,
        # The pool's retries back off exponentially; giving up after
        # ``timeout`` lets the next action start a fresh attempt at once, so
        # a desk is back within a second or two of the server.
        reconnect_timeout=timeout,
        kwargs={"autocommit": True, "connect_timeout": max(1, round(timeout))},
        check=ConnectionPool.check_connection,
        configure=_configure,
        name="electionboard-desk",
    )
    try:
        pool.open(wait=True, timeout=timeout)
    except PoolTimeout:
        pool.close()
        raise unreachable(url) from None
    return pool


@contextlib.contextmanager
def connection(pool: Pool, url: str) -> Iterator[tables.Connection]:
    """A pooled connection; a lost server becomes ``StoreUnreachable``."""
    try:
        with pool.connection() as lent:
            yield lent
    except PoolTimeout:
        raise unreachable(url) from None
    except psycopg.OperationalError as error:
        raise unreachable(url, error) from None


@contextlib.contextmanager
def action(pool: Pool, url: str) -> Iterator[tables.Connection]:
    """One action's transaction; a server lost during COMMIT is told apart.

    Lost before COMMIT, nothing was saved. Lost during it, the server may have
    committed before it went, and the desk must not say "not saved".
    """
    with connection(pool, url) as lent:
        committing = False
        try:
            with tables.action_transaction(lent):
                yield lent
                committing = True
        except psycopg.OperationalError:
            if not committing:
                raise
            raise StoreUnreachable(
                f"{UNSURE} ({redacted(url)})", maybe_saved=True
            ) from None


@contextlib.contextmanager
def permitted(read_only: str) -> Iterator[None]:
    """The database's refusal for the login's role, as ``NotPermitted``.

    A trigger's message names the role to ask for; a refused grant (a table
    the role may not write) is said in the database's words plus
    ``read_only``, what such a login may do. Both name tables and roles only,
    never the connection string.
    """
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as error:
        message = error.diag.message_primary or "permission denied"
        if error.diag.context is None:  # a grant, not the trigger, said no
            message += f": {read_only}"
        raise NotPermitted(message) from None
