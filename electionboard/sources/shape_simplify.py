"""Simplify a state's county rings once for air, keeping shared borders shared.

Simplifying each county on its own would move the two sides of a shared
border differently and open slivers of background between neighbours. So
each ring is cut at its junctions (where the set of counties sharing a
vertex changes), every stretch between two junctions is simplified once with
Douglas-Peucker, and both neighbours take that same simplified stretch.
The Census Bureau's cartographic files give neighbours identical vertices
along shared borders, which is what lets the stretches be found by value.
"""

from __future__ import annotations

from collections.abc import Sequence

from electionboard.model.shapes import Point

RawRing = Sequence[Point]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """The distance from ``p`` to the segment ``a``-``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return float(((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    x, y = a[0] + t * dx, a[1] + t * dy
    return float(((p[0] - x) ** 2 + (p[1] - y) ** 2) ** 0.5)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """``points`` with every vertex dropped that lies within ``tolerance`` of
    the simplified line; both ends are always kept."""
    if len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0 and farthest > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _open(ring: RawRing) -> list[Point]:
    """The ring without its closing repeat of the first point."""
    points = list(ring)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def _area(ring: Sequence[Point]) -> float:
    """The ring's area (shoelace), whichever way it turns."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


class SharedSimplifier:
    """Simplifies rings so that every stretch two rings share comes out alike."""

    def __init__(self, rings: Sequence[RawRing], tolerance: float) -> None:
        self._tolerance = tolerance
        self._rings = [_open(ring) for ring in rings]
        self._owners: dict[Point, set[int]] = {}
        for number, ring in enumerate(self._rings):
            for point in ring:
                self._owners.setdefault(point, set()).add(number)
        self._done: dict[tuple[Point, ...], list[Point]] = {}

    def _junctions(self, number: int) -> list[int]:
        """Where the ring's stretches start: the owners change there."""
        ring, owners = self._rings[number], self._owners
        found = [
            i
            for i, point in enumerate(ring)
            if owners[point] != owners[ring[i - 1]]
            or owners[point] != owners[ring[(i + 1) % len(ring)]]
        ]
        if len(found) >= 2:
            return found
        # No junction (an island, an enclave): two points every ring with
        # these vertices picks alike, the least and the farthest from it.
        start = found[0] if found else min(range(len(ring)), key=ring.__getitem__)
        anchor = ring[start]
        far = max(
            range(len(ring)),
            key=lambda i: (
                (ring[i][0] - anchor[0]) ** 2 + (ring[i][1] - anchor[1]) ** 2,
                ring[i],
            ),
        )
        return sorted({start, far})

    def _stretch(self, points: list[Point]) -> list[Point]:
        """One stretch simplified, the same whichever way a ring walks it."""
        backwards = points[::-1]
        flipped = backwards < points
        key = tuple(backwards if flipped else points)
        if key not in self._done:
            self._done[key] = douglas_peucker(key, self._tolerance)
        simplified = self._done[key]
        return simplified[::-1] if flipped else list(simplified)

    def ring(self, number: int) -> list[Point]:
        """Ring ``number`` simplified; empty when it shrinks below a pixel."""
        ring = self._rings[number]
        if len(ring) < 3:
            return []
        cuts = self._junctions(number)
        if len(cuts) < 2:
            return []
        out: list[Point] = []
        for start, end in zip(cuts, [*cuts[1:], cuts[0] + len(ring)], strict=True):
            stretch = [ring[i % len(ring)] for i in range(start, end + 1)]
            out.extend(self._stretch(stretch)[:-1])
        if len(out) < 3 or _area(out) < self._tolerance**2:
            return []
        return out
