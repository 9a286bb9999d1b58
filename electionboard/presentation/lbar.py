"""The L-bar's right column: which races it lists, their words, where blocks sit.

A broadcast L-bar squeezes the program into the upper left: a column down
the right of title-safe meets the lower third's strip as one L-shaped plate.
The column lists the races coming next in the strip's cycle (then, when the
cycle has fewer, the election's other races), one compact block each. All of
it is decided here without Qt; the scene only draws and glides the blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model import Election, RaceStandings
from electionboard.presentation import geometry as g
from electionboard.presentation import lower_third as lt
from electionboard.presentation.clock_words import (
    clock_text,
    day_text,
    election_zone,
)
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle
from electionboard.presentation.fitting import Measure, break_in_two

HEADER = "MORE RACES"
NO_VOTES = "No votes yet"

COLUMN_HEADER = 70.0
"""The column's header band, at 1080 lines: down to y 124, below the TEST
DATA slug (y 66..114), so the first block never sits under it."""
BLOCK_HEIGHT = 246.0
"""One race's block at its most compact: two title lines, two candidates,
the reporting line; the column holds three."""
LINE_HEIGHT = 46.0
"""A candidate's line in a block."""
BLOCK_CHROME = 160.0
"""A block's height besides its candidates' lines: title, reporting, padding."""
MOST_PLACES = 5
"""Candidates a block names at most, when few races leave each more room."""
BLOCK_PAD = 24.0
"""A block's words from the column's left and right edges."""
FOOTER_HEIGHT = 130.0
"""The election's name and time at the column's foot, when blocks leave room."""


@dataclass(frozen=True, slots=True)
class ColumnLine:
    """A candidate in a block: the surname, the share (it rolls), the check."""

    key: str
    name: str
    share: float
    checked: bool
    colour_key: str


@dataclass(frozen=True, slots=True)
class ColumnEntry:
    """One race in the column: its name, the top two and how much is in."""

    race_id: str
    title: str
    lines: tuple[ColumnLine, ...]
    """The leader then the second; empty before any vote is in."""
    reporting: str
    """'62% IN', 'EST. 40% IN' or '188K VOTES'."""


def column_entry(
    standings: RaceStandings, style: AirStyle = DEFAULT_STYLE, places: int = 2
) -> ColumnEntry:
    """A race's block: the leader, the second (and, given room, the next
    ``places``) once any vote is in."""
    strip = lt.strip_content(standings, style, places=places)
    lines: tuple[ColumnLine, ...] = ()
    if standings.total_votes > 0:
        lines = tuple(
            ColumnLine(c.key, c.short_name, c.share, c.checked, c.colour_key)
            for c in strip.candidates
        )
    figure, label = lt.reporting(standings)
    words = "EST. " + figure + " IN" if label == "EST. VOTE IN" else f"{figure} {label}"
    return ColumnEntry(strip.race_id, strip.title, lines, words)


def column_races(
    cycle: Sequence[str],
    current: str | None,
    others: Sequence[str],
    count: int,
) -> tuple[str, ...]:
    """The ``count`` races the column lists, top down.

    The races after ``current`` in the cycle come first, in cycle order; when
    the cycle has fewer, the election's ``others`` (in their order) fill in.
    Never ``current``, never a race twice.
    """
    chosen = list(lt.upcoming(cycle, current, count)) if current else list(cycle)
    for race_id in others:
        if len(chosen) >= count:
            break
        if race_id != current and race_id not in chosen:
            chosen.append(race_id)
    return tuple(chosen[:count])


@dataclass(frozen=True, slots=True)
class ColumnFooter:
    """What the column's foot says when the races leave it room."""

    name: str
    as_of: tuple[str, ...]
    """'RESULTS AS OF JUN 8, 2:05 AM', then shorter forms."""


def column_footer(
    election: Election, zone: dt.tzinfo | None, style: AirStyle = DEFAULT_STYLE
) -> ColumnFooter:
    """The election's name and the time of the figures, in ``zone`` (else
    the election's own, as the board shows it)."""
    zone = zone if zone is not None else election_zone(election, "")
    name = election.name if style.source_casing else election.name.upper()
    day = day_text(election.updated, zone).upper()
    clock = clock_text(election.updated, zone)
    return ColumnFooter(
        name, (f"RESULTS AS OF {day}, {clock}", f"AS OF {day}, {clock}", clock)
    )


def title_lines(title: str, width: Measure, room: float) -> tuple[str, ...]:
    """A race's name on one line, else on two broken between words.

    One tuple of one form when neither fits: the caller shrinks, then elides
    that one line (only a single word too long for the column comes to it).
    """
    if width(title) <= room:
        return (title,)
    two = break_in_two(title, width, room)
    if two is None:
        return (title,)
    first, second = two
    # A lone dash or dot opens no line: it ends the first if it fits there,
    # else the break itself separates the two ('PROPOSITION' / 'BB RETAIN').
    lead, _, rest = second.partition(" ")
    if lead in _JOINING_MARKS and rest:
        if width(f"{first} {lead}") <= room:
            return f"{first} {lead}", rest
        return first, rest
    return first, second


_JOINING_MARKS = frozenset({"-", "·", "–", "—", "/"})  # noqa: RUF001


# -- geometry, in 1080-line units (the scene scales) ----------------------------


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """Where the column's parts sit."""

    column: lt.Box
    """The whole column: SAFE_TOP down to the strip's top edge."""
    header: lt.Box
    blocks: lt.Box
    """The room the blocks glide in (they are clipped to it)."""
    slots: tuple[lt.Box, ...]
    """Each block's place, top down: as many as fit."""


def column_layout(count: int = 3) -> ColumnLayout:
    """The column right of the picture, from title-safe's top to the strip.

    ``count`` blocks (one to three) share the room evenly: three compact
    blocks on a busy night, taller ones (naming more candidates) on a night
    of one or two other races, so the column is never mostly empty plate.
    """
    x = g.SAFE_RIGHT - lt.COLUMN_WIDTH
    bottom = g.SAFE_BOTTOM - lt.STRIP_HEIGHT
    column = lt.Box(x, g.SAFE_TOP, lt.COLUMN_WIDTH, bottom - g.SAFE_TOP)
    header = lt.Box(x, g.SAFE_TOP, lt.COLUMN_WIDTH, COLUMN_HEADER)
    blocks = lt.Box(x, header.bottom, lt.COLUMN_WIDTH, bottom - header.bottom)
    most = int(blocks.h // BLOCK_HEIGHT)
    count = min(max(count, 1), most)
    height = blocks.h / count
    slots = tuple(
        lt.Box(x, blocks.y + n * height, lt.COLUMN_WIDTH, height) for n in range(count)
    )
    return ColumnLayout(column, header, blocks, slots)


def block_places(height: float) -> int:
    """Candidates a block ``height`` tall names: two, more when it has room."""
    fit = int((height - BLOCK_CHROME) // LINE_HEIGHT)
    return min(max(fit, 2), MOST_PLACES)


COLUMN_BLOCKS = len(column_layout(99).slots)
"""Blocks the column holds at once (3: 738 px of room at 1080 lines)."""
