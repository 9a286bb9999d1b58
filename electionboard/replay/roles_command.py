"""The ``roles`` command: an administrator adds, lists and removes operators.

On a shared PostgreSQL desk database each operator signs in as their own
login role in one group (entry, desk, producer, viewer), and the database
enforces what each group may write. The administrator's URL comes from
``--store`` or ``ELECTIONBOARD_STORE``; a new password from
``ELECTIONBOARD_NEW_PASSWORD`` or a prompt, never the command line, and no
line this command prints holds a password or a full connection string.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import NoReturn

from electionboard import APP_NAME
from electionboard.replay.desk_location import STORE_VARIABLE, redacted
from electionboard.store import StoreError
from electionboard.store.urls import (
    PASSWORD_ON_COMMAND_LINE,
    holds_password,
    is_database_url,
)

DONE, REFUSED, USAGE = 0, 1, 2
"""Exit statuses: done, refused by the database, a usage mistake."""

PROG = f"{APP_NAME} roles"
PASSWORD_VARIABLE = "ELECTIONBOARD_NEW_PASSWORD"
"""Where a script gives the new operator's password instead of the prompt."""
ROLES = ("entry", "desk", "producer", "viewer")

Prompt = Callable[[str], str]


class _UsageError(Exception):
    """The arguments cannot be understood; argparse's message, for stderr."""


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting, so a URL in a message can be redacted first."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


def _parser() -> _Parser:
    where = _Parser(add_help=False)
    where.add_argument(
        "--store",
        metavar="URL",
        default=argparse.SUPPRESS,  # before or after COMMAND
        help=f"the administrator's postgresql:// URL (default: ${STORE_VARIABLE}; "
        "keep passwords out of the command line: use PGPASSWORD or ~/.pgpass)",
    )
    parser = _Parser(
        prog=PROG,
        parents=[where],
        description="Manage operators' database logins on a shared PostgreSQL "
        "desk database, with an administrator's URL.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = commands.add_parser(
        "add",
        parents=[where],
        help="add an operator's login",
        description=f"The password is read from ${PASSWORD_VARIABLE} or asked for.",
    )
    add.add_argument("name", help="the operator's login (lower case)")
    add.add_argument(
        "--role",
        required=True,
        choices=ROLES,
        help="entry: precinct figures; desk: those plus race calls; producer: "
        "takes boards to air for the display stations; viewer: reads only",
    )
    commands.add_parser("list", parents=[where], help="list operators and roles")
    remove = commands.add_parser(
        "remove", parents=[where], help="remove an operator's login"
    )
    remove.add_argument("name")
    return parser


def _say(status: int, line: str) -> int:
    sys.stderr.write(f"{PROG}: {redacted(line)}\n")
    return status


def _password(environment: Mapping[str, str], prompt: Prompt | None) -> str | None:
    """The new password: the environment's, else asked twice; None if unsure."""
    given = environment.get(PASSWORD_VARIABLE)
    if given:
        return given
    ask = prompt or (getpass.getpass if sys.stdin.isatty() else None)
    if ask is None:
        return None
    first = ask("New operator's password: ")
    if not first or ask("Again: ") != first:
        return None
    return first


def run_roles(
    argv: Sequence[str],
    environment: Mapping[str, str] | None = None,
    prompt: Prompt | None = None,
) -> int:
    """``electionboard roles``: one change or the list; the exit status says how.

    Args:
        argv: the arguments after ``roles``.
        environment: where the URL and password are read (default: the
            process's), so tests need not change it.
        prompt: asks for the password (default: ``getpass`` on a terminal).
    """
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        sys.stderr.write(redacted(str(error)).rstrip("\n") + "\n")
        return USAGE
    env = os.environ if environment is None else environment
    given = getattr(args, "store", None)
    if given and holds_password(given):
        return _say(USAGE, PASSWORD_ON_COMMAND_LINE)
    url = given or env.get(STORE_VARIABLE)
    if not url or not is_database_url(url):
        return _say(
            USAGE,
            f"roles need a postgresql:// URL: give --store URL or set {STORE_VARIABLE}",
        )
    from electionboard.store import pg_roles  # psycopg only when used

    try:
        if args.command == "list":
            operators = pg_roles.list_operators(url)
            width = max((len(o.name) for o in operators), default=0)
            lines = (f"{o.name:<{width}}  {o.role}\n" for o in operators)
            sys.stdout.write("".join(lines))
            return DONE
        if args.command == "add":
            password = _password(env, prompt)
            if password is None:
                return _say(
                    USAGE,
                    f"no password: set {PASSWORD_VARIABLE} or type it twice at "
                    "the prompt",
                )
            added = pg_roles.add_operator(url, args.name, args.role, password)
            sys.stdout.write(f"added {added.name} ({added.role})\n")
            return DONE
        removed = pg_roles.remove_operator(url, args.name)
    except StoreError as error:
        return _say(REFUSED, str(error))
    sys.stdout.write(f"removed {removed.name} ({removed.role})\n")
    return DONE
