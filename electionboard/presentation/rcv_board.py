"""The board of a ranked-choice race: first choices, or one round of the count.

``content.board_content`` hands a ranked-choice race here. With no rounds the
board shows first choices with a line at 50% and never a win the model has
not settled; with rounds it shows round k of n: the continuing candidates'
votes and share of the continuing votes, the line at half of them, the
inactive ballots, and the candidates eliminated before (dimmed, their bars
empty, so the transfer out of them can be drawn, and every round has the
same rows).
"""

from __future__ import annotations

import dataclasses

from electionboard.model import (
    Outcome,
    RaceStandings,
    RaceStatus,
    RcvRound,
    RcvTabulation,
)
from electionboard.presentation import geometry as g
from electionboard.presentation import rcv_words as w
from electionboard.presentation.content import (
    BannerTone,
    BoardContent,
    RowContent,
    Tag,
    banner_for,
    colour_keys,
)
from electionboard.presentation.rcv_rounds import OTHERS, RoundsView, rounds_view
from electionboard.presentation.text import plain

ELIMINATED_NOTE = "ELIMINATED"
NO_GRID = g.AXIS_STEP
"""An axis of one step has no gridlines inside it."""


def tabulation(standings: RaceStandings) -> RcvTabulation | None:
    """The race's rounds: the model's, else the rounds the race was published with.

    A feed's published table needs no counting, so it shows even where the
    standings came without one.
    """
    if standings.rcv is not None:
        return standings.rcv
    ranked = standings.race.ranked_choice
    if ranked is None or not ranked.rounds:
        return None
    first = ranked.rounds[0]
    return RcvTabulation(
        ranked.rounds,
        ranked.rounds[-1].elected,
        first.continuing_votes + first.inactive,
    )


def round_count(standings: RaceStandings) -> int:
    """How many rounds the race has (0 while only first choices are out)."""
    rcv = tabulation(standings)
    return len(rcv.rounds) if rcv is not None else 0


def shown_round(standings: RaceStandings, round_number: int | None) -> int | None:
    """The round a board shows: the one asked for, else the last; None if none.

    Raises:
        ValueError: the race has rounds but not that one, or none at all.
    """
    count = round_count(standings)
    if round_number is None:
        return count or None
    if not 1 <= round_number <= count:
        have = f"rounds 1 to {count}" if count else "no rounds yet"
        raise ValueError(f"no round {round_number} in {standings.race.id} ({have})")
    return round_number


def rcv_content(
    base: BoardContent,
    standings: RaceStandings,
    max_rows: int,
    round_number: int | None,
) -> BoardContent:
    """``base`` (the ordinary board of the race) made a ranked-choice board."""
    number = shown_round(standings, round_number)
    if number is None:
        return _first_choices(base, standings)
    return _round(base, standings, max_rows, number)


def _first_choices(base: BoardContent, standings: RaceStandings) -> BoardContent:
    status = standings.status
    if status in (RaceStatus.CALLED, RaceStatus.NOT_STARTED) or (
        status is RaceStatus.TOO_CLOSE and standings.call is not None
    ):
        headline, detail, tone = banner_for(standings)  # the desk's own words
    else:
        banner = w.first_choices_banner(standings)
        headline, detail = banner.headline, banner.detail
        tone = BannerTone.DECIDED if banner.decided else BannerTone.EARLY
    leader = max((row.share for row in base.rows), default=0.0)  # "others" too
    # The share axis reaches past the 50% line (it never sits on the track's
    # end), rounded to a gridline, so the gridlines are the shares they mark.
    scale = g.share_axis(max(leader, 50.0), None)
    # Safe on first choices needs more than half of those counted, at least:
    # a plurality's WON on a finished count is no ranked-choice win.
    won = {
        s.candidate.id
        for s in standings.candidates
        if s.outcome is Outcome.WON and 2 * s.votes > standings.total_votes
    }
    called = (
        set(standings.call.candidate_ids)
        if status is RaceStatus.CALLED and (standings.call is not None)
        else set()
    )
    rows = tuple(
        dataclasses.replace(
            row,
            bar_fraction=min(1.0, row.share / scale),
            # A plurality's clinch, eliminations and ties mean nothing here:
            # a third place can still win on transfers.
            tag=Tag.WINNER if row.key in won | called else Tag.NONE,
            checked=row.key in won | called,
            dimmed=False,
        )
        for row in base.rows
    )
    return dataclasses.replace(
        base,
        rule=w.FIRST_CHOICES_RULE,
        rows=rows,
        cutoff_after=None,
        cutoff_label="",
        headline=headline,
        detail=detail,
        tone=tone,
        mark_fraction=50.0 / scale if standings.total_votes else None,
        mark_label=w.FIRST_CHOICES_MARK if standings.total_votes else "",
        axis_share=scale,
    )


