"""The lower third's words, where its strip sits, and which race it shows next.

The strip says one race at a time: its name, the top two or three, how much
is in and the call. It cycles through the screen's races; the order and
where the strip sits (an L-bar's column: presentation/lbar.py) are decided
here, without Qt, so the scene only draws what it is handed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model import CallOutcome, Outcome, RaceStandings
from electionboard.presentation import geometry as g
from electionboard.presentation.content import (
    DEFAULT_STYLE,
    AirStyle,
    candidate_name,
    one_party,
    rows_for,
)
from electionboard.presentation.kind_words import measure_headline
from electionboard.presentation.text import plain

STRIP_PLACES = 3
"""Candidates the strip names at most: a lower third is a glance, not a board."""


@dataclass(frozen=True, slots=True)
class StripCandidate:
    """One candidate's cell in the strip."""

    key: str
    name: str
    short_name: str
    """The name without its first word, for a cell too narrow for the whole."""
    party: str
    share: float
    votes: int
    colour_key: str
    checked: bool
    dimmed: bool


@dataclass(frozen=True, slots=True)
class StripContent:
    """Everything the strip draws for one race."""

    race_id: str
    title: str
    candidates: tuple[StripCandidate, ...]
    reporting_figure: str
    """'62%' (rounded down, '<1%' once anything is in), or the votes counted
    ('188K') when the feed has no precincts."""
    reporting_label: str
    """What the figure is: 'IN', 'EST. VOTE IN' or 'VOTES' (counted)."""
    call_words: tuple[str, ...]
    """The call's words, longest first (the scene shows the first that fits);
    empty when the race is not called."""
    too_close: bool = False
    """The desk says it is too close to call (not the call's yellow)."""


def share_text(share: float) -> str:
    """'43.1%': one decimal, like the board."""
    return f"{share:.1f}%"


def votes_text(votes: int) -> str:
    """'278,511'."""
    return f"{votes:,}"


def compact_votes(votes: int) -> str:
    """'9,405', '188K', '1.8M': rounded down, short enough for the status panel."""
    if votes < 10_000:
        return f"{votes:,}"
    if votes < 1_000_000:
        return f"{votes // 1000}K"
    return f"{votes // 100_000 / 10:.1f}M"


def strip_title(standings: RaceStandings, style: AirStyle = DEFAULT_STYLE) -> str:
    """The race's name in capitals, without a '(DEM)' every candidate shares."""
    name = plain(standings.race.name)
    party = one_party(standings)
    if party is not None and name.upper().endswith(f"({party})"):
        name = name[: -len(party) - 2].rstrip()
    return name if style.source_casing else name.upper()


_PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "st.",
        "bin",
        "al",
    }
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def short_name(name: str) -> str:
    """The surname for tight room: 'Castellanos', 'de León', 'King Jr.'.

    The last word, with the particles before it ('de', 'van') and the word
    before a suffix ('Jr.'); a one-word name stays whole.
    """
    words = name.split()
    if len(words) < 2:
        return name
    at = len(words) - 1
    if words[at].casefold() in _SUFFIXES and at > 1:
        at -= 1
    while at > 1 and words[at - 1].casefold() in _PARTICLES:
        at -= 1
    return " ".join(words[at:])


def reporting(standings: RaceStandings) -> tuple[str, str]:
    """(figure, label): the estimate of the vote in when the feed has one,
    else precincts in, else the votes counted. Rounded down: never early."""
    estimate = standings.expected_share_counted
    if estimate is not None and not standings.race.final:
        return f"{int(estimate)}%", "EST. VOTE IN"
    if standings.precincts_total == 0:
        return compact_votes(standings.total_votes), "VOTES"
    percent = standings.reporting_percent
    if percent == 0 and standings.precincts_reporting > 0:
        return "<1%", "IN"
    return f"{percent}%", "IN"


def call_words(
    standings: RaceStandings, style: AirStyle = DEFAULT_STYLE
) -> tuple[str, ...]:
    """'AP CALL · ANGUS KING WINS', then shorter forms; () when not called."""
    if standings.race.is_measure:
        headline = measure_headline(standings)
        return (headline, headline.split(" · ")[0]) if headline else ()
    call = standings.call
    if call is not None and call.outcome is CallOutcome.TOO_CLOSE:
        return ()
    if call is None:
        # Settled by the math (a ranked-choice count, a final count): the
        # board says so too, without anyone's call.
        return _settled_words(standings, style)
    called = set(call.candidate_ids)
    names = [
        candidate_name(s.candidate, style).upper()
        for s in standings.candidates
        if s.candidate.id in called
    ]
    if not names:
        return ()
    many = len(names) > 1
    if call.outcome is CallOutcome.WON:
        verb = "WIN" if many else "WINS"
    else:
        verb = "ADVANCE" if many else "ADVANCES"
    joined = " AND ".join(names) if len(names) <= 2 else ", ".join(names)
    shorter = " AND ".join(short_name(n) for n in names)
    by = plain(call.by).upper()
    called_by = f"{by} CALL · " if by else ""
    return (
        f"{called_by}{joined} {verb}",
        f"{joined} {verb}",
        f"{shorter} {verb}",
        "CALLED",
    )


