"""Colours for the board, declared once: party, semantic and surface colours."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from electionboard.ui.board.content import BannerTone

PARTY_COLOURS = {
    "DEM": "#2e6fdb",
    "REP": "#d8353b",
    "GRN": "#2f9e55",
    "LIB": "#d9a514",
    "IND": "#8a6fd1",
    "NPP": "#8a6fd1",
}
OTHER_PARTY = "#7d8aa6"
SLOT_COLOURS = (
    "#2f7fe0",
    "#e8743b",
    "#1aa57a",
    "#e5487a",
    "#9361d2",
    "#16a3b6",
    "#d4b72a",
    "#6b8cbf",
    "#bb5c9e",
    "#5aa33e",
    "#c9604a",
    "#4f6bd6",
)


@dataclass(frozen=True, slots=True)
class Theme:
    """Surface and text colours of one look; party colours are shared."""

    name: str
    background_top: str = "#061024"
    background_bottom: str = "#0e1f3d"
    plate: str = "#0f1d38"
    track: str = "#1b2c4c"
    text: str = "#ffffff"
    muted: str = "#a8b7d3"
    accent: str = "#f5c518"
    on_accent: str = "#0b1426"
    stale: str = "#d7263d"
    others: str = "#5b6b88"
    banner: dict[BannerTone, tuple[str, str]] = field(
        default_factory=lambda: {
            BannerTone.WAITING: ("#26324d", "#ffffff"),
            BannerTone.EARLY: ("#1f4b8f", "#ffffff"),
            BannerTone.CLOSE: ("#d9611c", "#ffffff"),
            BannerTone.DECIDED: ("#f5c518", "#0b1426"),
            BannerTone.CALLED: ("#f5c518", "#0b1426"),
        }
    )

    def colour(self, key: str) -> QColor:
        """A row's colour from its key: ``party:DEM``, ``slot:3`` or ``others``."""
        kind, _, value = key.partition(":")
        if kind == "party":
            return QColor(PARTY_COLOURS.get(value.upper(), OTHER_PARTY))
        if kind == "slot":
            return QColor(SLOT_COLOURS[int(value) % len(SLOT_COLOURS)])
        return QColor(self.others)


DARK = Theme(name="dark")
