"""Large text filled a few glyphs at a time gives exactly Qt's pixels.

Every text is drawn twice, once by ui/board/glyphs.py and once by Qt's own
QGraphicsSimpleTextItem.paint, at fractional places, sizes past the glyph
cache, translucent colours, item opacity and view scales; the images must
be equal byte for byte, and the split fill must have been the one used.
"""

from __future__ import annotations

import contextlib
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from electionboard.ui.board import glyphs
from electionboard.ui.board.glyphs import GlyphText, one_item
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font, register_fonts

WEIGHTS = [
    QFont.Weight.DemiBold,
    QFont.Weight.Bold,
    QFont.Weight.ExtraBold,
]
TEXTS = st.text(
    alphabet="0123456789,.% -_'\u00b7\u2013\u2014\u0301AÁBCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdeéfghijklmnoóñpqrstuvwxyz",
    min_size=1,
    max_size=24,
)
FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each GlyphText.draw's answer (True: the split fill drew the text)."""
    answers: list[bool] = []
    draw = GlyphText.draw

    def counting(
        self: GlyphText, painter: QPainter, origin: QPointF | None = None
    ) -> bool:
        answer = draw(self, painter, origin)
        answers.append(answer)
        return answer

    monkeypatch.setattr(GlyphText, "draw", counting)
    return answers


def _never(
    _self: GlyphText, _painter: QPainter, _origin: QPointF | None = None
) -> bool:
    return False


def render(scene: QGraphicsScene, scale: float, *, split: bool) -> QImage:
    image = QImage(900, 400, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#1b2a41"))
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
    )
    source = scene.sceneRect()
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    qt_only = mock.patch.object(GlyphText, "draw", _never)
    try:
        with qt_only if not split else contextlib.nullcontext():
            scene.render(painter, target, source)
    finally:
        painter.end()
    return image


@pytest.mark.usefixtures("qapp")
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=TEXTS,
    lines=st.booleans(),
    pixels=st.integers(min_value=66, max_value=150),
    weight=st.sampled_from(WEIGHTS),
    x=FRACTION,
    y=FRACTION,
    alpha=st.sampled_from([255, 255, 180, 77]),
    opacity=st.sampled_from([1.0, 1.0, 0.42, 0.8]),
    scale=st.sampled_from([1.0, 1.0, 1.25, 2.0]),
)
def test_split_fill_same_pixels_as_qt(
    counted: list[bool],
    text: str,
    *,
    lines: bool,
    pixels: int,
    weight: QFont.Weight,
    x: float,
    y: float,
    alpha: int,
    opacity: float,
    scale: float,
) -> None:
    assume(text.strip())
    register_fonts()
    if lines and len(text) > 2:
        text = f"{text[: len(text) // 2]}\n{text[len(text) // 2 :]}"
    scene = QGraphicsScene(0, 0, 900 / scale, 400 / scale)
    colour = QColor("#f2f5f8")
    colour.setAlpha(alpha)
    item = TextItem(board_font(pixels, weight), colour)
    item.set_text(text)
    item.setPos(12 + x * 7, 9 + y * 5)
    item.setOpacity(opacity)
    scene.addItem(item)
    counted.clear()
    split = render(scene, scale, split=True)
    assert counted == [True], "the split fill did not draw the text"
    assert split == render(scene, scale, split=False)


@pytest.mark.parametrize(
    "text", ["a____b", "\u2014\u2014\u2014", "AVAVAV WAVE", "o\u0301o\u0301", "ffi Tj"]
)
@pytest.mark.usefixtures("qapp")
def test_touching_glyphs_same_pixels_as_qt(counted: list[bool], text: str) -> None:
    """Underscores and dashes meet in a pixel: filled apart, they would blend
    it twice (the groups keep them in one fill)."""
    register_fonts()
    scene = QGraphicsScene(0, 0, 900, 400)
    item = TextItem(board_font(140, QFont.Weight.ExtraBold), QColor("#f2f5f8"))
    item.set_text(text)
    item.setPos(12.3, 9.7)
    scene.addItem(item)
    assert render(scene, 1.0, split=True) == render(scene, 1.0, split=False)
    assert counted == [True]


@pytest.mark.usefixtures("qapp")
def test_small_text_is_left_to_qt(counted: list[bool]) -> None:
    """Text Qt draws from its glyph cache (64 pixels or less) stays Qt's."""
    register_fonts()
    scene = QGraphicsScene(0, 0, 900, 400)
    item = TextItem(board_font(58, QFont.Weight.Bold), QColor("#ffffff"))
    item.set_text("1,234,567")
    scene.addItem(item)
    render(scene, 1.0, split=True)
    assert counted == []  # not even laid out for it
    counted.clear()
    render(scene, 2.0, split=True)  # 116 device pixels: split
    assert counted == [True]


def test_other_scripts_are_left_to_qt() -> None:
    assert one_item("Kevin de León \u00b7 1,234 \u2013")
    assert not one_item("Ελένη")  # another script: Qt itemizes it apart
    assert not one_item("a\tb")
    assert not one_item("\u200fabc")  # a direction mark
    assert not one_item("co\u00adop")  # a soft hyphen


def test_touching_glyphs_share_a_group() -> None:
    """Glyphs a pixel or less apart fill together; the rest apart."""
    register_fonts()
    text = GlyphText("AV 1", board_font(120, QFont.Weight.ExtraBold))
    assert text.lines is not None
    groups = glyphs._groups(text.lines[0], 1.0, 0.3)
    assert [len(group) for group in groups] == [2, 1]


PILL_TEXTS = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ÁÉ%.,-", min_size=1, max_size=14
)


@pytest.mark.usefixtures("qapp")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=PILL_TEXTS,
    pixels=st.integers(min_value=66, max_value=120),
    checked=st.booleans(),
    outline=st.booleans(),
    x=FRACTION,
    y=FRACTION,
)
def test_pill_label_same_pixels_as_qt(
    counted: list[bool],
    text: str,
    *,
    pixels: int,
    checked: bool,
    outline: bool,
    x: float,
    y: float,
) -> None:
    assume(text.strip() == text)
    register_fonts()
    scene = QGraphicsScene(0, 0, 900, 400)
    pill = PillItem(
        board_font(pixels, QFont.Weight.ExtraBold),
        QColor("#ffcc00"),
        QColor(Qt.GlobalColor.black),
        outline=outline,
    )
    pill.set_content(text, checked=checked)
    pill.setPos(20 + x * 9, 30 + y * 9)
    scene.addItem(pill)
    counted.clear()
    # Drawn directly both times: the pill's image of itself is
    # tests/ui/test_pill_image.py's.
    with mock.patch.object(PillItem, "_paint_image", return_value=False):
        split = render(scene, 1.0, split=True)
        assert counted == [True]
        assert split == render(scene, 1.0, split=False)
