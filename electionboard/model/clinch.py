"""Exact clinch and elimination math for a top-N cutoff.

Given the votes counted and R, the most votes still to be counted, a place is
settled only when no way of sharing out R can change it. Greedy is exact here:
to push as many rivals as possible up to a candidate's total, pay the cheapest
deficits first.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from electionboard.model.makers import positional_maker


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceVerdict:
    """Whether a candidate's side of the cutoff is settled, and why in numbers."""

    clinched: bool
    eliminated: bool
    reason: str


_make_verdict = positional_maker(PlaceVerdict)
"""``PlaceVerdict(clinched, eliminated, reason)`` without ``__init__``: one per
candidate per race per poll."""


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

    One sort serves every candidate, so a race costs O(n log n) rather than a
    sort of the rivals per candidate (a 4,000-candidate race took seconds).

    Args:
        names: candidate names, for the reasons.
        votes: votes counted so far, aligned with ``names``.
        places: N, the number of places inside the cutoff.
        remaining: R, the most votes still to be counted; None when unbounded.
    """
    count = len(votes)
    if count - 1 < places:
        return [
            _make_verdict(
                True,
                False,
                f"{count} candidates for {places} places: "
                f"{names[me]} cannot finish outside them",
            )
            for me in range(count)
        ]
    if remaining is None:
        unknown = _make_verdict(
            False,
            False,
            "the number of votes still to be counted is unknown",
        )
        return [unknown] * count
    # Everyone by votes, most first, ties in list order: with one candidate
    # taken out, this is exactly that candidate's rivals sorted the same way.
    # (A stable sort keeps equal keys in list order with ``reverse`` too.)
    order = sorted(range(count), key=votes.__getitem__, reverse=True)
    position = [0] * count
    prefix = [0] * (count + 1)
    for at, j in enumerate(order):
        position[j] = at
        prefix[at + 1] = prefix[at] + votes[j]
    # Ascending votes, for counting how many have at least a given total.
    ascending = [votes[j] for j in reversed(order)]
    return [
        _verdict(
            names, votes, places, remaining, me, order, position, prefix, ascending
        )
        for me in range(count)
    ]


def _verdict(
    names: Sequence[str],
    votes: Sequence[int],
    places: int,
    remaining: int,
    me: int,
    order: list[int],
    position: list[int],
    prefix: list[int],
    ascending: list[int],
) -> PlaceVerdict:
    mine = votes[me]
    # Cheapest way to bring `places` rivals up to (or past) my total: those
    # already level cost nothing; then the nearest below me, in ``order``.
    level = len(ascending) - bisect.bisect_left(ascending, mine) - 1
    if level >= places:
        climbers: list[int] = []
        cost = 0
    else:
        # I sit among the first level + 1 of ``order``, so the rivals
        # just below me are order[level + 1 : places + 1].
        climbers = order[level + 1 : places + 1]
        cost = (places - level) * mine - (prefix[places + 1] - prefix[level + 1])
    # The rival that must stay strictly ahead even if I take everything left.
    gatekeeper = order[places - 1] if position[me] > places - 1 else order[places]
    gap = votes[gatekeeper] - mine

    if cost > remaining:
        climbing = [names[j] for j in climbers]
        verb = "needs" if len(climbing) == 1 else "together need"
        return _make_verdict(
            True,
            False,
            f"{_join(climbing)} {verb} {cost:,} more votes than {names[me]} "
            f"gains; {_remaining_words(remaining)}",
        )
    if gap > remaining:
        return _make_verdict(
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
    elif climbers:
        reason = (
            f"{_join([names[j] for j in climbers])} could draw level with "
            f"{names[me]} using {cost:,} of the {remaining:,} votes remaining"
        )
    else:
        reason = f"{names[me]} is tied at the cutoff"
    return _make_verdict(False, False, reason)


def majority_threshold(total_possible: int) -> int:
    """The fewest votes that are more than half of ``total_possible``."""
    return total_possible // 2 + 1