def _settled_words(standings: RaceStandings, style: AirStyle) -> tuple[str, ...]:
    won = [s for s in standings.candidates if s.outcome is Outcome.WON]
    advancing = [s for s in standings.candidates if s.outcome is Outcome.ADVANCES]
    lines, many_verb, one_verb = (
        (won, "WIN", "WINS") if won else (advancing, "ADVANCE", "ADVANCES")
    )
    if not lines:
        return ()
    names = [candidate_name(s.candidate, style).upper() for s in lines]
    verb = many_verb if len(names) > 1 else one_verb
    joined = " AND ".join(names) if len(names) <= 2 else ", ".join(names)
    shorter = " AND ".join(short_name(n) for n in names)
    return (f"{joined} {verb}", f"{shorter} {verb}", "DECIDED")


def strip_content(
    standings: RaceStandings,
    style: AirStyle = DEFAULT_STYLE,
    places: int = STRIP_PLACES,
) -> StripContent:
    """The strip's words for one race: the top ``places`` in rank order."""
    rows = rows_for(standings, max(len(standings.candidates), 1), style)
    candidates = tuple(
        StripCandidate(
            key=row.key,
            name=row.name,
            short_name=short_name(row.name),
            party=row.party,
            share=row.share,
            votes=row.votes,
            colour_key=row.colour_key,
            checked=row.checked,
            dimmed=row.dimmed,
        )
        for row in rows[:places]
        if row.key != "__others__"
    )
    figure, label = reporting(standings)
    call = standings.call
    return StripContent(
        race_id=standings.race.id,
        title=strip_title(standings, style),
        candidates=candidates,
        reporting_figure=figure,
        reporting_label=label,
        call_words=call_words(standings, style),
        too_close=call is not None and call.outcome is CallOutcome.TOO_CLOSE,
    )


def upcoming(race_ids: Sequence[str], current: str, count: int) -> tuple[str, ...]:
    """The ``count`` races after ``current`` in the cycle (wrapping, no repeats,
    never ``current`` itself)."""
    if current not in race_ids:
        return tuple(race_ids[:count])
    at = list(race_ids).index(current)
    after = [race_ids[(at + n) % len(race_ids)] for n in range(1, len(race_ids))]
    return tuple(after[:count])


class RaceCycle:
    """Which race the strip shows, and the next one when its dwell is up.

    A new selection keeps the race on show if it is still selected (its
    dwell goes on); otherwise the strip starts again from the first race.
    """

    def __init__(self) -> None:
        self._ids: tuple[str, ...] = ()
        self._current: str | None = None

    @property
    def current(self) -> str | None:
        """The race on show, None when nothing is selected."""
        return self._current

    @property
    def race_ids(self) -> tuple[str, ...]:
        """The races cycled through, in order."""
        return self._ids

    def set_races(self, race_ids: Sequence[str]) -> bool:
        """Cycle through ``race_ids``; True when the race on show changed."""
        self._ids = tuple(dict.fromkeys(race_ids))
        before = self._current
        if self._current not in self._ids:
            self._current = self._ids[0] if self._ids else None
        return self._current != before

    def advance(self) -> str | None:
        """Move to the next race (wrapping); the race now on show."""
        if self._ids:
            if self._current in self._ids:
                at = self._ids.index(self._current)
                self._current = self._ids[(at + 1) % len(self._ids)]
            else:
                self._current = self._ids[0]
        return self._current


# -- geometry, in 1080-line units (the scene scales) ----------------------------


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.h

    def scaled(self, scale: float) -> Box:
        """The same box at a raster ``scale`` times 1080 lines."""
        return Box(self.x * scale, self.y * scale, self.w * scale, self.h * scale)


STRIP_HEIGHT = 164.0
TAB_HEIGHT = 56.0
STATUS_WIDTH = 250.0
CELL_GAP = 14.0
TAB_GAP = 24.0
"""Between an L-bar's title tab and its column."""
COLUMN_WIDTH = 460.0
"""An L-bar's right column, at 1080 lines; under it, the strip's status panel
is as wide, so column and strip join as one L."""


@dataclass(frozen=True, slots=True)
class StripLayout:
    """Where the lower third's parts sit, in 1080-line units."""

    tab: Box
    """The title plate above the strip (its width is the title's own)."""
    strip: Box
    """The whole bottom bar, title-safe's width (an L-bar's corner included)."""
    cells: tuple[Box, ...]
    status: Box


def strip_layout(cells: int, *, l_bar: bool) -> StripLayout:
    """The strip on title-safe's bottom edge, the whole width of title-safe.

    ``cells`` candidate cells share the strip's width left of the status
    panel (at least one, so an empty race still draws a whole strip). In an
    L-bar the status panel is the L's corner, under the column and as wide,
    so the cells and the title tab stop where the column starts.
    """
    cells = max(cells, 1)
    top = g.SAFE_BOTTOM - STRIP_HEIGHT
    strip = Box(g.SAFE_LEFT, top, g.SAFE_RIGHT - g.SAFE_LEFT, STRIP_HEIGHT)
    status_w = COLUMN_WIDTH if l_bar else STATUS_WIDTH
    status = Box(g.SAFE_RIGHT - status_w, top, status_w, STRIP_HEIGHT)
    room = status.x - strip.x
    # An L-bar's tab stops short of the column, so a call sliding in never
    # crosses onto it.
    tab_w = room - TAB_GAP if l_bar else strip.w
    tab = Box(g.SAFE_LEFT, top - TAB_HEIGHT, tab_w, TAB_HEIGHT)
    width = room / cells
    boxes = tuple(
        Box(strip.x + n * width, top, width, STRIP_HEIGHT) for n in range(cells)
    )
    return StripLayout(tab, strip, boxes, status)
