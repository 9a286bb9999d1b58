"""Balance of power as plain data: its words and the blocks of its bar.

One big bar across the frame: the first party's seats grow from the left,
the second party's from the right, undecided seats wait in the middle in
grey, and a line marks the seats needed for control. Democrats take the left
end and Republicans the right wherever they run (else the parties contesting
the most seats), so the ends hold still all night whoever leads; the other
parties follow the model's order (most seats first). Where things sit is
``balance_geometry``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model.balance import (
    INDEPENDENT,
    NO_PARTY,
    Control,
    ElectoralBalance,
    PartyTally,
    SeatBalance,
    electoral_balance,
    seat_balance,
    seat_party,
)
from electionboard.model.screens import selected_races
from electionboard.model.standings import RaceStandings
from electionboard.presentation.balance_geometry import marker_fractions
from electionboard.presentation.balance_words import banner_words, count_words
from electionboard.presentation.content import BannerTone, updated_text
from electionboard.presentation.fitting import name_forms
from electionboard.presentation.palette import coloured_party
from electionboard.presentation.screen_input import ScreenInput
from electionboard.presentation.text import plain
from electionboard.sources.states import state_name

PARTY_NAMES = {
    "DEM": "DEMOCRATS",
    "REP": "REPUBLICANS",
    "IND": "INDEPENDENTS",
    "LIB": "LIBERTARIANS",
    "GRN": "GREENS",
    "CON": "CONSTITUTION",
    NO_PARTY: "OTHERS",
}
"""Parties as a network says them above their seat count."""


def party_name(party: str) -> str:
    """'DEMOCRATS', or the code itself for a party without a name here."""
    return PARTY_NAMES.get(party, party)


def colour_keys(parties: Sequence[PartyTally]) -> dict[str, str]:
    """Each party's block colour key: ``party:DEM`` for the four parties US
    networks colour, else ``minor:N`` for the Nth minor party (independents
    first, then by code), so each keeps its colour all night."""
    minor = sorted(
        (p.party for p in parties if coloured_party(p.party) is None),
        key=lambda code: (code != INDEPENDENT, code),
    )
    return {
        p.party: f"party:{p.party}"
        if coloured_party(p.party)
        else f"minor:{minor.index(p.party)}"
        for p in parties
    }


@dataclass(frozen=True, slots=True)
class Side:
    """One end of the bar: a party (or 'DECIDED'/'UNDECIDED') and its count."""

    key: str
    """What the block is: a party code, or "decided"/"undecided"."""
    name: str
    count: int
    status: str
    colour: str
    """Theme colour key: ``party:DEM``, ``neutral``, ``accent``, ``undecided``."""
    control: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One coloured run of the bar, before the glide turns counts into widths."""

    key: str
    count: int
    colour: str


@dataclass(frozen=True, slots=True)
class BalanceView:
    """Everything the balance screen draws, words and counts, no Qt."""

    title: str
    subtitle: str
    updated: str
    left: Side
    right: Side
    blocks: tuple[Block, ...]
    """Left to right: the left side, other parties, the middle, the right side."""
    total: int
    needed: int
    markers: tuple[float, ...]
    """Bar fractions (0-1) where a control line is drawn."""
    control_words: str
    undecided_words: str
    others: tuple[Side, ...]
    headline: str
    detail: str
    tone: BannerTone
    test_data: bool = False


Pair = tuple[PartyTally | None, PartyTally | None]
"""The left and the right end of the bar."""


def _sides(parties: Sequence[PartyTally]) -> Pair:
    """Left and right ends: Democrats left and Republicans right where they run.

    An end no major party takes goes to the party contesting the most seats
    (then the most won, then by code), so the ends hold still through a night.
    """
    running = {p.party: p for p in parties if p.party != NO_PARTY and p.contested}
    rest = sorted(
        (p for code, p in running.items() if code not in ("DEM", "REP")),
        key=lambda p: (-p.contested, -p.won, p.party),
    )
    left = running.get("DEM")
    right = running.get("REP")
    if left is None and rest:
        left = rest.pop(0)
    if right is None and rest:
        right = rest.pop(0)
    if left is None:
        left, right = right, None
    return left, right


def _status(tally: PartyTally, needed: int, to_win: str) -> str:
    if tally.control is Control.CONTROL:
        return "CONTROL" if to_win == "FOR CONTROL" else "WINS"
    if tally.control is Control.CANNOT_REACH:
        return f"CANNOT REACH {needed}"
    short = needed - tally.won
    return f"NEEDS {short:,} MORE" if short > 0 else f"{needed:,} REACHED"


def _party_side(
    tally: PartyTally, needed: int, to_win: str, name: str, colour: str
) -> Side:
    return Side(
        key=tally.party,
        name=name,
        count=tally.won,
        status=_status(tally, needed, to_win),
        colour=colour,
        control=tally.has_control,
    )


def _title(
    data: ScreenInput, races: Sequence[RaceStandings], *, electoral: bool
) -> str:
    options = data.options
    if options.chamber:
        return plain(options.chamber).upper()
    offices = {s.race.office for s in races if s.race.office}
    states = {s.race.state for s in races if s.race.state}
    office = options.office or (offices.pop() if len(offices) == 1 else None)
    state = options.state or (states.pop() if len(states) == 1 else None)
    if electoral:
        office = "Electoral votes"
    parts = [plain(office)] if office else []
    if state:
        parts.append(state_name(state))
    return " · ".join(parts).upper() if parts else "BALANCE OF POWER"


def surname_of(name: str) -> str:
    """'de León' of 'Kevin de León', 'Smith Jr.' of 'John A. Smith Jr.'."""
    shortest = name_forms(plain(name))[-1].split()
    while len(shortest) > 1 and len(shortest[0]) <= 3 and shortest[0].endswith("."):
        shortest = shortest[1:]
    return " ".join(shortest)


