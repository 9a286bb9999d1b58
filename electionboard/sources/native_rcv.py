"""The native format's ``rcv`` block: a ranked-choice race's rules and published rounds.

The block is decoded apart from the document (it arrives as raw JSON), so a
bad block becomes a problem on its race only and never blanks the feed
(docs/feed-format.md, "Ranked-choice races").
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec

from electionboard.model import (
    MAX_VOTES,
    InactiveReason,
    InvalidRaceError,
    OvervoteRule,
    RankedChoice,
    RcvRound,
    RcvRules,
    TieBreakMode,
    Transfer,
)
from electionboard.sources.jsondecode import worded

_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_VOTES)]
_Number = Annotated[int, msgspec.Meta(ge=1, le=MAX_VOTES)]
_Reason = Literal["exhausted", "overvote", "skipped"]


class _Round(msgspec.Struct, frozen=True):
    round: _Number
    tallies: dict[str, _Count]
    inactive: _Count = 0
    eliminated: list[str] = []
    elected: list[str] = []
    inactive_by_reason: dict[_Reason, _Count] | None = None


class _Rcv(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    overvote_rule: OvervoteRule = OvervoteRule.EXHAUST_IMMEDIATELY
    max_skipped_rankings: _Count | None = None
    batch_elimination: bool = False
    continue_until_two_remain: bool = False
    tiebreak_mode: TieBreakMode = TieBreakMode.PREVIOUS_ROUND_COUNTS_THEN_RANDOM
    random_seed: Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)] = 0
    rounds: list[_Round] = []


_DECODER = msgspec.json.Decoder(_Rcv)
_PATH = re.compile(r"^(?P<problem>.*) - at (?P<key>`key` in )?`\$\.?(?P<path>.*)`$")


def ranked_choice(
    race_id: str, raw: msgspec.Raw, candidate_ids: list[str]
) -> RankedChoice:
    """The race's RankedChoice from its raw ``rcv`` block.

    Raises:
        InvalidRaceError: naming ``rcv`` and the field, for the race alone.
    """
    try:
        wire = _DECODER.decode(raw)
    except msgspec.ValidationError as error:
        field, problem = _where(worded(str(error)))
        raise InvalidRaceError(race_id, field, problem) from None
    rules = RcvRules(
        overvote_rule=wire.overvote_rule,
        max_skipped_rankings=wire.max_skipped_rankings,
        batch_elimination=wire.batch_elimination,
        continue_until_two_remain=wire.continue_until_two_remain,
        tiebreak_mode=wire.tiebreak_mode,
        random_seed=wire.random_seed,
    )
    rounds = _Rounds(race_id, candidate_ids).read(wire.rounds)
    return RankedChoice(rules=rules, rounds=rounds, published=bool(rounds))


def _where(message: str) -> tuple[str, str]:
    """``("rcv.rounds[0].tallies.ann", "expected ...")`` from msgspec's words."""
    match = _PATH.match(message)
    if match is None:
        return "rcv", message
    problem = match["problem"].replace(
        "Expected `int` >= 0", "expected a whole number >= 0"
    )
    if match["key"]:
        problem = f"{problem} (a key)"
    path = match["path"]
    return (f"rcv.{path}" if path else "rcv"), problem


class _Rounds:
    """Checks published rounds against each other, as one table must hold."""

    def __init__(self, race_id: str, candidate_ids: list[str]) -> None:
        self._race_id = race_id
        self._order = {candidate: n for n, candidate in enumerate(candidate_ids)}

    def _error(self, index: int, field: str, problem: str) -> InvalidRaceError:
        where = f"rcv.rounds[{index}]" + (f".{field}" if field else "")
        return InvalidRaceError(self._race_id, where, problem)

    def read(self, wire_rounds: list[_Round]) -> tuple[RcvRound, ...]:
        rounds: list[RcvRound] = []
        out: dict[str, int] = {}
        """Candidates no longer continuing, with the round they left in."""
        ballots = 0
        for index, wire in enumerate(wire_rounds):
            if wire.round != index + 1:
                raise self._error(
                    index, "round", f"expected round {index + 1}, got {wire.round}"
                )
            self._check_tallies(index, wire, out)
            cast = sum(wire.tallies.values()) + wire.inactive
            if index == 0:
                ballots = cast
            elif cast != ballots:
                raise self._error(
                    index,
                    "",
                    f"{cast - wire.inactive:,} continuing + {wire.inactive:,} "
                    f"inactive = {cast:,} ballots; round 1 had {ballots:,}",
                )
            for candidate in wire.eliminated:
                out[candidate] = wire.round
            rounds.append(self._round(wire, rounds[-1] if rounds else None))
        return tuple(rounds)

    def _check_tallies(self, index: int, wire: _Round, out: dict[str, int]) -> None:
        if not wire.tallies:
            raise self._error(index, "tallies", "no continuing candidates")
        for candidate in wire.tallies:
            if candidate not in self._order:
                raise self._error(index, "tallies", f"unknown candidate {candidate!r}")
            if candidate in out:
                raise self._error(
                    index,
                    "tallies",
                    f"{candidate!r} was eliminated in round {out[candidate]}",
                )
        for field, ids in (("eliminated", wire.eliminated), ("elected", wire.elected)):
            for candidate in ids:
                if candidate not in wire.tallies:
                    raise self._error(
                        index,
                        field,
                        f"{candidate!r} is not continuing in round {wire.round}",
                    )
        if wire.inactive_by_reason is not None:
            reasons = sum(wire.inactive_by_reason.values())
            if reasons != wire.inactive:
                raise self._error(
                    index,
                    "inactive_by_reason",
                    f"adds up to {reasons:,}, not the {wire.inactive:,} inactive",
                )

    def _round(self, wire: _Round, previous: RcvRound | None) -> RcvRound:
        tallies = tuple(
            sorted(
                wire.tallies.items(),
                key=lambda item: (-item[1], self._order[item[0]]),
            )
        )
        reasons: tuple[tuple[InactiveReason, int], ...] = ()
        if wire.inactive_by_reason is not None:
            reasons = tuple(
                (InactiveReason(reason), votes)
                for reason, votes in wire.inactive_by_reason.items()
            )
        return RcvRound(
            number=wire.round,
            tallies=tallies,
            inactive=wire.inactive,
            eliminated=tuple(wire.eliminated),
            elected=tuple(wire.elected),
            transfers=_transfers(previous, tallies, wire.inactive),
            inactive_by_reason=reasons,
        )


def _transfers(
    previous: RcvRound | None, tallies: tuple[tuple[str, int], ...], inactive: int
) -> tuple[Transfer, ...]:
    """Where one eliminated candidate's votes went, when the table says so exactly.

    Only a single elimination with nobody elected is unambiguous: then every
    continuing candidate's gain and the new inactive ballots came from it.
    A batch elimination (or a table that does not add up) gives none.
    """
    if previous is None or len(previous.eliminated) != 1 or previous.elected:
        return ()
    source = previous.eliminated[0]
    moved = previous.votes_of(source) or 0
    gains: list[Transfer] = []
    for candidate, votes in tallies:
        before = previous.votes_of(candidate)
        if before is None or votes < before:
            return ()
        if votes > before:
            gains.append(Transfer(source, candidate, votes - before))
    exhausted = inactive - previous.inactive
    if exhausted < 0 or sum(t.votes for t in gains) + exhausted != moved:
        return ()
    if exhausted:
        gains.append(Transfer(source, None, exhausted))
    return tuple(gains)
