"""The model is pure: it imports nothing but the standard library and itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import electionboard.model

MODEL = Path(electionboard.model.__file__).parent


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("electionboard."):
                assert node.module.startswith("electionboard.model"), node.module
                continue
            roots.add(node.module.split(".")[0])
    return roots


def test_model_imports_only_the_standard_library() -> None:
    files = sorted(MODEL.glob("*.py"))
    assert len(files) > 5
    for path in files:
        outside = imported_roots(path) - set(sys.stdlib_module_names) - {"__future__"}
        assert outside == set(), (path.name, outside)
