"""The county map's words, colours and layout, without Qt.

Each county wears its leader's colour (the race board's colour for that
candidate, so a candidate is the same colour on every screen), lighter or
darker by how far ahead they are: the narrower the lead, the further the
colour goes toward the backing. A county with nothing in yet is a neutral
hatch; a tied one is neutral. The state fills the map area inside
title-safe, its shape kept; the legend stands in a column on the right.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.county_results import CountyResults, county_results
from electionboard.model.shapes import Bounds
from electionboard.model.us_states import us_state
from electionboard.presentation import geometry as g
from electionboard.presentation import palette
from electionboard.presentation.casing import proper_title
from electionboard.presentation.colour_check import hex_colour, rgb
from electionboard.presentation.content import (
    candidate_name,
    locator_for,
    updated_text,
)
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.text import plain

MARGIN_EDGES = (5.0, 10.0, 20.0)
"""Lead in points where the shade steps up: under 5, 5-10, 10-20, 20 and over."""
MARGIN_LABELS = ("<5", "5-10", "10-20", "20+")
MARGIN_MIX = (0.6, 0.4, 0.2, 0.0)
"""How far each margin bucket's colour moves toward the backing."""
LEGEND_CANDIDATES = 5
"""The most candidates the legend lists: the top two and the next leaders.

A sixth candidate leading a county still colours it; five leaders in one
state is already past what a network map names."""

# Layout, in pixels at 1080 lines.
TITLE_PX = 60
TITLE_MAX_WIDTH = 1100.0
"""Clear of the TEST DATA slug at the top right."""
REPORTING_Y = 138.0
REPORTING_PX = 32
MAP_LEFT = g.SAFE_LEFT
MAP_TOP = 204.0
MAP_RIGHT = 1350.0
MAP_BOTTOM = g.SAFE_BOTTOM
LEGEND_LEFT = 1404.0
LEGEND_RIGHT = g.SAFE_RIGHT
LEGEND_TOP = 222.0
LEGEND_NAME_PX = 36
LEGEND_NAME_MIN_PX = 32
"""Names shrink this far together; a longer one then takes a shorter form."""
LEGEND_SMALL_PX = 28
LEGEND_SHARE_PX = 34
LEGEND_SHARE_HEIGHT = 44.0
LEGEND_STRIPE = 10.0
"""The candidate's colour bar left of the name."""
LEGEND_SWATCH_GAP = 6.0
LEGEND_SECTION_GAP = 30.0
KEY_SWATCH = 36.0
"""The not-reporting and tied swatches, side by side on one line."""
KEY_GAP = 12.0
"""Between a swatch and its word."""
KEY_PAIR_GAP = 24.0
"""Between NOT REPORTING and TIED."""
BORDER_WIDTH = 1.2
"""County borders, thin enough to keep the small counties' colour."""
OUTLINE_WIDTH = 3.0
"""The state's edge: half of it shows outside the counties."""


@dataclass(frozen=True, slots=True)
class LegendSpacing:
    """A candidate block's lines, at 1080-line pixels."""

    name_height: float
    share_height: float
    swatch_height: float
    block_gap: float


ROOMY = LegendSpacing(
    name_height=48.0, share_height=44.0, swatch_height=26.0, block_gap=22.0
)
COMPACT = LegendSpacing(
    name_height=44.0, share_height=40.0, swatch_height=18.0, block_gap=10.0
)


def legend_spacing(entries: int) -> LegendSpacing:
    """Roomy for up to three candidates; four or five close up, so the
    legend, its key and the time stay inside title-safe."""
    return ROOMY if entries <= 3 else COMPACT


class CountyState(StrEnum):
    """How a county is drawn."""

    LEADING = "leading"
    TIED = "tied"
    NOT_REPORTING = "not_reporting"


@dataclass(frozen=True, slots=True)
class CountyLook:
    """One county's fill: its leader's colour key and margin bucket."""

    state: CountyState
    colour_key: str = ""
    """The leader's colour (``party:DEM``, ``slot:2``); empty unless leading."""
    bucket: int = 0
    """0 (<5 pts) to 3 (20+ pts); only for a leading county."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One candidate in the legend."""

    candidate_id: str
    name: str
    colour_key: str
    short_names: tuple[str, ...]
    """Shorter forms of the name, longest first ("A. Gonzalez-Whitfield",
    "Gonzalez-Whitfield"), for a name too long for the column."""
    share: str
    """The statewide share ("52.4%"), empty before any vote."""
    counties: str
    """'41 COUNTIES' leading, empty when none."""


