"""Third-party feed files, read in place from ``../shared/feeds`` beside the clone.

The project keeps no third-party data: elex's AP files and clarify's Clarity
files stay where they are published for us, and a test that needs one skips
with its reason where ``../shared/`` is absent (CI always has it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "feeds"
"""``../shared/feeds`` relative to the repository root."""


def has_shared_feed(name: str) -> bool:
    """True when ``../shared/feeds/<name>`` exists (for collection-time choices)."""
    return (SHARED_FEEDS / name).is_file()


def _absent(name: str) -> str:
    return f"{SHARED_FEEDS / name} is absent: third-party feeds live in ../shared/feeds"


def shared_feed(name: str) -> Path:
    """The path of ``../shared/feeds/<name>``, e.g. ``"ap/20151103_national.json"``.

    Skips the calling test when the file is absent, so a checkout without
    ``../shared`` runs everything else.
    """
    if not has_shared_feed(name):
        pytest.skip(_absent(name))
    return SHARED_FEEDS / name


def read_shared_feed(name: str) -> bytes:
    """The bytes of ``../shared/feeds/<name>``; skips the test when absent."""
    return shared_feed(name).read_bytes()


def needs_shared_feed(name: str) -> pytest.MarkDecorator:
    """A mark skipping a test or ``pytest.param`` case when the file is absent."""
    return pytest.mark.skipif(not has_shared_feed(name), reason=_absent(name))
