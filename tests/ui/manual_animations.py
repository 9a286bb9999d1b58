"""An AnimationClock whose time moves only when the test says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QObject

from electionboard.ui.animation import Frame, Tween


class _ManualTween:
    """A tween that reports frames when its clock advances, as Qt would."""

    def __init__(
        self,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None,
    ) -> None:
        self._curve = QEasingCurve(easing)
        self._on_frame = on_frame
        self._on_finished = on_finished
        self._running = False
        self.duration = 0
        self.elapsed = 0
        self._progress = 0.0

    def start(self, msecs: int) -> None:
        """Tween: restart from 0; like Qt, the first frame comes at once."""
        self.duration, self.elapsed, self._running = msecs, 0, True
        self._report(0.0)

    def stop(self) -> None:
        """Tween: stop where it is."""
        self._running = False

    def is_running(self) -> bool:
        """Tween: True until the clock reaches the end or it is stopped."""
        return self._running

    def progress(self) -> float:
        """Tween: the eased progress of the last frame."""
        return self._progress

    def _report(self, linear: float) -> None:
        self._progress = self._curve.valueForProgress(linear)
        self._on_frame(self._progress)

    def advance(self, msecs: int) -> None:
        """Move on by ``msecs``: one frame, then ``finished`` at the end."""
        if not self._running:
            return
        self.elapsed = min(self.duration, self.elapsed + msecs)
        self._report(self.elapsed / self.duration if self.duration else 1.0)
        if self.elapsed >= self.duration:
            self._running = False
            if self._on_finished is not None:
                self._on_finished()


class ManualAnimations:
    """Hands out tweens that stand still until ``advance`` moves them."""

    def __init__(self) -> None:
        self.tweens: list[_ManualTween] = []

    def tween(
        self,
        _parent: QObject,
        easing: QEasingCurve.Type,
        on_frame: Frame,
        on_finished: Callable[[], None] | None = None,
    ) -> Tween:
        """AnimationClock: a tween this clock drives."""
        made = _ManualTween(easing, on_frame, on_finished)
        self.tweens.append(made)
        return made

    def advance(self, msecs: int) -> None:
        """Move every running tween on by ``msecs`` of animation time."""
        for tween in list(self.tweens):
            tween.advance(msecs)

    def running(self) -> int:
        """How many tweens are mid-flight."""
        return sum(tween.is_running() for tween in self.tweens)
