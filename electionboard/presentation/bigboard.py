"""What a big board says: a title, the results time, and a tile per race.

Each tile is a race at a glance: its name, the top candidates' figures and
bars, how much is in, and the call state in the race board's own words (a
call's headline, else TOO EARLY / TOO CLOSE / AWAITING...). The scene only
fits and draws these; the choices are unit-tested here without Qt.

With more races than the grid holds, the board has pages of ``grid`` races
each; the scene turns them every ``race_dwell`` seconds and the header says
which page is up ("2 OF 3").
"""

from __future__ import annotations

from dataclasses import dataclass

from electionboard.model import MeasureResult, RaceStandings, RaceStatus
from electionboard.model.screens import selected_races
from electionboard.presentation.bigboard_geometry import tile_type
from electionboard.presentation.content import (
    DEFAULT_STYLE,
    AirStyle,
    BannerTone,
    Tag,
    banner_for,
    candidate_name,
    rows_for,
    updated_text,
)
from electionboard.presentation.fitting import name_forms
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.text import plain
from electionboard.sources.states import state_name

DECISION_TAGS = frozenset({Tag.WINNER, Tag.ELECTED, Tag.ADVANCES})
"""Tags that mean the race board would tick the row: its check goes on."""
PART = " · "
"""How feeds and the board join a name's parts ("Florida · U.S. Senate")."""


@dataclass(frozen=True, slots=True)
class TileRow:
    """One candidate in a tile: a name in forms longest first, and figures."""

    key: str
    names: tuple[str, ...]
    party: str
    """'DEM', 'IND'; empty in a one-party race or for a measure's choice."""
    votes: int
    share: float
    bar_fraction: float
    colour_key: str
    checked: bool
    """The race board's decision for this candidate: the check goes on."""
    dimmed: bool


@dataclass(frozen=True, slots=True)
class TileContent:
    """One race's tile."""

    race_id: str
    names: tuple[str, ...]
    """The race's name, then shorter forms that drop what the title says."""
    reporting: str
    rows: tuple[TileRow, ...]
    status: tuple[str, ...]
    """The call strip's words, longest first (the scene takes the first that fits)."""
    tone: BannerTone

    @property
    def called(self) -> bool:
        """Decided, by a call or by the math: the tile wears the call's colour."""
        return self.tone in (BannerTone.CALLED, BannerTone.DECIDED)


@dataclass(frozen=True, slots=True)
class BigBoardContent:
    """Everything a big board draws for one snapshot."""

    title: str
    updated: str
    grid: int
    tiles: tuple[TileContent, ...]
    total_races: int
    """Races selected in all; past ``grid`` the rest are on later pages."""
    page: int = 0
    """The page shown, from 0."""
    pages: int = 1
    """Pages in all (at least one, even with no races)."""

    @property
    def more(self) -> int:
        """Races selected but not on this page."""
        return max(0, self.total_races - len(self.tiles))


def board_title(data: ScreenInput, races: tuple[RaceStandings, ...]) -> str:
    """The board's title: the chamber, else the filter's words, else what
    every race's name shares, else the election's name.

    'U.S. HOUSE · FLORIDA' for an office and state filter; 'U.S. SENATE' for
    Florida's and Maine's Senate races; never a bare 'BIG BOARD'.
    """
    options = data.options
    if options.chamber and plain(options.chamber):
        return plain(options.chamber).upper()
    words = []
    if options.office and plain(options.office):
        words.append(plain(options.office).upper())
    if options.state and plain(options.state):
        words.append(state_name(plain(options.state)).upper())
    if words:
        return PART.join(words)
    shared = _shared_parts(races)
    if shared:
        return PART.join(shared).upper()
    return plain(data.election.name).upper()


def _shared_parts(races: tuple[RaceStandings, ...]) -> list[str]:
    """The name parts every race has ('U.S. Senate'), in the first's order."""
    if len(races) < 2:
        return []
    split = [[p.strip() for p in plain(s.race.name).split(PART)] for s in races]
    folded = [{p.casefold() for p in parts} for parts in split]
    return [
        part
        for part in split[0]
        if part and all(part.casefold() in names for names in folded[1:])
    ]


def tile_names(standings: RaceStandings, title: str) -> tuple[str, ...]:
    """The race's name in capitals, then without the parts the title says.

    Under 'U.S. SENATE', 'FLORIDA · U.S. SENATE' may shorten to 'FLORIDA';
    a part the title does not say (the state on a mixed board) is kept.
    """
    name = plain(standings.race.name).upper() or standings.race.id.upper()
    forms = [name]
    said = {p.strip().casefold() for p in title.split(PART)}
    kept = [p for p in name.split(PART) if p.strip().casefold() not in said]
    shorter = PART.join(kept)
    if kept and shorter != name:
        forms.append(shorter)
    return tuple(forms)


def reporting_words(standings: RaceStandings) -> str:
    """'62% IN': the expected vote's estimate ('EST. 62% IN') where the feed
    gives one, else precincts, else the votes counted.

    Rounded down, like the race board: never claims the count is done early;
    'UNDER 1% IN' once any precinct is in.
    """
    estimate = standings.expected_share_counted
    if estimate is not None and not standings.race.final:
        return f"EST. {int(estimate)}% IN"
    if standings.precincts_total == 0:
        return f"{standings.total_votes:,} VOTES"
    percent = standings.reporting_percent
    if percent == 0 and standings.precincts_reporting > 0:
        return "UNDER 1% IN"
    return f"{percent}% IN"


