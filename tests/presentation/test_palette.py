"""Candidate colours: by party, stable all night, apart under colour blindness."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

import pytest

from electionboard.model import Candidate, Race, tabulate
from electionboard.presentation import palette
from electionboard.presentation.colour_check import (
    Vision,
    ciede2000,
    contrast_ratio,
    difference,
    rgb,
    simulate,
)
from electionboard.presentation.content import rows_for
from tests.builders import race

NEIGHBOUR_BOUND = 20.0
"""CIEDE2000 between palette neighbours, in every vision: clearly two colours."""
ALL_PAIRS_BOUND = 12.0
"""CIEDE2000 between any two palette colours with normal vision."""
CALL_YELLOW = "#f5c518"


def ballot(*parties: str | None) -> Race:
    """A race with one candidate per party code, in ballot order."""
    base = race([10] * len(parties))
    candidates = tuple(
        dataclasses.replace(c, party=p)
        for c, p in zip(base.candidates, parties, strict=True)
    )
    return dataclasses.replace(base, candidates=candidates)


def with_votes(contest: Race, votes: Sequence[int]) -> Race:
    return dataclasses.replace(contest, totals=tuple(votes))


# -- the arithmetic ------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Sharma, Wu and Dalal (2005), test pairs 1, 7, 17 and 25.
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_sharmas_test_data(
    first: tuple[float, float, float],
    second: tuple[float, float, float],
    expected: float,
) -> None:
    assert ciede2000(first, second) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(second, first) == pytest.approx(expected, abs=1e-4)


def test_simulations_confuse_what_dichromats_confuse() -> None:
    red, green = "#d62728", "#2ca02c"
    assert difference(red, green) > 50
    # Red and green collapse for protanopes and deuteranopes, not tritanopes.
    assert difference(red, green, Vision.PROTANOPIA) < 30
    assert difference(red, green, Vision.DEUTERANOPIA) < 10
    assert difference(red, green, Vision.TRITANOPIA) > 40
    # Greys are greys to everyone.
    for vision in Vision:
        grey = simulate(rgb("#808080"), vision)
        assert max(grey) - min(grey) < 0.01


def test_wcag_contrast() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#000000", "#000000") == 1.0


# -- the palette ---------------------------------------------------------------


@pytest.mark.parametrize("vision", list(Vision), ids=str)
def test_palette_neighbours_stay_distinguishable(vision: Vision) -> None:
    colours = palette.CANDIDATE_PALETTE
    assert len(colours) == 12
    for index, colour in enumerate(colours):
        following = colours[(index + 1) % len(colours)]
        assert difference(colour, following, vision) >= NEIGHBOUR_BOUND, (
            colour,
            following,
        )


def test_every_palette_pair_differs_with_normal_vision() -> None:
    for first, second in itertools.combinations(palette.CANDIDATE_PALETTE, 2):
        assert difference(first, second) >= ALL_PAIRS_BOUND, (first, second)
    assert len(set(palette.CANDIDATE_PALETTE)) == len(palette.CANDIDATE_PALETTE)


def test_yellow_is_left_to_the_call() -> None:
    for colour in (*palette.CANDIDATE_PALETTE, palette.NEUTRAL, palette.OTHERS):
        assert difference(colour, CALL_YELLOW) >= 25, colour


@pytest.mark.parametrize("track", ["#1b2c4c", "#d8deea", "#34343a"])
def test_every_slot_reads_against_every_track(track: str) -> None:
    for colour in palette.CANDIDATE_PALETTE:
        assert contrast_ratio(colour, track) >= 1.8, (colour, track)


# -- who wears which colour ----------------------------------------------------


def test_party_convention() -> None:
    keys = palette.colour_keys(ballot("DEM", "REP", "LIB", "GRN", "IND", None))
    assert keys == {
        "a": "party:DEM",
        "b": "party:REP",
        "c": "party:LIB",
        "d": "party:GRN",
        "e": "neutral",
        "f": "neutral",
    }
    assert palette.PARTY_COLOURS["DEM"] == "#2e6fdb"  # blue
    assert palette.PARTY_COLOURS["REP"] == "#d8353b"  # red
    assert palette.colour_keys(ballot("DEM", "PFP"))["b"] == "neutral"
    assert palette.colour_keys(ballot("DEM")) == {"a": "party:DEM"}
    assert palette.colour_keys(ballot("REP", None)) == {
        "a": "party:REP",
        "b": "neutral",
    }


@pytest.mark.parametrize(
    "parties",
    [
        ("DEM", "DEM", "DEM"),
        (None, None, None),
        ("REP", "REP", "IND"),
        ("DEM", None, None),
    ],
    ids=["one-party", "nonpartisan", "primary with an independent", "one partisan"],
)
def test_ballots_parties_cannot_tell_apart_take_slots_by_ballot_order(
    parties: tuple[str | None, ...],
) -> None:
    keys = palette.colour_keys(ballot(*parties))
    assert list(keys.values()) == [f"slot:{n}" for n in range(len(parties))]


def test_a_colour_never_depends_on_rank_or_the_count() -> None:
    one_party = ballot("DEM", "DEM", "DEM", "DEM")
    general = ballot("DEM", "REP", "IND", "GRN")
    for contest in (one_party, general):
        before = rows_for(tabulate(with_votes(contest, [40, 30, 20, 10])), 7)
        after = rows_for(tabulate(with_votes(contest, [10, 20, 30, 40])), 7)
        assert [r.key for r in before] != [r.key for r in after]  # ranks moved
        assert {r.key: r.colour_key for r in before} == {
            r.key: r.colour_key for r in after
        }


def test_a_candidate_keeps_the_colour_when_another_leaves_the_feed() -> None:
    contest = ballot(None, None, None, None)
    without_b = dataclasses.replace(
        contest, candidates=tuple(c for c in contest.candidates if c.id != "b")
    )
    full, fewer = palette.colour_keys(contest), palette.colour_keys(without_b)
    assert {k: full[k] for k in fewer} == fewer


def test_slots_fall_back_to_a_stable_order_without_ballot_orders() -> None:
    contest = ballot(None, None, None)
    unordered = dataclasses.replace(
        contest,
        candidates=tuple(
            Candidate(id=c.id, name=c.name) for c in reversed(contest.candidates)
        ),
    )
    assert palette.colour_keys(unordered) == {
        "a": "slot:0",
        "b": "slot:1",
        "c": "slot:2",
    }


def test_key_safe_stand_ins_only_for_the_keys_colour() -> None:
    assert palette.party_colours() == dict(palette.PARTY_COLOURS)
    on_blue = palette.party_colours("#0047bb")
    assert {p for p in on_blue if on_blue[p] != palette.PARTY_COLOURS[p]} == {"DEM"}
    on_green = palette.party_colours("#00b140")
    assert {p for p in on_green if on_green[p] != palette.PARTY_COLOURS[p]} == {"GRN"}


def test_no_slot_passes_for_a_major_partys_colour() -> None:
    # A Democrat drawn in something close to Republican red (or the reverse)
    # tells the audience a story the race does not have.
    for party in ("DEM", "REP"):
        for colour in palette.CANDIDATE_PALETTE:
            assert difference(colour, palette.PARTY_COLOURS[party]) >= 12, (
                party,
                colour,
            )


def test_two_parties_with_two_candidates_of_one_wear_its_shades() -> None:
    # Alaska's 2022 special: a Democrat and two Republicans.
    keys = palette.colour_keys(ballot("DEM", "REP", "REP"))
    assert keys == {"a": "party:DEM", "b": "party:REP", "c": "party:REP:1"}


@pytest.mark.parametrize("party", sorted(palette.PARTY_COLOURS))
@pytest.mark.parametrize(
    ("track", "toward"),
    [("#1b2c4c", "#ffffff"), ("#d8deea", "#000000"), ("#34343a", "#ffffff")],
)
def test_a_partys_shades_differ_under_every_vision_and_read_on_the_track(
    party: str, track: str, toward: str
) -> None:
    base = palette.PARTY_COLOURS[party]
    shades = [palette.shade(base, nth, toward) for nth in range(3)]
    for first, second in itertools.pairwise(shades):
        for vision in Vision:
            assert difference(first, second, vision) >= 6.5, (first, second, vision)
    for colour in shades[1:]:
        assert contrast_ratio(colour, track) >= 1.8, (colour, track)
