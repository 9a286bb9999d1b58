"""Eased animations on Qt's frame clock, behind a seam a test can drive by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

Frame = Callable[[float], None]
"""Called with the eased progress, 0.0 at the start and 1.0 at the end."""

_frame_listener: Callable[[], None] | None = None


def watch_frames(listener: Callable[[], None] | None) -> None:
    """Call ``listener`` before every frame any Qt tween makes (None: stop).

    ``ui/frame_gate.py`` holds poll workers while the frame is made.
    """
    global _frame_listener
    _frame_listener = listener


def frame_starting() -> None:
    """Work that repaints like a frame starts now on the GUI thread.

    An export's render of the end state mid-glide is one: the render and the
    repaint after it (the glide's picture put back) take as long as a frame,
    and beside a loose poll worker they took ten times as long.
    """
    listener = _frame_listener
    if listener is not None:
        listener()


class Tween(Protocol):
    """One animation from 0 to 1: started, stopped, and asked whether it runs."""

    def start(self, msecs: int) -> None:
        """Run from 0 over ``msecs`` (restarting if it runs)."""

    def stop(self) -> None:
        """Stop where it is, without reporting that it finished."""

    def is_running(self) -> bool:
        """True between ``start`` and the last frame (or ``stop``)."""

    def progress(self) -> float:
        """The eased progress of the last frame reported, 0.0 to 1.0."""


class AnimationClock(Protocol):
    """Makes the tweens of a scene or overlay.

    On air it is Qt's animation timer (``QT_ANIMATIONS``); tests pass a clock
    they move by hand, so no test samples a real animation mid-flight.
    """

    def tween(
        self,
        parent: QObject,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None = None,
    ) -> Tween:
        """A tween owned by ``parent`` that reports each eased frame."""


class _QtTween:
    """A QVariantAnimation from 0.0 to 1.0 on Qt's frame timer."""

    def __init__(
        self,
        parent: QObject,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None,
    ) -> None:
        self._on_frame = on_frame
        self._animation = QVariantAnimation(parent)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(easing)
        self._animation.valueChanged.connect(self._on_value)
        if on_finished is not None:
            self._animation.finished.connect(on_finished)

    def start(self, msecs: int) -> None:
        """Tween: run from 0 over ``msecs``."""
        self._animation.setDuration(msecs)
        self._animation.start()

    def stop(self) -> None:
        """Tween: stop where it is."""
        self._animation.stop()

    def is_running(self) -> bool:
        """Tween: True while Qt drives it."""
        return self._animation.state() == QVariantAnimation.State.Running

    def progress(self) -> float:
        """Tween: the eased value Qt last reported."""
        value = self._animation.currentValue()
        return float(value) if isinstance(value, int | float) else 1.0

    def _on_value(self, value: object) -> None:
        frame_starting()
        self._on_frame(float(value) if isinstance(value, int | float) else 1.0)


class QtAnimationClock:
    """Qt's animation timer: frames at the display's pace."""

    def tween(
        self,
        parent: QObject,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None = None,
    ) -> Tween:
        """AnimationClock: a QVariantAnimation under ``parent``."""
        return _QtTween(parent, easing, on_frame, on_finished)


QT_ANIMATIONS = QtAnimationClock()
"""The production clock; it holds no state, so every scene may share it."""
