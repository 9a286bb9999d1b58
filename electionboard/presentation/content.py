"""What the board says, as plain data: words and numbers, no Qt.

The engine decides; this module only phrases its decisions for air, so the
scene's items stay dumb and the wording is unit-tested without a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from electionboard.model import (
    CallOutcome,
    Candidate,
    CandidateStanding,
    Outcome,
    RaceStandings,
    RaceStatus,
)
from electionboard.model.parties import normalise_party
from electionboard.presentation import geometry as g
from electionboard.presentation import palette
from electionboard.presentation.casing import proper_name, proper_title
from electionboard.presentation.clock_words import clock_text, day_text, in_zone
from electionboard.presentation.kind_words import (
    elected_headline,
    mark_label,
    mark_share,
    measure_decided_detail,
    measure_headline,
    measure_pending_detail,
    open_seats_words,
    party_words,
    rule_words,
)
from electionboard.presentation.text import plain

if TYPE_CHECKING:
    from electionboard.presentation.rcv_rounds import RoundsView


class Tag(StrEnum):
    """The label beside a candidate's bar."""

    NONE = ""
    WINNER = "WINNER"
    ELECTED = "ELECTED"
    ADVANCES = "ADVANCES"
    CLINCHED = "CLINCHED"
    TIED = "TIED"


class BannerTone(StrEnum):
    """Which colour family the banner takes."""

    WAITING = "waiting"
    EARLY = "early"
    CLOSE = "close"
    DECIDED = "decided"
    CALLED = "called"


@dataclass(frozen=True, slots=True)
class RowContent:
    """One bar on the board."""

    key: str
    name: str
    party: str
    votes: int
    share: float
    bar_fraction: float
    tag: Tag
    checked: bool
    dimmed: bool
    note: str
    colour_key: str
    initials: str = ""
    """For the headshot's disc when the station has no picture of them."""
    figures: bool = True
    """False: no votes or share (a ranked-choice candidate out in an earlier
    round); the note stands where they would be."""


@dataclass(frozen=True, slots=True)
class AirStyle:
    """The station's choices that change the board's words, never its arithmetic."""

    decision_desk: str = "Decision Desk"
    """Who "Called by" names for a call made at our desk (never an operator)."""
    source_casing: bool = False
    """Keep names and titles as the feed cases them ("JOHN SMITH")."""
    locator: str = ""
    """The locator's words ("TAMPA BAY · SENATE"); empty: the feed's state,
    shown only when the title does not name it."""


DEFAULT_STYLE = AirStyle()


@dataclass(frozen=True, slots=True)
class BoardContent:
    """Everything the scene draws for one race."""

    race_id: str
    title: str
    rule: str
    reporting: str
    updated: str
    rows: tuple[RowContent, ...]
    cutoff_after: int | None
    cutoff_label: str
    headline: str
    detail: str
    tone: BannerTone
    flags: tuple[str, ...] = ()
    test_data: bool = False
    mark_fraction: float | None = None
    """Where the threshold mark sits along the bar track (0-1), or None."""
    mark_label: str = ""
    rounds: RoundsView | None = None
    """A ranked-choice round on show (presentation/rcv_board.py), or None."""
    axis_share: float = 100.0
    """The share (percent) a full bar track stands for."""
    party_label: str = ""
    """One party for the whole race (a party primary), said once in the header."""
    locator: str = ""
    """Where the race is ("FLORIDA · U.S. SENATE"), empty when unknown."""


def _names(lines: list[str]) -> str:
    if len(lines) <= 2:
        return " AND ".join(lines)
    return ", ".join(lines[:-1]) + " AND " + lines[-1]


def _day_and_clock(moment: dt.datetime, reference: dt.datetime | None) -> str:
    """On the clock of ``reference`` (the feed's time, in the election's zone)."""
    if reference is not None:
        moment = in_zone(moment, reference.tzinfo)
    clock = clock_text(moment)
    if reference is not None and moment.date() != reference.date():
        return f"{day_text(moment)}, {clock}"
    return clock


