"""A text drawn from its image of itself gives exactly the pixels of drawing it.

Each text is rendered through ``TextItem.paint`` (which draws a whole-pixel
text from an image of itself the second time it is drawn the same way) and
with the image path turned off, at view scales, translucent colours and on
opaque and transparent targets; the images must be equal byte for byte, and
the image path must have been the one taken.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QGraphicsScene

from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font, register_fonts
from tests.ui.scene_render import rendered

TEXTS = st.sampled_from(
    [
        "RESULTS AS OF JUN 8, 12:05 AM",
        "2,172 OF 2,173 PRECINCTS · 99%",
        "TOP TWO · MARGIN 90,806",
        "Kevin de León",
        "Ájq,",
    ]
)
FORMATS = [QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_RGB32]


def render(
    scene: QGraphicsScene, scale: float, image_format: QImage.Format, *, opaque: bool
) -> QImage:
    return rendered(scene, scale=scale, image_format=image_format, gradient=opaque)


def image_of(item: TextItem) -> QImage | None:
    """The image the text draws itself from (a call: mypy narrows attributes)."""
    return item._image.image


def shown(text: str, pixels: int, colour: QColor, *, right: bool) -> QGraphicsScene:
    register_fonts()
    scene = QGraphicsScene(0, 0, 1400, 150)
    item = TextItem(
        board_font(pixels, QFont.Weight.DemiBold),
        colour,
        right_aligned=right,
        whole_pixels=True,
    )
    item.set_text(text)
    item.set_anchor(1390 if right else 10, 20)
    scene.addItem(item)
    return scene


@pytest.mark.usefixtures("qapp")
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=TEXTS,
    pixels=st.integers(min_value=44, max_value=70),  # past the glyph cache
    alpha=st.sampled_from([255, 255, 160]),
    scale=st.sampled_from([2.0, 2.0, 1.5, 2.5]),
    right=st.booleans(),
    image_format=st.sampled_from(FORMATS),
    opaque=st.booleans(),
)
def test_text_image_same_pixels_as_drawing_it(
    text: str,
    *,
    pixels: int,
    alpha: int,
    scale: float,
    right: bool,
    image_format: QImage.Format,
    opaque: bool,
) -> None:
    colour = QColor("#e8eefc")
    colour.setAlpha(alpha)
    scene = shown(text, pixels, colour, right=right)
    (item,) = scene.items()
    assert isinstance(item, TextItem)
    # Off the target, Qt clips the fill: such a text is drawn directly.
    assume(scene.sceneRect().contains(item.sceneBoundingRect().adjusted(-8, -8, 8, 8)))
    first = render(scene, scale, image_format, opaque=opaque)
    assert image_of(item) is None  # drawn once: directly
    made = render(scene, scale, image_format, opaque=opaque)
    assert image_of(item) is not None  # the same way again: its image
    with mock.patch.object(TextItem, "_paint_image", return_value=False):
        direct = render(scene, scale, image_format, opaque=opaque)
    assert first == direct
    assert made == direct


@pytest.mark.usefixtures("qapp")
def test_a_prepared_text_is_shown_from_its_image() -> None:
    scene = shown("20 OF 250 PRECINCTS · 8%", 40, QColor("#ffffff"), right=True)
    (item,) = scene.items()
    assert isinstance(item, TextItem)
    render(scene, 2.0, FORMATS[0], opaque=True)
    item.prepare(("120 OF 250 PRECINCTS · 48%",))
    prepared = item._image.image
    assert prepared is not None
    assert item.text() == "20 OF 250 PRECINCTS · 8%"
    item.set_text("120 OF 250 PRECINCTS · 48%")
    shown_image = render(scene, 2.0, FORMATS[0], opaque=True)
    assert item._image.image is prepared
    item._image.forget()
    assert render(scene, 2.0, FORMATS[0], opaque=True) == shown_image


@pytest.mark.usefixtures("qapp")
def test_a_text_placed_at_whole_pixels() -> None:
    scene = shown("RESULTS AS OF JUN 8", 41, QColor("#ffffff"), right=True)
    (item,) = scene.items()
    assert isinstance(item, TextItem)
    item.set_anchor(700.3, 20.6)
    assert item.x() == round(item.x())
    assert item.y() == round(item.y())
    assert item.sceneBoundingRect().right() <= 700.3  # inward, never past
    left = shown("RESULTS", 41, QColor("#ffffff"), right=False)
    (other,) = left.items()
    assert isinstance(other, TextItem)
    other.set_anchor(10.4, 20.6)
    assert other.x() == 11
