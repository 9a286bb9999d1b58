"""Standings as plain data for ``summary --json`` and as a text table."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from electionboard.model.election import Call, Threshold
from electionboard.model.rcv import RcvTabulation
from electionboard.model.standings import RaceKind, RaceStandings

RANKED_CHOICE_RULE = "Ranked choice · a majority of continuing votes wins"
"""The rule of a ranked-choice race in the text table (``Rule`` says "Most
votes wins" of any one-seat race)."""


def standings_to_dict(standings: RaceStandings) -> dict[str, Any]:
    """The documented JSON shape of one race's standings (docs/feed-format.md)."""
    race = standings.race
    rule = race.rule
    measure = race.measure
    if measure is not None:
        threshold: Threshold | None = measure.threshold
    else:
        threshold = rule.outright
    document: dict[str, Any] = {
        "id": race.id,
        "name": race.name,
        "kind": standings.kind.value,
        "seats": None if measure is not None else rule.seats,
        "advance": None if measure is not None else rule.advance,
        "majority_wins": rule.majority_wins and measure is None,
        "threshold": None if threshold is None else threshold.text,
        "threshold_at_least": None if threshold is None else threshold.at_least,
        "uncontested": standings.uncontested,
        "precincts_reporting": standings.precincts_reporting,
        "precincts_total": standings.precincts_total,
        "total_votes": standings.total_votes,
        "outstanding": standings.outstanding,
        "expected_share_counted": _expected(standings.expected_share_counted),
        "status": standings.status.value,
        "call": _call(standings.call),
        "outright": None if standings.outright is None else standings.outright.value,
        "measure_result": (
            None if standings.measure_result is None else standings.measure_result.value
        ),
        "problems": list(standings.problems),
        "candidates": [
            {
                "id": line.candidate.id,
                "name": line.candidate.name,
                "party": line.candidate.party,
                "votes": line.votes,
                "share": round(line.share, 4),
                "rank": line.rank,
                "clinched": line.clinched,
                "outcome": line.outcome.value,
            }
            for line in standings.candidates
        ],
    }
    if standings.kind is RaceKind.RCV:
        rounds = standings.rcv
        document.update(
            tabulation_to_dict(rounds)
            if rounds is not None
            else {"rounds": [], "winners": []}
        )
    return document


def tabulation_to_dict(tabulation: RcvTabulation) -> dict[str, Any]:
    """The documented JSON of a ranked-choice count (issue 12, ``rcv --json``).

    ``{"rounds": [{"round", "tallies": {id: votes} highest first, "inactive",
    "eliminated", "elected"}], "winners": [ids]}``.
    """
    return {
        "rounds": [
            {
                "round": r.number,
                "tallies": dict(r.tallies),
                "inactive": r.inactive,
                "eliminated": list(r.eliminated),
                "elected": list(r.elected),
            }
            for r in tabulation.rounds
        ],
        "winners": list(tabulation.winners),
    }


def _call(call: Call | None) -> dict[str, Any] | None:
    if call is None:
        return None
    return {
        "outcome": call.outcome.value,
        "candidates": list(call.candidate_ids),
        "by": call.by,
        "at": None if call.at is None else call.at.isoformat(),
    }


def _expected(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def summary_document(all_standings: Iterable[RaceStandings]) -> dict[str, Any]:
    """``{"races": [...]}`` for every race given."""
    return {"races": [standings_to_dict(s) for s in all_standings]}


def printable(text: str) -> str:
    """``text`` with control and format characters written as escapes.

    A feed's names reach a terminal through the table: a raw ESC could restyle
    or rewrite the screen, CR or LF forge lines, a bidi override reverse them.
    Each such character becomes ``\\xNN`` or ``\\uNNNN``, so the table shows
    what the feed sent and nothing happens to the terminal.
    """
    return "".join(char if not _hidden(char) else _escape(char) for char in text)


def _hidden(char: str) -> bool:
    # Cc controls, Cf format (bidi), Cs/Co/Cn, and the Unicode line breaks.
    return unicodedata.category(char)[0] == "C" or char in "\u2028\u2029"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def standings_table(standings: RaceStandings) -> str:
    """A fixed-width table of one race for terminals and logs.

    Every text from the feed is passed through ``printable``.
    """
    race = standings.race
    outstanding = (
        "unknown" if standings.outstanding is None else f"{standings.outstanding:,}"
    )
    rule = race.rule.describe()
    if race.ranked_choice is not None:
        rule = RANKED_CHOICE_RULE
    if race.measure is not None:
        choice = race.candidates[race.candidate_index(race.measure.passes_with)]
        rule = f"Measure: {choice.name} needs {race.measure.threshold.describe()}"
    lines = [
        f"{race.name} [{race.id}] - {rule}",
        f"Precincts {standings.precincts_reporting:,} of "
        f"{standings.precincts_total:,} ({standings.reporting_share:.1f}%)  "
        f"Votes {standings.total_votes:,}  Outstanding {outstanding}  "
        f"Status {standings.status.value}",
    ]
    names = [printable(s.candidate.name) for s in standings.candidates]
    width = max((len(name) for name in names), default=4)
    for line, name in zip(standings.candidates, names, strict=True):
        tie = "=" if line.tied else " "
        party = line.candidate.party or ""
        lines.append(
            f"{line.rank:>3}{tie} {name:<{width}}  {party:<5} "
            f"{line.votes:>12,} {line.share:6.2f}%  {line.outcome.value}"
        )
    if standings.measure_result is not None:
        lines.append(f"Measure {standings.measure_result.value}")
    if standings.call is not None:
        lines.append(f"Called by {standings.call.by}")
    lines.extend(f"Problem: {problem}" for problem in standings.problems)
    lines.append(standings.summary)
    return "\n".join(printable(line) for line in lines)
