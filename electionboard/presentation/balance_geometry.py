"""Where the balance of power screen's parts sit, in 1080 units, and how its
bar divides: every text inside title-safe and at least 34 px at 1080.

The bar runs across title-safe; block spans and control lines are fractions
of it, so the scene turns a glide's in-between counts into widths with the
same arithmetic as the end state.
"""

from __future__ import annotations

from collections.abc import Sequence

from electionboard.model.balance import majority
from electionboard.presentation import geometry as g

TITLE_PX = 64
SUBTITLE_PX = 38
UPDATED_PX = 34
SIDE_Y = 240.0
SIDE_NAME_PX = 46
NUMBER_Y = 298.0
NUMBER_PX = 168
STATUS_Y = 506.0
STATUS_PX = 36
STRIPE_WIDTH = 12.0
STRIPE_GAP = 22.0
SIDE_MAX_WIDTH = 640.0
CONTROL_PX = 38
BAR_TOP = 584.0
BAR_HEIGHT = 136.0
BLOCK_GAP = 4.0
"""Track showing between two blocks, so neighbours never blur together."""
MARKER_OVERHANG = 18.0
MARKER_WIDTH = 6.0
UNDECIDED_Y = 744.0
UNDECIDED_PX = 38
OTHERS_Y = 806.0
OTHERS_PX = 38
OTHERS_GAP = 56.0
CHIP = 28.0
BANNER_TOP = 878.0
BANNER_HEIGHT = g.SAFE_BOTTOM - BANNER_TOP
HEADLINE_PX = 54
DETAIL_PX = 36
BANNER_PAD = 28.0
BAR_LEFT = g.SAFE_LEFT
BAR_WIDTH = g.SAFE_RIGHT - g.SAFE_LEFT


def block_spans(counts: Sequence[float], total: float) -> list[tuple[float, float]]:
    """Each block's (start, end) as bar fractions, left to right, in count order.

    The last block is the right side's and is drawn from the right edge, so
    an undecided middle and rounding never push it off its end.
    """
    if total <= 0:
        return [(0.0, 0.0) for _ in counts]
    spans = []
    x = 0.0
    for count in counts[:-1]:
        width = max(0.0, count) / total
        spans.append((x, min(1.0, x + width)))
        x = min(1.0, x + width)
    if counts:
        last = max(0.0, counts[-1]) / total
        spans.append((max(0.0, 1.0 - last), 1.0))
    return spans


def marker_fractions(needed: int, total: int) -> tuple[float, ...]:
    """Where control lines go: the middle for a majority, else from each end."""
    if total <= 0 or needed > total:
        return ()
    if needed == majority(total):
        return (0.5,)
    start = needed / total
    return tuple(sorted({start, 1.0 - start}))
