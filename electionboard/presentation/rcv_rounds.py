"""Ranked-choice rounds as bars: which rows a round shows, and votes in transfer.

A round's board shows its continuing candidates, then the candidates already
eliminated (their bars empty, dimmed; the latest first), so the transfer from
round k-1 to round k has every bar it moves between and every round of a race
has the same rows. Every bar is drawn on
one scale for every round of a race (votes, not shares), so a vote that moves
is the same length in the bar it leaves and the bar it joins.

``transfer_frame`` gives the votes of every bar at a point ``t`` (0 to 1) of
the transfer into a round: the eliminated bars shrink by each flow as it
arrives in its receiving bar or among the inactive ballots, so the bars plus
the inactive ballots add up to the ballots cast at every ``t``.
"""

from __future__ import annotations

from dataclasses import dataclass

from electionboard.model import RcvRound, RcvTabulation

OTHERS = "__others__"
"""The row key of the candidates past the rows a board shows."""

HEADROOM = 1.65
"""The track is this much longer than the longest bar or threshold of any
round, so the winner's WINNER chip fits past its bar (never over the bar and
the threshold line), and an ELIMINATED note fits right of the line."""


@dataclass(frozen=True, slots=True)
class Flow:
    """Votes moving from one row's bar into another row's bar, or out."""

    source: str
    """Row key of the bar the votes leave."""
    target: str | None
    """Row key of the bar they join; None for the inactive ballots."""
    votes: float


@dataclass(frozen=True, slots=True)
class RoundsView:
    """One round of a ranked-choice race, as the board lays it out."""

    number: int
    of: int
    ballots: int
    inactive: int
    previous_inactive: int
    """Inactive ballots before this round's transfer (round 1: ``inactive``)."""
    keys: tuple[str, ...]
    """Row keys top to bottom: continuing by votes, then those out, latest first."""
    votes: tuple[float, ...]
    """Each row's votes this round (0 for a candidate no longer continuing)."""
    previous: tuple[float, ...]
    """Each row's votes before this round's transfer (round 1: ``votes``)."""
    flows: tuple[Flow, ...]
    """The transfer into this round (empty in round 1), between rows."""
    scale_votes: float
    """The votes a full-length bar stands for, the same in every round."""
    continuing: int
    """This round's continuing votes (the threshold is more than half)."""

    def votes_of(self, key: str) -> float:
        """A row's votes this round."""
        return self.votes[self.keys.index(key)]

    def previous_of(self, key: str) -> float:
        """A row's votes before this round's transfer."""
        return self.previous[self.keys.index(key)]

    def fraction(self, votes: float) -> float:
        """Where ``votes`` ends along the track (0 to 1)."""
        return votes / self.scale_votes if self.scale_votes > 0 else 0.0


@dataclass(frozen=True, slots=True)
class BarFrame:
    """One bar at a point of a transfer: its own votes and those arriving."""

    key: str
    own: float
    """Votes it had before the transfer (less those it has given away so far)."""
    incoming: tuple[tuple[str, float], ...]
    """(source row key, votes arrived so far), in flow order."""

    @property
    def total(self) -> float:
        """The bar's whole length in votes."""
        return self.own + sum(votes for _, votes in self.incoming)


@dataclass(frozen=True, slots=True)
class RoundsFrame:
    """Every bar and the inactive ballots at one point of a transfer."""

    bars: tuple[BarFrame, ...]
    inactive: float

    def bar(self, key: str) -> BarFrame:
        """The bar of a row key."""
        for bar in self.bars:
            if bar.key == key:
                return bar
        raise KeyError(key)

    @property
    def counted(self) -> float:
        """Bars plus inactive: the ballots cast, at every point."""
        return sum(bar.total for bar in self.bars) + self.inactive


def transfer_frame(view: RoundsView, t: float) -> RoundsFrame:
    """The bars ``t`` (0 to 1) of the way through the transfer into ``view``.

    Each flow moves at the same pace: its source gives up ``votes * t`` and
    its target (or the inactive count) gains exactly that.
    """
    t = min(1.0, max(0.0, t))
    given = dict.fromkeys(view.keys, 0.0)
    arrived: dict[str, list[tuple[str, float]]] = {key: [] for key in view.keys}
    inactive = float(view.previous_inactive)
    for flow in view.flows:
        moved = flow.votes * t
        given[flow.source] += moved
        if flow.target is None:
            inactive += moved
        else:
            arrived[flow.target].append((flow.source, moved))
    bars = tuple(
        BarFrame(key, previous - given[key], tuple(arrived[key]))
        for key, previous in zip(view.keys, view.previous, strict=True)
    )
    return RoundsFrame(bars, inactive)


# -- building the view from a tabulation -------------------------------------------