def _won_tag(standings: RaceStandings) -> Tag:
    """WINNER for one seat (or outright); ELECTED for one of several seats."""
    seats = standings.race.rule.seats
    return Tag.ELECTED if seats is not None and seats > 1 else Tag.WINNER


def _call_tags(standings: RaceStandings) -> dict[str, Tag]:
    call = standings.call
    if (
        call is None
        or call.outcome is CallOutcome.TOO_CLOSE
        or standings.race.is_measure
    ):
        return {}
    tag = _won_tag(standings) if call.outcome is CallOutcome.WON else Tag.ADVANCES
    return dict.fromkeys(call.candidate_ids, tag)


def _tag(
    line: CandidateStanding, standings: RaceStandings, called: dict[str, Tag]
) -> Tag:
    if standings.race.is_measure:
        return Tag.NONE  # the banner says passes or fails; no chip on a choice
    if line.candidate.id in called:
        return called[line.candidate.id]
    if line.outcome is Outcome.WON:
        return _won_tag(standings)
    if line.outcome is Outcome.ADVANCES:
        return Tag.ADVANCES
    if line.clinched:
        return Tag.CLINCHED
    if line.tied:
        return Tag.TIED
    return Tag.NONE


def colour_keys(standings: RaceStandings) -> dict[str, str]:
    """Colour keys by party, or by ballot order where parties can't tell the
    ballot apart (presentation/palette.py): never by rank or by the count."""
    return palette.colour_keys(standings.race)


def _note(line: CandidateStanding) -> str:
    if line.candidate.missing_from_feed:
        return "NOT IN FEED"
    if line.candidate.withdrawn:
        return "WITHDRAWN"
    return ""


def candidate_name(candidate: Candidate, style: AirStyle = DEFAULT_STYLE) -> str:
    """A candidate's name for air: drawable, and in proper case unless told not."""
    return _air_name(candidate.name, source_casing=style.source_casing)


@lru_cache(maxsize=4096)
def _air_name(name: str, *, source_casing: bool) -> str:
    """Remembered: every poll phrases the same names, twice a row."""
    drawable = plain(name)
    return drawable if source_casing else proper_name(drawable)


@lru_cache(maxsize=256)
def _party_text(party: str) -> str:
    return plain(party).upper()


_NOT_INITIALS = frozenset({"JR", "SR", "II", "III", "IV"})


def initials(name: str) -> str:
    """'KB' for Karen Bass, 'KL' for Kevin de León: first and last name's letters."""
    words = [
        word
        for word in name.replace("-", " ").split()
        if word[:1].isupper() and word.strip(".,").upper() not in _NOT_INITIALS
    ]
    if not words:
        return name[:1].upper()
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def one_party(standings: RaceStandings) -> str | None:
    """The party every candidate shares (a party primary), else None."""
    race = standings.race
    if race.is_measure or len(race.candidates) < 2:
        return None
    parties = {normalise_party(c.party) for c in race.candidates}
    if len(parties) != 1:
        return None
    return parties.pop()


