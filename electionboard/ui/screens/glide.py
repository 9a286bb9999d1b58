"""One eased tween for a screen's changes, and how it settles for an export.

Screens glide from one poll's picture to the next over half a second. An
export renders the settled picture without cutting the glide on air:
``end_state`` draws the end, yields, and puts the frame back where it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QEasingCurve, QObject

from electionboard.ui.animation import AnimationClock, Frame


class Glide:
    """A tween reporting eased progress to ``on_frame``, 0.0 to 1.0."""

    def __init__(
        self,
        parent: QObject,
        animations: AnimationClock,
        on_frame: Frame,
        easing: QEasingCurve.Type = QEasingCurve.Type.OutCubic,
    ) -> None:
        self._on_frame = on_frame
        self._tween = animations.tween(parent, easing, on_frame)

    def start(self, msecs: int) -> None:
        """Glide from 0 over ``msecs`` (restarting if it runs)."""
        self._tween.start(msecs)

    def stop(self) -> None:
        """Stop where it is."""
        self._tween.stop()

    def is_running(self) -> bool:
        """True while it glides."""
        return self._tween.is_running()

    def progress(self) -> float:
        """The eased progress of the last frame."""
        return self._tween.progress()

    def finish(self) -> None:
        """Jump to the end."""
        self._tween.stop()
        self._on_frame(1.0)

    @contextlib.contextmanager
    def end_state(self) -> Iterator[None]:
        """The settled frame inside the block; a glide goes on where it was."""
        self._on_frame(1.0)
        try:
            yield
        finally:
            if self._tween.is_running():
                self._on_frame(self._tween.progress())
