"""Where everything sits, at 1920x1080 units, scaled to the chosen raster.

All text stays inside title-safe (the central 90%: 96 px and 54 px insets at
1080); body text is at least 45 px and capitals at least 34 px.
"""

from __future__ import annotations

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

# Candidate rows.
ROWS_TOP = 232.0
ROW_HEIGHT = 80.0
BAR_HEIGHT = 56.0
CUTOFF_GAP = 48.0
MARK_WIDTH = 6.0
"""The threshold mark's stroke: wide enough to survive a downscale (no hairline)."""
STRIPE_WIDTH = 10.0
NAME_X = 126.0
NAME_PX = 48
NAME_MAX_WIDTH = 560.0
BAR_LEFT = 720.0
BAR_MAX = 640.0
VOTES_RIGHT = 1610.0
VOTES_PX = 45
SHARE_RIGHT = 1824.0
SHARE_PX = 50
TAG_PX = 34

# Banner.
BANNER_TOP = 862.0
BANNER_HEIGHT = 164.0
HEADLINE_PX = 58
HEADLINE_MIN_PX = 44
DETAIL_PX = 45
BANNER_PAD = 28.0


def row_top(index: int, cutoff_after: int | None) -> float:
    """Top of row ``index``; rows past the cutoff leave room for its line."""
    gap = CUTOFF_GAP if cutoff_after is not None and index >= cutoff_after else 0.0
    return ROWS_TOP + index * ROW_HEIGHT + gap


def cutoff_y(cutoff_after: int) -> float:
    """Centre of the gap where the cutoff line is drawn."""
    return ROWS_TOP + cutoff_after * ROW_HEIGHT + CUTOFF_GAP / 2