def _candidate_names(races: Sequence[RaceStandings]) -> dict[str, str]:
    """Each party's one candidate surname across the races, where there is one."""
    names: dict[str, Counter[str]] = {}
    for standings in races:
        for candidate in standings.race.candidates:
            party = seat_party(candidate.party)
            surname = surname_of(candidate.name)
            names.setdefault(party, Counter())[surname] += 1
    return {
        party: counts.most_common(1)[0][0]
        for party, counts in names.items()
        if len(counts) == 1 and party != NO_PARTY
    }


def _others(
    parties: Sequence[PartyTally], sides: Sequence[str], needed: int, to_win: str
) -> tuple[Side, ...]:
    colours = colour_keys(parties)
    return tuple(
        _party_side(p, needed, to_win, party_name(p.party), colours[p.party])
        for p in parties
        if p.party not in sides and p.won > 0
    )


def _nonpartisan_view(
    balance: SeatBalance, data: ScreenInput, title: str
) -> BalanceView:
    """Seats decided against undecided: a council elected without parties."""
    decided, runoff = balance.won, balance.runoff
    counting = balance.undecided - runoff
    if balance.undecided == 0:
        every = f"ALL {balance.total:,} SEATS" if balance.total > 1 else "THE SEAT"
        headline, tone = f"{every} WON", BannerTone.DECIDED
    elif not counting:
        heads = "1 SEAT HEADS" if runoff == 1 else f"{runoff:,} SEATS HEAD"
        headline, tone = f"{heads} TO A RUNOFF", BannerTone.DECIDED
    elif decided or runoff:
        headline, tone = f"{decided:,} OF {balance.total:,} SEATS WON", BannerTone.EARLY
    else:
        headline, tone = "NO SEATS DECIDED YET", BannerTone.WAITING
    parts = [f"{decided:,} won outright"] if decided else []
    if runoff:
        parts.append(f"{runoff:,} to a runoff")
    if counting:
        parts.append(f"{counting:,} still counting")
    middle = Block("runoff", runoff, "runoff")
    rest = [f"{runoff:,} TO RUNOFF"] if runoff else []
    rest += [f"{counting:,} COUNTING"] if counting and runoff else []
    return BalanceView(
        title=title,
        subtitle=f"{count_words(balance.total, 'seat').upper()} · NONPARTISAN",
        updated=updated_text(data.election.updated, data.zone),
        left=Side("decided", "WON", decided, "OUTRIGHT" if decided else "", "accent"),
        right=Side(
            "undecided", "UNDECIDED", balance.undecided, " · ".join(rest), "undecided"
        ),
        blocks=(
            Block("decided", decided, "accent"),
            middle,
            Block("undecided", counting, "undecided"),
        ),
        total=balance.total,
        needed=balance.needed,
        markers=(),
        control_words="",
        undecided_words=f"{runoff:,} TO RUNOFF" if runoff else "",
        others=(),
        headline=headline,
        detail="; ".join(parts).capitalize() or count_words(balance.total, "seat"),
        tone=tone,
        test_data=data.test_data,
    )


def balance_view(data: ScreenInput) -> BalanceView:
    """The balance screen for a snapshot: seats, or electoral votes if asked."""
    races = selected_races(data.standings, data.options)
    electoral = data.options.electoral
    title = _title(data, races, electoral=electoral)
    balance: SeatBalance | ElectoralBalance
    if electoral:
        balance = electoral_balance(races, needed=data.options.seats_needed)
        unit, to_win = "electoral vote", "TO WIN"
        names = _candidate_names([s for s in races if s.race.electoral_votes])
        subtitle = f"{balance.needed:,} TO WIN · {balance.total:,} AT STAKE"
    else:
        balance = seat_balance(races, data.options.seats_needed)
        if not balance.partisan:
            return _nonpartisan_view(balance, data, title)
        unit, to_win, names = "seat", "FOR CONTROL", {}
        subtitle = f"BALANCE OF POWER · {count_words(balance.total, 'seat').upper()}"
    first, second = _sides(balance.parties)
    needed = balance.needed
    undecided_side = Side("undecided", "UNDECIDED", balance.undecided, "", "undecided")
    colours = colour_keys(balance.parties)

    def side(tally: PartyTally | None) -> Side:
        if tally is None:
            return undecided_side
        name = names.get(tally.party, "").upper() or party_name(tally.party)
        return _party_side(tally, needed, to_win, name, colours[tally.party])

    left, right = side(first), side(second)
    side_codes = [p.party for p in (first, second) if p is not None]
    others = _others(balance.parties, side_codes, needed, to_win)
    blocks = [Block(left.key, left.count, left.colour)] if first is not None else []
    blocks += [Block(o.key, o.count, o.colour) for o in others]
    blocks.append(Block("undecided", balance.undecided, "undecided"))
    if second is not None:
        blocks.append(Block(right.key, right.count, right.colour))
    else:
        blocks.append(Block("end", 0, "undecided"))
    headline, detail, tone = banner_words(balance, (first, second), names, unit)
    middle_words = (
        f"{balance.undecided:,} UNDECIDED"
        if second is not None and first is not None and balance.undecided
        else ""
    )
    return BalanceView(
        title=title,
        subtitle=subtitle,
        updated=updated_text(data.election.updated, data.zone),
        left=left,
        right=right,
        blocks=tuple(blocks),
        total=balance.total,
        needed=needed,
        markers=marker_fractions(needed, balance.total),
        control_words=f"{needed:,} {to_win}",
        undecided_words=middle_words,
        others=others,
        headline=headline,
        detail=detail,
        tone=tone,
        test_data=data.test_data,
    )
