"""Where a big board's tiles go and how big their type is, in 1080 units.

A big board is a header line (the board's title, the results time) over a
grid of tiles: 2x2, 3x2 or 3x3, inside title-safe. Every size here is at
1920x1080; 3840x2160 doubles them, so what fits at 1080 fits at 2160. The
type never goes under the screens' 28 px floor; fewer, bigger tiles get
bigger type (a 2x2 reads from across a studio).
"""

from __future__ import annotations

from dataclasses import dataclass

from electionboard.presentation import geometry as g

GRID_SHAPES = {4: (2, 2), 6: (3, 2), 9: (3, 3)}
"""Columns and rows of each grid a big board offers."""

HEADER_TITLE_PX = 60
HEADER_TITLE_MIN_PX = 46
"""A long title shrinks this far before it elides."""
HEADER_UPDATED_PX = 32
DIVIDER_Y = 146.0
DIVIDER_HEIGHT = 4.0
TILES_TOP = 170.0
TILE_GAP = 24.0
"""Between tiles, across and down: wide enough that tiles read as one each."""
TILE_RADIUS = 12.0
CALL_EDGE = 6.0
"""The called tile's outline in the call's colour."""
STRIPE_WIDTH = 8.0
CHECK_WIDTH = 34.0
"""Room the winner's check takes before the name (a 2x2's; scaled by type)."""


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in 1080 units."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class TileType:
    """One grid's type sizes and spacing inside a tile, in 1080 units."""

    rows: int
    """Candidates each tile shows: 3 in a 2x2 or 3x2, 2 in a 3x3."""
    title_px: int
    reporting_px: int
    """How much is in, at the call strip's right."""
    name_px: int
    votes_px: int
    share_px: int
    status_px: int
    bar_height: float
    pad: float
    row_gap: float

    @property
    def party_px(self) -> int:
        """The party beside a name: capitals, smaller, never under 28."""
        return max(28, round(self.name_px * 0.78))

    @property
    def line_height(self) -> float:
        """A candidate's text line: the tallest of its texts."""
        return max(self.name_px, self.share_px, self.votes_px) * g.LINE_HEIGHT

    @property
    def row_pitch(self) -> float:
        """One candidate: text line, a little air, the bar, then the gap."""
        return self.line_height + self.bar_gap + self.bar_height + self.row_gap

    @property
    def bar_gap(self) -> float:
        """Between a candidate's figures and its bar."""
        return round(self.pad * 0.25)

    @property
    def status_height(self) -> float:
        """The call strip across the foot of the tile."""
        tallest = max(self.status_px, self.reporting_px)
        return tallest * g.LINE_HEIGHT + self.pad * 0.7

    @property
    def header_height(self) -> float:
        """The race's name line at the head of the tile."""
        return self.title_px * g.LINE_HEIGHT

    def needed_height(self) -> float:
        """The least tile height that holds every row and the call strip."""
        rows = self.rows * self.row_pitch - self.row_gap
        return (
            self.pad
            + self.header_height
            + self.pad * 0.6
            + rows
            + (self.pad * 0.6 + self.status_height)
        )


TILE_TYPES = {
    4: TileType(
        rows=3,
        title_px=40,
        reporting_px=32,
        name_px=38,
        votes_px=34,
        share_px=44,
        status_px=34,
        bar_height=22.0,
        pad=18.0,
        row_gap=12.0,
    ),
    6: TileType(
        rows=3,
        title_px=34,
        reporting_px=30,
        name_px=32,
        votes_px=28,
        share_px=38,
        status_px=30,
        bar_height=20.0,
        pad=18.0,
        row_gap=16.0,
    ),
    9: TileType(
        rows=2,
        title_px=30,
        reporting_px=28,
        name_px=30,
        votes_px=28,
        share_px=34,
        status_px=28,
        bar_height=16.0,
        pad=14.0,
        row_gap=12.0,
    ),
}
"""Type for each grid: names ~34-40 and figures ~36-44 in a 2x2, never
under 28 px in a 3x3."""


