"""A stand-in org.freedesktop.ScreenSaver for the inhibit test, run as a script.

It registers on the bus in DBUS_SESSION_BUS_ADDRESS and prints one line per
call, so the test can read what a real desktop would have been asked.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

# PySide6's stub gives ClassInfo no __call__, though it is a class decorator.
class_info: Any = ClassInfo


@class_info({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaverAdaptor(QDBusAbstractAdaptor):
    """Inhibit hands out cookies 7, 8, ...; UnInhibit takes them back."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._next = 7

    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:  # D-Bus names the method
        cookie, self._next = self._next, self._next + 1
        sys.stdout.write(f"Inhibit {application}|{reason} -> {cookie}\n")
        sys.stdout.flush()
        return cookie

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:  # D-Bus names the method
        sys.stdout.write(f"UnInhibit {cookie}\n")
        sys.stdout.flush()


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    saver = QObject()
    ScreenSaverAdaptor(saver)
    bus = QDBusConnection.sessionBus()
    if not bus.registerObject("/org/freedesktop/ScreenSaver", saver):
        return 1
    if not bus.registerService("org.freedesktop.ScreenSaver"):
        return 1
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
