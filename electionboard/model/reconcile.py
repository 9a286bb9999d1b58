"""Compare a new feed snapshot with the last one: corrections and vanishings.

A feed may lower a precinct's figures (a correction: applied, and flagged to
the operator) or stop listing a race or a candidate (kept on the board with
its last figures, and marked), because a dropped row is far more often a feed
fault than a real withdrawal, and blanking a race on air is never right.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.columns import ColumnsMemo, no_figure_fell
from electionboard.model.election import Candidate, Election, Precinct, Race
from electionboard.model.pacing import pause_point
from electionboard.model.tabulate import candidate_totals


class NoticeKind(StrEnum):
    """What the operator is told about a snapshot."""

    CORRECTION = "correction"
    RACE_MISSING = "race_missing"
    CANDIDATE_MISSING = "candidate_missing"


@dataclass(frozen=True, slots=True)
class FeedNotice:
    """One thing in a snapshot the operator should know about."""

    kind: NoticeKind
    race_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Reconciled:
    """The snapshot to show, and what was noticed on the way."""

    election: Election
    notices: tuple[FeedNotice, ...]


def reconcile(
    previous: Election | None, new: Election, memo: ColumnsMemo | None = None
) -> Reconciled:
    """Carry vanished races and candidates over and flag lowered figures.

    ``memo`` (the poll worker's) packs each snapshot's figures once, for this
    poll's quick check that no figure fell and the next poll's.
    """
    if previous is None:
        return Reconciled(new, ())
    notices: list[FeedNotice] = []
    new_ids = {race.id for race in new.races}
    races: list[Race] = []
    old_by_id = {race.id: race for race in previous.races}
    for race in new.races:
        pause_point()  # a frame being painted goes first (model/pacing.py)
        old = old_by_id.get(race.id)
        if old is None or old is race:
            # New, or the very race shown last poll (a polled source reuses a
            # race whose bytes did not change): nothing to carry or flag.
            races.append(race)
            continue
        kept = _keep_candidates(old, race, notices)
        _flag_corrections(old, kept, notices, memo)
        races.append(kept)
    for old in previous.races:
        if old.id not in new_ids:
            if not old.missing_from_feed:
                notices.append(
                    FeedNotice(
                        NoticeKind.RACE_MISSING,
                        old.id,
                        f"{old.name}: no longer in the feed; showing its last figures",
                    )
                )
            races.append(dataclasses.replace(old, missing_from_feed=True))
    return Reconciled(dataclasses.replace(new, races=tuple(races)), tuple(notices))


def _keep_candidates(old: Race, race: Race, notices: list[FeedNotice]) -> Race:
    """``race`` with any candidate of ``old`` it dropped added back, marked."""
    present = {c.id for c in race.candidates}
    lost = [i for i, c in enumerate(old.candidates) if c.id not in present]
    if not lost:
        return race
    old_totals = candidate_totals(old)
    for i in lost:
        candidate = old.candidates[i]
        if not candidate.missing_from_feed:
            notices.append(
                FeedNotice(
                    NoticeKind.CANDIDATE_MISSING,
                    race.id,
                    f"{race.name}: {candidate.name} is no longer in the feed; "
                    f"keeping {old_totals[i]:,} votes",
                )
            )
    candidates = race.candidates + tuple(
        dataclasses.replace(old.candidates[i], missing_from_feed=True) for i in lost
    )
    old_precincts = {p.id: p for p in old.precincts}

    def extended(precinct: Precinct) -> Precinct:
        before = old_precincts.get(precinct.id)
        extra = tuple(before.votes[i] if before is not None else 0 for i in lost)
        return precinct._replace(votes=precinct.votes + extra)

    totals = race.totals
    if totals is not None:
        totals = totals + tuple(old_totals[i] for i in lost)
    return dataclasses.replace(
        race,
        candidates=candidates,
        precincts=tuple(extended(p) for p in race.precincts),
        totals=totals,
    )


def _flag_corrections(
    old: Race, race: Race, notices: list[FeedNotice], memo: ColumnsMemo | None = None
) -> None:
    """Note every precinct (or race total) whose figure for someone fell."""
    names = {c.id: c.name for c in race.candidates}
    old_index = {c.id: i for i, c in enumerate(old.candidates)}
    pairs = [
        (i, old_index[c.id]) for i, c in enumerate(race.candidates) if c.id in old_index
    ]
    if race.totals is not None and old.totals is not None:
        for new_i, old_i in pairs:
            if race.totals[new_i] < old.totals[old_i]:
                notices.append(
                    _correction(
                        race,
                        "total",
                        names,
                        race.candidates[new_i],
                        old.totals[old_i],
                        race.totals[new_i],
                    )
                )
    if _nothing_fell(old, race, pairs, memo):
        return
    # Equal vote tuples mean equal figures only where every candidate kept
    # its place; after a reorder, (0, 1) may be a fall from 1 to 0.
    same_places = all(new_i == old_i for new_i, old_i in pairs)
    old_precincts = {
        p.id: p
        for p in (_changed_precincts(old, race) if same_places else old.precincts)
    }
    for precinct in race.precincts:
        before = old_precincts.get(precinct.id)
        if before is None:
            continue
        if same_places and before.votes == precinct.votes[: len(before.votes)]:
            continue
        for new_i, old_i in pairs:
            if precinct.votes[new_i] < before.votes[old_i]:
                notices.append(
                    _correction(
                        race,
                        f"precinct {precinct.name}",
                        names,
                        race.candidates[new_i],
                        before.votes[old_i],
                        precinct.votes[new_i],
                    )
                )


_ID = operator.attrgetter("id")
_VOTES = operator.attrgetter("votes")


def _nothing_fell(
    old: Race,
    race: Race,
    pairs: list[tuple[int, int]],
    memo: ColumnsMemo | None = None,
) -> bool:
    """True when surely no precinct's figure for anyone fell; False: look closer.

    The usual poll lists the same candidates and precincts in the same order,
    so every old figure lines up with a new one and a single pass of C-level
    comparisons answers for the whole race, instead of a Python loop over its
    precincts (25,000 of them on a statewide night, on the poll worker, where
    every bytecode competes with the glide for the GIL). With ``memo``, the
    two snapshots' packed figures (the old one's packed last poll) are compared
    instead, two integers for the race (``no_figure_fell``).
    """
    count = len(race.candidates)
    if len(old.candidates) != count or len(pairs) != count:
        return False
    if any(new_i != old_i for new_i, old_i in pairs):
        return False
    if len(old.precincts) != len(race.precincts):
        return False
    if memo is not None and race.precincts:
        before = memo.figures(old.precincts, current=False)
        now = memo.figures(race.precincts)
        if (
            before.aligned
            and now.aligned
            and before.width == now.width == count
            and before.ids == now.ids
        ):
            # Every precinct has one figure per candidate, in the same order
            # on both sides: the flat comparison below, all at once.
            packed = no_figure_fell(before, now)
            if packed is not None:
                return packed
    if list(map(_ID, old.precincts)) != list(map(_ID, race.precincts)):
        return False
    old_votes = list(map(_VOTES, old.precincts))
    new_votes = list(map(_VOTES, race.precincts))
    if list(map(len, old_votes)) != list(map(len, new_votes)):
        return False
    fell = map(
        operator.lt,
        itertools.chain.from_iterable(new_votes),
        itertools.chain.from_iterable(old_votes),
    )
    return not any(fell)


def _changed_precincts(old: Race, race: Race) -> list[Precinct]:
    """Old precincts whose figures may have changed, when every candidate
    kept its place in the votes.

    When both snapshots list the same precincts in the same order (the usual
    poll) one quick pass keeps only those whose figures differ; otherwise
    every old precinct is compared by id.
    """
    if len(old.precincts) != len(race.precincts):
        return list(old.precincts)
    changed: list[Precinct] = []
    for before, now in zip(old.precincts, race.precincts, strict=True):
        if before.id != now.id:
            return list(old.precincts)
        if before.votes != now.votes:
            changed.append(before)
    return changed


def _correction(
    race: Race,
    where: str,
    names: dict[str, str],
    candidate: Candidate,
    before: int,
    after: int,
) -> FeedNotice:
    return FeedNotice(
        NoticeKind.CORRECTION,
        race.id,
        f"{race.name}, {where}: {names[candidate.id]} corrected down from "
        f"{before:,} to {after:,}",
    )
