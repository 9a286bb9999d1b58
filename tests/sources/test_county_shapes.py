"""County shapes: the Census Bureau's file, projected, simplified and cached."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from electionboard.model.shapes import StateShapes
from electionboard.sources.county_shapes import (
    RawCounty,
    build_state_shapes,
    cache_path,
    load_state_shapes,
    read_census_counties,
)
from electionboard.sources.map_projection import EARTH_RADIUS_KM, Albers
from electionboard.sources.shape_simplify import SharedSimplifier, douglas_peucker


@pytest.fixture(scope="module")
def florida() -> StateShapes:
    return build_state_shapes("FL")


def test_florida_has_its_67_counties(florida: StateShapes) -> None:
    assert len(florida.counties) == 67
    assert all(c.fips.startswith("12") and len(c.fips) == 5 for c in florida.counties)
    names = florida.county_names()
    assert names["12086"] == "Miami-Dade"
    assert names["12111"] == "St. Lucie"
    assert all(len(ring) >= 3 for c in florida.counties for ring in c.rings)


def test_maine_has_its_16_counties() -> None:
    maine = build_state_shapes("me")
    assert maine.state == "ME"
    assert len(maine.counties) == 16
    # Maine is taller than wide; the projection keeps that.
    assert maine.bounds.height > 1.3 * maine.bounds.width


def test_simplified_for_air_but_not_to_nothing(florida: StateShapes) -> None:
    raw = read_census_counties("12")
    raw_points = sum(len(r) for c in raw for r in c.rings)
    points = sum(len(r) for c in florida.counties for r in c.rings)
    assert points < raw_points / 3
    assert points > 1500
    # Monroe County keeps its Keys: islands above a pixel survive.
    monroe = next(c for c in florida.counties if c.fips == "12087")
    assert len(monroe.rings) > 5


def test_neighbours_keep_the_same_border_so_no_sliver_opens() -> None:
    """Every kept vertex on a shared border is kept by each ring sharing it.

    Checked on Florida's own rings (in degrees: sharing is about vertices,
    not the projection); a ring dropped as smaller than a pixel is exempt.
    """
    rings = [ring for county in read_census_counties("12") for ring in county.rings]
    simplifier = SharedSimplifier(rings, 0.002)
    simplified = [simplifier.ring(n) for n in range(len(rings))]
    owners: dict[tuple[float, float], set[int]] = {}
    for number, ring in enumerate(rings):
        for point in ring:
            owners.setdefault(point, set()).add(number)
    kept = [set(ring) for ring in simplified]
    shared = 0
    for number, points in enumerate(kept):
        for point in points:
            for other in owners[point] - {number}:
                if kept[other]:
                    shared += 1
                    assert point in kept[other], (number, other, point)
    assert shared > 500
    assert sum(map(len, simplified)) < sum(map(len, rings)) / 3


def test_the_projection_is_equal_area() -> None:
    albers = Albers.fitted([(-87.6, 24.5), (-80.0, 31.0)])
    corners = [
        albers.project(x, y) for x, y in ((-84, 27), (-83, 27), (-83, 28), (-84, 28))
    ]
    shoelace = 0.0
    for (x1, y1), (x2, y2) in zip(corners, [*corners[1:], corners[0]], strict=True):
        shoelace += x1 * y2 - x2 * y1
    sphere = (
        EARTH_RADIUS_KM**2
        * math.radians(1)
        * (math.sin(math.radians(28)) - math.sin(math.radians(27)))
    )
    assert abs(shoelace) / 2 == pytest.approx(sphere, rel=0.005)


def test_alaska_does_not_wrap_round_the_world() -> None:
    alaska = build_state_shapes("AK")
    assert alaska.bounds.width < 4000


def test_douglas_peucker_keeps_ends_and_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)]
    assert douglas_peucker(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]


def test_a_shared_stretch_comes_out_alike_from_both_sides() -> None:
    wiggle = [(0.01 * (y % 2), float(y)) for y in range(10)]
    left = [*wiggle, (-5.0, 9.0), (-5.0, 0.0)]
    right = [*reversed(wiggle), (5.0, 0.0)]
    simplifier = SharedSimplifier([left, right], 0.5)
    a, b = simplifier.ring(0), simplifier.ring(1)
    on_border_a = {p for p in a if abs(p[0]) < 1}
    on_border_b = {p for p in b if abs(p[0]) < 1}
    assert on_border_a == on_border_b == {(0.0, 0.0), (0.01, 9.0)}


# -- the cache -------------------------------------------------------------------


class CountingReader:
    """The real reader, counting how often the shapefile is read."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, state_fips: str) -> list[RawCounty]:
        self.calls += 1
        return read_census_counties(state_fips)


def test_the_cache_is_written_and_reused(tmp_path: Path) -> None:
    reader = CountingReader()
    first = load_state_shapes("FL", tmp_path, read=reader)
    assert reader.calls == 1
    path = cache_path(tmp_path, "FL")
    assert path.is_file()
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no temporary left"
    second = load_state_shapes("FL", tmp_path, read=reader)
    assert reader.calls == 1, "the second load reads the cache, not the shapefile"
    assert second == first


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"[]",
        json.dumps({"version": 0, "source": "x", "state": "FL"}).encode(),
        json.dumps(
            {
                "version": 1,
                "source": "cb_2016_us_county_500k",
                "state": "FL",
                "bounds": [0, 0, 1, 1],
                "counties": [{"fips": "12001", "name": "A", "rings": [[0, 0, 1]]}],
            }
        ).encode(),
        b"\xff\xfe\x00",
    ],
)
def test_a_bad_cache_is_ignored_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    path = cache_path(tmp_path, "ME")
    path.write_bytes(garbage)
    reader = CountingReader()
    shapes = load_state_shapes("ME", tmp_path, read=reader)
    assert reader.calls == 1
    assert len(shapes.counties) == 16
    assert json.loads(path.read_text(encoding="utf-8"))["state"] == "ME"


def test_another_states_cache_is_not_taken(tmp_path: Path) -> None:
    load_state_shapes("ME", tmp_path)
    cache_path(tmp_path, "FL").write_bytes(cache_path(tmp_path, "ME").read_bytes())
    reader = CountingReader()
    assert len(load_state_shapes("FL", tmp_path, read=reader).counties) == 67
    assert reader.calls == 1


def test_without_a_cache_folder_it_builds_each_time() -> None:
    reader = CountingReader()
    load_state_shapes("DC", None, read=reader)
    load_state_shapes("DC", None, read=reader)
    assert reader.calls == 2


def test_an_unknown_state_or_an_empty_file_says_so() -> None:
    with pytest.raises(KeyError):
        load_state_shapes("XX", None)
    with pytest.raises(ValueError, match="no counties"):
        build_state_shapes("FL", read=lambda _fips: [])
