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

from electionboard.presentation import palette
from electionboard.presentation.content import BannerTone, Tag

CALL_YELLOW = "#f5c518"
"""Yellow belongs to the call: the called banner and the decision's chips."""
CALL_INK = "#0b1426"
CALL_TAGS = frozenset({Tag.WINNER.value, Tag.ELECTED.value, Tag.ADVANCES.value})
"""Chips that state a decision, so they wear the call's colours."""
DARK_BANNER: Mapping[BannerTone, tuple[str, str]] = {
    BannerTone.WAITING: ("#26324d", "#ffffff"),
    BannerTone.EARLY: ("#1f4b8f", "#ffffff"),
    BannerTone.CLOSE: ("#b8450f", "#ffffff"),
    BannerTone.DECIDED: (CALL_YELLOW, CALL_INK),
    BannerTone.CALLED: (CALL_YELLOW, CALL_INK),
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
    dimmed: str = "#a0acc2"
    """Every text of an eliminated row: visibly dimmer, still 4.5:1 or more."""
    accent: str = "#7fd3e6"
    """Rule text, divider, cutoff line and chips that are not the call."""
    on_accent: str = "#0b1426"
    call: str = CALL_YELLOW
    on_call: str = CALL_INK
    stale: str = "#c21f36"
    on_stale: str = "#ffffff"
    others: str = palette.OTHERS
    neutral: str = palette.NEUTRAL
    banner: Mapping[BannerTone, tuple[str, str]] = field(
        default_factory=lambda: dict(DARK_BANNER)
    )
    party_colours: Mapping[str, str] = field(default_factory=palette.party_colours)
    slot_colours: tuple[str, ...] = palette.CANDIDATE_PALETTE
    legal_range: bool = False
    _colours: dict[str, QColor] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Colours already worked out, by key (``colour`` runs per row per poll)."""

    @property
    def plated(self) -> bool:
        """True when the background is keyed or absent, so graphics need plates."""
        return self.key is not None or not self.has_background

    def colour(self, key: str) -> QColor:
        """A row's colour from its key: ``party:DEM``, ``slot:3``, ``neutral``...

        Worked out once per key and theme; each caller gets its own copy.
        """
        known = self._colours.get(key)
        if known is None:
            known = self._colours[key] = self._work_out_colour(key)
        return QColor(known)

    def _work_out_colour(self, key: str) -> QColor:
        kind, _, value = key.partition(":")
        if kind == "party":
            party, _, nth = value.partition(":")
            base = QColor(self.party_colours.get(party.upper(), self.neutral)).name()
            if not nth:
                return QColor(base)
            dark_track = QColor(self.track).lightnessF() < 0.5
            toward = "#ffffff" if dark_track else "#000000"
            if self.legal_range:
                toward = legal(toward)
            return QColor(palette.shade(base, int(nth), toward))
        if kind == "slot":
            return QColor(self.slot_colours[int(value) % len(self.slot_colours)])
        if kind == "neutral":
            return QColor(self.neutral)
        return QColor(self.others)

    def tag_colours(self, label: str) -> tuple[QColor, QColor]:
        """Fill and ink of a row's chip: the call's yellow only for a decision."""
        if label in CALL_TAGS:
            return self.surface("call"), self.surface("on_call")
        return self.surface("accent"), self.surface("on_accent")

    def surface(self, name: str) -> QColor:
        """A colour field by name (``"track"``, ``"text"``) as a QColor of
        its own, parsed once per theme: a glide asks every row every frame."""
        known = self._colours.get("#" + name)
        if known is None:
            known = self._colours["#" + name] = QColor(getattr(self, name))
        return QColor(known)

    def graphics_colours(self) -> list[str]:
        """Every colour the graphics may draw with (not the background)."""
        skip = {"background_top", "background_bottom", "key"}
        found: list[str] = []
        for item in fields(self):
            if item.init and item.name not in skip:
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
        if item.init and item.name != "name"
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
    track="#d8deea",
    text="#0b1426",
    muted="#3f4c66",
    dimmed="#3f4c66",
    accent="#005a70",
    on_accent="#ffffff",
    stale="#c8102e",
    banner={
        BannerTone.WAITING: ("#56657f", "#ffffff"),
        BannerTone.EARLY: ("#1f4b8f", "#ffffff"),
        BannerTone.CLOSE: ("#b8450f", "#ffffff"),
        BannerTone.DECIDED: (CALL_YELLOW, CALL_INK),
        BannerTone.CALLED: (CALL_YELLOW, CALL_INK),
    },
)

# Chroma green (RGB 0, 177, 64): only the Greens' green would key through.
GREEN = Theme(
    name="green",
    background_top="#00b140",
    background_bottom="#00b140",
    key="#00b140",
    party_colours=palette.party_colours("#00b140"),
)

# Chroma blue (RGB 0, 71, 187): neutral plates; the Democrats' blue turns teal.
BLUE = Theme(
    name="blue",
    background_top="#0047bb",
    background_bottom="#0047bb",
    key="#0047bb",
    plate="#1c1c1e",
    track="#34343a",
    muted="#bcbcc0",
    dimmed="#b0b0b6",
    on_accent="#141414",
    on_call="#141414",
    others="#6e6e6e",
    neutral="#8c8c94",
    banner={
        BannerTone.WAITING: ("#3c3c42", "#ffffff"),
        BannerTone.EARLY: ("#136a70", "#ffffff"),
        BannerTone.CLOSE: ("#b8450f", "#ffffff"),
        BannerTone.DECIDED: (CALL_YELLOW, "#141414"),
        BannerTone.CALLED: (CALL_YELLOW, "#141414"),
    },
    party_colours=palette.party_colours("#0047bb"),
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
