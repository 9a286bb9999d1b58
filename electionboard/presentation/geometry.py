"""Where everything sits, at 1920x1080 units, scaled to the chosen raster.

All text stays inside title-safe (the central 90%: 96 px and 54 px insets at
1080); body text is at least 45 px and capitals at least 34 px. 3840x2160 is
the same layout doubled, so what fits at 1080 fits at 2160.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BASE_WIDTH = 1920


@dataclass(frozen=True, slots=True)
class Raster:
    """A broadcast frame size."""

    width: int
    height: int

    @property
    def scale(self) -> float:
        """Multiplier from 1080-line units to this raster's pixels."""
        return self.width / BASE_WIDTH

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


HD = Raster(1920, 1080)
UHD = Raster(3840, 2160)
RASTERS = {str(HD): HD, str(UHD): UHD}


def parse_raster(text: str) -> Raster:
    """``1920x1080`` or ``3840x2160``; raises ValueError for anything else."""
    try:
        return RASTERS[text.strip().lower()]
    except KeyError:
        known = ", ".join(RASTERS)
        raise ValueError(f"unsupported size {text!r} (use {known})") from None


# Type: mixed-case text is at least BODY_MIN_PX, all-capitals at least CAPS_MIN_PX.
BODY_MIN_PX = 45
CAPS_MIN_PX = 34

# Title-safe box.
SAFE_LEFT = 96.0
SAFE_RIGHT = 1824.0
SAFE_TOP = 54.0
SAFE_BOTTOM = 1026.0

# Header.
TITLE_Y = 54.0
TITLE_PX = 64
TITLE_MAX_WIDTH = 1100.0
TITLE_GAP = 32.0
"""Room kept between the title and the time stamp or STALE badge right of it."""
SUBTITLE_Y = 142.0
SUBTITLE_PX = 38
SMALL_CAPS_PX = 34
RULE_Y = 206.0
RULE_HEIGHT = 4.0

# Candidate rows: the board's fixed columns. Vertical sizes depend on how many
# rows there are; ``board_layout`` works them out.
ROWS_TOP = 232.0
CUTOFF_GAP = 48.0
ROUNDS_FOOTER = CUTOFF_GAP
"""Room under a ranked-choice round's rows for the inactive ballots and the
threshold's label, clear of the banner (no taller than a cutoff's gap, so
``rows_that_fit`` holds)."""
MARK_WIDTH = 6.0
"""The threshold mark's stroke: wide enough to survive a downscale (no hairline)."""
GRID_WIDTH = 2.0
"""The share axis's gridlines (every AXIS_STEP percent), behind the bars."""
STRIPE_WIDTH = 10.0
NAME_X = 126.0
NAME_MAX_WIDTH = 560.0
PARTY_GAP = 16.0
BAR_LEFT = 720.0
BAR_MAX = 590.0
"""The track: short enough that a 7-digit count (1,812,440) at body size keeps
FIGURE_GAP clear of its end beside a share like 57.0%."""
VOTES_RIGHT = 1610.0
FIGURE_GAP = 28.0
"""At least this much between the vote count and the share."""
SHARE_RIGHT = 1824.0

# Banner.
BANNER_TOP = 862.0
"""The lowest the banner sits: its bottom on title-safe's bottom edge."""
BANNER_HEIGHT = 164.0
ROWS_BANNER_GAP = 16.0
HEADLINE_PX = 58
HEADLINE_MIN_PX = 44
DETAIL_PX = 45
BANNER_PAD = 28.0

# How tall text stands: the bundled font (Inter) draws a line ascent plus
# descent of 1.21 times its pixel size, rounded up.
LINE_HEIGHT = 1.22

# Row pitch: at MIN_PITCH the row's texts are at the minimum body size with a
# little air between rows; past MAX_PITCH bars would look bloated.
MIN_PITCH = 58.0
MAX_PITCH = 144.0

# A title too long for one line at TITLE_MIN_PX takes two at TITLE_TWO_LINE_PX
# (still body size), and everything below the title moves down to make room.
TITLE_MIN_PX = 48
TITLE_TWO_LINE_PX = 46
TITLE_TWO_LINE_EXTRA = float(
    math.ceil(2 * TITLE_TWO_LINE_PX * LINE_HEIGHT - TITLE_PX * LINE_HEIGHT)
)

# The share axis: the track reaches the next AXIS_STEP above the leader.
AXIS_STEP = 10.0


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