def _round(
    base: BoardContent, standings: RaceStandings, max_rows: int, number: int
) -> BoardContent:
    rcv = tabulation(standings)
    assert rcv is not None
    view = rounds_view(rcv, number, max_rows)
    round_ = rcv.rounds[number - 1]
    banner = w.round_banner(standings, rcv.rounds, number)
    if standings.status is RaceStatus.CALLED and not round_.elected:
        tone = BannerTone.CALLED if number == view.of else BannerTone.EARLY
    else:
        tone = BannerTone.DECIDED if banner.decided else BannerTone.EARLY
    return dataclasses.replace(
        base,
        rule=w.round_rule(number, view.of),
        rows=_round_rows(standings, view, rcv.rounds, number),
        cutoff_after=None,
        cutoff_label="",
        headline=banner.headline,
        detail=banner.detail,
        tone=tone,
        mark_fraction=view.fraction(view.continuing / 2),
        mark_label=w.round_mark(view.continuing),
        rounds=view,
        # Bars are votes on one scale for every round, not shares: a share
        # grid would lie, so only the threshold line is drawn.
        axis_share=NO_GRID,
    )


def _round_rows(
    standings: RaceStandings,
    view: RoundsView,
    rounds: tuple[RcvRound, ...],
    number: int,
) -> tuple[RowContent, ...]:
    round_ = rounds[number - 1]
    colours = colour_keys(standings)
    eliminated = round_.eliminated
    elected = round_.elected + w.elected_before(rounds, number)
    counting = {candidate for candidate, _ in round_.tallies}
    out_in = {c: r.number for r in rounds[: number - 1] for c in r.eliminated}
    by_id = {c.id: c for c in standings.race.candidates}
    continuing = view.continuing
    rows = []
    for key, votes in zip(view.keys, view.votes, strict=True):
        candidate = by_id.get(key)
        if key == OTHERS:
            name, party, colour = "Others", "", "others"
        elif candidate is None:
            name, party, colour = plain(key), "", "others"
        else:
            name = plain(candidate.name)
            party = plain(candidate.party or "").upper()
            colour = colours.get(key, "others")
        out_before = key != OTHERS and key not in counting
        rows.append(
            RowContent(
                key=key,
                name=name,
                party=party,
                votes=round(votes),
                share=100 * votes / continuing if continuing else 0.0,
                bar_fraction=min(1.0, view.fraction(votes)),  # "others" may overrun
                tag=Tag.WINNER if key in elected else Tag.NONE,
                checked=key in elected,
                dimmed=out_before,
                # ELIMINATED: who goes out on this round's tallies; a row
                # out before is dimmed and says when it went.
                note=ELIMINATED_NOTE
                if key in eliminated
                else w.out_note(out_in[key])
                if out_before and key in out_in
                else "",
                colour_key=colour,
                # Out before this round: when, instead of "0 0.0%".
                figures=not (out_before and key in out_in),
            )
        )
    return tuple(rows)
