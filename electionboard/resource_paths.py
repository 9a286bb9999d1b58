"""The one place that knows where ``resources/`` lives.

A source checkout keeps it beside the package; the wheel and the frozen app
carry it inside the package as ``electionboard/resources``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The resources folder for this installation."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [
        _PACKAGE_DIR / "resources",
        _PACKAGE_DIR.parent / "resources",
    ]
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "electionboard" / "resources")
    for candidate in candidates:
        if (candidate / "samples").is_dir():
            return candidate
    raise FileNotFoundError("electionboard resources folder not found")


def resource(*parts: str) -> Path:
    """Path to a file under resources/, e.g. ``resource("fonts", "x.otf")``."""
    return resources_dir().joinpath(*parts)


def sample_night_dir() -> Path:
    """The bundled Los Angeles 2022 night, one snapshot per file."""
    return resource("samples", "la2022")


def sample_snapshots() -> list[Path]:
    """The bundled night's snapshot files in order."""
    return sorted(sample_night_dir().glob("[0-9]*.json"))
