"""Where long work on a worker thread lets a frame on the GUI thread go first.

Python hands the GIL to a waiting thread only after the switch interval, and
a GUI thread painting a frame asks for it again after nearly every Qt call
(PySide releases it around them). So while a poll's worker computes, each
frame of a glide pays that wait dozens of times: 50-130 ms frames on the
statewide feed. Loops that walk a night a race at a time (parse, tabulate,
reconcile) call ``pause_point`` between races; the UI installs a gate that
holds a worker there while a frame is being made (``ui/frame_gate.py``).
With no gate installed, as in every headless use, it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Gate = Callable[[], None]
"""Returns at once, or once the frame being made is done (or overdue)."""

_gate: Gate | None = None


def pause_point() -> None:
    """Let a frame being made finish first, if a gate is installed."""
    gate = _gate
    if gate is not None:
        gate()


def install_gate(gate: Gate | None) -> Gate | None:
    """Make ``gate`` the one ``pause_point`` calls (None: none); return the old."""
    global _gate
    previous, _gate = _gate, gate
    return previous
