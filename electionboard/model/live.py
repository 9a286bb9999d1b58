"""The live state of the night: the feed's snapshot, the desk's layer, standings.

Every mutation goes through one method and notifies subscribers with a typed
change event, so exactly one Qt bridge turns changes into signals. The feed's
snapshot is kept apart from the desk's entries and calls, so releasing an
entry or retracting a call brings the feed's own figures back at once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from electionboard.model.columns import ColumnsMemo
from electionboard.model.election import Call, Election, Race
from electionboard.model.overlay import EntryVotes, apply_overlay
from electionboard.model.pacing import pause_point
from electionboard.model.problems import keep_last_good_election
from electionboard.model.reconcile import FeedNotice, Reconciled, reconcile
from electionboard.model.retabulate import retabulate
from electionboard.model.standings import RaceStandings
from electionboard.model.tabulate import (
    DEFAULT_TOO_CLOSE_SHARE,
    tabulate,
    tabulate_election,
)


@dataclass(frozen=True, slots=True)
class ResultsChanged:
    """Sent after a snapshot or a desk action changed what the board shows.

    Attributes:
        election: what the board shows (feed plus desk layer).
        standings: standings of every race of ``election``.
        manual_races: races whose figures include a desk entry.
        notices: what the latest snapshot changed that an operator should know
            (corrections, vanished races or candidates); empty for desk changes.
    """

    election: Election
    standings: tuple[RaceStandings, ...]
    manual_races: frozenset[str]
    notices: tuple[FeedNotice, ...] = ()


Subscriber = Callable[[ResultsChanged], None]


@dataclass(frozen=True, slots=True)
class Digest:
    """A snapshot made ready to show on a worker thread, against a known feed.

    Comparing a statewide snapshot with the one before (corrections, vanished
    races) walks every precinct: tens of milliseconds that would otherwise
    stall the GUI thread mid-glide. ``apply_snapshot`` uses it only while the
    feed it holds is still ``base`` and the snapshot is ``received``.
    """

    base: Election | None
    received: Election
    reconciled: Reconciled
    standings: tuple[RaceStandings, ...] = ()
    """Standings of the races the reconciliation made anew (last good figures
    kept, vanished candidates carried over), which the worker's tabulation of
    ``received`` could not know."""


Digester = Callable[[Election], Digest]
"""Runs on a worker: the snapshot's ``Digest`` against the feed held at its start."""

FUTURE_TOLERANCE = dt.timedelta(minutes=15)
"""How far ahead of this machine's clock a feed's stamp may be and still count.

Beyond it the stamp is wrong (a producer wrote ``Z`` for ``-05:00``, or a
placeholder such as 9999-12-31): shown, it would make every real answer after
it look older and freeze the board.
"""


def future_stamp_refusal(
    updated: dt.datetime, now: dt.datetime, tolerance: dt.timedelta = FUTURE_TOLERANCE
) -> str | None:
    """Why an answer stamped ``updated`` is refused at ``now``; None if it is not.

    A stamp without a time zone cannot be placed against the clock, so it is
    let through (the parsers give aware times).
    """
    if updated.tzinfo is None or now.tzinfo is None:
        return None
    ahead = updated - now
    if ahead <= tolerance:
        return None
    return (
        f"the feed's answer is stamped {_duration_text(ahead)} ahead of this "
        "machine's clock; refused"
    )