@dataclass(frozen=True, slots=True)
class MapContent:
    """Everything the map scene draws for one race."""

    race_id: str
    title: str
    reporting: str
    updated: str
    counties: Mapping[str, CountyLook]
    legend: tuple[LegendEntry, ...]
    margin_heading: str = "LEAD, PTS"
    margin_labels: tuple[str, ...] = MARGIN_LABELS
    not_reporting: str = "NOT REPORTING"
    tied: str = "TIED"
    show_tied: bool = False
    results: CountyResults | None = None
    """The roll-up itself, with the units no county took (for the desk)."""


def margin_bucket(points: float) -> int:
    """0 for a lead under 5 points, 1 for 5-10, 2 for 10-20, 3 for 20 or more."""
    return bisect.bisect_right(MARGIN_EDGES, points)


def county_fill(colour: str, bucket: int, toward: str) -> str:
    """A leader's colour shaded for its margin bucket, toward ``toward``."""
    amount = MARGIN_MIX[max(0, min(bucket, len(MARGIN_MIX) - 1))]
    (r, gr, b), (tr, tg, tb) = rgb(colour), rgb(toward)
    return hex_colour(
        (r + (tr - r) * amount, gr + (tg - gr) * amount, b + (tb - b) * amount)
    )


HATCH_STRENGTH = 0.45
"""How far the not-reporting hatch's lines stand out from their ground."""


def hatch_colour(ground: str, ink: str) -> str:
    """The hatch's lines: a quiet step from ``ground`` toward ``ink``.

    A state with nothing in is all hatch, so it must read as "waiting",
    not shout over the counties that have colour.
    """
    (r, gr, b), (tr, tg, tb) = rgb(ground), rgb(ink)
    k = HATCH_STRENGTH
    return hex_colour((r + (tr - r) * k, gr + (tg - gr) * k, b + (tb - b) * k))


@dataclass(frozen=True, slots=True)
class MapFit:
    """Where the projected plane lands in the frame, at 1080-line pixels."""

    scale: float
    """Pixels per kilometre."""
    left: float
    top: float
    bounds: Bounds

    def place(self, x: float, y: float) -> tuple[float, float]:
        """A projected point in frame pixels (y down, north up)."""
        return (
            self.left + (x - self.bounds.min_x) * self.scale,
            self.top + (self.bounds.max_y - y) * self.scale,
        )

    @property
    def width(self) -> float:
        """The drawn state's width in pixels."""
        return self.bounds.width * self.scale

    @property
    def height(self) -> float:
        """The drawn state's height in pixels."""
        return self.bounds.height * self.scale


def fit_map(
    bounds: Bounds,
    left: float = MAP_LEFT,
    top: float = MAP_TOP,
    right: float = MAP_RIGHT,
    bottom: float = MAP_BOTTOM,
) -> MapFit:
    """The largest scale that fits ``bounds`` in the box, centred, shape kept.

    The border's stroke sits half outside the shapes, so the box is inset by
    it: nothing drawn leaves title-safe.
    """
    inset = OUTLINE_WIDTH / 2
    room_w = right - left - 2 * inset
    room_h = bottom - top - 2 * inset
    scale = min(room_w / max(bounds.width, 1e-9), room_h / max(bounds.height, 1e-9))
    return MapFit(
        scale=scale,
        left=left + inset + (room_w - bounds.width * scale) / 2,
        top=top + inset + (room_h - bounds.height * scale) / 2,
        bounds=bounds,
    )


def _precincts(data: ScreenInput) -> str:
    """'38% OF PRECINCTS', 'UNDER 1% OF PRECINCTS', or empty without precincts."""
    standings = data.race()
    if standings is None or standings.precincts_total <= 0:
        return ""
    percent = standings.reporting_percent
    if percent == 0 and standings.precincts_reporting > 0:
        return "UNDER 1% OF PRECINCTS"
    return f"{percent}% OF PRECINCTS"


