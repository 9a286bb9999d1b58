"""The county map's words, colours and layout, without Qt."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model.election import UnitResult
from electionboard.model.shapes import Bounds
from electionboard.presentation import county_map as m
from electionboard.presentation import geometry as g
from electionboard.presentation.colour_check import rgb
from electionboard.presentation.county_map import (
    CountyState,
    county_fill,
    county_words,
    fit_map,
    legend_spacing,
    map_content,
    margin_bucket,
    short_names,
)
from electionboard.presentation.palette import colour_keys
from tests.county_feeds import made_up_race, screen_input

NAMES = {"12001": "Alachua", "12003": "Baker", "12005": "Bay", "12007": "Bradford"}


@pytest.mark.parametrize(
    ("points", "bucket"),
    [
        (0.0, 0),
        (4.99, 0),
        (5.0, 1),
        (9.9, 1),
        (10.0, 2),
        (19.99, 2),
        (20.0, 3),
        (100, 3),
    ],
)
def test_margin_buckets(points: float, bucket: int) -> None:
    assert margin_bucket(points) == bucket
    assert m.MARGIN_LABELS[bucket]


def _distance(a: str, b: str) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b), strict=True)) ** 0.5)


def test_wider_leads_wear_more_of_the_colour() -> None:
    blue, plate = "#2e6fdb", "#0f1d38"
    assert county_fill(blue, 3, plate) == blue
    distances = [_distance(county_fill(blue, b, plate), plate) for b in range(4)]
    assert distances == sorted(distances)
    assert len(set(distances)) == 4


def test_the_hatch_is_quieter_than_the_ink() -> None:
    ground, ink = "#1b2c4c", "#a8b7d3"
    hatch = m.hatch_colour(ground, ink)
    assert 0 < _distance(hatch, ground) < _distance(ink, ground)


@given(
    st.floats(1, 5000),
    st.floats(1, 5000),
    st.floats(-1000, 1000),
    st.floats(-1000, 1000),
)
def test_the_state_fills_the_map_area_keeping_its_shape(
    width: float, height: float, x: float, y: float
) -> None:
    bounds = Bounds(x, y, x + width, y + height)
    fit = fit_map(bounds)
    left, top = fit.place(bounds.min_x, bounds.max_y)
    right, bottom = fit.place(bounds.max_x, bounds.min_y)
    slack = 1e-6
    assert m.MAP_LEFT - slack <= left < right <= m.MAP_RIGHT + slack
    assert m.MAP_TOP - slack <= top < bottom <= m.MAP_BOTTOM + slack
    assert (right - left) / (bottom - top) == pytest.approx(width / height)
    # One side reaches across the area (less the outline's half).
    room_w = m.MAP_RIGHT - m.MAP_LEFT - m.OUTLINE_WIDTH
    room_h = m.MAP_BOTTOM - m.MAP_TOP - m.OUTLINE_WIDTH
    assert max((right - left) / room_w, (bottom - top) / room_h) == pytest.approx(1.0)
    # Centred in the area.
    assert (left + right) / 2 == pytest.approx((m.MAP_LEFT + m.MAP_RIGHT) / 2)
    assert (top + bottom) / 2 == pytest.approx((m.MAP_TOP + m.MAP_BOTTOM) / 2)


def test_north_is_up() -> None:
    fit = fit_map(Bounds(0, 0, 100, 100))
    assert fit.place(0, 100)[1] < fit.place(0, 0)[1]


def test_the_map_and_legend_stay_inside_title_safe_and_apart() -> None:
    assert g.SAFE_LEFT <= m.MAP_LEFT < m.MAP_RIGHT < m.LEGEND_LEFT < m.LEGEND_RIGHT
    assert m.LEGEND_RIGHT <= g.SAFE_RIGHT
    assert m.MAP_BOTTOM <= g.SAFE_BOTTOM
    assert m.LEGEND_SMALL_PX >= 28
    assert m.LEGEND_NAME_PX >= 28


def test_counties_wear_their_leaders_colour_and_bucket() -> None:
    race = made_up_race(NAMES, state="FL", silent=["12005"], tied=["12007"])
    content = map_content(screen_input(race), "FL", NAMES)
    assert content is not None
    keys = colour_keys(race)
    assert content.results is not None
    for fips, look in content.counties.items():
        county = content.results.counties[fips]
        if fips == "12005":
            assert look.state is CountyState.NOT_REPORTING
        elif fips == "12007":
            assert look.state is CountyState.TIED
        else:
            assert look.state is CountyState.LEADING
            assert county.leader is not None
            assert look.colour_key == keys[county.leader]
            assert look.bucket == margin_bucket(county.margin_points or 0)
    assert content.show_tied
    assert content.reporting.startswith("3 OF 4 COUNTIES REPORTING · ")


def test_the_legend_lists_the_top_two_and_whoever_else_leads() -> None:
    race = made_up_race(
        NAMES,
        state="FL",
        parties=("DEM", "REP", "LIB", None),
        names=("Ann Able", "Bo Baker", "Cy Cole", "Di Dunn"),
    )
    units = list(race.units)
    # Cy leads Bay alone; Di leads nowhere.
    units[2] = replace(units[2], votes=(1, 1, 50, 0))
    race = replace(race, units=tuple(units))
    data = screen_input(race)
    content = map_content(data, "FL", NAMES)
    assert content is not None
    ids = [e.candidate_id for e in content.legend]
    assert ids[:2] == [line.candidate.id for line in data.standings[0].candidates[:2]]
    assert "c2" in ids
    assert "c3" not in ids
    assert len(ids) == 3
    cy = next(e for e in content.legend if e.candidate_id == "c2")
    assert cy.counties == "1 COUNTY"
    assert cy.share.endswith("%")


def test_before_any_vote_the_legend_has_no_shares() -> None:
    race = made_up_race(NAMES, state="FL", silent=list(NAMES))
    race = replace(race, totals=(0, 0), precincts_reporting=0)
    content = map_content(screen_input(race), "FL", NAMES)
    assert content is not None
    assert all(e.share == "" and e.counties == "" for e in content.legend)
    assert len(content.legend) == 2
    assert content.reporting.startswith("0 OF 4 COUNTIES REPORTING")
    assert all(
        look.state is CountyState.NOT_REPORTING for look in content.counties.values()
    )


def test_no_race_no_content() -> None:
    race = made_up_race(NAMES, state="FL")
    data = replace(screen_input(race), race_id="elsewhere")
    assert map_content(data, "FL", NAMES) is None


def test_unmatched_units_reach_the_content() -> None:
    race = made_up_race(NAMES, state="FL")
    race = replace(race, units=(*race.units, UnitResult("x", "Atlantis", (1, 2))))
    content = map_content(screen_input(race), "FL", NAMES)
    assert content is not None
    assert content.results is not None
    assert [u.unit.name for u in content.results.unmatched] == ["Atlantis"]


def test_names_are_cased_for_air() -> None:
    race = made_up_race(NAMES, state="FL")
    shouting = tuple(replace(c, name=c.name.upper()) for c in race.candidates)
    race = replace(race, name="FLORIDA GOVERNOR", candidates=shouting)
    content = map_content(screen_input(race), "FL", NAMES)
    assert content is not None
    assert content.title == "Florida Governor"
    assert content.legend[0].name in {"Alex Rivera", "Jordan Blake"}


def test_what_states_call_their_counties() -> None:
    assert county_words(1) == "1 COUNTY"
    assert county_words(41, "FL") == "41 COUNTIES"
    assert county_words(12, "LA") == "12 PARISHES"
    assert county_words(1, "AK") == "1 BOROUGH"
    assert county_words(0) == ""


def test_before_the_shapes_come_the_words_stand_alone() -> None:
    race = made_up_race(NAMES, state="FL")
    content = map_content(screen_input(race), "FL", {})
    assert content is not None
    assert content.results is None
    assert content.counties == {}
    assert content.reporting.endswith("OF PRECINCTS REPORTING")
    assert [e.counties for e in content.legend] == ["", ""]
    assert all(e.share for e in content.legend)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Maria Gonzalez-Whitfield", ("M. Gonzalez-Whitfield", "Gonzalez-Whitfield")),
        ("Ann B. Smith Jr.", ("A. Smith Jr.", "Smith Jr.")),
        ("Cher", ()),
    ],
)
def test_short_names(name: str, forms: tuple[str, ...]) -> None:
    assert short_names(name) == forms


def test_many_candidates_close_the_legend_up() -> None:
    roomy, compact = legend_spacing(3), legend_spacing(5)

    def block(spacing: m.LegendSpacing) -> float:
        return spacing.name_height + spacing.share_height + spacing.swatch_height

    assert block(compact) < block(roomy)
    # Five compact blocks, the labels, the key and the time fit above the bottom.
    used = 5 * (block(compact) + 4) + 4 * compact.block_gap + 6 + 72 + 30 + 36 + 50
    assert m.LEGEND_TOP + used <= g.SAFE_BOTTOM


def test_the_state_is_named_when_the_title_does_not() -> None:
    race = replace(
        made_up_race(NAMES, state="FL"), name="President of the United States"
    )
    content = map_content(screen_input(race), "FL", NAMES)
    assert content is not None
    assert content.reporting.startswith("FLORIDA · 4 OF 4 COUNTIES REPORTING")
    named = map_content(screen_input(made_up_race(NAMES, state="FL")), "FL", NAMES)
    assert named is not None
    assert named.reporting.startswith("4 OF 4 COUNTIES")


def test_precincts_in_without_votes_is_not_a_tie() -> None:
    race = made_up_race(NAMES, state="FL")
    units = list(race.units)
    units[0] = replace(units[0], votes=(0, 0), precincts_reporting=3)
    content = map_content(screen_input(replace(race, units=tuple(units))), "FL", NAMES)
    assert content is not None
    assert content.counties["12001"].state is CountyState.NOT_REPORTING
    assert not content.show_tied
    assert content.reporting.startswith("4 OF 4 COUNTIES REPORTING")
