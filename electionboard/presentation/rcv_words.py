"""What a ranked-choice board says: first choices, a round, the final round.

A first-choice lead is never a win: only the model's WON (more than half of
every first choice that could still be counted) or a desk's call puts a name
in the headline before the rounds are tabulated. In the rounds, a candidate
wins on more than half of the round's continuing votes.
"""

from __future__ import annotations

from dataclasses import dataclass

from electionboard.model import CallOutcome, Outcome, RaceStandings, RcvRound
from electionboard.presentation.text import plain

FIRST_CHOICES_RULE = "RANKED-CHOICE · FIRST CHOICES ONLY · ROUNDS TO COME"
FIRST_CHOICES_MARK = "OVER 50% WINS IN ROUND 1"
NO_ONE_ABOVE_HALF = "RANKED-CHOICE · FIRST CHOICES · NO ONE ABOVE 50%"


@dataclass(frozen=True, slots=True)
class RcvBanner:
    """Headline, second line, and whether it is a result (else still counting)."""

    headline: str
    detail: str
    decided: bool


def name_of(standings: RaceStandings, candidate_id: str) -> str:
    """A candidate's name as the feed spells it, made plain."""
    for candidate in standings.race.candidates:
        if candidate.id == candidate_id:
            return plain(candidate.name)
    return plain(candidate_id)


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def needed_to_win(continuing: int) -> int:
    """The fewest votes that are more than half of ``continuing``."""
    return continuing // 2 + 1


def inactive_words(inactive: float) -> str:
    """'INACTIVE BALLOTS 12,345' (a count mid-transfer is rounded)."""
    return f"INACTIVE BALLOTS {round(inactive):,}"


def round_rule(number: int, of: int) -> str:
    """The header's rule line in round ``number``."""
    return f"RANKED-CHOICE · ROUND {number} OF {of} · SHARE OF CONTINUING VOTES"


def out_note(round_number: int) -> str:
    """The note of a row eliminated in an earlier round: 'OUT IN ROUND 2'."""
    return f"OUT IN ROUND {round_number}"


def round_mark(continuing: int) -> str:
    """The label of the line at half the continuing votes: '88,647 TO WIN'."""
    return f"{needed_to_win(continuing):,} TO WIN"


def _outstanding(standings: RaceStandings) -> str:
    if standings.race.final:
        return "Final count of first choices"
    if standings.outstanding is None:
        return "outstanding vote unknown"
    return f"{standings.outstanding:,} ballots outstanding"


def first_choices_banner(standings: RaceStandings) -> RcvBanner:
    """The banner while only first choices are out (no rounds yet)."""
    rest = _outstanding(standings)
    winners = [
        s
        for s in standings.candidates
        if s.outcome is Outcome.WON and 2 * s.votes > standings.total_votes
    ]
    if winners:
        names = [plain(s.candidate.name).upper() for s in winners]
        return RcvBanner(
            f"{_names(names)} WINS IN ROUND 1",
            "More than half of all first choices, whatever the outstanding "
            f"ballots hold · {rest}",
            decided=True,
        )
    leader = standings.leader
    if leader is None or standings.total_votes == 0:
        return RcvBanner(NO_ONE_ABOVE_HALF, "No first choices counted yet", False)
    name = plain(leader.candidate.name)
    if 2 * leader.votes > standings.total_votes:
        # Above half of those counted, but the outstanding ballots could
        # still take it below: not a win, and the board must not say one.
        return RcvBanner(
            f"RANKED-CHOICE · FIRST CHOICES · {name.upper()} ABOVE 50% SO FAR",
            f"Not yet more than half of every possible first choice · {rest}",
            decided=False,
        )
    return RcvBanner(
        NO_ONE_ABOVE_HALF,
        f"{name} leads first choices with {leader.share:.1f}% · {rest}",
        decided=False,
    )


def _certain(standings: RaceStandings, winner: str) -> bool:
    """A final count, or the desk has called the race for ``winner``."""
    call = standings.call
    called = (
        call is not None
        and call.outcome is CallOutcome.WON
        and winner in call.candidate_ids
    )
    return standings.race.final or called


def elected_before(rounds: tuple[RcvRound, ...], number: int) -> tuple[str, ...]:
    """Who was elected in a round before ``number`` (continue until two remain)."""
    rounds = rounds[: number - 1]
    return tuple(c for round_ in rounds for c in round_.elected)


def round_banner(
    standings: RaceStandings, rounds: tuple[RcvRound, ...], number: int
) -> RcvBanner:
    """Round ``number`` of ``rounds``: who is out, or who wins and by what."""
    round_ = rounds[number - 1]
    of, last = len(rounds), number == len(rounds)
    earlier = elected_before(rounds, number)
    if earlier and not round_.elected:
        # San Francisco and New York go on until two remain after a win.
        name = _names([name_of(standings, c) for c in earlier]).upper()
        out = _names([name_of(standings, c) for c in round_.eliminated])
        return RcvBanner(
            f"ROUND {number} OF {of} · {name} ALREADY ELECTED",
            "The count goes on until two remain"
            + (f" · {out} eliminated" if out else ""),
            decided=_certain(standings, earlier[0]),
        )
    continuing = round_.continuing_votes
    if round_.elected:
        winner = round_.elected[0]
        name = name_of(standings, winner).upper()
        votes = round_.votes_of(winner) or 0
        share = 100 * votes / continuing if continuing else 0.0
        others = [v for c, v in round_.tallies if c != winner]
        margin = votes - max(others, default=0)
        detail = (
            f"Margin {margin:,} · {needed_to_win(continuing):,} needed, over half "
            f"of {continuing:,} · {round_.inactive:,} inactive"
        )
        if _certain(standings, winner):
            return RcvBanner(
                f"{name} WINS IN ROUND {number} · {share:.1f}% OF CONTINUING VOTES",
                detail,
                decided=True,
            )
        return RcvBanner(
            f"{name} LEADS IN ROUND {number} · {share:.1f}% · COUNT NOT FINAL",
            detail,
            decided=False,
        )
    headline = f"ROUND {number} OF {of} · NO ONE ABOVE 50%"
    if round_.eliminated:
        out = _names([name_of(standings, c) for c in round_.eliminated])
        detail = f"{out} eliminated · those ballots go to their next choices"
    elif last:
        detail = f"Tabulated so far · {round_.inactive:,} inactive"
    else:
        detail = f"{round_.inactive:,} inactive"
    return RcvBanner(headline, detail, decided=False)


def winner_line(standings: RaceStandings, round_: RcvRound) -> str:
    """The whole result in one line, for a lower third or a caption.

    'MARY PELTOLA WINS IN ROUND 2 · 51.5% OF CONTINUING VOTES · 11,222 INACTIVE'
    """
    if not round_.elected:
        return ""
    winner = round_.elected[0]
    continuing = round_.continuing_votes
    votes = round_.votes_of(winner) or 0
    share = 100 * votes / continuing if continuing else 0.0
    return (
        f"{name_of(standings, winner).upper()} WINS IN ROUND {round_.number} · "
        f"{share:.1f}% OF CONTINUING VOTES · {round_.inactive:,} INACTIVE"
    )