def _duration_text(span: dt.timedelta) -> str:
    """'3 h 12 min', '40 min', '2,912,000 days': how far ahead, roughly."""
    minutes = int(span.total_seconds() // 60)
    if span.days >= 2:
        return f"{span.days:,} days"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


class LiveResults:
    """Holds the newest snapshot and its standings; drops anything older."""

    def __init__(
        self,
        too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
        *,
        release_when_feed_reports: bool = False,
    ) -> None:
        self._too_close_share = too_close_share
        self._release_when_feed_reports = release_when_feed_reports
        self._feed: Election | None = None
        self._retired: Election | None = None
        """The feed shown before this one, handed to the next poll's worker to
        drop: freeing a statewide snapshot takes milliseconds."""
        self._shown: Election | None = None
        self._entries: dict[tuple[str, str], EntryVotes] = {}
        self._calls: dict[str, Call] = {}
        self._manual: frozenset[str] = frozenset()
        self._invalid: Mapping[tuple[str, str], str] = {}
        self._standings: tuple[RaceStandings, ...] = ()
        self._reusable: dict[int, RaceStandings] = {}
        self._worker_standings: tuple[RaceStandings, ...] = ()
        """What the poll worker tabulated last, for ``tabulate_election``."""
        self._columns = ColumnsMemo()
        """The poll worker's reading of each precincts tuple: sums for its
        tabulation, packed figures for its reconciliation, which the next
        poll's reconciliation finds packed for the old snapshot."""
        self._subscribers: list[Subscriber] = []
        self._older: tuple[Election, tuple[RaceStandings, ...]] | None = None
        self._older_in_a_row = 0
        self._notices: tuple[FeedNotice, ...] = ()

    @property
    def too_close_share(self) -> float:
        """Lead share under which a race is too close to call, for every tabulation."""
        return self._too_close_share

    def tabulate_election(self, election: Election) -> tuple[RaceStandings, ...]:
        """Standings of every race, as these results would compute them.

        The poll worker calls this off the GUI thread (it reads only the
        threshold, fixed at construction), so the standings it hands to
        ``apply_snapshot`` are the ones reused, never another threshold's.
        """
        # A national night's next request changes a tenth of the races; the
        # merged election keeps the rest as the very race objects tabulated
        # last poll, so their standings are reused (``retabulate`` checks
        # each race, so a reuse is never wrong). Only the poll worker calls
        # this; a lost race between two polls would cost time, not figures.
        # Only the very same race object is reused: a feed parsed anew each
        # poll has equal races that are new objects, and comparing them would
        # cost a changed race as much as tabulating it.
        previous = self._worker_standings
        self._columns.next_poll()
        if previous:
            known = {standing.race.id: standing.race for standing in previous}
            changed = {
                race.id for race in election.races if known.get(race.id) is not race
            }
            standings = retabulate(
                previous,
                election,
                changed,
                too_close_share=self._too_close_share,
                memo=self._columns,
            )
        else:
            standings = tabulate_election(
                election, too_close_share=self._too_close_share, memo=self._columns
            )
        self._worker_standings = standings
        return standings

    def digester(self) -> Digester:
        """Called on the GUI thread as a poll starts; the result runs on the worker.

        It captures the feed held now (immutable, so safe to read there) and
        does the snapshot's last-good and reconciliation work against it.
        """
        retired, self._retired = self._retired, None
        return functools.partial(
            _digest,
            self._feed,
            retired=[retired],
            too_close_share=self._too_close_share,
            memo=self._columns,
        )

    @property
    def notices(self) -> tuple[FeedNotice, ...]:
        """What the latest snapshot shown changed that an operator should know."""
        return self._notices

    @property
    def feed_election(self) -> Election | None:
        """The feed's snapshot as received (vanished races kept), no desk layer."""
        return self._feed

    @property
    def election(self) -> Election | None:
        """What the board shows, or None before the first snapshot."""
        return self._shown

    @property
    def standings(self) -> tuple[RaceStandings, ...]:
        """Standings of every race shown."""
        return self._standings

    @property
    def manual_races(self) -> frozenset[str]:
        """Races whose figures include a desk entry."""
        return self._manual

    @property
    def older_in_a_row(self) -> int:
        """Answers ignored as older than the one shown since one was last shown."""
        return self._older_in_a_row

    @property
    def newest_ignored(self) -> Election | None:
        """The latest answer ignored as older, which ``accept_ignored`` shows."""
        return self._older[0] if self._older is not None else None

    @property
    def invalid_entries(self) -> Mapping[tuple[str, str], str]:
        """Desk entries left off the board, by (race, precinct), with why."""
        return self._invalid

    def race_standings(self, race_id: str) -> RaceStandings | None:
        """Standings of one race, or None if the snapshot has no such race."""
        for standings in self._standings:
            if standings.race.id == race_id:
                return standings
        return None

    def subscribe(self, subscriber: Subscriber) -> None:
        """Call ``subscriber`` after every change."""
        self._subscribers.append(subscriber)

    def apply_snapshot(
        self,
        election: Election,
        standings: Sequence[RaceStandings] = (),
        digest: Digest | None = None,
    ) -> bool:
        """Show ``election`` unless it is older than the one on screen.

        Test data is the exception: when both the snapshot on screen and the
        new one are marked as test or rehearsal data, an older snapshot means
        a rehearsal started the night over, and it is shown from scratch.

        Args:
            election: the feed's snapshot.
            standings: its races' standings if already tabulated elsewhere (a
                worker thread), reused for every race the desk layer and the
                reconciliation leave untouched; computed here otherwise.
            digest: the worker's reconciliation of ``election``
                (``digester``); used when it was made against the feed held
                now, redone here otherwise.

        An older snapshot that is not shown is kept, and counted until one is
        shown, so the operator can be told and ``accept_ignored`` can show it.

        Returns:
            True when the snapshot was applied.
        """
        current = self._feed
        if current is not None and election.updated < current.updated:
            if not (current.test and election.test):
                self._older = (election, tuple(standings))
                self._older_in_a_row += 1
                return False
            current = None  # a rehearsal looped: no corrections to report
        self._show_feed(current, election, standings, digest)
        return True

    def accept_ignored(self) -> Election | None:
        """Show the latest answer ignored as older, as the operator decided.

        The board starts over from it, as after a rehearsal's loop: a stamp
        from the future on screen made the feed's real answers look old.

        Returns:
            The snapshot now shown, or None when none was being ignored.
        """
        if self._older is None:
            return None
        election, standings = self._older
        self._show_feed(None, election, standings)
        return election

    def _show_feed(
        self,
        current: Election | None,
        election: Election,
        standings: Sequence[RaceStandings],
        digest: Digest | None = None,
    ) -> None:
        self._older = None
        self._older_in_a_row = 0
        if standings:
            self._reusable = {id(s.race): s for s in standings}
        if (
            digest is not None
            and digest.base is current
            and digest.received is election
        ):
            reconciled = digest.reconciled
            self._reusable.update({id(s.race): s for s in digest.standings})
        else:
            reconciled = _digest(current, election).reconciled
        self._retired = self._feed
        self._feed = reconciled.election
        self._notices = reconciled.notices
        self._recompute(reconciled.notices)

    def set_desk_state(
        self,
        entries: Mapping[tuple[str, str], EntryVotes],
        calls: Mapping[str, Call],
    ) -> None:
        """Replace the desk's entries (by race and precinct) and calls (by race)."""
        self._entries = dict(entries)
        self._calls = dict(calls)
        if self._feed is not None:
            self._recompute(())

    def _tabulate(self, race: Race) -> RaceStandings:
        known = self._reusable.get(id(race))
        if known is not None and known.race is race:
            return known
        return tabulate(race, too_close_share=self._too_close_share)

    def _recompute(self, notices: tuple[FeedNotice, ...]) -> None:
        assert self._feed is not None
        overlaid = apply_overlay(
            self._feed,
            self._entries,
            self._calls,
            release_when_feed_reports=self._release_when_feed_reports,
        )
        self._shown = overlaid.election
        self._manual = overlaid.manual_races
        self._invalid = overlaid.invalid
        self._standings = tuple(self._tabulate(race) for race in self._shown.races)
        # Keyed by identity: a race object the next overlay leaves alone is
        # exactly the race these standings were computed for.
        self._reusable = {id(s.race): s for s in self._standings}
        change = ResultsChanged(self._shown, self._standings, self._manual, notices)
        for subscriber in self._subscribers:
            subscriber(change)


def _digest(
    base: Election | None,
    election: Election,
    *,
    retired: list[Election | None] | None = None,
    too_close_share: float | None = None,
    memo: ColumnsMemo | None = None,
) -> Digest:
    """``election`` ready to follow ``base``: last good races kept, reconciled.

    ``retired`` holds the feed shown before ``base``: it is freed here, on the
    worker, a race at a time (``_drop_in_slices``).
    With ``too_close_share``, the races the reconciliation made anew are
    tabulated here too (on the worker), not on the GUI thread. ``memo`` is the
    worker's precinct columns (``LiveResults._columns``).
    """
    # A race the new answer cannot read keeps the figures shown before.
    held = keep_last_good_election(base, election)
    reconciled = reconcile(base, held, memo)
    if memo is not None:
        memo.digested()
    if retired:
        _drop_in_slices(retired)
    if too_close_share is None:
        return Digest(base, election, reconciled)
    received = {id(race) for race in election.races}
    made = []
    for race in reconciled.election.races:
        if id(race) not in received:
            pause_point()  # a frame being painted goes first (model/pacing.py)
            made.append(tabulate(race, too_close_share=too_close_share))
    return Digest(base, election, reconciled, tuple(made))


def _drop_in_slices(holder: list[Election | None]) -> None:
    """Free the election in ``holder`` race by race, where this is the last hold.

    Dropped whole, a statewide snapshot's 46,000 objects are freed in one
    chain of C calls that keeps the GIL 5-10 ms, a frame or so of the glide
    the GUI thread is painting; one race at a time, the interpreter can hand
    the GIL over between races.
    """
    election = holder.pop()
    races = list(election.races) if election is not None else []
    del election
    while races:
        pause_point()  # a frame being painted goes first (model/pacing.py)
        races.pop()
