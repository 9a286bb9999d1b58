"""A pill drawn from its image of itself gives exactly the pixels of drawing it.

Each pill is rendered twice into the same background, once through
``PillItem.paint`` (which draws it from an image where it can) and once with
the image path turned off, at fractional places, view scales, translucent
colours and on opaque and transparent targets; the images must be equal byte
for byte (a stroked pill's round cap to within a level in a pixel or two),
and the image path must have been the one taken (except under a see-through
plate, which is drawn directly).
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from electionboard.ui.board.items import PillItem
from electionboard.ui.fonts import board_font, register_fonts
from tests.ui.scene_render import differences, rendered

FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)
LABELS = st.sampled_from(
    ["ADVANCES", "WON", "WITHDRAWN", "TOP TWO · MARGIN 12,345 (3.4 PTS)", "RUNOFF"]
)
FORMATS = [
    QImage.Format.Format_ARGB32_Premultiplied,
    QImage.Format.Format_RGB32,
]


def render(
    scene: QGraphicsScene, scale: float, image_format: QImage.Format, *, opaque: bool
) -> QImage:
    return rendered(scene, scale=scale, image_format=image_format, gradient=opaque)


def image_of(pill: PillItem) -> QImage | None:
    """The image the pill draws itself from, None while it has none."""
    return pill._image.image


def _drawn_directly(_self: PillItem, _painter: QPainter) -> bool:
    return False


@pytest.mark.usefixtures("qapp")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=LABELS,
    pixels=st.integers(min_value=66, max_value=110),
    checked=st.booleans(),
    outline=st.booleans(),
    x=FRACTION,
    y=FRACTION,
    fill_alpha=st.sampled_from([255, 255, 200]),
    scale=st.sampled_from([1.0, 1.0, 1.25, 2.0]),
    image_format=st.sampled_from(FORMATS),
    opaque=st.booleans(),
)
@example(  # a 64th times 1.15 a hair under a 64th: the edge rounded apart
    text="ADVANCES",
    pixels=90,
    checked=False,
    outline=False,
    x=0.0,
    y=0.0,
    fill_alpha=255,
    scale=1.0,
    image_format=QImage.Format.Format_ARGB32_Premultiplied,
    opaque=False,
)
def test_pill_image_same_pixels_as_drawing_it(
    text: str,
    *,
    pixels: int,
    checked: bool,
    outline: bool,
    x: float,
    y: float,
    fill_alpha: int,
    scale: float,
    image_format: QImage.Format,
    opaque: bool,
) -> None:
    register_fonts()
    scene = QGraphicsScene(0, 0, 1000, 210)
    fill = QColor("#ffcc00")
    fill.setAlpha(fill_alpha)
    pill = PillItem(
        board_font(pixels, QFont.Weight.ExtraBold),
        fill,
        QColor(Qt.GlobalColor.black),
        outline=outline,
    )
    pill.set_content(text, checked=checked)
    pill.setPos(13 + x * 7, 21 + y * 7)
    scene.addItem(pill)
    # Off the target, Qt clips the fill: such a pill is drawn directly.
    assume(scene.sceneRect().contains(pill.sceneBoundingRect().adjusted(-2, -2, 2, 2)))
    first = render(scene, scale, image_format, opaque=opaque)
    assert image_of(pill) is None  # drawn once: directly
    made = render(scene, scale, image_format, opaque=opaque)
    # A see-through plate under its label is always drawn directly.
    assert (image_of(pill) is not None) == (outline or fill_alpha == 255)
    with mock.patch.object(PillItem, "_paint_image", _drawn_directly):
        direct = render(scene, scale, image_format, opaque=opaque)
    assert first == direct
    if checked or outline:
        # A pen's round cap and join are curves the stroker works out from
        # the pill's place: at another place their edge can round a level
        # apart, in a pixel or two.
        largest, count = differences(made, direct)
        assert largest <= 1
        assert count <= 4
    else:
        assert made == direct


@pytest.mark.usefixtures("qapp")
def test_a_pill_moved_by_whole_pixels_reuses_its_image() -> None:
    register_fonts()
    scene = QGraphicsScene(0, 0, 800, 210)
    pill = PillItem(
        board_font(88, QFont.Weight.ExtraBold), QColor("#ffcc00"), QColor("black")
    )
    pill.set_content("ADVANCES")
    scene.addItem(pill)
    pill.setPos(QPointF(10.25, 20.5))
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(pill) is None  # drawn once, directly
    render(scene, 1.0, FORMATS[0], opaque=True)
    first = image_of(pill)
    assert first is not None  # the same way again: made its image
    pill.setPos(QPointF(31.25, 24.5))
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(pill) is first
    pill.setPos(QPointF(31.5, 24.5))  # another fraction: drawn directly
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(pill) is first
    render(scene, 1.0, FORMATS[0], opaque=True)  # and again: a new image
    assert image_of(pill) is not first
    second = image_of(pill)
    pill.set_content("WON")  # another label: drawn directly, then its image
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(pill) is second
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(pill) is not second
    key = pill._image.key
    assert key is not None
    assert key[0] == "WON"


@pytest.mark.usefixtures("qapp")
def test_small_pills_are_drawn_directly() -> None:
    """Text Qt draws from its glyph cache is cheap: no image (a fading pill
    is drawn from one: tests/ui/test_faded_image.py)."""
    register_fonts()
    scene = QGraphicsScene(0, 0, 600, 110)
    small = PillItem(
        board_font(30, QFont.Weight.ExtraBold), QColor("#ffcc00"), QColor("black")
    )
    small.set_content("ADVANCES")
    scene.addItem(small)
    render(scene, 1.0, FORMATS[0], opaque=True)
    render(scene, 1.0, FORMATS[0], opaque=True)
    assert image_of(small) is None
