"""Albers equal-area conic fitted to one state, for the county map.

Equal-area, because a choropleth asks the eye to weigh coloured area: a
projection that swells the north (plain longitude and latitude, or Mercator)
would give a northern county more colour than its land. Conic, because US
states are mid-latitude and mostly wider than tall, which is where Albers
keeps shapes closest to true; with standard parallels one sixth in from the
state's south and north edges (Deetz and Adams' rule) the distortion inside
one state is well under a pixel's worth. It is the projection the Census
Bureau and USGS use for the lower 48, fitted here to each state instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Albers:
    """An Albers projection: longitude and latitude in degrees to km, y north."""

    origin_lon: float
    origin_lat: float
    parallel_1: float
    parallel_2: float

    @classmethod
    def fitted(cls, points: Iterable[tuple[float, float]]) -> Albers:
        """Centred on the points' extent, parallels one sixth in from its edges."""
        lons, lats = zip(*points, strict=True)
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        span = north - south
        return cls(
            origin_lon=(west + east) / 2,
            origin_lat=(south + north) / 2,
            parallel_1=south + span / 6,
            parallel_2=north - span / 6,
        )

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """The point on the plane, in kilometres from the origin, y north."""
        phi1, phi2 = math.radians(self.parallel_1), math.radians(self.parallel_2)
        n = (math.sin(phi1) + math.sin(phi2)) / 2
        if abs(n) < 1e-9:
            # Parallels either side of the equator: the cylindrical limit.
            x = math.radians(lon - self.origin_lon) * EARTH_RADIUS_KM
            y = math.sin(math.radians(lat)) * EARTH_RADIUS_KM
            return x, y - math.sin(math.radians(self.origin_lat)) * EARTH_RADIUS_KM
        c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
        rho0 = (
            EARTH_RADIUS_KM
            * math.sqrt(c - 2 * n * math.sin(math.radians(self.origin_lat)))
            / n
        )
        rho = EARTH_RADIUS_KM * math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * math.radians(lon - self.origin_lon)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def unwrapped(lon: float, *, crosses_antimeridian: bool) -> float:
    """Alaska's Aleutians run past 180°: east longitudes become west of -180."""
    return lon - 360.0 if crosses_antimeridian and lon > 0 else lon
