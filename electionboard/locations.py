"""Where the desk store is: a data folder or a database URL, told apart cheaply.

The board decides this on the GUI thread before its first frame, so this module
imports nothing of the store or the replay package (their drivers and HTTP
server load on the desk's thread).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

STORE_VARIABLE = "ELECTIONBOARD_STORE"
"""The environment variable a store location may come from."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(location: str) -> bool:
    """True for a database URL, False for a data folder."""
    return _URL.match(location) is not None


def store_location(
    store: str | None, setting: str, environment: Mapping[str, str], data_dir: Path
) -> str:
    """``--store``, else the ``store`` setting, else the environment, else the
    data folder."""
    return store or setting.strip() or environment.get(STORE_VARIABLE) or str(data_dir)