def grid_shape(grid: int) -> tuple[int, int]:
    """Columns and rows of ``grid`` tiles; raises ValueError for other counts."""
    try:
        return GRID_SHAPES[grid]
    except KeyError:
        raise ValueError(f"a big board shows 4, 6 or 9 races, not {grid}") from None


def tile_type(grid: int) -> TileType:
    """The type sizes of a ``grid``-tile board."""
    grid_shape(grid)
    return TILE_TYPES[grid]


def tile_boxes(grid: int) -> tuple[Box, ...]:
    """Every tile's rectangle, left to right then down, inside title-safe.

    The tiles share the room under the header evenly, with TILE_GAP between
    them; the last row's foot is title-safe's bottom edge.
    """
    columns, rows = grid_shape(grid)
    width = (g.SAFE_RIGHT - g.SAFE_LEFT - (columns - 1) * TILE_GAP) / columns
    height = (g.SAFE_BOTTOM - TILES_TOP - (rows - 1) * TILE_GAP) / rows
    return tuple(
        Box(
            g.SAFE_LEFT + column * (width + TILE_GAP),
            TILES_TOP + row * (height + TILE_GAP),
            width,
            height,
        )
        for row in range(rows)
        for column in range(columns)
    )


@dataclass(frozen=True, slots=True)
class TileLayout:
    """Where a tile's parts sit, relative to the tile's top left (1080 units)."""

    box: Box
    type: TileType

    @property
    def inner_left(self) -> float:
        """Where texts start: past the padding."""
        return self.type.pad

    @property
    def inner_right(self) -> float:
        """Where right-aligned figures end."""
        return self.box.width - self.type.pad

    @property
    def header_top(self) -> float:
        """Top of the race's name line."""
        return self.type.pad

    def _spare(self, title_lines: int, rows: int | None = None) -> float:
        kind = self.type
        count = kind.rows if rows is None else min(rows, kind.rows)
        used = count * kind.row_pitch - kind.row_gap if count else 0.0
        top = kind.pad + title_lines * kind.header_height + kind.pad * 0.6
        return self.status_top - kind.pad * 0.6 - top - used

    def title_lines(self, rows: int | None = None) -> int:
        """Lines the race's name may take over ``rows`` candidates (default:
        as many as the tile can show): two where the tile has the room (a
        3x2's, a 2x2's two-choice measure), else one (the name then shortens
        or elides)."""
        return 2 if self._spare(2, rows) >= 0 else 1

    def rows_top(self, rows: int | None = None, lines: int = 1) -> float:
        """Top of the first candidate's line under a name of ``lines`` lines
        when the tile shows ``rows`` (default: as many as it can).

        The name always starts at the tile's top, level with its neighbours';
        the rows sit centred between it and the call strip, so a two-choice
        measure is not top-heavy.
        """
        kind = self.type
        lines = min(lines, self.title_lines(rows))
        top = kind.pad + lines * kind.header_height + kind.pad * 0.6
        return top + max(0.0, self._spare(lines, rows)) / 2

    def row_top(self, index: int, rows: int | None = None, lines: int = 1) -> float:
        """Top of candidate ``index``'s text line (of ``rows``, under ``lines``)."""
        return self.rows_top(rows, lines) + index * self.type.row_pitch

    def bar_top(self, index: int, rows: int | None = None, lines: int = 1) -> float:
        """Top of candidate ``index``'s bar (of ``rows``, under ``lines``)."""
        kind = self.type
        return self.row_top(index, rows, lines) + kind.line_height + kind.bar_gap

    @property
    def status_top(self) -> float:
        """Top of the call strip, flush with the tile's foot."""
        return self.box.height - self.type.status_height


def tile_layouts(grid: int) -> tuple[TileLayout, ...]:
    """Each tile's layout for a ``grid``-tile board."""
    kind = tile_type(grid)
    return tuple(TileLayout(box, kind) for box in tile_boxes(grid))