def _reporting(results: CountyResults | None, data: ScreenInput) -> str:
    """'41 OF 67 COUNTIES REPORTING · 38% OF PRECINCTS'; precincts alone
    while the counties are not known (no shapes yet)."""
    precincts = _precincts(data)
    if results is None:
        return f"{precincts} REPORTING" if precincts else ""
    counties = results.counties.values()
    reporting = sum(not c.not_reporting for c in counties)
    _, many = _UNIT_WORDS.get(results.state.postal, ("COUNTY", "COUNTIES"))
    words = f"{reporting} OF {len(results.counties)} {many} REPORTING"
    return f"{words} · {precincts}" if precincts else words


_UNIT_WORDS = {"LA": ("PARISH", "PARISHES"), "AK": ("BOROUGH", "BOROUGHS")}
"""What a state calls its county-level areas, where not "county"."""


def _state_name(state: str) -> str:
    try:
        return us_state(state).name if state else ""
    except KeyError:
        return ""


_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV"})


def short_names(name: str) -> tuple[str, ...]:
    """'Maria Gonzalez-Whitfield' -> ('M. Gonzalez-Whitfield', 'Gonzalez-Whitfield').

    A suffix stays with the surname ("Smith Jr."); a one-word name has none.
    """
    words = name.split()
    end = len(words)
    while end > 1 and words[end - 1].strip(".,").upper() in _SUFFIXES:
        end -= 1
    if end < 2:
        return ()
    surname = " ".join(words[end - 1 :])
    return (f"{words[0][0]}. {surname}", surname)


def county_words(count: int, state: str = "") -> str:
    """'41 COUNTIES', '1 COUNTY', '12 PARISHES'; empty for none."""
    if count == 0:
        return ""
    one, many = _UNIT_WORDS.get(state.upper(), ("COUNTY", "COUNTIES"))
    return f"{count} {one if count == 1 else many}"


def map_content(
    data: ScreenInput, state: str, county_names: Mapping[str, str]
) -> MapContent | None:
    """What the map shows of the entry's race in ``state``; None without the race.

    ``county_names`` are the shapes' counties (FIPS to name), in drawing
    order; empty while the shapes are not here (title and legend only).

    Raises:
        KeyError: ``state`` names no state (with county names given).
    """
    standings = data.race()
    if standings is None:
        return None
    race = standings.race
    results = county_results(race, state, county_names) if county_names else None
    keys = palette.colour_keys(race)
    looks: dict[str, CountyLook] = {}
    for fips, county in (results.counties if results else {}).items():
        if county.total_votes == 0:
            # Precincts in with no votes yet still has nothing to colour.
            looks[fips] = CountyLook(CountyState.NOT_REPORTING)
        elif county.leader is None:
            # Votes in and no leader: first place is tied.
            looks[fips] = CountyLook(CountyState.TIED)
        else:
            looks[fips] = CountyLook(
                CountyState.LEADING,
                keys[county.leader],
                margin_bucket(county.margin_points or 0.0),
            )
    leading = results.leading_counts() if results else {}
    # The top two always, then whoever else leads somewhere, by statewide rank.
    lines = [
        line
        for rank, line in enumerate(standings.candidates)
        if rank < 2 or line.candidate.id in leading
    ][:LEGEND_CANDIDATES]
    legend = tuple(
        LegendEntry(
            candidate_id=line.candidate.id,
            name=candidate_name(line.candidate, data.style),
            short_names=short_names(candidate_name(line.candidate, data.style)),
            colour_key=keys[line.candidate.id],
            share=f"{line.share:.1f}%" if standings.total_votes > 0 else "",
            counties=county_words(leading.get(line.candidate.id, 0), state),
        )
        for line in lines
    )
    name = plain(race.name)
    title = name if data.style.source_casing else proper_title(name)
    reporting = _reporting(results, data)
    # Where the map is, unless the title says so ("Florida · U.S. Senate").
    where = locator_for(title, data.style, _state_name(state))
    if where:
        reporting = f"{where} · {reporting}" if reporting else where
    return MapContent(
        race_id=race.id,
        title=title,
        reporting=reporting,
        updated=updated_text(data.election.updated, data.zone),
        counties=looks,
        legend=legend,
        show_tied=any(look.state is CountyState.TIED for look in looks.values()),
        results=results,
    )
