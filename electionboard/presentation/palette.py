"""Which colour each candidate wears: US party convention, else a fixed palette slot.

A candidate's colour never depends on rank or on the count: it comes from the
party (DEM blue, REP red, LIB gold, GRN green, everyone else neutral) when
parties tell the ballot apart, and otherwise from the candidate's ballot
order, so it is the same in every frame of the night. Themes only map these
choices to pixels (and legalise them for broadcast-safe output).
"""

from __future__ import annotations

from collections.abc import Mapping

from electionboard.model import Race
from electionboard.presentation.colour_check import hex_colour, rgb

PARTY_COLOURS: Mapping[str, str] = {
    "DEM": "#2e6fdb",
    "REP": "#d8353b",
    "LIB": "#d9a514",
    "GRN": "#2f9e55",
}
"""The four parties US networks colour; every other party is neutral."""
NEUTRAL = "#8d96a8"
"""Independents, no party, minor parties: convention gives them grey."""
OTHERS = "#5b6b88"
"""The bar that sums the candidates past the last row."""

KEY_SAFE_PARTY_COLOURS: Mapping[str, Mapping[str, str]] = {
    # A blue bar on a blue backing keys through (a hole in the graphics), as
    # a green one does on green: only there does a party take a stand-in.
    "#0047bb": {"DEM": "#1a9fb0"},
    "#00b140": {"GRN": "#14a3a3"},
}

CANDIDATE_PALETTE: tuple[str, ...] = (
    "#d9661f",
    "#9b7fb5",
    "#cc3366",
    "#1a9fb0",
    "#8a5a2b",
    "#d98b74",
    "#a3266f",
    "#f0679c",
    "#7a7a1e",
    "#c24fc9",
    "#0f7a68",
    "#8e2fa8",
)
"""Slots for races parties can't tell apart, by ballot order.

Chosen for one-party primaries and nonpartisan races: no yellow (yellow is
the call's), mid lightness so every bar reads on the dark and the light
track, safe on both chroma keys (so every theme shows the same colours), and
ordered so that palette neighbours stay far apart (CIEDE2000) under
protanopia, deuteranopia and tritanopia as well as normal vision
(tests/presentation/test_palette.py holds the bounds).
"""


def party_colours(key: str | None = None) -> dict[str, str]:
    """The party table, with key-safe stand-ins for a backing colour ``key``."""
    return {**PARTY_COLOURS, **KEY_SAFE_PARTY_COLOURS.get(key or "", {})}


def coloured_party(party: str | None) -> str | None:
    """The party code whose colour a candidate wears, None for neutral."""
    code = (party or "").strip().upper()
    return code if code in PARTY_COLOURS else None


def _by_party(race: Race) -> bool:
    """True when the ballot airs in party colours.

    Decided from the ballot alone (never from ranks or votes): two or more
    coloured parties run (a general election, Alaska's top four: a party's
    second candidate wears a shade of its colour), or no coloured party has
    two candidates and at most one candidate would be neutral.
    """
    coloured = [coloured_party(c.party) for c in race.candidates]
    named = [p for p in coloured if p is not None]
    if len(set(named)) >= 2:
        return True
    if not named or len(set(named)) != len(named):
        return False
    return len(coloured) - len(named) <= 1


SHADE_STEP = 0.3
"""How far each further shade of a party's colour moves away from the track."""


def shade(colour: str, index: int, toward: str) -> str:
    """A party's ``index``-th shade: 0 is the colour, then further toward ``toward``.

    Lightness (not another hue) tells a party's candidates apart, so they
    stay its colour and still differ under every colour-vision deficiency.
    The theme passes white on a dark track and black on a light one (their
    legal-range versions on a broadcast-safe theme), so shades move away
    from the track and every bar keeps reading against it.
    """
    if index <= 0:
        return colour
    amount = min(0.6, SHADE_STEP * index)
    (red, green, blue), (to_red, to_green, to_blue) = rgb(colour), rgb(toward)
    return hex_colour(
        (
            red + (to_red - red) * amount,
            green + (to_green - green) * amount,
            blue + (to_blue - blue) * amount,
        )
    )


def _slots(race: Race) -> dict[str, int]:
    """Each candidate's palette slot: its ballot order (1 is slot 0).

    A feed with no usable ballot order (missing or repeated) falls back to
    the position in the ballot sorted by order and id, which is stable as
    long as the ballot is.
    """
    orders = [c.ballot_order for c in race.candidates]
    if all(order >= 1 for order in orders) and len(set(orders)) == len(orders):
        return {c.id: c.ballot_order - 1 for c in race.candidates}
    ranked = sorted(race.candidates, key=lambda c: (c.ballot_order, c.id))
    return {c.id: n for n, c in enumerate(ranked)}


def colour_keys(race: Race) -> dict[str, str]:
    """Every candidate's colour key: ``party:DEM``, ``party:REP:1`` (the
    party's second candidate by ballot order, in a shade), ``neutral`` or
    ``slot:3``.

    A measure's choices and a ballot parties can't tell apart take palette
    slots; otherwise each candidate wears the party's colour.
    """
    if not race.is_measure and _by_party(race):
        keys: dict[str, str] = {}
        seen: dict[str, int] = {}
        for candidate in sorted(race.candidates, key=lambda c: (c.ballot_order, c.id)):
            party = coloured_party(candidate.party)
            if party is None:
                keys[candidate.id] = "neutral"
                continue
            nth = seen.get(party, 0)
            seen[party] = nth + 1
            keys[candidate.id] = f"party:{party}:{nth}" if nth else f"party:{party}"
        return keys
    slots = _slots(race)
    return {
        c.id: f"slot:{slots[c.id] % len(CANDIDATE_PALETTE)}" for c in race.candidates
    }
