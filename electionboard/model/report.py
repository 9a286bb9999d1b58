"""Standings as plain data for ``summary --json`` and as a text table."""

from __future__ import annotations

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


def standings_table(standings: RaceStandings) -> str:
    """A fixed-width table of one race for terminals and logs."""
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
    width = max((len(s.candidate.name) for s in standings.candidates), default=4)
    for line in standings.candidates:
        tie = "=" if line.tied else " "
        party = line.candidate.party or ""
        lines.append(
            f"{line.rank:>3}{tie} {line.candidate.name:<{width}}  {party:<5} "
            f"{line.votes:>12,} {line.share:6.2f}%  {line.outcome.value}"
        )
    if standings.call is not None:
        lines.append(f"Called by {standings.call.by}")
    lines.append(standings.summary)
    return "\n".join(lines)
