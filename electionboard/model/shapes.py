"""A state's counties as plane polygons: what the map draws, as plain data.

The shapes are read, projected and simplified once (``sources.county_shapes``);
the layout and the scene only scale them into the frame. Coordinates are in
kilometres on the state's own projection, y pointing north.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]
Ring = tuple[Point, ...]
"""A closed ring, its first point not repeated at the end."""


@dataclass(frozen=True, slots=True)
class CountyShape:
    """One county: its five-digit FIPS code, its name, and its rings.

    Holes and islands are rings too; drawn with the odd-even rule they come
    out right whichever way each ring turns.
    """

    fips: str
    name: str
    rings: tuple[Ring, ...]


@dataclass(frozen=True, slots=True)
class Bounds:
    """A box on the projected plane (kilometres, y north)."""

    min_x: float
    min_y: float
    max_x: float
    max_y: float

    @property
    def width(self) -> float:
        """East-west extent."""
        return self.max_x - self.min_x

    @property
    def height(self) -> float:
        """North-south extent."""
        return self.max_y - self.min_y


@dataclass(frozen=True, slots=True)
class StateShapes:
    """Every county of one state, projected and simplified for air."""

    state: str
    """The postal code ("FL")."""
    counties: tuple[CountyShape, ...]
    bounds: Bounds

    def county_names(self) -> dict[str, str]:
        """Each county's name by FIPS code, for matching units that lack one."""
        return {county.fips: county.name for county in self.counties}
