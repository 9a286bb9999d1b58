"""The balance banner's words: who has control, who still needs how many.

Every verdict comes from the model (``model/balance.py``); this only says it,
the way a network's graphic does: the headline in capitals, its numbers in a
sentence beneath.
"""

from __future__ import annotations

from collections.abc import Sequence

from electionboard.model.balance import (
    NO_PARTY,
    Control,
    ElectoralBalance,
    PartyTally,
    SeatBalance,
    majority,
)
from electionboard.presentation.content import BannerTone

PARTY_NOUNS = {
    "DEM": "DEMOCRATS",
    "REP": "REPUBLICANS",
    "IND": "INDEPENDENTS",
}
"""Who wins control, in the banner's headline."""


def count_words(count: int, unit: str) -> str:
    """'1 seat', '12 seats', '270 electoral votes'."""
    return f"{count:,} {unit}" if count == 1 else f"{count:,} {unit}s"


def needs_words(
    balance: SeatBalance | ElectoralBalance,
    ends: Sequence[PartyTally | None],
    names: dict[str, str],
) -> list[str]:
    """'DEM needs 5 more' for the ends, then any other party that can still
    reach control (an independent bloc), at most three in all."""
    first = [p for p in ends if p is not None]
    rest = [p for p in balance.parties if p not in first and p.party != NO_PARTY]
    return [
        f"{names.get(p.party, p.party)} needs {balance.needed - p.won:,} more"
        for p in [*first, *rest]
        if p.control is Control.OPEN and balance.needed > p.won
    ][:3]


def banner_words(
    balance: SeatBalance | ElectoralBalance,
    ends: Sequence[PartyTally | None],
    names: dict[str, str],
    unit: str,
) -> tuple[str, str, BannerTone]:
    """The headline, its numbers and the banner's tone (the call's once won)."""
    holder = balance.controlling
    needed = balance.needed
    if holder is not None:
        who = names.get(holder.party, "").upper()
        if unit == "seat":
            plural = PARTY_NOUNS.get(holder.party)
            headline = (
                f"{plural} WIN CONTROL" if plural else f"{holder.party} WINS CONTROL"
            )
        else:
            headline = f"{who or holder.party} REACHES {needed:,} ELECTORAL VOTES"
        detail = f"{count_words(holder.won, unit)} won; {needed:,} needed"
        if balance.undecided:
            detail += f"; {balance.undecided:,} still undecided"
        return headline, detail, BannerTone.CALLED
    runoff = balance.runoff if isinstance(balance, SeatBalance) else 0
    to_runoff = [f"{runoff:,} to a runoff"] if runoff else []
    if balance.total and not balance.won:
        what = "SEATS" if unit == "seat" else "STATES"
        return (
            f"NO {what} DECIDED YET",
            "; ".join([f"{count_words(balance.total, unit)}", *to_runoff])
            + f"; {needed:,} needed",
            BannerTone.WAITING,
        )
    needs = needs_words(balance, ends, names)
    if not needs:
        why = "No party can reach" if balance.undecided else "Nobody has"
        short = (
            "NO MAJORITY"
            if needed == majority(balance.total)
            else f"NOBODY REACHES {needed:,}"
        )
        return short, f"{why} {count_words(needed, unit)}", BannerTone.CLOSE
    open_words = "CONTROL NOT YET DECIDED" if unit == "seat" else "NO WINNER YET"
    undecided = f"{balance.undecided:,} undecided"
    return open_words, " · ".join([*needs, undecided, *to_runoff]), BannerTone.EARLY