@dataclass(frozen=True, slots=True)
class BoardLayout:
    """Where the header, the rows and the banner go for one board, 1080 units.

    Rows share the room between the header and the banner evenly, up to
    MAX_PITCH; the banner follows the last row, so no dead band opens between
    them, and never sits lower than BANNER_TOP.
    """

    rows: int
    cutoff_after: int | None
    title_lines: int
    subtitle_y: float
    rule_y: float
    rows_top: float
    pitch: float
    banner_top: float

    @property
    def bar_height(self) -> float:
        """A bar's thickness: seven tenths of the pitch."""
        return round(self.pitch * 0.7)

    @property
    def name_px(self) -> int:
        """Candidate names: 48 px at the classic 80 px pitch, 45 to 64."""
        return _clamp(self.pitch * 0.6, BODY_MIN_PX, 64)

    @property
    def votes_px(self) -> int:
        """Vote counts (figures, mixed with commas: body size)."""
        return _clamp(self.pitch * 0.5625, BODY_MIN_PX, 50)

    @property
    def share_px(self) -> int:
        """The share, the row's biggest figure."""
        return _clamp(self.pitch * 0.625, BODY_MIN_PX, 58)

    @property
    def tag_px(self) -> int:
        """Party tags and chips: all capitals."""
        return _clamp(self.pitch * 0.425, CAPS_MIN_PX, 44)

    def row_top(self, index: int) -> float:
        """Top of row ``index``; rows past the cutoff leave room for its line."""
        after = self.cutoff_after
        gap = CUTOFF_GAP if after is not None and index >= after else 0.0
        return self.rows_top + index * self.pitch + gap

    def bar_top(self, index: int) -> float:
        """Top of row ``index``'s bar, centred in the row."""
        return self.row_top(index) + (self.pitch - self.bar_height) / 2

    @property
    def rows_bottom(self) -> float:
        """Bottom of the last row."""
        return self.row_top(self.rows) if self.rows else self.rows_top

    def cutoff_y(self) -> float | None:
        """Centre of the gap where the cutoff line is drawn, None without one."""
        if self.cutoff_after is None:
            return None
        return self.rows_top + self.cutoff_after * self.pitch + CUTOFF_GAP / 2


def header_extra(title_lines: int) -> float:
    """How far a two-line title pushes everything below it down."""
    return TITLE_TWO_LINE_EXTRA if title_lines > 1 else 0.0


def _room(title_lines: int, *, cutoff: bool, footer: float = 0.0) -> float:
    """Height the rows may fill between the header and the lowest banner."""
    top = ROWS_TOP + header_extra(title_lines)
    gap = CUTOFF_GAP if cutoff else 0.0
    return BANNER_TOP - ROWS_BANNER_GAP - top - gap - footer


def rows_that_fit() -> int:
    """How many rows any board can take at the minimum body size.

    The rule tied to the raster: rows at MIN_PITCH between the tallest header
    (a two-line title) and the banner at the bottom of title-safe, with room
    for a cutoff line. 9 at 1920x1080 and (doubled) at 3840x2160; a race with
    more candidates shows the first eight and 'N OTHERS'.
    """
    return math.floor(_room(2, cutoff=True) / MIN_PITCH)


def board_layout(
    rows: int,
    cutoff_after: int | None,
    *,
    title_lines: int = 1,
    footer: float = 0.0,
) -> BoardLayout:
    """The layout for ``rows`` rows (at most ``rows_that_fit()``).

    ``footer`` keeps that much room between the last row and the banner.
    """
    cutoff = cutoff_after is not None and rows > cutoff_after
    room = _room(title_lines, cutoff=cutoff, footer=footer)
    pitch = min(MAX_PITCH, max(MIN_PITCH, room / rows)) if rows else MAX_PITCH
    extra = header_extra(title_lines)
    rows_top = ROWS_TOP + extra
    rows_bottom = rows_top + rows * pitch + (CUTOFF_GAP if cutoff else 0.0)
    return BoardLayout(
        rows=rows,
        cutoff_after=cutoff_after if cutoff else None,
        title_lines=title_lines,
        subtitle_y=SUBTITLE_Y + extra,
        rule_y=RULE_Y + extra,
        rows_top=rows_top,
        pitch=pitch,
        banner_top=min(BANNER_TOP, rows_bottom + footer + ROWS_BANNER_GAP),
    )


def share_axis(top_share: float, mark_share: float | None) -> float:
    """The share (percent) a full track stands for: an honest, rounded axis.

    The next AXIS_STEP above the biggest bar (a 41% leader on a 50% axis, not
    a full track), reaching a threshold mark too (rounded up to a step: a
    majority race's axis is at least 50%), and never past 100%.
    """
    axis = (math.floor(top_share / AXIS_STEP) + 1) * AXIS_STEP
    if mark_share is not None:
        axis = max(axis, math.ceil(mark_share / AXIS_STEP) * AXIS_STEP)
    return min(100.0, axis)


def axis_ticks(axis_share: float) -> tuple[float, ...]:
    """Track fractions (0-1) of the gridlines every AXIS_STEP inside the axis."""
    steps = round(axis_share / AXIS_STEP)
    return tuple(k * AXIS_STEP / axis_share for k in range(1, steps))
