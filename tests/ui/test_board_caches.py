"""What the board remembers between polls and frames stays what it would work out.

Colours, fonts and bar recordings are kept so the GUI thread does not build
them again every poll and frame; a caller must never see another's copy
change, and a legalised theme must never inherit full-range colours.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont

from electionboard.presentation.casing import proper_name
from electionboard.ui.board import bars
from electionboard.ui.fonts import board_font
from electionboard.ui.theme import DARK, LIGHT, Theme, broadcast_safe


def test_theme_colours_are_copies_of_one_worked_out() -> None:
    theme = Theme(name="fresh")
    first = theme.colour("party:DEM:2")
    first.setAlphaF(0.1)
    again = theme.colour("party:DEM:2")
    assert again.alphaF() == 1.0
    assert again == Theme(name="other").colour("party:DEM:2")
    fill, _ink = theme.tag_colours("WINNER")
    fill.setRed(0)
    assert theme.tag_colours("WINNER")[0] == QColor(theme.call)


def test_a_legalised_theme_works_its_colours_out_again() -> None:
    theme = Theme(name="full")
    full = theme.colour("party:REP")
    safe = broadcast_safe(theme)
    assert safe.colour("party:REP") != full
    assert safe.colour("party:REP").red() <= 235
    assert safe == broadcast_safe(Theme(name="full"))  # the cache is not compared
    assert "QColor" not in repr(safe)


def test_surfaces_follow_the_theme() -> None:
    assert DARK.surface("track") == QColor(DARK.track)
    assert LIGHT.surface("track") == QColor(LIGHT.track)


@pytest.mark.usefixtures("qtbot")
def test_board_fonts_are_copies() -> None:
    font = board_font(40, QFont.Weight.Bold)
    font.setPixelSize(12)
    assert board_font(40, QFont.Weight.Bold).pixelSize() == 40
    assert board_font(40.4, QFont.Weight.Bold) == board_font(40, QFont.Weight.Bold)


@pytest.mark.usefixtures("qtbot")
def test_bars_of_one_rectangle_and_colour_share_a_recording() -> None:
    rect = QRectF(10.25, 20.0, 300.5, 40.0)
    colour = QColor("#1b2c4c")
    faded = QColor(colour)
    faded.setAlphaF(0.5)
    first = bars._recording(rect, colour)
    assert bars._recording(QRectF(rect), QColor(colour)) is first
    assert bars._recording(rect, faded) is not first
    assert bars._recording(rect.adjusted(0, 0, 0.01, 0), colour) is not first


def test_names_recased_again_are_the_same() -> None:
    assert proper_name("MITCH McCONNELL") == "Mitch McConnell"
    assert proper_name("MITCH McCONNELL") == "Mitch McConnell"
