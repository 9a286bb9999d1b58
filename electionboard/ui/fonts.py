"""The bundled broadcast font, registered at start-up so every machine matches."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from electionboard.resource_paths import resource

log = logging.getLogger(__name__)

FAMILY = "Inter"
_FILES = (
    "Inter-Regular.otf",
    "Inter-SemiBold.otf",
    "Inter-Bold.otf",
    "Inter-ExtraBold.otf",
)


@cache
def register_fonts() -> str:
    """Add the bundled fonts to Qt's database once; returns the family name."""
    for name in _FILES:
        if QFontDatabase.addApplicationFont(str(resource("fonts", name))) < 0:
            log.warning("could not load bundled font %s", name)
    return FAMILY


def board_font(pixels: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The board's font at a pixel size, with tabular figures for numbers.

    A copy of one built once per size and weight: a poll asks for dozens.
    """
    return QFont(_board_font(max(1, round(pixels)), weight))


@cache
def _board_font(pixels: int, weight: QFont.Weight) -> QFont:
    font = QFont(FAMILY)
    font.setPixelSize(pixels)
    font.setWeight(weight)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setFeature(QFont.Tag("tnum"), 1)
    return font
