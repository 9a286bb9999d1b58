"""Colours for the board, declared once: party, semantic and surface colours.

Every look the board goes to air in is one row of the same ``Theme`` table,
chosen by name from ``THEMES``. ``broadcast_safe`` maps any of them into the
legal video range, and ``key_spill`` says how much of a chroma keyer's signal
a colour would carry, so graphics on a key background never punch holes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from PySide6.QtGui import QColor

from electionboard.presentation.content import BannerTone

PARTY_COLOURS: Mapping[str, str] = {
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
DARK_BANNER: Mapping[BannerTone, tuple[str, str]] = {
    BannerTone.WAITING: ("#26324d", "#ffffff"),
    BannerTone.EARLY: ("#1f4b8f", "#ffffff"),
    BannerTone.CLOSE: ("#d9611c", "#ffffff"),
    BannerTone.DECIDED: ("#f5c518", "#0b1426"),
    BannerTone.CALLED: ("#f5c518", "#0b1426"),
}

# Legal ("studio") range of 8-bit video: black at 16, white at 235.
LEGAL_BLACK = 16
LEGAL_WHITE = 235

# A colour-difference keyer ignores colours whose key-channel excess is below
# about a quarter of the backing's own; graphics must stay under this.
KEY_SPILL_LIMIT = 0.25


@dataclass(frozen=True, slots=True)
class Theme:
    """Surface, text and bar colours of one look.

    ``has_background`` False leaves the frame at alpha 0 behind the graphics;
    ``key`` names a chroma-key backing colour. Either way the graphics sit on
    opaque plates (``plated``), so text stays legible over whatever the mixer
    puts behind it.
    """

    name: str
    background_top: str = "#061024"
    background_bottom: str = "#0e1f3d"
    has_background: bool = True
    key: str | None = None
    plate: str = "#0f1d38"
    track: str = "#1b2c4c"
    text: str = "#ffffff"
    muted: str = "#a8b7d3"
    accent: str = "#f5c518"
    on_accent: str = "#0b1426"
    stale: str = "#d7263d"
    on_stale: str = "#ffffff"
    others: str = "#5b6b88"
    banner: Mapping[BannerTone, tuple[str, str]] = field(
        default_factory=lambda: dict(DARK_BANNER)
    )
    party_colours: Mapping[str, str] = field(
        default_factory=lambda: dict(PARTY_COLOURS)
    )
    other_party: str = OTHER_PARTY
    slot_colours: tuple[str, ...] = SLOT_COLOURS
    legal_range: bool = False

    @property
    def plated(self) -> bool:
        """True when the background is keyed or absent, so graphics need plates."""
        return self.key is not None or not self.has_background

    def colour(self, key: str) -> QColor:
        """A row's colour from its key: ``party:DEM``, ``slot:3`` or ``others``."""
        kind, _, value = key.partition(":")
        if kind == "party":
            return QColor(self.party_colours.get(value.upper(), self.other_party))
        if kind == "slot":
            return QColor(self.slot_colours[int(value) % len(self.slot_colours)])
        return QColor(self.others)

    def graphics_colours(self) -> list[str]:
        """Every colour the graphics may draw with (not the background)."""
        skip = {"background_top", "background_bottom", "key"}
        found: list[str] = []
        for item in fields(self):
            if item.name not in skip:
                found.extend(_colours_in(getattr(self, item.name)))
        return found


def _colours_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.startswith("#") else []
    if isinstance(value, tuple):
        return [c for v in value for c in _colours_in(v)]
    if isinstance(value, Mapping):
        return [c for v in value.values() for c in _colours_in(v)]
    return []


def channels(colour: str) -> tuple[int, int, int]:
    """Red, green and blue of ``#rrggbb``."""
    if len(colour) != 7 or not colour.startswith("#"):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def legal(colour: str) -> str:
    """``#rrggbb`` scaled from full range (0-255) into legal range (16-235)."""
    scaled = (
        round(LEGAL_BLACK + c * (LEGAL_WHITE - LEGAL_BLACK) / 255)
        for c in channels(colour)
    )
    return "#" + "".join(f"{c:02x}" for c in scaled)


def _legalised(value: object) -> Any:
    if isinstance(value, str):
        return legal(value) if value.startswith("#") else value
    if isinstance(value, tuple):
        return tuple(_legalised(v) for v in value)
    if isinstance(value, Mapping):
        return {k: _legalised(v) for k, v in value.items()}
    return value


