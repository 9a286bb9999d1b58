"""``positional_maker`` builds what the dataclass's own constructor builds."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import (
    Candidate,
    CandidateStanding,
    Outcome,
    Race,
    RaceStandings,
    Rule,
)
from electionboard.model.clinch import PlaceVerdict
from electionboard.model.makers import positional_maker

_values = st.one_of(st.none(), st.integers(), st.text(max_size=3), st.booleans())


@given(st.lists(_values, min_size=26, max_size=26))
def test_each_maker_builds_the_constructors_object(values: list[object]) -> None:
    for cls in (Candidate, CandidateStanding, PlaceVerdict, Race, RaceStandings):
        args = values[: len(dataclasses.fields(cls))]
        made = positional_maker(cls)(*args)
        constructor: Any = cls
        # By name: ``PlaceVerdict`` takes keywords only.
        built = constructor(
            **{f.name: v for f, v in zip(dataclasses.fields(cls), args, strict=True)}
        )
        assert type(made) is cls
        assert made == built
        assert repr(made) == repr(built)
        assert all(
            getattr(made, f.name) is getattr(built, f.name)
            for f in dataclasses.fields(cls)
        )


def test_made_objects_stay_frozen() -> None:
    candidate = positional_maker(Candidate)(
        "a", "A", None, 1, False, False, False, None
    )
    standing = positional_maker(CandidateStanding)(
        candidate, 1, 100.0, 1, False, True, False, Outcome.WON, "why"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        standing.votes = 2  # type: ignore[misc]
    assert hash(candidate) == hash(Candidate("a", "A", None, 1))


def test_a_maker_wants_every_field() -> None:
    with pytest.raises(TypeError):
        positional_maker(Candidate)("a", "A")


def test_classes_whose_init_does_more_are_refused() -> None:
    """``Rule.__post_init__`` normalises its fields: a maker would skip that."""
    with pytest.raises(TypeError, match="does more"):
        positional_maker(Rule)

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        x: int

    with pytest.raises(TypeError, match="slotted"):
        positional_maker(Unslotted)
