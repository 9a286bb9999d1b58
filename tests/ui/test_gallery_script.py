"""The gallery script keeps working: a few of its frames, rendered to tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_gallery.py"


def gallery_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_gallery", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_gallery"] = module
    spec.loader.exec_module(module)
    return module


def test_frames_render_small_and_the_page_lists_them(
    qapp: QApplication, tmp_path: Path
) -> None:
    gallery = gallery_module()
    names = ["la-final", "rcv-mid-transfer", "test-data"]
    index = tmp_path / "gallery.md"
    assert (
        gallery.main(["--out", str(tmp_path), "--index", str(index), "--only", *names])
        == 0
    )
    for name in names:
        image = QImage(str(tmp_path / f"gallery-{name}.png"))
        assert (image.width(), image.height()) == (960, 540), name
    page = index.read_text(encoding="utf-8")
    assert all(f"gallery-{name}.png" in page for name in names)
    assert qapp is QApplication.instance()
