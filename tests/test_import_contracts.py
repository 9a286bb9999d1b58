"""The import contracts bite: a probe import that breaks the design breaks them.

Each probe copies the package beside a copy of ``pyproject.toml``, adds one
import the design forbids, and runs import-linter on the copy. A contract that
stays kept under its probe would be decoration, not a check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

PROBES = [
    # (file to add the import to, the import, the contract it must break)
    (
        "electionboard/settings.py",
        "import PySide6",
        "Settings import only the standard library",
    ),
    (
        "electionboard/settings.py",
        "import electionboard.ui.theme",
        "Settings import only the standard library",
    ),
    (
        "electionboard/sources/merge.py",
        "import electionboard.replay.server",
        "ui sits above presentation",
    ),
    (
        "electionboard/ui/fonts.py",
        "import electionboard.app",
        "Only the command line imports the composition root",
    ),
    (
        "electionboard/store/schema.py",
        "import electionboard.sources",
        "ui sits above presentation",
    ),
    (
        "electionboard/presentation/content.py",
        "import PySide6.QtGui",
        "Presentation decides words and layout without Qt",
    ),
    (
        "electionboard/presentation/desk_wording.py",
        "import electionboard.ui.theme",
        "Presentation decides words and layout without Qt",
    ),
    (
        "electionboard/replay/server.py",
        "import electionboard.presentation.text",
        "ui sits above presentation",
    ),
    (
        "electionboard/model/tabulate.py",
        "import requests",
        "The model imports only the standard library",
    ),
    (
        "electionboard/replay/server.py",
        "import PySide6.QtCore",
        "Sources and store never import Qt",
    ),
]


def lint_copy(
    tmp_path: Path, probe: tuple[str, str] | None
) -> subprocess.CompletedProcess[str]:
    """Run import-linter on a copy of the package, with ``probe`` added."""
    shutil.copytree(
        ROOT / "electionboard",
        tmp_path / "electionboard",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if probe is not None:
        relative, statement = probe
        target = tmp_path / relative
        target.write_text(
            target.read_text(encoding="utf-8") + f"\n{statement}  # probe\n",
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def lint_available() -> None:
    if not LINT_IMPORTS.exists():
        pytest.skip(f"import-linter is not installed beside {sys.executable}")


@pytest.mark.usefixtures("lint_available")
def test_the_unchanged_copy_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_copy(tmp_path, None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " broken" in result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.usefixtures("lint_available")
@pytest.mark.parametrize(("relative", "statement", "contract"), PROBES)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, relative: str, statement: str, contract: str
) -> None:
    result = lint_copy(tmp_path, (relative, statement))
    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
