"""Keeps the studio display awake all night, where the platform allows it.

Linux asks the session's org.freedesktop.ScreenSaver over D-Bus (the desktop
drops the inhibition by itself if the app dies), else runs ``xdg-screensaver
suspend`` for the window; Windows sets the thread's execution state; macOS is
not handled and says so once. Nothing here may fail the board: a backend that
is missing or refuses is logged once and the next one is tried.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

log = logging.getLogger(__name__)

SCREEN_SAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREEN_SAVER_PATH = "/org/freedesktop/ScreenSaver"
XDG_TIMEOUT = 5.0
"""Seconds xdg-screensaver may take to start its watcher and return."""


class Backend(Protocol):
    """One way of keeping the display awake."""

    name: str

    def inhibit(self, application: str, reason: str, window_id: int, /) -> bool:
        """Start keeping the display awake; False when not possible here.

        Positional-only, so a backend names what it ignores with an underscore.
        """
        ...

    def release(self) -> None:
        """Let the display sleep again; never raises."""
        ...


class DBusScreenSaver:
    """org.freedesktop.ScreenSaver Inhibit / UnInhibit on the session bus.

    Args:
        bus: the connection to use; the session bus by default.
    """

    name = "D-Bus org.freedesktop.ScreenSaver"

    def __init__(self, bus: Callable[[], QDBusConnection] | None = None) -> None:
        self._bus = bus
        self._interface: QDBusInterface | None = None
        self._cookie: int | None = None

    def inhibit(self, application: str, reason: str, _window_id: int) -> bool:
        """Ask the session's screen saver service for an inhibition cookie."""
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError:  # a PySide6 build without QtDBus
            log.info("no QtDBus in this PySide6")
            return False

        bus = self._bus() if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus: %s", bus.lastError().message())
            return False
        interface = QDBusInterface(
            SCREEN_SAVER_SERVICE, SCREEN_SAVER_PATH, SCREEN_SAVER_SERVICE, bus
        )
        if not interface.isValid():
            log.info("no screen saver service on D-Bus")
            return False
        reply = interface.call("Inhibit", application, reason)
        arguments = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
            log.info(
                "the screen saver refused to be inhibited: %s", reply.errorMessage()
            )
            return False
        cookie = arguments[0]
        if not isinstance(cookie, int):
            return False
        self._interface, self._cookie = interface, cookie
        return True

    def release(self) -> None:
        """Hand the cookie back (the service also forgets it when we exit)."""
        interface, cookie = self._interface, self._cookie
        self._interface, self._cookie = None, None
        if interface is None or cookie is None:
            return
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        # Through the introspected method, so the cookie goes as the uint32 the
        # service expects; a plain call() would send a signed int and miss.
        if not QMetaObject.invokeMethod(
            interface,
            "UnInhibit",
            Qt.ConnectionType.DirectConnection,
            Q_ARG("uint", cookie),
        ):
            log.info("the screen saver did not take its cookie back")


class XdgScreenSaver:
    """``xdg-screensaver suspend WINDOW``, resumed at release (X11 only)."""

    name = "xdg-screensaver"

    def __init__(self) -> None:
        self._window: int | None = None

    def inhibit(self, _application: str, _reason: str, window_id: int) -> bool:
        """Suspend the screen saver for the life of ``window_id``."""
        if not window_id or not _run_xdg("suspend", window_id):
            return False
        self._window = window_id
        return True

    def release(self) -> None:
        """Resume the screen saver."""
        if self._window is not None:
            window, self._window = self._window, None
            _run_xdg("resume", window)


def _run_xdg(verb: str, window_id: int) -> bool:
    """Run xdg-screensaver; it leaves its own watcher running in the background."""
    program = shutil.which("xdg-screensaver")
    if program is None:
        return False
    try:
        done = subprocess.run(
            [program, verb, f"0x{window_id:x}"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=XDG_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.info("xdg-screensaver %s failed: %s", verb, error)
        return False
    if done.returncode != 0:
        log.info("xdg-screensaver %s exited with %d", verb, done.returncode)
    return done.returncode == 0


class WindowsExecutionState:
    """SetThreadExecutionState: the display and the system stay on."""

    name = "SetThreadExecutionState"
    _CONTINUOUS = 0x80000000
    _SYSTEM_REQUIRED = 0x00000001
    _DISPLAY_REQUIRED = 0x00000002

    def inhibit(self, _application: str, _reason: str, _window_id: int) -> bool:
        """Keep the display required until released."""
        flags = self._CONTINUOUS | self._SYSTEM_REQUIRED | self._DISPLAY_REQUIRED
        return self._set(flags)

    def release(self) -> None:
        """Back to the normal power policy."""
        self._set(self._CONTINUOUS)

    @staticmethod
    def _set(flags: int) -> bool:
        kernel32 = getattr(getattr(ctypes, "windll", None), "kernel32", None)
        if kernel32 is None:
            return False
        return bool(kernel32.SetThreadExecutionState(flags))


def platform_backends(platform: str = sys.platform) -> list[Backend]:
    """The ways to try on ``platform``, best first; none on macOS."""
    if platform == "win32":
        return [WindowsExecutionState()]
    if platform == "darwin":
        return []
    return [DBusScreenSaver(), XdgScreenSaver()]


NOT_INHIBITED = "screen saver not inhibited"
"""How every warning that the display may blank begins (for logs and tests)."""


def not_inhibited_words(*, macos: bool = False) -> str:
    """What a failed inhibition means for the night, and what to do about it.

    The operator reads this in the console, usually hours before anything
    blanks, so it says the consequence and the fix, not the mechanism.
    """
    if macos:
        return (
            f"{NOT_INHIBITED}: the screen saver or display sleep may blank the "
            "output during the night, because this app cannot keep a Mac awake "
            "yet. In System Settings, set the screen saver, display sleep and "
            "Lock Screen to never for the night."
        )
    return (
        f"{NOT_INHIBITED}: the screen saver may blank the output during the "
        "night: this desktop did not let us keep it awake. Turn the screen "
        "saver and screen blanking off in the desktop settings for the night."
    )


class ScreenSaverInhibitor:
    """Holds the display awake from ``inhibit`` until ``release``.

    Args:
        application: the name the desktop shows for the inhibition.
        backends: the ways to try, best first (the platform's by default).
    """

    def __init__(
        self, application: str, backends: Sequence[Backend] | None = None
    ) -> None:
        self._application = application
        self._backends = list(platform_backends() if backends is None else backends)
        self._active: Backend | None = None
        self.status = "not inhibited"
        """How the display is kept awake, or why it is not: for the console."""

    @property
    def active(self) -> bool:
        """True while some backend holds the display awake."""
        return self._active is not None

    def inhibit(self, reason: str, window_id: int = 0) -> bool:
        """Try each backend until one works; logs once when none does."""
        if self._active is not None:
            return True
        for backend in self._backends:
            try:
                worked = backend.inhibit(self._application, reason, window_id)
            except Exception:  # a broken platform API must not stop the board
                log.exception("%s failed", backend.name)
                worked = False
            if worked:
                self._active = backend
                self.status = f"screen saver inhibited ({backend.name})"
                log.info("%s", self.status)
                return True
        self.status = not_inhibited_words(
            macos=sys.platform == "darwin" and not self._backends
        )
        log.warning("%s", self.status)
        return False

    def release(self) -> None:
        """Let the display sleep again (at quit); safe to call twice."""
        backend, self._active = self._active, None
        if backend is None:
            return
        try:
            backend.release()
        except Exception:
            log.exception("%s release failed", backend.name)
        self.status = "not inhibited"