def rows_for(
    standings: RaceStandings, max_rows: int, style: AirStyle = DEFAULT_STYLE
) -> tuple[RowContent, ...]:
    """Bars in rank order; past ``max_rows`` the rest share one 'others' bar.

    In a one-party race the party is said once, in the header, not per row.
    """
    lines = list(standings.candidates)
    no_party = standings.race.is_measure or one_party(standings) is not None
    scale = bar_scale(standings, max_rows)
    measure = standings.race.is_measure
    called = _call_tags(standings)
    colours = colour_keys(standings)
    shown = lines if len(lines) <= max_rows else lines[: max_rows - 1]
    rows = [
        RowContent(
            key=line.candidate.id,
            name=candidate_name(line.candidate, style),
            party="" if no_party else _party_text(line.candidate.party or ""),
            votes=line.votes,
            share=line.share,
            bar_fraction=line.share / scale,
            tag=_tag(line, standings, called),
            checked=not measure and (line.clinched or line.candidate.id in called),
            dimmed=line.eliminated,
            note=_note(line),
            colour_key=colours[line.candidate.id],
            initials=initials(candidate_name(line.candidate, style)),
        )
        for line in shown
    ]
    rest = lines[len(shown) :]
    if rest:
        votes = sum(line.votes for line in rest)
        share = sum(line.share for line in rest)
        rows.append(
            RowContent(
                key="__others__",
                name=f"{len(rest)} OTHERS",
                party="",
                votes=votes,
                share=share,
                bar_fraction=min(1.0, share / scale),
                tag=Tag.NONE,
                checked=False,
                dimmed=all(line.eliminated for line in rest),
                note="",
                colour_key="others",
            )
        )
    return tuple(rows)


def bar_scale(standings: RaceStandings, max_rows: int | None = None) -> float:
    """The share a full-length bar stands for: a rounded share axis.

    The next 10% above the biggest bar (the leader, or the 'others' bar
    ``max_rows`` makes), reaching a threshold mark too (a majority race's
    axis is at least 50%): a 41% leader must not look like a landslide. A
    measure's choices share the whole vote, so its track is the whole 100%.
    """
    if standings.race.is_measure:
        return 100.0
    shares = [line.share for line in standings.candidates]
    top = max(shares, default=0.0)
    if max_rows is not None and len(shares) > max_rows:
        top = max(top, sum(shares[max_rows - 1 :]))
    return g.share_axis(top, mark_share(standings))


def _elected(standings: RaceStandings, names: list[str]) -> str:
    rule = standings.race.rule
    if rule.seats is not None and rule.seats > 1:
        return elected_headline(names)
    # Under an advance rule a win can only be outright (the threshold).
    outright = " OUTRIGHT" if rule.advance is not None else ""
    return f"{_names(names)} WINS{outright}"


def _outcome_headline(standings: RaceStandings, style: AirStyle) -> str | None:
    """'X WINS' / 'X AND Y ADVANCE...' from a call, or from settled math.

    Names go in rank order, whatever order the feed or the desk's ticks gave.
    """
    race = standings.race
    if race.is_measure:
        return measure_headline(standings)
    runoff = " TO RUNOFF" if race.rule.outright is not None else ""
    call = standings.call
    if call is not None and call.outcome is not CallOutcome.TOO_CLOSE:
        called = set(call.candidate_ids)
        names = [
            candidate_name(s.candidate, style).upper()
            for s in standings.candidates
            if s.candidate.id in called
        ]
        if not names:
            return None
        if call.outcome is CallOutcome.WON:
            return _elected(standings, names)
        return f"{_names(names)} ADVANCE{'S' if len(names) == 1 else ''}{runoff}"
    winners = [s for s in standings.candidates if s.outcome is Outcome.WON]
    if winners:
        names = [candidate_name(s.candidate, style).upper() for s in winners]
        return _elected(standings, names)
    advancing = [s for s in standings.candidates if s.outcome is Outcome.ADVANCES]
    if advancing:
        names = [candidate_name(s.candidate, style).upper() for s in advancing]
        return f"{_names(names)} ADVANCE{'S' if len(names) == 1 else ''}{runoff}"
    return None


def outstanding_words(standings: RaceStandings) -> str:
    """'21,500 ballots outstanding' when the figure is the feed's remaining
    ballots (model.outstanding_votes takes the tighter of those and the
    registered voters yet to vote), else '... votes outstanding'."""
    outstanding = standings.outstanding
    if outstanding is None:
        return "outstanding vote unknown"
    remaining = standings.race.remaining_ballots
    if not standings.race.final and remaining == outstanding:
        return f"{outstanding:,} ballots outstanding"
    return f"{outstanding:,} votes outstanding"


