"""Text from a feed or a desk made safe to draw on air or in a widget."""

from __future__ import annotations

import unicodedata


def plain(text: str) -> str:
    """Text safe to draw: control characters become spaces, runs collapse."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in text
    )
    return " ".join(cleaned.split())
