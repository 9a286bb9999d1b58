"""Colour arithmetic for a look: WCAG contrast, CIEDE2000, simulated colour blindness.

Pure Python and Qt-free, so the palette's promises are unit-tested without a
screen and the pixel checks of the rendered board use the same formulas.
"""

from __future__ import annotations

import math
from enum import StrEnum

RGB = tuple[float, float, float]
"""Red, green and blue, each 0.0-1.0 (gamma-encoded sRGB unless named linear)."""
Lab = tuple[float, float, float]


class Vision(StrEnum):
    """Normal vision and the three dichromacies Machado et al. (2009) model."""

    NORMAL = "normal"
    PROTANOPIA = "protanopia"
    DEUTERANOPIA = "deuteranopia"
    TRITANOPIA = "tritanopia"


_MACHADO: dict[Vision, tuple[RGB, RGB, RGB]] = {
    # Machado, Oliveira and Fernandes, "A Physiologically-based Model for
    # Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009: the
    # severity 1.0 matrices, which act on linear RGB.
    Vision.PROTANOPIA: (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    Vision.DEUTERANOPIA: (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    Vision.TRITANOPIA: (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def rgb(colour: str) -> RGB:
    """``#rrggbb`` as three 0-1 channels."""
    if len(colour) != 7 or not colour.startswith("#"):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return red, green, blue


def hex_colour(channels: RGB) -> str:
    """Three 0-1 channels as ``#rrggbb`` (clipped and rounded)."""
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in channels)


def to_linear(value: float) -> float:
    """One sRGB channel decoded to linear light."""
    if value <= 0.04045:
        return value / 12.92
    return float(((value + 0.055) / 1.055) ** 2.4)


def to_srgb(value: float) -> float:
    """One linear channel encoded to sRGB (clipped to 0-1)."""
    value = min(1.0, max(0.0, value))
    if value <= 0.0031308:
        return value * 12.92
    return float(1.055 * value ** (1 / 2.4) - 0.055)


def relative_luminance(colour: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = (to_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: RGB | str, second: RGB | str) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0, whichever is lighter."""
    a = relative_luminance(rgb(first) if isinstance(first, str) else first)
    b = relative_luminance(rgb(second) if isinstance(second, str) else second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def simulate(colour: RGB, vision: Vision) -> RGB:
    """How ``colour`` looks to a dichromat (Machado 2009, full severity)."""
    if vision is Vision.NORMAL:
        return colour
    linear = [to_linear(c) for c in colour]
    matrix = _MACHADO[vision]
    return tuple(  # type: ignore[return-value]
        to_srgb(sum(m * c for m, c in zip(row, linear, strict=True))) for row in matrix
    )


def lab(colour: RGB) -> Lab:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (to_linear(c) for c in colour)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005), kL=kC=kH=1."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl = l2 - l1
    dc = c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    elif h2p - h1p > 180:
        dh = h2p - h1p - 360
    else:
        dh = h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lp = (l1 + l2) / 2
    cp = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp = (h1p + h2p + 360) / 2
    else:
        hp = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp - 30))
        + 0.24 * math.cos(math.radians(2 * hp))
        + 0.32 * math.cos(math.radians(3 * hp + 6))
        - 0.20 * math.cos(math.radians(4 * hp - 63))
    )
    d_theta = 30 * math.exp(-(((hp - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cp**7 / (cp**7 + 25**7))
    sl = 1 + 0.015 * (lp - 50) ** 2 / math.sqrt(20 + (lp - 50) ** 2)
    sc = 1 + 0.045 * cp
    sh = 1 + 0.015 * cp * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh)
    )


def difference(first: str, second: str, vision: Vision = Vision.NORMAL) -> float:
    """CIEDE2000 between two ``#rrggbb`` colours as seen with ``vision``."""
    return ciede2000(
        lab(simulate(rgb(first), vision)), lab(simulate(rgb(second), vision))
    )
