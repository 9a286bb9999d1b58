"""Guards the PySide6 pin: void calls must not drop references to None.

PySide6 6.12.0 decrements None's reference count on every call of a method
returning void. On Python 3.11 None is not immortal, so a board animating at
60 fps aborts with "none_dealloc" within minutes.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsRectItem


@pytest.mark.usefixtures("qtbot")
def test_void_calls_keep_none_alive() -> None:
    item = QGraphicsRectItem()
    holder = QObject()
    before = sys.getrefcount(None)
    for n in range(500):
        item.setPos(float(n), 0.0)
        holder.setObjectName("x")
    assert sys.getrefcount(None) >= before - 50
