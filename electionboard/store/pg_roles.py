"""Operators' login roles on a shared PostgreSQL desk database.

Each operator signs in as a login role of their own, a member of one of the
groups the schema's migration makes (``pg_schema.GROUPS``). The database, not
the program, then decides what their connection may write, so a viewer's
login cannot write even in ``psql``. These functions run with an
administrator's URL (a role with CREATEROLE that owns the desk schema).

The password is hashed here (SCRAM-SHA-256, by libpq) before it is sent, so
the plain text never reaches the server's statement log; no message or
exception carries it or the connection string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from electionboard.store.errors import StoreError
from electionboard.store.pg_pool import unreachable
from electionboard.store.pg_schema import GROUPS, migrate
from electionboard.store.urls import scrubbed

_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")
"""Login names the desks can type unquoted: lower case, no spaces, <= 63 bytes."""


@dataclass(frozen=True, slots=True)
class Operator:
    """One operator's login and the group (``entry``, ``desk``...) it is in."""

    name: str
    role: str


@contextmanager
def _admin(url: str) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
    """An autocommit connection with the desk schema migrated (groups exist).

    Raises:
        StoreUnreachable: the server did not answer.
        StoreError: the database refused; its words, without the URL.
    """
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
            migrate(connection)
            yield connection
    except psycopg.OperationalError as error:
        raise unreachable(url, error) from None
    except psycopg.Error as error:
        first = (error.diag.message_primary or str(error)).strip().splitlines()
        raise StoreError(scrubbed(first[0] if first else "refused", url)) from None


def _group(role: str) -> str:
    try:
        return GROUPS[role]
    except KeyError:
        raise StoreError(
            f"no role {role!r}: choose one of {', '.join(GROUPS)}"
        ) from None


def _checked_name(name: str) -> str:
    if not _NAME.match(name) or name.startswith("pg_") or name in GROUPS.values():
        raise StoreError(
            f"{name!r} cannot be an operator's login: use lower-case letters, "
            "digits and _ . - (not starting pg_ or naming a group)"
        )
    return name


def list_operators(url: str) -> list[Operator]:
    """Every login role in one of the groups, by name."""
    by_group = {group: role for role, group in GROUPS.items()}
    with _admin(url) as connection:
        rows = connection.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members AS a "
            "JOIN pg_roles AS g ON g.oid = a.roleid "
            "JOIN pg_roles AS m ON m.oid = a.member "
            "WHERE g.rolname = ANY(%s) AND m.rolcanlogin ORDER BY 1, 2",
            (list(GROUPS.values()),),
        ).fetchall()
    return [Operator(str(name), by_group[str(group)]) for name, group in rows]


def add_operator(url: str, name: str, role: str, password: str) -> Operator:
    """Create ``name`` as a login role in ``role``'s group.

    Raises:
        StoreError: the name is taken or unusable, the role unknown, the
            password empty, or the administrator may not create roles.
    """
    group = _group(role)
    _checked_name(name)
    if not password:
        raise StoreError("a password is needed for a new operator")
    with _admin(url) as connection:
        taken = connection.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)
        ).fetchone()
        if taken:
            raise StoreError(f"a database role named {name} already exists")
        hashed = connection.pgconn.encrypt_password(
            password.encode(), name.encode(), b"scram-sha-256"
        )
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name),
                sql.Literal(hashed.decode()),
                sql.Identifier(group),
            )
        )
    return Operator(name, role)


def remove_operator(url: str, name: str) -> Operator:
    """Drop ``name``'s login; their audit rows keep their name.

    Only logins in one of the groups may be removed, so a slip cannot drop
    the administrator or another application's role.

    Raises:
        StoreError: ``name`` is not an operator's login.
    """
    found = [operator for operator in list_operators(url) if operator.name == name]
    if not found:
        raise StoreError(f"{name} is not an operator's login on this database")
    with _admin(url) as connection:
        connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
    return found[0]