def broadcast_safe(theme: Theme) -> Theme:
    """``theme`` with every colour channel inside 16-235, key and parties too.

    Blends of legal colours stay legal, so antialiased edges and gradients in
    a render of this theme stay inside the range as well.
    """
    if theme.legal_range:
        return theme
    changes = {
        item.name: _legalised(getattr(theme, item.name))
        for item in fields(theme)
        if item.name != "name"
    }
    changes["legal_range"] = True
    return replace(theme, **changes)


def key_spill(colour: str, key: str) -> float:
    """How much of a keyer's signal ``colour`` carries: 0 none, 1 the backing.

    A colour-difference keyer keys on how far the backing's dominant channel
    rises above the other two; this is that excess relative to the backing's.
    """
    backing = channels(key)
    dominant = max(range(3), key=backing.__getitem__)

    def excess(rgb: tuple[int, int, int]) -> int:
        others = max(v for i, v in enumerate(rgb) if i != dominant)
        return rgb[dominant] - others

    return max(0.0, excess(channels(colour)) / excess(backing))


DARK = Theme(name="dark")

LIGHT = Theme(
    name="light",
    background_top="#f3f5f9",
    background_bottom="#dce3ee",
    plate="#ffffff",
    track="#d0d8e6",
    text="#0b1426",
    muted="#4b5a78",
    accent="#8c5e00",
    on_accent="#ffffff",
    stale="#c8102e",
    others="#8592ab",
    banner={
        BannerTone.WAITING: ("#5b6b88", "#ffffff"),
        BannerTone.EARLY: ("#1f4b8f", "#ffffff"),
        BannerTone.CLOSE: ("#c4501a", "#ffffff"),
        BannerTone.DECIDED: ("#f5c518", "#0b1426"),
        BannerTone.CALLED: ("#f5c518", "#0b1426"),
    },
)

# Chroma green (RGB 0, 177, 64): greens in the palettes turn teal, olive, brown.
GREEN = Theme(
    name="green",
    background_top="#00b140",
    background_bottom="#00b140",
    key="#00b140",
    party_colours={**PARTY_COLOURS, "GRN": "#14a3a3"},
    slot_colours=(
        "#2f7fe0",
        "#e8743b",
        "#a6a23a",
        "#e5487a",
        "#9361d2",
        "#16a3b6",
        "#d4b72a",
        "#6b8cbf",
        "#bb5c9e",
        "#8f5b2e",
        "#c9604a",
        "#4f6bd6",
    ),
)

# Chroma blue (RGB 0, 71, 187): neutral plates; blues turn teal or magenta.
BLUE = Theme(
    name="blue",
    background_top="#0047bb",
    background_bottom="#0047bb",
    key="#0047bb",
    plate="#1c1c1e",
    track="#34343a",
    muted="#bcbcc0",
    on_accent="#141414",
    others="#6e6e6e",
    banner={
        BannerTone.WAITING: ("#3c3c42", "#ffffff"),
        BannerTone.EARLY: ("#167a80", "#ffffff"),
        BannerTone.CLOSE: ("#d9611c", "#ffffff"),
        BannerTone.DECIDED: ("#f5c518", "#141414"),
        BannerTone.CALLED: ("#f5c518", "#141414"),
    },
    party_colours={
        **PARTY_COLOURS,
        "DEM": "#1a9fb0",
        "IND": "#b366c4",
        "NPP": "#b366c4",
    },
    other_party="#8c8c94",
    slot_colours=(
        "#1a9fb0",
        "#e8743b",
        "#1aa57a",
        "#e5487a",
        "#b366c4",
        "#c08a2e",
        "#d4b72a",
        "#9a8c7a",
        "#bb5c9e",
        "#5aa33e",
        "#c9604a",
        "#e08fb0",
    ),
)

TRANSPARENT = Theme(name="transparent", has_background=False)

THEMES: Mapping[str, Theme] = {
    theme.name: theme for theme in (DARK, LIGHT, GREEN, BLUE, TRANSPARENT)
}


def theme_named(name: str, *, safe: bool = False) -> Theme:
    """A theme by name, made broadcast-safe when ``safe``.

    Raises:
        ValueError: no theme has that name.
    """
    try:
        theme = THEMES[name.strip().lower()]
    except KeyError:
        known = ", ".join(THEMES)
        raise ValueError(f"unknown theme {name!r} (use {known})") from None
    return broadcast_safe(theme) if safe else theme
