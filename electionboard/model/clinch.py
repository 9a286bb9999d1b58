"""Exact clinch and elimination math for a top-N cutoff.

Given the votes counted and R, the most votes still to be counted, a place is
settled only when no way of sharing out R can change it. Greedy is exact here:
to push as many rivals as possible up to a candidate's total, pay the cheapest
deficits first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlaceVerdict:
    """Whether a candidate's side of the cutoff is settled, and why in numbers."""

    clinched: bool
    eliminated: bool
    reason: str


def _join(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _remaining_words(remaining: int) -> str:
    if remaining == 0:
        return "none remain"
    return f"only {remaining:,} remain"


def place_verdicts(
    names: Sequence[str],
    votes: Sequence[int],
    places: int,
    remaining: int | None,
) -> list[PlaceVerdict]:
    """Verdict for each candidate on finishing inside the top ``places``.

    Args:
        names: candidate names, for the reasons.
        votes: votes counted so far, aligned with ``names``.
        places: N, the number of places inside the cutoff.
        remaining: R, the most votes still to be counted; None when unbounded.
    """
    count = len(votes)
    verdicts: list[PlaceVerdict] = []
    for me in range(count):
        mine = votes[me]
        rivals = [j for j in range(count) if j != me]
        if len(rivals) < places:
            verdicts.append(
                PlaceVerdict(
                    True,
                    False,
                    f"{count} candidates for {places} places: "
                    f"{names[me]} cannot finish outside them",
                )
            )
            continue
        verdicts.append(_verdict(names, votes, places, remaining, me, mine, rivals))
    return verdicts


def _verdict(
    names: Sequence[str],
    votes: Sequence[int],
    places: int,
    remaining: int | None,
    me: int,
    mine: int,
    rivals: list[int],
) -> PlaceVerdict:
    # Cheapest way to bring `places` rivals up to (or past) my total.
    by_deficit = sorted(rivals, key=lambda j: max(0, mine - votes[j]))
    catchers = by_deficit[:places]
    cost = sum(max(0, mine - votes[j]) for j in catchers)
    # The rival that must stay strictly ahead even if I take everything left.
    by_votes = sorted(rivals, key=lambda j: votes[j], reverse=True)
    gatekeeper = by_votes[places - 1]
    gap = votes[gatekeeper] - mine

    if remaining is None:
        return PlaceVerdict(
            False, False, "the number of votes still to be counted is unknown"
        )
    if cost > remaining:
        climbing = [names[j] for j in catchers if votes[j] < mine]
        verb = "needs" if len(climbing) == 1 else "together need"
        return PlaceVerdict(
            True,
            False,
            f"{_join(climbing)} {verb} {cost:,} more votes than {names[me]} "
            f"gains; {_remaining_words(remaining)}",
        )
    if gap > remaining:
        return PlaceVerdict(
            False,
            True,
            f"{names[me]} trails {names[gatekeeper]} by {gap:,} votes; "
            f"{_remaining_words(remaining)}",
        )
    if gap > 0:
        reason = (
            f"{names[me]} needs {gap:,} of the {remaining:,} votes remaining "
            f"to draw level with {names[gatekeeper]}"
        )
    else:
        climbing = [names[j] for j in catchers if votes[j] < mine]
        if climbing:
            reason = (
                f"{_join(climbing)} could draw level with {names[me]} "
                f"using {cost:,} of the {remaining:,} votes remaining"
            )
        else:
            reason = f"{names[me]} is tied at the cutoff"
    return PlaceVerdict(False, False, reason)


def majority_threshold(total_possible: int) -> int:
    """The fewest votes that are more than half of ``total_possible``."""
    return total_possible // 2 + 1
