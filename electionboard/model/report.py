"""Standings as plain data for ``summary --json`` and as a text table."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from electionboard.model.standings import RaceStandings


def standings_to_dict(standings: RaceStandings) -> dict[str, Any]:
    """The documented JSON shape of one race's standings."""
    race = standings.race
    return {
        "id": race.id,
        "name": race.name,
        "advance": race.rule.advance,
        "majority_wins": race.rule.majority_wins,
        "precincts_reporting": standings.precincts_reporting,
        "precincts_total": standings.precincts_total,
        "total_votes": standings.total_votes,
        "outstanding": standings.outstanding,
        "status": standings.status.value,
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
    lines = [
        f"{race.name} [{race.id}] - {race.rule.describe()}",
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
    if standings.call is not None:
        lines.append(f"Called by {standings.call.by}")
    lines.append(standings.summary)
    return "\n".join(printable(line) for line in lines)
