"""Colours mixed from the palette, so washes and badges read on light and dark themes alike.

A hue is never painted as it is: it is blended into the palette's own colour behind it, which
gives a light wash on a light theme and a dark one on a dark theme, with the palette's text colour
still readable on top.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

TINT = 0.25
"""How much of a hue a wash takes by default: enough to tell apart, quiet enough to read on."""


def blend(base: QColor, hue: QColor, amount: float) -> QColor:
    """The colour ``amount`` of the way from ``base`` to ``hue`` (0 is ``base``, 1 is ``hue``)."""
    return QColor(
        round(base.red() + (hue.red() - base.red()) * amount),
        round(base.green() + (hue.green() - base.green()) * amount),
        round(base.blue() + (hue.blue() - base.blue()) * amount),
    )


def tint(palette: QPalette, hue: QColor, amount: float = TINT) -> QColor:
    """The hue mixed into the palette's base: a light wash on light themes, dark on dark."""
    return blend(palette.color(QPalette.ColorRole.Base), hue, amount)
