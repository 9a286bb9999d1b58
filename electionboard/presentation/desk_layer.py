"""What a board overlays from the desks: valid entries and the calls in force.

The operator's desk and a display station apply the same layer to their
results, so both are worded from one function.
"""

from __future__ import annotations

from collections.abc import Mapping

from electionboard.model.election import Call
from electionboard.presentation.desk_state import DeskState

DeskLayer = tuple[dict[tuple[str, str], Mapping[str, int]], dict[str, Call]]
"""Entries' votes by (race, precinct), and desk calls by race."""


def desk_layer(state: DeskState) -> DeskLayer:
    """The entries (never one shown as invalid) and calls ``state`` puts on air."""
    return (
        {
            key: entry.votes
            for key, entry in state.entries.items()
            if entry.problem is None
        },
        dict(state.calls),
    )
