"""A board view's viewport: the widget Qt would make, already known to Python."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView
from pytestqt.qtbot import QtBot

from electionboard.ui.board.view import BoardView
from tests.child_python import run_python


def test_the_viewport_is_set_up_as_a_scroll_areas_own(qtbot: QtBot) -> None:
    view = BoardView(QGraphicsScene(), safe_area_key=None)
    qtbot.addWidget(view)
    plain = QGraphicsView(QGraphicsScene())
    qtbot.addWidget(plain)
    ours, qts = view.viewport(), plain.viewport()
    assert ours is view.viewport()
    assert ours.parent() is view
    assert ours.objectName() == qts.objectName()
    assert ours.backgroundRole() == qts.backgroundRole() == QPalette.ColorRole.Base
    assert ours.autoFillBackground()
    assert qts.autoFillBackground()
    assert ours.focusPolicy() == qts.focusPolicy()
    assert ours.hasMouseTracking() == qts.hasMouseTracking()


_COUNT = """
import enum
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView
from electionboard.ui.board.view import BoardView
app = QApplication([])
made = [0]
create = enum.EnumType._create_
def counted(*args, **kwargs):
    made[0] += 1
    return create(*args, **kwargs)
enum.EnumType._create_ = counted
ours = BoardView(QGraphicsScene(), safe_area_key=None)
before = made[0]
ours.viewport()
mine = made[0] - before
theirs = QGraphicsView(QGraphicsScene())
before = made[0]
theirs.viewport()
print(mine, made[0] - before)
"""


def test_asking_for_the_viewport_sets_up_no_widget_classes() -> None:
    out = run_python(_COUNT, QT_QPA_PLATFORM="offscreen")
    mine, theirs = (int(word) for word in out.split())
    assert mine == 0
    assert theirs > 20  # the cost avoided: every QWidget subclass's enums
