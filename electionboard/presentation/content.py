"""What the board says, as plain data: words and numbers, no Qt.

The engine decides; this module only phrases its decisions for air, so the
scene's items stay dumb and the wording is unit-tested without a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model import (
    CallOutcome,
    CandidateStanding,
    Outcome,
    RaceStandings,
    RaceStatus,
)
from electionboard.presentation import palette
from electionboard.presentation.kind_words import (
    elected_headline,
    mark_label,
    mark_share,
    measure_decided_detail,
    measure_headline,
    measure_pending_detail,
    open_seats_words,
    rule_words,
)
from electionboard.presentation.text import plain


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


def _names(lines: list[str]) -> str:
    if len(lines) <= 2:
        return " AND ".join(lines)
    return ", ".join(lines[:-1]) + " AND " + lines[-1]


def _clock(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour}:{moment.minute:02d} {suffix}"


def _day_and_clock(moment: dt.datetime, reference: dt.datetime | None) -> str:
    clock = _clock(moment)
    if reference is not None and moment.date() != reference.date():
        return f"{moment.strftime('%b')} {moment.day}, {clock}"
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


def rows_for(standings: RaceStandings, max_rows: int) -> tuple[RowContent, ...]:
    """Bars in rank order; past ``max_rows`` the rest share one 'others' bar."""
    lines = list(standings.candidates)
    scale = bar_scale(standings)
    measure = standings.race.is_measure
    called = _call_tags(standings)
    colours = colour_keys(standings)
    shown = lines if len(lines) <= max_rows else lines[: max_rows - 1]
    rows = [
        RowContent(
            key=line.candidate.id,
            name=plain(line.candidate.name),
            party="" if measure else plain(line.candidate.party or "").upper(),
            votes=line.votes,
            share=line.share,
            bar_fraction=line.share / scale,
            tag=_tag(line, standings, called),
            checked=not measure and (line.clinched or line.candidate.id in called),
            dimmed=line.eliminated,
            note=_note(line),
            colour_key=colours[line.candidate.id],
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
                name=f"{len(rest)} others",
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


def bar_scale(standings: RaceStandings) -> float:
    """The share a full-length bar stands for.

    The leader's share fills the track, unless a threshold mark needs the
    room: then the track reaches the threshold too. A measure's choices
    share the whole vote, so its track is the whole 100%.
    """
    if standings.race.is_measure:
        return 100.0
    leader_share = max((line.share for line in standings.candidates), default=0.0)
    mark = mark_share(standings) or 0.0
    scale = max(leader_share, mark)
    return scale if scale > 0 else 100.0


def _elected(standings: RaceStandings, names: list[str]) -> str:
    rule = standings.race.rule
    if rule.seats is not None and rule.seats > 1:
        return elected_headline(names)
    # Under an advance rule a win can only be outright (the threshold).
    outright = " OUTRIGHT" if rule.advance is not None else ""
    return f"{_names(names)} WINS{outright}"


def _outcome_headline(standings: RaceStandings) -> str | None:
    """'X WINS' / 'X AND Y ADVANCE...' from a call, or from settled math."""
    race = standings.race
    if race.is_measure:
        return measure_headline(standings)
    runoff = " TO RUNOFF" if race.rule.outright is not None else ""
    call = standings.call
    if call is not None and call.outcome is not CallOutcome.TOO_CLOSE:
        by_id = {c.id: c for c in race.candidates}
        names = [plain(by_id[i].name).upper() for i in call.candidate_ids if i in by_id]
        if not names:
            return None
        if call.outcome is CallOutcome.WON:
            return _elected(standings, names)
        return f"{_names(names)} ADVANCE{'S' if len(names) == 1 else ''}{runoff}"
    winners = [s for s in standings.candidates if s.outcome is Outcome.WON]
    if winners:
        return _elected(standings, [plain(s.candidate.name).upper() for s in winners])
    advancing = [s for s in standings.candidates if s.outcome is Outcome.ADVANCES]
    if advancing:
        names = [plain(s.candidate.name).upper() for s in advancing]
        return f"{_names(names)} ADVANCE{'S' if len(names) == 1 else ''}{runoff}"
    return None


def banner_for(
    standings: RaceStandings, reference: dt.datetime | None = None
) -> tuple[str, str, BannerTone]:
    """Headline, second line and tone of the race-call banner.

    A call made on another day than ``reference`` says which day.
    """
    status = standings.status
    call = standings.call
    outstanding = (
        "outstanding vote unknown"
        if standings.outstanding is None
        else f"{standings.outstanding:,} votes outstanding"
    )
    if not standings.race.candidates:
        return (
            "NO CANDIDATES REPORTED YET",
            "The feed lists no candidates for this race",
            BannerTone.WAITING,
        )
    if status is RaceStatus.CALLED and call is not None:
        headline = _outcome_headline(standings) or "RACE CALLED"
        when = (
            f" at {_day_and_clock(call.at, reference)}" if call.at is not None else ""
        )
        final = " · Final count" if standings.race.final else ""
        seats = (
            ""
            if call.outcome is not CallOutcome.WON or standings.race.is_measure
            else open_seats_words(standings, len(call.candidate_ids))
        )
        detail = f"{seats}Called by {plain(call.by)}{when}{final}"
        return headline, detail, BannerTone.CALLED
    if status is RaceStatus.DECIDED:
        headline = _outcome_headline(standings) or "DECIDED"
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
                f"Marked too close by {plain(call.by)}",
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
        detail = f"{standings.reporting_percent}% of precincts reporting; {outstanding}"
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
    advance = standings.race.rule.places
    places = {1: "WINNER", 2: "TOP TWO", 3: "TOP THREE", 4: "TOP FOUR"}.get(
        advance, f"TOP {advance}"
    )
    margin = standings.cutoff_margin
    if margin is None or standings.total_votes == 0:
        return places
    if margin.votes == 0:
        return f"{places} · TIED AT THE LINE"
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
        f"PRECINCTS · {standings.reporting_percent}%"
    )


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
) -> BoardContent:
    """Everything to draw for one race, as of the feed's ``updated`` time.

    ``manual`` marks a race whose figures include the desk's own entries;
    ``test_data`` puts the TEST DATA watermark on (feed test flag, or replay).
    """
    race = standings.race
    flags = []
    if manual:
        flags.append("INCLUDES DESK FIGURES")
    if race.missing_from_feed:
        flags.append("NOT IN FEED")
    rows = rows_for(standings, max_rows)
    advance = None if race.is_measure else race.rule.places
    headline, detail, tone = banner_for(standings, updated)
    return BoardContent(
        race_id=race.id,
        title=plain(race.name),
        rule=rule_words(standings),
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
        mark_fraction=_mark_fraction(standings),
        mark_label=mark_label(standings),
    )


def _mark_fraction(standings: RaceStandings) -> float | None:
    share = mark_share(standings)
    if share is None or not standings.candidates:
        return None
    return share / bar_scale(standings)


def updated_text(moment: dt.datetime) -> str:
    """'RESULTS AS OF JUN 8, 2:05 AM' in the feed's own time zone."""
    return (
        f"RESULTS AS OF {moment.strftime('%b').upper()} {moment.day}, {_clock(moment)}"
    )


def age_text(seconds: float) -> str:
    """'12 S', '4 MIN', '2 H 5 MIN': how old the data on screen is."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} S"
    minutes = whole // 60
    if minutes < 60:
        return f"{minutes} MIN"
    return f"{minutes // 60} H {minutes % 60} MIN"