def banner_for(
    standings: RaceStandings,
    reference: dt.datetime | None = None,
    style: AirStyle = DEFAULT_STYLE,
    *,
    desk_call: bool = False,
) -> tuple[str, str, BannerTone]:
    """Headline, second line and tone of the race-call banner.

    A call made on another day than ``reference`` says which day. A call
    made at our desk (``desk_call``) is the station's decision desk's on air,
    never the login of the operator who entered it (the audit log has that);
    a feed's own call keeps its desk's name ("AP").
    """
    caller = ""
    if standings.call is not None:
        caller = style.decision_desk if desk_call else plain(standings.call.by)
    status = standings.status
    call = standings.call
    outstanding = outstanding_words(standings)
    if not standings.race.candidates:
        return (
            "NO CANDIDATES REPORTED YET",
            "The feed lists no candidates for this race",
            BannerTone.WAITING,
        )
    if status is RaceStatus.CALLED and call is not None:
        headline = _outcome_headline(standings, style) or "RACE CALLED"
        when = (
            f" at {_day_and_clock(call.at, reference)}" if call.at is not None else ""
        )
        final = " · Final count" if standings.race.final else ""
        seats = (
            ""
            if call.outcome is not CallOutcome.WON or standings.race.is_measure
            else open_seats_words(standings, len(call.candidate_ids))
        )
        detail = f"{seats}Called by {caller}{when}{final}"
        return headline, detail, BannerTone.CALLED
    if status is RaceStatus.DECIDED:
        headline = _outcome_headline(standings, style) or "DECIDED"
        if standings.race.is_measure:
            detail = measure_decided_detail(standings, outstanding)
        elif standings.uncontested:
            detail = "Uncontested"
        else:
            detail = standings.summary
        return headline, detail, BannerTone.DECIDED
    if status is RaceStatus.TOO_CLOSE:
        if call is not None:
            return (
                "TOO CLOSE TO CALL",
                f"Marked too close by {caller}",
                BannerTone.CLOSE,
            )
        margin = standings.cutoff_margin
        gap = f"{margin.votes:,} votes apart at the cutoff" if margin else "Tied"
        return "TOO CLOSE TO CALL", f"{gap}; {outstanding}", BannerTone.CLOSE
    if status is RaceStatus.NOT_STARTED:
        return "AWAITING FIRST RESULTS", "No votes counted yet", BannerTone.WAITING
    if standings.race.is_measure:
        verdict = measure_headline(standings)
        if verdict is not None:  # settled by the math with no call
            detail = measure_decided_detail(standings, outstanding)
            return verdict, detail, BannerTone.DECIDED
        detail = measure_pending_detail(standings, outstanding)
    elif _all_precincts_in(standings):
        detail = f"All precincts in; {outstanding}"
    else:
        percent = _percent_words(standings)
        detail = (
            f"{percent[0].upper()}{percent[1:]} of precincts reporting; {outstanding}"
        )
    if _all_precincts_in(standings) and standings.outstanding is None:
        # What is known: every precinct is in, the rest is unknown, and
        # nobody has called it. "Too early" would claim more than that.
        if not standings.race.is_measure:
            detail = "Outstanding vote unknown"
        return "ALL PRECINCTS IN · NOT YET CALLED", detail, BannerTone.EARLY
    return "TOO EARLY TO CALL", detail, BannerTone.EARLY


def _all_precincts_in(standings: RaceStandings) -> bool:
    return standings.all_precincts_in and not standings.race.final


