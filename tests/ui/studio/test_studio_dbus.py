"""Inhibiting the screen saver over a real, private D-Bus session bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from electionboard.ui.studio.inhibit import DBusScreenSaver, ScreenSaverInhibitor

SERVICE = Path(__file__).with_name("screensaver_service.py")

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon"
)


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A private session bus of our own, stopped after the test."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()


def test_the_screen_saver_is_inhibited_and_given_its_cookie_back(
    qtbot: QtBot, bus_address: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
        "QT_QPA_PLATFORM": "offscreen",
    }
    log = tmp_path / "service.log"
    with log.open("w") as out:
        service = subprocess.Popen(
            [sys.executable, str(SERVICE)],
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    try:
        qtbot.waitUntil(lambda: "ready" in log.read_text(), timeout=15_000)
        name = f"electionboard-test-{os.getpid()}"
        bus = QDBusConnection.connectToBus(bus_address, name)
        try:
            inhibitor = ScreenSaverInhibitor("Board", [DBusScreenSaver(lambda: bus)])
            assert inhibitor.inhibit("Election results on air")
            assert inhibitor.status.startswith("screen saver inhibited (D-Bus")
            inhibitor.release()
            qtbot.waitUntil(lambda: "UnInhibit" in log.read_text(), timeout=5000)
        finally:
            QDBusConnection.disconnectFromBus(name)
    finally:
        service.terminate()
        service.wait(10)
    assert log.read_text().splitlines() == [
        "ready",
        "Inhibit Board|Election results on air -> 7",
        "UnInhibit 7",
    ]


@pytest.mark.usefixtures("qtbot")
def test_no_service_on_the_bus_is_no_inhibition(
    bus_address: str, caplog: pytest.LogCaptureFixture
) -> None:
    name = f"electionboard-empty-{os.getpid()}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    try:
        inhibitor = ScreenSaverInhibitor("Board", [DBusScreenSaver(lambda: bus)])
        assert not inhibitor.inhibit("on air")
        assert not inhibitor.active
        assert "screen saver not inhibited" in caplog.text
    finally:
        QDBusConnection.disconnectFromBus(name)