def surname(name: str) -> str:
    """'Smith' for 'Mary Jane Smith', 'De León' for 'Kevin de León'.

    The shortest of ``name_forms`` without its initials: the surname with its
    particles and suffix, as the race board keeps it whole.
    """
    words = name_forms(name)[-1].split()
    kept = [w for w in words if not _is_initial(w)]
    if not kept:
        return name
    text = " ".join(kept)
    return text[:1].upper() + text[1:]


def _is_initial(word: str) -> bool:
    """'J.' is an initial; 'Jr.' and 'St.' are not."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _name_forms(name: str) -> tuple[str, ...]:
    forms = list(name_forms(name))
    last = surname(name)
    if last not in forms:
        forms.append(last)
    return tuple(forms)


def tile_rows(
    standings: RaceStandings, count: int, style: AirStyle = DEFAULT_STYLE
) -> tuple[TileRow, ...]:
    """The top ``count`` candidates, in rank order, as the race board has them.

    Every tile's track is the whole 100%, unlike the race board's rounded
    axis: tiles sit side by side without gridlines, and the same length must
    mean the same share in each. The rest of the field is not summed ('+N
    others' is not what a tile is for).
    """
    everyone = len(standings.candidates)
    rows = rows_for(standings, max(1, everyone), style)[:count]
    return tuple(
        TileRow(
            key=row.key,
            names=_name_forms(row.name),
            party=row.party,
            votes=row.votes,
            share=row.share,
            bar_fraction=min(1.0, max(0.0, row.share / 100)),
            colour_key=row.colour_key,
            checked=row.checked or row.tag in DECISION_TAGS,
            dimmed=row.dimmed,
        )
        for row in rows
    )


_SHORT_WORDS = {
    Tag.WINNER: "WINNER",
    Tag.ELECTED: "ELECTED",
    Tag.ADVANCES: "ADVANCES",
}


def status_words(
    standings: RaceStandings, style: AirStyle = DEFAULT_STYLE
) -> tuple[tuple[str, ...], BannerTone]:
    """The call strip's words, longest first, and its tone.

    The race board's headline ('BILL NELSON WINS', 'TOO EARLY TO CALL'),
    then the same with surnames ('NELSON WINS'), then the decision's one
    word ('WINNER', 'ADVANCE', 'PASSES'): the strip says what the race
    board's banner says, as short as its room needs.
    """
    headline, _, tone = banner_for(standings, None, style)
    shorter = headline
    for line in standings.candidates:
        name = candidate_name(line.candidate, style)
        if name and name.upper() in shorter:
            shorter = shorter.replace(name.upper(), surname(name).upper())
    forms = [headline, shorter, *_short_status(standings, headline)]
    unique: list[str] = []
    for form in forms:
        if form and form not in unique:
            unique.append(form)
    return tuple(unique), tone


def _short_status(standings: RaceStandings, headline: str) -> tuple[str, ...]:
    """The few words a 3x3 tile's strip has room for, longest first."""
    if standings.measure_result is MeasureResult.PASSES:
        return ("PASSES",)
    if standings.measure_result is MeasureResult.FAILS:
        return ("FAILS",)
    status = standings.status
    if status in (RaceStatus.CALLED, RaceStatus.DECIDED):
        if "ADVANCE" in headline:
            if "RUNOFF" in headline:
                return ("ADVANCE TO RUNOFF", "RUNOFF")
            return ("ADVANCE",)
        if "ELECTED" in headline:
            return ("ELECTED",)
        return ("WINNER",)
    if status is RaceStatus.TOO_CLOSE:
        return ("TOO CLOSE",)
    if status is RaceStatus.NOT_STARTED:
        return ("NO VOTES YET",)
    if headline.startswith("ALL PRECINCTS IN"):
        return ("NOT YET CALLED",)
    if headline.startswith("NO CANDIDATES"):
        return ("NO CANDIDATES",)
    return ("TOO EARLY",)


def tile_content(
    standings: RaceStandings, grid: int, title: str, style: AirStyle = DEFAULT_STYLE
) -> TileContent:
    """One race's tile for a ``grid``-tile board under ``title``."""
    status, tone = status_words(standings, style)
    return TileContent(
        race_id=standings.race.id,
        names=tile_names(standings, title),
        reporting=reporting_words(standings),
        rows=tile_rows(standings, tile_type(grid).rows, style),
        status=status,
        tone=tone,
    )


def page_count(races: int, grid: int) -> int:
    """Pages of ``grid`` tiles for ``races`` races; one when there are none."""
    return max(1, -(-races // grid))


def bigboard_content(data: ScreenInput, page: int = 0) -> BigBoardContent:
    """The big board for one snapshot at ``page`` (past the last: the last).

    The results time says the page when there is more than one:
    'RESULTS AS OF JUL 1, 5:00 PM · 2 OF 3'.
    """
    grid = data.options.grid
    races = selected_races(data.standings, data.options)
    title = board_title(data, races)
    pages = page_count(len(races), grid)
    page = min(max(page, 0), pages - 1)
    shown = races[page * grid : (page + 1) * grid]
    updated = updated_text(data.election.updated, data.zone)
    if pages > 1:
        updated = f"{updated} · {page + 1} OF {pages}"
    return BigBoardContent(
        title=title,
        updated=updated,
        grid=grid,
        tiles=tuple(tile_content(s, grid, title, data.style) for s in shown),
        total_races=len(races),
        page=page,
        pages=pages,
    )
