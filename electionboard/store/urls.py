"""Store locations as text: telling a database URL from a folder, and hiding secrets.

A connection string may hold a password; everything the program says about a
location (logs, errors, ``repr``) goes through :func:`redacted` first.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Mapping

SCHEMES = ("postgresql", "postgres")
_HIDDEN = "***"
_SECRET_QUERY = re.compile(r"(?i)^(password|passfile|sslpassword)$")
_SECRET_PAIR = re.compile(r"(?i)\b(password|sslpassword)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


def is_database_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a folder."""
    scheme, sep, _ = location.partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


def redacted(url: str) -> str:
    """``url`` with its password (in the user part or the query) as ``***``.

    A libpq ``key=value`` string (not a URL) has its password value hidden.
    """
    if "://" not in url:
        return _SECRET_PAIR.sub(lambda m: f"{m.group(1)}={_HIDDEN}", url)
    try:
        parts = urllib.parse.urlsplit(url)
        netloc = parts.netloc
    except ValueError:
        return f"{url.partition('://')[0]}://{_HIDDEN}"
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:{_HIDDEN}@{hosts}" if colon else f"{user}@{hosts}"
    query = urllib.parse.urlencode(
        [
            (key, _HIDDEN if _SECRET_QUERY.match(key) else value)
            for key, value in urllib.parse.parse_qsl(
                parts.query, keep_blank_values=True
            )
        ],
        safe="*",
    )
    return urllib.parse.urlunsplit(
        (parts.scheme, netloc, parts.path, query, parts.fragment)
    )


def scrubbed(text: str, url: str) -> str:
    """``text`` (a driver's message) with ``url`` and its password taken out."""
    try:
        password = urllib.parse.urlsplit(url).password
    except ValueError:
        password = None
    text = text.replace(url, redacted(url))
    if password:
        text = text.replace(password, _HIDDEN)
        text = text.replace(urllib.parse.unquote(password), _HIDDEN)
    return text


def login_of(url: str, environment: Mapping[str, str] | None = None) -> str | None:
    """The database login ``url`` signs in as, without connecting; None if unsaid.

    As libpq reads it: the URL's user, else its ``user=`` parameter, else
    ``PGUSER``. (libpq then falls back to the system's user name.)
    """
    env = os.environ if environment is None else environment
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if "@" in parts.netloc:
        user = urllib.parse.unquote(parts.netloc.rpartition("@")[0].partition(":")[0])
        if user:
            return user
    for key, value in urllib.parse.parse_qsl(parts.query):
        if key == "user" and value:
            return value
    return env.get("PGUSER") or None


PASSWORD_ON_COMMAND_LINE = (
    "--store: this URL holds a password, which any user of this machine can "
    "read in the list of processes; put the password in PGPASSWORD or "
    "~/.pgpass, or the whole URL in ELECTIONBOARD_STORE"
)


def holds_password(location: str) -> bool:
    """Whether ``location`` carries a password (in its user part or query)."""
    return redacted(location) != location
