"""Where the ``desk`` command's store is: a data folder or a database URL.

A URL may carry a password, so it can come from ``ELECTIONBOARD_STORE``
instead of the command line, and every message goes through :func:`redacted`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import cast

from electionboard.locations import STORE_VARIABLE as STORE_VARIABLE
from electionboard.locations import is_url
from electionboard.store import DeskStore, SqliteDeskStore, StoreError

_USER_PASSWORD = re.compile(r"(://[^:/@\s]*):[^@\s]*@")
_PASSWORD_PARAMETER = re.compile(r"(password=)[^&\s]*", re.IGNORECASE)


def redacted(text: str) -> str:
    """``text`` with any URL's password shown as ``***``."""
    text = _USER_PASSWORD.sub(r"\1:***@", text)
    return _PASSWORD_PARAMETER.sub(r"\1***", text)


def chosen_location(
    store: str | None, data_dir: Path | None, environment: Mapping[str, str]
) -> str | None:
    """``--store``, else ``--data-dir``, else the environment; None if none."""
    if store:
        return store
    if data_dir is not None:
        return str(data_dir)
    return environment.get(STORE_VARIABLE) or None


def open_location(location: str, *, busy_timeout: float) -> DeskStore:
    """The store at ``location``: SQLite for a folder, a server for a URL.

    ``busy_timeout`` bounds SQLite's wait for another desk's write; a server
    store keeps its own.

    Raises:
        StoreError: the store cannot be opened (busy, damaged, too new, or a
            kind of store this version does not have).
    """
    if not is_url(location):
        return SqliteDeskStore(Path(location), busy_timeout=busy_timeout)
    try:
        module = importlib.import_module("electionboard.store.open")
    except ModuleNotFoundError as error:
        if error.name != "electionboard.store.open":
            raise
        raise StoreError("PostgreSQL stores are not built in this version") from None
    open_store = cast("Callable[[str], DeskStore]", module.open_store)
    return open_store(location)
