"""A state's county shapes for the map: read, projected, simplified, cached.

The shapes are the US Census Bureau's cartographic boundary file for
counties (2016, 1:500,000, ``cb_2016_us_county_500k``) as the ``plotly-geo``
package ships it, read with ``pyshp``. Reading, projecting and simplifying a
state takes a moment (a second or so for Texas), so the result is kept as
JSON in the cache folder, per state and version, and read from there next
time. Everything here is disk I/O: call ``load_state_shapes`` off the GUI
thread.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from electionboard.model.shapes import Bounds, CountyShape, Point, Ring, StateShapes
from electionboard.model.us_states import us_state
from electionboard.sources.map_projection import Albers, unwrapped
from electionboard.sources.shape_simplify import SharedSimplifier

log = logging.getLogger(__name__)

SOURCE = "cb_2016_us_county_500k"
CACHE_VERSION = 1
"""Bump when the projection, simplification or file layout changes."""
MAP_PIXELS_AT_UHD = 1700.0
"""About the most pixels a state's longer side takes on the map at 2160 lines."""
TOLERANCE_PIXELS = 1.0
"""Douglas-Peucker's tolerance, in pixels at that size: below what shows."""
DIGITS = 3
"""Kilometres are kept to the metre in the cache."""


@dataclass(frozen=True, slots=True)
class RawCounty:
    """One county as the file has it: rings of (longitude, latitude)."""

    fips: str
    name: str
    rings: tuple[tuple[Point, ...], ...]


CountyReader = Callable[[str], list[RawCounty]]
"""Reads a state's counties, given its two-digit FIPS code."""


def read_census_counties(state_fips: str) -> list[RawCounty]:
    """The state's counties from the Census Bureau's file in ``plotly-geo``."""
    # pyshp (and the urllib, http and email modules it loads) only when a map
    # first needs a state's shapes, on a worker: not on a board's start path.
    import shapefile  # type: ignore[import-untyped]  # pyshp ships no types

    folder = resources.files("_plotly_geo") / "package_data"
    with (
        (folder / f"{SOURCE}.shp").open("rb") as shp,
        (folder / f"{SOURCE}.shx").open("rb") as shx,
        (folder / f"{SOURCE}.dbf").open("rb") as dbf,
    ):
        reader = shapefile.Reader(shp=shp, shx=shx, dbf=dbf, encoding="utf-8")
        counties = []
        for record in reader.iterShapeRecords():
            if record.record["STATEFP"] != state_fips:
                continue
            shape = record.shape
            starts = [*shape.parts, len(shape.points)]
            rings = tuple(
                tuple((float(x), float(y)) for x, y in shape.points[a:b])
                for a, b in itertools.pairwise(starts)
            )
            counties.append(
                RawCounty(
                    str(record.record["GEOID"]), str(record.record["NAME"]), rings
                )
            )
    return sorted(counties, key=lambda county: county.fips)


def build_state_shapes(
    state: str, read: CountyReader = read_census_counties
) -> StateShapes:
    """Read, project and simplify one state's counties (no cache).

    Raises:
        KeyError: the code names no state.
        ValueError: the file has no counties for the state.
    """
    info = us_state(state)
    raw = read(info.fips)
    if not raw:
        raise ValueError(f"{SOURCE} has no counties for {info.name}")
    crosses = info.postal == "AK"
    lonlat = [
        [
            [(unwrapped(x, crosses_antimeridian=crosses), y) for x, y in ring]
            for ring in c.rings
        ]
        for c in raw
    ]
    projection = Albers.fitted(p for county in lonlat for ring in county for p in ring)
    projected = [
        [[projection.project(x, y) for x, y in ring] for ring in county]
        for county in lonlat
    ]
    flat = [ring for county in projected for ring in county]
    bounds = _bounds(p for ring in flat for p in ring)
    tolerance = max(bounds.width, bounds.height) / MAP_PIXELS_AT_UHD * TOLERANCE_PIXELS
    simplifier = SharedSimplifier(flat, tolerance)
    counties = []
    number = 0
    for county, rings in zip(raw, projected, strict=True):
        kept: list[Ring] = []
        for _ in rings:
            simple = simplifier.ring(number)
            number += 1
            if simple:
                kept.append(_rounded(simple))
        if not kept:
            # Smaller than a pixel everywhere: keep its largest ring as it is.
            kept.append(_rounded(max(rings, key=len)))
        counties.append(CountyShape(county.fips, county.name, tuple(kept)))
    return StateShapes(info.postal, tuple(counties), bounds)


def _rounded(ring: list[Point]) -> Ring:
    return tuple((round(x, DIGITS), round(y, DIGITS)) for x, y in ring)


def _bounds(points: Any) -> Bounds:
    xs, ys = zip(*points, strict=True)
    return Bounds(min(xs), min(ys), max(xs), max(ys))


# -- the cache -------------------------------------------------------------------


def cache_path(cache_dir: Path, state: str) -> Path:
    """Where a state's shapes are kept: one file per state and version."""
    return cache_dir / f"county-shapes-v{CACHE_VERSION}-{us_state(state).postal}.json"


def _to_json(shapes: StateShapes) -> dict[str, Any]:
    b = shapes.bounds
    return {
        "version": CACHE_VERSION,
        "source": SOURCE,
        "state": shapes.state,
        "bounds": [b.min_x, b.min_y, b.max_x, b.max_y],
        "counties": [
            {
                "fips": c.fips,
                "name": c.name,
                "rings": [[v for point in ring for v in point] for ring in c.rings],
            }
            for c in shapes.counties
        ],
    }


def _from_json(data: Any, state: str) -> StateShapes:
    """The shapes a cache file holds; ValueError for anything but our own file."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    if data.get("version") != CACHE_VERSION or data.get("source") != SOURCE:
        raise ValueError("another version")
    if data.get("state") != state:
        raise ValueError("another state")
    min_x, min_y, max_x, max_y = (float(v) for v in data["bounds"])
    counties = []
    for county in data["counties"]:
        rings = []
        for flat in county["rings"]:
            values = [float(v) for v in flat]
            if len(values) < 6 or len(values) % 2:
                raise ValueError("a ring with fewer than three points")
            rings.append(tuple(zip(values[::2], values[1::2], strict=True)))
        if not rings:
            raise ValueError("a county without rings")
        counties.append(
            CountyShape(str(county["fips"]), str(county["name"]), tuple(rings))
        )
    if not counties:
        raise ValueError("no counties")
    return StateShapes(state, tuple(counties), Bounds(min_x, min_y, max_x, max_y))


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=path.name, suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_state_shapes(
    state: str,
    cache_dir: Path | None,
    read: CountyReader = read_census_counties,
) -> StateShapes:
    """A state's shapes from the cache, else built (and cached for next time).

    ``cache_dir`` is the per-user cache folder the app passes in
    (``settings.user_dir("cache")``); None builds without caching. A cache
    file that cannot be read or is not ours is ignored and rebuilt; a cache
    that cannot be written only costs the next start the build again.
    Disk I/O: never call it on the GUI thread.

    Raises:
        KeyError: the code names no state.
    """
    postal = us_state(state).postal
    path = cache_path(cache_dir, postal) if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            return _from_json(json.loads(path.read_text(encoding="utf-8")), postal)
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.info("rebuilding %s: the cached shapes are unusable (%s)", path, error)
    shapes = build_state_shapes(postal, read)
    if path is not None:
        try:
            _write_atomically(path, json.dumps(_to_json(shapes), separators=(",", ":")))
        except OSError as error:
            log.warning(
                "could not cache the %s county shapes at %s: %s", postal, path, error
            )
    return shapes
