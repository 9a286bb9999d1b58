"""A glyph-cache size past 64 pixels in the environment cannot blank the board's text.

Qt 6's raster engine draws nothing of a glyph cached past 64 pixels, and Qt
reads ``QT_MAX_CACHED_GLYPH_SIZE`` once, at the first text it draws: the
board drops such a setting before that.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from electionboard.resource_paths import sample_snapshots
from electionboard.ui.board import glyphs
from electionboard.ui.board.glyphs import (
    QT_GLYPH_CACHE_LIMIT,
    drop_unsafe_glyph_cache_size,
)

VARIABLE = "QT_MAX_CACHED_GLYPH_SIZE"


@pytest.mark.parametrize("text", ["65", "256", " 256 ", "0x100", "0400", "-128"])
def test_a_size_past_64_is_dropped_with_a_warning(text: str) -> None:
    environ = {VARIABLE: text, "OTHER": "kept"}
    warning = drop_unsafe_glyph_cache_size(environ)
    assert environ == {"OTHER": "kept"}
    assert warning is not None
    assert text in warning
    assert str(QT_GLYPH_CACHE_LIMIT) in warning


@pytest.mark.parametrize("text", ["64", "32", "0x20", "0", "", "big"])
def test_a_safe_or_unread_size_is_left_alone(text: str) -> None:
    environ = {VARIABLE: text}
    assert drop_unsafe_glyph_cache_size(environ) is None
    assert environ == {VARIABLE: text}


def test_no_setting_is_no_warning() -> None:
    environ: dict[str, str] = {}
    assert drop_unsafe_glyph_cache_size(environ) is None
    assert environ == {}


@pytest.mark.parametrize(
    ("text", "limit"), [("32", 32), ("-40", 40), ("256", 64), ("zero", 64), ("0", 64)]
)
def test_the_split_fill_takes_the_size_qt_will_use(
    monkeypatch: pytest.MonkeyPatch, text: str, limit: int
) -> None:
    monkeypatch.setenv(VARIABLE, text)
    assert glyphs._max_cached_glyph_size() == limit


def _export_4k(out: Path, environ: dict[str, str]) -> bytes:
    """A 4K export of a sample poll, in a fresh process (Qt reads the size once)."""
    sample = sample_snapshots()[5]
    command = [sys.executable, "-m", "electionboard", "export", str(sample)]
    options = ["--size", "3840x2160", "--image-format", "opaque", "--out", str(out)]
    subprocess.run(
        [*command, *options],
        env=environ,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.read_bytes()


def test_a_4k_export_draws_every_text_whatever_the_environment_says(
    tmp_path: Path,
) -> None:
    clean = {key: value for key, value in os.environ.items() if key != VARIABLE}
    clean["QT_QPA_PLATFORM"] = "offscreen"
    unset = _export_4k(tmp_path / "unset.png", clean)
    blanking = _export_4k(tmp_path / "blanking.png", {**clean, VARIABLE: "256"})
    assert blanking == unset
