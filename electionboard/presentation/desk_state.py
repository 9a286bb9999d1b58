"""What the desk panels show: the store's state as read, and the board's side.

Plain frozen data, read on the desk thread and handed to the GUI thread whole,
so a panel never sees half of one store revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from electionboard.model.election import Call, Election
from electionboard.model.standings import RaceStandings
from electionboard.presentation.desk_wording import NameBook
from electionboard.store import AuditRecord, DeskStore, ManualEntry, next_step, stacks


@dataclass(frozen=True, slots=True)
class DeskState:
    """The store at one revision, as the operator's panels need it.

    Attributes:
        revision: the store's revision when this was read.
        entries: manual entries in force, by (race, precinct).
        calls: desk calls in force, by race.
        log: the whole audit log, oldest first.
        undo: what the operator's next undo reverses (a batch is one step).
        redo: what the operator's next redo re-applies.
    """

    revision: int
    entries: Mapping[tuple[str, str], ManualEntry]
    calls: Mapping[str, Call]
    log: tuple[AuditRecord, ...]
    undo: tuple[AuditRecord, ...] = ()
    redo: tuple[AuditRecord, ...] = ()


def read_state(store: DeskStore, operator: str) -> DeskState:
    """Read everything the panels show; on the desk thread only.

    The revision is read first, so a write landing between the reads shows up
    as a newer revision at the next poll rather than being missed.
    """
    revision = store.revision()
    log = tuple(store.audit_log())
    both = stacks(log, operator)
    return DeskState(
        revision=revision,
        entries=store.entries(),
        calls=store.calls(),
        log=log,
        undo=next_step(both.undo),
        redo=next_step(both.redo),
    )


@dataclass(frozen=True, slots=True)
class DeskView:
    """Everything a desk panel draws from, rebuilt on any change.

    Attributes:
        feed: the feed's snapshot, which entries and calls are checked against
            (no desk layer, so a correction is measured against the feed).
        standings: what the board shows for each race, by race id.
        manual_races: races whose figures on the board include manual entries.
        state: the store's state, or None until it has been read.
        time_zone: the ``time_zone`` setting; "" shows times in the feed's zone.
    """

    feed: Election | None = None
    standings: Mapping[str, RaceStandings] = field(default_factory=dict)
    manual_races: frozenset[str] = frozenset()
    state: DeskState | None = None
    time_zone: str = ""

    def names(self) -> NameBook:
        """The feed's names and clock, as every panel words them."""
        return NameBook.of(self.feed, self.time_zone)
