"""Title-safe and action-safe areas of a frame (EBU R 95, SMPTE ST 2046-1).

Text stays inside title-safe (the central 90%); nothing essential reaches
outside action-safe (the central 93%), which a display may crop.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

TITLE_SAFE = 0.90
ACTION_SAFE = 0.93


def safe_rect(frame: QRectF, fraction: float) -> QRectF:
    """The central ``fraction`` of ``frame`` in each direction."""
    dx = frame.width() * (1 - fraction) / 2
    dy = frame.height() * (1 - fraction) / 2
    return frame.adjusted(dx, dy, -dx, -dy)


def title_safe(frame: QRectF) -> QRectF:
    """Where text may go: 96 px and 54 px insets at 1920x1080."""
    return safe_rect(frame, TITLE_SAFE)


def action_safe(frame: QRectF) -> QRectF:
    """Where anything essential may go: 67.2 px and 37.8 px insets at 1080."""
    return safe_rect(frame, ACTION_SAFE)
