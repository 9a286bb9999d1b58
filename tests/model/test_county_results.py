"""County results for the map: roll-up, matching by code and name, verdicts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model.county_results import (
    county_key,
    county_results,
    leader_and_margin,
)
from electionboard.model.election import UnitResult
from electionboard.model.us_states import us_state
from tests.builders import race

NAMES = {"12001": "Alachua", "12111": "St. Lucie", "12086": "Miami-Dade"}


def test_units_roll_up_by_fips_towns_into_their_county() -> None:
    towns = (
        UnitResult("t1", "Gainesville", (10, 5), "12001", 1, 2),
        UnitResult("t2", "Archer", (1, 7), "12001", 1, 1),
    )
    results = county_results(replace(race([0, 0]), units=towns), "FL", NAMES)
    alachua = results.counties["12001"]
    assert alachua.votes == (11, 12)
    assert alachua.leader == "b"
    assert alachua.margin_points == pytest.approx(100 / 23)
    assert (alachua.precincts_reporting, alachua.precincts_total) == (2, 3)
    assert alachua.counted == pytest.approx(2 / 3)
    assert alachua.units == 2
    assert results.unmatched == ()


def test_every_county_gets_a_result_and_unreported_ones_say_so() -> None:
    results = county_results(race([0, 0]), "12", NAMES)
    assert list(results.counties) == list(NAMES)
    assert all(c.not_reporting for c in results.counties.values())
    assert all(
        c.leader is None and c.margin_points is None for c in results.counties.values()
    )


def test_a_county_with_precincts_in_but_no_votes_is_reporting() -> None:
    unit = UnitResult("u", "Alachua", (0, 0), "12001", 3, 9)
    county = county_results(replace(race([0, 0]), units=(unit,)), "FL", NAMES).counties[
        "12001"
    ]
    assert not county.not_reporting
    assert county.leader is None


@pytest.mark.parametrize(
    "name", ["ST. LUCIE COUNTY", "Saint Lucie", "st lucie", "St.Lucie", " St. Lucie  "]
)
def test_units_without_fips_match_by_name(name: str) -> None:
    unit = UnitResult("u", name, (3, 1))
    results = county_results(replace(race([0, 0]), units=(unit,)), "FL", NAMES)
    assert results.counties["12111"].votes == (3, 1)
    assert results.unmatched == ()


def test_parish_and_spacing_are_ignored() -> None:
    assert county_key("Saint Tammany Parish") == county_key("St. Tammany")
    assert county_key("DeKalb County") == county_key("De Kalb")
    assert county_key("Prince George's") == county_key("PRINCE GEORGES COUNTY")


def test_unmatched_units_are_reported_with_the_reason() -> None:
    units = (
        UnitResult("a", "Atlantis", (1, 1)),
        UnitResult("b", "Appling", (1, 1), "13001"),
        UnitResult("c", "Nowhere", (1, 1), "12999"),
        UnitResult("d", "Alachua", (1, 1, 1), "12001"),
    )
    results = county_results(replace(race([0, 0]), units=units), "FL", NAMES)
    reasons = {u.unit.id: u.reason for u in results.unmatched}
    assert set(reasons) == {"a", "b", "c", "d"}
    assert "named 'Atlantis'" in reasons["a"]
    assert "not in Florida" in reasons["b"]
    assert "12999" in reasons["c"]
    assert "3 candidates" in reasons["d"]
    assert all(c.not_reporting for c in results.counties.values())


def test_a_known_state_unknown_code_falls_back_to_the_name() -> None:
    # South Dakota's Shannon County became Oglala Lakota (46113 -> 46102).
    unit = UnitResult("u", "Oglala Lakota", (2, 1), "46113")
    results = county_results(
        replace(race([0, 0]), units=(unit,)), "SD", {"46102": "Oglala Lakota"}
    )
    assert results.counties["46102"].votes == (2, 1)


def test_a_name_two_counties_share_is_not_guessed() -> None:
    names = {"51159": "Richmond", "51760": "Richmond"}
    unit = UnitResult("u", "Richmond", (2, 1))
    results = county_results(replace(race([0, 0]), units=(unit,)), "VA", names)
    assert len(results.unmatched) == 1
    assert "2 counties" in results.unmatched[0].reason


def test_unknown_state_raises() -> None:
    with pytest.raises(KeyError):
        county_results(race([0, 0]), "ZZ", NAMES)


def test_states_by_postal_or_fips() -> None:
    assert us_state("fl") == us_state("12") == us_state(" FL ")
    assert us_state("2").postal == "AK"


def test_leading_counts() -> None:
    units = (
        UnitResult("1", "Alachua", (5, 1), "12001"),
        UnitResult("2", "St. Lucie", (5, 1), "12111"),
        UnitResult("3", "Miami-Dade", (1, 5), "12086"),
    )
    results = county_results(replace(race([0, 0]), units=units), "FL", NAMES)
    assert results.leading_counts() == {"a": 2, "b": 1}


# -- properties -----------------------------------------------------------------

VOTES = st.lists(st.integers(0, 10_000), min_size=1, max_size=6)


@given(VOTES)
def test_leader_is_the_argmax_and_a_tie_has_none(votes: list[int]) -> None:
    ids = [f"c{i}" for i in range(len(votes))]
    leader, margin = leader_and_margin(votes, ids)
    top = max(votes)
    if sum(votes) == 0:
        assert (leader, margin) == (None, None)
    elif votes.count(top) > 1:
        assert (leader, margin) == (None, 0.0)
    else:
        assert leader == ids[votes.index(top)]
        assert margin is not None
        assert 0 < margin <= 100


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(NAMES)),
            st.tuples(st.integers(0, 5000), st.integers(0, 5000)),
        ),
        max_size=30,
    )
)
def test_rolling_up_preserves_every_vote(
    units: list[tuple[str, tuple[int, int]]],
) -> None:
    made = tuple(
        UnitResult(str(n), f"town {n}", votes, fips)
        for n, (fips, votes) in enumerate(units)
    )
    results = county_results(replace(race([0, 0]), units=made), "FL", NAMES)
    for i in range(2):
        assert sum(c.votes[i] for c in results.counties.values()) == sum(
            votes[i] for _, votes in units
        )
    for fips in NAMES:
        expected = [sum(votes[i] for f, votes in units if f == fips) for i in range(2)]
        assert list(results.counties[fips].votes) == expected