def _cutoff_label(standings: RaceStandings) -> str:
    """The cutoff line's chip.

    Under one seat the line only says who leads: "WINNER" there would sit
    under a TOO EARLY banner, and once the math or a call settles it the
    winner's own row says WINNER, so the word airs at most once. Settled,
    it says the margin alone: a "LEAD" under a called race undersells it.
    """
    advance = standings.race.rule.places
    places = {1: "LEAD", 2: "TOP TWO", 3: "TOP THREE", 4: "TOP FOUR"}.get(
        advance, f"TOP {advance}"
    )
    settled = standings.status in (RaceStatus.CALLED, RaceStatus.DECIDED)
    won_by = standings.cutoff_margin
    if (
        advance == 1
        and settled
        and won_by is not None
        and won_by.votes > 0
        and standings.total_votes > 0
    ):
        return f"MARGIN {won_by.votes:,} ({won_by.points:.1f} PTS)"
    margin = standings.cutoff_margin
    if margin is None or standings.total_votes == 0:
        return places
    if margin.votes == 0:
        return "TIED FOR THE LEAD" if advance == 1 else f"{places} · TIED AT THE LINE"
    return f"{places} · MARGIN {margin.votes:,} ({margin.points:.1f} PTS)"


def _reporting_text(standings: RaceStandings) -> str:
    """Precincts reporting, or the votes counted when the feed has no precincts."""
    if standings.precincts_total == 0:
        return f"{standings.total_votes:,} VOTES COUNTED"
    left = standings.race.remaining_ballots
    if _all_precincts_in(standings) and left:
        return f"ALL PRECINCTS IN · {left:,} BALLOTS LEFT"
    return (
        f"{standings.precincts_reporting:,} OF {standings.precincts_total:,} "
        f"PRECINCTS · {_percent_words(standings).upper()}"
    )


def _percent_words(standings: RaceStandings) -> str:
    """'99%', rounded down; 'under 1%' once any precinct is in (17 of 6,089).

    "0%" beside 17 precincts and 300,000 votes would contradict the board.
    """
    percent = standings.reporting_percent
    if percent == 0 and standings.precincts_reporting > 0:
        return "under 1%"
    return f"{percent}%"


def _header_reporting(standings: RaceStandings) -> str:
    """Precincts, with the estimated share of the vote counted beside them."""
    reporting = _reporting_text(standings)
    estimate = standings.expected_share_counted
    if estimate is None or standings.race.final:
        return reporting
    # Rounded down like precincts: never claim the count is done early.
    estimated = f"EST. {int(estimate)}% OF VOTE COUNTED"
    if standings.precincts_total == 0:
        return estimated
    return f"{estimated} · {reporting}"


def board_content(
    standings: RaceStandings,
    updated: dt.datetime,
    max_rows: int = 7,
    *,
    manual: bool = False,
    test_data: bool = False,
    round_number: int | None = None,
    style: AirStyle = DEFAULT_STYLE,
    desk_call: bool = False,
    zone: dt.tzinfo | None = None,
) -> BoardContent:
    """Everything to draw for one race, as of the feed's ``updated`` time.

    ``manual`` marks a race whose figures include the desk's own entries;
    ``test_data`` puts the TEST DATA watermark and slug on (feed test flag,
    or replay); ``desk_call`` says the race's call was made at our desk.
    ``round_number`` picks a ranked-choice race's round (default: the last).
    Every time is on the clock of ``zone`` (``clock_words.election_zone``),
    else of ``updated``'s own offset.

    Raises:
        ValueError: ``round_number`` names a round the race does not have.
    """
    updated = in_zone(updated, zone)
    race = standings.race
    flags = []
    if manual:
        flags.append("INCLUDES DESK FIGURES")
    if race.missing_from_feed:
        flags.append("NOT IN FEED")
    # Past what fits the raster at broadcast type sizes, the rest fold too.
    max_rows = min(max_rows, g.rows_that_fit())
    rows = rows_for(standings, max_rows, style)
    # No cutoff line before there are votes: the order means nothing yet.
    advance = (
        None if race.is_measure or standings.total_votes == 0 else race.rule.places
    )
    headline, detail, tone = banner_for(standings, updated, style, desk_call=desk_call)
    party = one_party(standings)
    party_label = party_words(party) if party is not None else ""
    title = _title(plain(race.name), party, style)
    rule = rule_words(standings)
    content = BoardContent(
        race_id=race.id,
        title=title,
        rule=f"{party_label} · {rule}" if party_label else rule,
        reporting=_header_reporting(standings),
        updated=updated_text(updated),
        rows=rows,
        cutoff_after=advance if advance is not None and len(rows) > advance else None,
        cutoff_label=_cutoff_label(standings),
        headline=headline,
        detail=detail,
        tone=tone,
        flags=tuple(flags),
        test_data=test_data,
        mark_fraction=_mark_fraction(standings, max_rows),
        mark_label=mark_label(standings),
        axis_share=bar_scale(standings, max_rows),
        party_label=party_label,
        locator=locator_for(title, style),
    )
    if race.is_ranked_choice:
        # Imported here: rcv_board builds on this module's rows and words.
        from electionboard.presentation.rcv_board import rcv_content

        return rcv_content(content, standings, max_rows, round_number)
    return content