def _row_keys(
    rounds: tuple[RcvRound, ...], number: int, max_rows: int
) -> tuple[list[str], dict[str, str]]:
    """Rows shown in round ``number`` and the row each candidate's votes are in.

    Every round of a race shows the same number of rows: the continuing
    candidates by votes, then those already out, the latest first (the one
    the last round eliminated, whose bar the transfer empties, comes right
    after the continuing). So the board never changes its layout between
    rounds and a row moves only when a candidate overtakes another. Past
    ``max_rows``, candidates out longest give way first, then the lowest
    continuing, to one "others" row.
    """
    current = rounds[number - 1]
    continuing = [candidate for candidate, _ in current.tallies]
    out = [
        candidate
        for round_ in reversed(rounds[: number - 1])
        for candidate in round_.eliminated
        if candidate not in continuing
    ]
    wanted = continuing + list(dict.fromkeys(out))
    if len(wanted) <= max_rows:
        shown = wanted
    else:
        room = max(1, max_rows - 1)
        shown = continuing[:room]
        shown += wanted[len(continuing) :][: room - len(shown)]
    row_of = {candidate: candidate for candidate in shown}
    everyone = {c for r in rounds[:number] for c, _ in r.tallies} | set(out)
    for candidate in sorted(everyone):
        row_of.setdefault(candidate, OTHERS)
    keys = list(shown) + ([OTHERS] if OTHERS in row_of.values() else [])
    return keys, row_of


def _flows(current: RcvRound, previous: RcvRound, row_of: dict[str, str]) -> list[Flow]:
    """The transfer into ``current`` between rows; derived when not published."""
    pairs: dict[tuple[str, str | None], float] = {}
    if current.transfers:
        for transfer in current.transfers:
            target = None if transfer.target is None else row_of[transfer.target]
            pair = (row_of[transfer.source], target)
            pairs[pair] = pairs.get(pair, 0.0) + transfer.votes
    else:
        # Published tables often give the rounds only: a target's gain is
        # its change, shared among the sources in proportion to their votes.
        sources = [(c, previous.votes_of(c) or 0) for c in previous.eliminated]
        given = sum(votes for _, votes in sources)
        gains: list[tuple[str | None, float]] = [
            (candidate, votes - (previous.votes_of(candidate) or 0))
            for candidate, votes in current.tallies
        ]
        gains.append((None, current.inactive - previous.inactive))
        for source, votes in sources:
            share = votes / given if given else 0.0
            for target, gain in gains:
                row = None if target is None else row_of[target]
                pair = (row_of[source], row)
                pairs[pair] = pairs.get(pair, 0.0) + gain * share
    return [
        Flow(source, target, votes)
        for (source, target), votes in pairs.items()
        if source != target and votes != 0
    ]


def _scale(tabulation: RcvTabulation) -> float:
    """The most any bar or threshold reaches in any round, with headroom."""
    most = 0.0
    for round_ in tabulation.rounds:
        top = max((votes for _, votes in round_.tallies), default=0)
        most = max(most, top, round_.continuing_votes / 2)
    return most * HEADROOM


def rounds_view(tabulation: RcvTabulation, number: int, max_rows: int) -> RoundsView:
    """Round ``number`` (1-based) laid out in at most ``max_rows`` bars.

    Raises:
        ValueError: there is no such round.
    """
    rounds = tabulation.rounds
    if not 1 <= number <= len(rounds):
        raise ValueError(f"no round {number} (the rounds are 1 to {len(rounds)})")
    current = rounds[number - 1]
    previous = rounds[number - 2] if number > 1 else None
    keys, row_of = _row_keys(rounds, number, max_rows)

    def by_row(round_: RcvRound) -> list[float]:
        votes = dict.fromkeys(keys, 0.0)
        for candidate, count in round_.tallies:
            votes[row_of[candidate]] += count
        return [votes[key] for key in keys]

    now = by_row(current)
    flows = _flows(current, previous, row_of) if previous is not None else []
    return RoundsView(
        number=number,
        of=len(rounds),
        ballots=tabulation.ballots,
        inactive=current.inactive,
        previous_inactive=(previous or current).inactive,
        keys=tuple(keys),
        votes=tuple(now),
        previous=tuple(by_row(previous)) if previous is not None else tuple(now),
        flows=tuple(flows),
        scale_votes=_scale(tabulation),
        continuing=current.continuing_votes,
    )


def incoming_spans(
    view: RoundsView, key: str, t: float, bar_votes: float
) -> tuple[tuple[str, float, float], ...]:
    """Where the votes arriving in row ``key`` sit along its bar, in votes.

    (source row key, start, end) for each flow into the row, ``t`` of the way
    through, stacked at the end of the bar as drawn (``bar_votes`` long): in a
    transfer that end is the row's previous votes plus what has arrived, so
    the spans start where the bar stood before the transfer.
    """
    t = min(1.0, max(0.0, t))
    spans = []
    end = bar_votes
    for flow in reversed(view.flows):
        if flow.target != key:
            continue
        start = max(0.0, end - flow.votes * t)
        spans.append((flow.source, start, end))
        end = start
    return tuple(reversed(spans))
