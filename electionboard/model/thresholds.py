"""Exact verdicts against a share threshold: outright wins and ballot measures.

Both ask one question of the count: can the outstanding vote (at most R more
votes) still carry a share across the threshold? A share ``v / (T + x)`` is
lowest when all R go elsewhere and highest when all R go to it, so two integer
comparisons settle it; no float is involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model.election import MAJORITY, Threshold
from electionboard.model.standings import MeasureResult, OutrightVerdict

UNKNOWN = "the number of votes still to be counted is unknown"


@dataclass(frozen=True, slots=True)
class OutrightCheck:
    """Where a race stands against its outright threshold."""

    verdict: OutrightVerdict
    winner: int | None
    """Index of the candidate who has won outright, when one has."""
    reason: str


def _label(threshold: Threshold) -> str:
    return "a majority" if threshold == MAJORITY else threshold.describe()


def outright_check(
    names: Sequence[str],
    votes: Sequence[int],
    threshold: Threshold,
    remaining: int | None,
) -> OutrightCheck:
    """Whether someone has won outright, nobody can, or it is still open.

    Winning outright takes the threshold *and* first place outright: with a
    threshold under a half (North Carolina's 30%) two can pass it, and only
    the leader is nominated. A candidate has it for sure when both hold with
    all R votes given to the nearest rival.
    """
    if remaining is None:
        return OutrightCheck(OutrightVerdict.OPEN, None, UNKNOWN)
    total = sum(votes)
    possible = total + remaining
    order = sorted(range(len(votes)), key=lambda i: -votes[i])
    label = _label(threshold)
    if order:
        leader = order[0]
        second = votes[order[1]] if len(order) > 1 else 0
        lead = votes[leader]
        if threshold.met(lead, possible) and lead > second + remaining:
            return OutrightCheck(
                OutrightVerdict.WON,
                leader,
                f"{names[leader]} has {lead:,} of at most {possible:,} votes, "
                f"{label} however the rest fall",
            )
    top = [votes[i] for i in order[:2]] + [0, 0]
    contenders = [
        i
        for at, i in enumerate(order)
        if threshold.met(votes[i] + remaining, possible)
        and votes[i] + remaining > (top[1] if at == 0 else top[0])
    ]
    if not contenders:
        return OutrightCheck(
            OutrightVerdict.IMPOSSIBLE,
            None,
            f"nobody can reach {label} of at most {possible:,} votes",
        )
    best = contenders[0]
    needs = threshold.fewest(possible) - votes[best]
    if needs > 0:
        reason = (
            f"{label} is still possible: {names[best]} needs "
            f"{needs:,} of the {remaining:,} votes remaining"
        )
    else:
        reason = (
            f"{label} is still possible: {names[best]} has it but could be "
            f"overtaken with {remaining:,} votes remaining"
        )
    return OutrightCheck(OutrightVerdict.OPEN, None, reason)


def won_outright_words(name: str, threshold: Threshold) -> str:
    """The reason every other candidate is out once ``name`` has won outright."""
    if threshold == MAJORITY:
        return f"{name} has won a majority outright"
    return f"{name} has won outright with {threshold.describe()}"


def measure_verdict(
    choice: str,
    votes: int,
    total: int,
    threshold: Threshold,
    remaining: int | None,
) -> tuple[MeasureResult, str]:
    """Passes, fails or pending for the passing choice's ``votes`` of ``total``.

    Passes once the share cannot fall below the threshold (all R against);
    fails once it cannot reach it (all R for). Unknown R settles nothing:
    only a final count (R = 0) does.
    """
    needed = threshold.describe()
    if remaining is None:
        return MeasureResult.PENDING, UNKNOWN
    possible = total + remaining
    if possible == 0:
        return MeasureResult.PENDING, "no votes counted yet"
    if threshold.met(votes, possible):
        return (
            MeasureResult.PASSES,
            f"{choice} has {votes:,} of at most {possible:,} votes, "
            f"{needed} however the rest fall",
        )
    best = votes + remaining
    if not threshold.met(best, possible):
        if remaining == 0:
            why = f"{choice} has {votes:,} of {possible:,} votes, short of {needed}"
        else:
            why = (
                f"{choice} can reach at most {best:,} of {possible:,} votes, "
                f"short of {needed}"
            )
        return MeasureResult.FAILS, why
    short = threshold.fewest(possible) - votes
    return (
        MeasureResult.PENDING,
        f"{choice} needs {short:,} of the {remaining:,} votes remaining "
        f"to be sure of {needed}",
    )