def _title(name: str, party: str | None, style: AirStyle) -> str:
    """The title in proper case, without a "(DEM)" the header says already."""
    if party is not None:
        for suffix in (f"({party})", f"({party.title()})"):
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)].rstrip()
    return name if style.source_casing else proper_title(name)


def locator_for(title: str, style: AirStyle = DEFAULT_STYLE, state: str = "") -> str:
    """'TAMPA BAY · SENATE': the setting's words, else the feed's state.

    The state shows only when the title does not already name it: AP's
    titles start with theirs ("Florida · U.S. Senate"), and the banner saying
    the title's words again tells the viewer nothing. A race without one
    (a city's race) has no locator unless the station sets one.
    """
    if style.locator.strip():
        return plain(style.locator).upper()
    state = plain(state).strip()
    if state and state.casefold() not in title.casefold():
        return state.upper()
    return ""


_RULE_SHORTER = (
    (" TO THE GENERAL ELECTION", ""),
    (" PRIMARY", ""),
    (" ADVANCE", ""),
    (" WINS OUTRIGHT", " WINS"),
    ("A MAJORITY ", "MAJORITY "),
    ("BALLOT MEASURE", "MEASURE"),
)
"""Shorter words for the rule line, applied in turn; each keeps the meaning."""


def rule_forms(rule: str) -> tuple[str, ...]:
    """The rule line, then shorter wordings, longest first; never an ellipsis.

    'REPUBLICAN PRIMARY · TOP TWO ADVANCE · OVER 30% WINS OUTRIGHT' becomes
    'REPUBLICAN · TOP TWO · OVER 30% WINS'; as a last resort the leading
    parts (the party, then the kind) drop, keeping the rule itself.
    """
    forms = [rule]
    for long, short in _RULE_SHORTER:
        shorter = forms[-1].replace(long, short)
        if shorter != forms[-1]:
            forms.append(shorter)
    parts = forms[-1].split(" · ")
    while len(parts) > 1:
        parts = parts[1:]
        forms.append(" · ".join(parts))
    return tuple(forms)


def _mark_fraction(standings: RaceStandings, max_rows: int) -> float | None:
    share = mark_share(standings)
    if share is None or not standings.candidates:
        return None
    return share / bar_scale(standings, max_rows)


def updated_text(moment: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """'RESULTS AS OF JUN 8, 2:05 AM' in ``zone`` (else the moment's own)."""
    return f"RESULTS AS OF {day_text(moment, zone).upper()}, {clock_text(moment, zone)}"


def age_text(seconds: float) -> str:
    """'12 S', '4 MIN', '2 H 5 MIN': how old the data on screen is."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} S"
    minutes = whole // 60
    if minutes < 60:
        return f"{minutes} MIN"
    return f"{minutes // 60} H {minutes % 60} MIN"
