"""Print the project's runtime and test requirements less Qt, for the Qt-less run.

The model, sources, store and replay must work, and be tested, where PySide6
and pyqtgraph are not installed; the list comes from ``pyproject.toml`` so it
never drifts from the real dependencies.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

QT_PACKAGES = {"pyside6", "pyside6-essentials", "shiboken6", "pyqtgraph", "pytest-qt"}
"""Left out: the Qt bindings and what needs them."""

TOOLS = {"ruff", "mypy", "import-linter", "types-requests"}
"""Left out: checks that the main environment runs once."""


def requirement_name(requirement: str) -> str:
    """The normalised distribution name at the start of a requirement string."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def qtless_requirements(pyproject: Path) -> list[str]:
    """Every runtime and test requirement except Qt's and the lint tools'."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return [r for r in wanted if requirement_name(r) not in QT_PACKAGES | TOOLS]


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    print(" ".join(qtless_requirements(root / "pyproject.toml")))
