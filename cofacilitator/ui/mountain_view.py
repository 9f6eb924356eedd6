"""The mountain of engagement: bands of participation, widest at the bottom, narrowest at the top.

In the form each band is one row, drawn as its slice of the mountain, with "who is here" and
"what helps them move up" beside it; rows run top to bottom as the mountain is read, while the
answer keeps the bands bottom to top (``docs/answer-values.md``). For the facilitator the answer is
drawn as the mountain itself: stacked bands narrowing to the top, who is at each band written in
it, and what moves people up written beside it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QSizePolicy, QWidget

from cofacilitator.sessions.schema import FormField
from cofacilitator.ui.form_fields import FieldWidget, short_text_edit, text_of
from cofacilitator.ui.palette_colours import tint

HUE = QColor(46, 125, 50)
TOP_WIDTH = 0.28
"""The top band's upper edge, as a share of the bottom band's width."""


def band_colour(palette: QPalette, index: int, count: int) -> QColor:
    """Deeper toward the top, blended into the palette's base so text stays readable."""
    return tint(palette, HUE, 0.12 + 0.30 * (index / max(1, count - 1)))


def band_polygon(rect: QRectF, index: int, count: int) -> QPolygonF:
    """Band ``index`` (0 at the bottom) of a mountain filling ``rect``."""
    height = rect.height() / count

    def half_width(level: float) -> float:
        return rect.width() / 2 * (1 - (1 - TOP_WIDTH) * level / count)

    centre = rect.center().x()
    bottom = rect.bottom() - index * height
    top = bottom - height
    low, high = half_width(index), half_width(index + 1)
    return QPolygonF(
        [
            QPointF(centre - low, bottom),
            QPointF(centre + low, bottom),
            QPointF(centre + high, top),
            QPointF(centre - high, top),
        ]
    )


def rows_of(bands: tuple[str, ...], value: Any) -> list[dict[str, str]]:
    """One row per band, bottom to top; a band missing from ``value`` reads as empty."""
    given = {}
    for row in value if isinstance(value, list) else []:
        if isinstance(row, dict) and isinstance(row.get("band"), str):
            given[row["band"]] = row
    names = bands or tuple(given)
    return [
        {
            "band": band,
            "who": text_of(given.get(band, {}).get("who")),
            "moves_up": text_of(given.get(band, {}).get("moves_up")),
        }
        for band in names
    ]


class BandSlice(QWidget):
    """One band's slice of the mountain, named, at the left of its row in the form."""

    def __init__(self, band: str, index: int, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.band = band
        self._index = index
        self._count = count
        self.setMinimumWidth(180)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(180, 56)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The slice is cut from a mountain as tall as all rows, so stacked rows line up.
        whole = QRectF(4, 0, self.width() - 8, self.height() * self._count)
        whole.moveBottom(self.height() * (self._index + 1) - 1)
        polygon = band_polygon(whole, self._index, self._count)
        painter.setBrush(band_colour(self.palette(), self._index, self._count))
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawPolygon(polygon)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.band)
        painter.end()


class MountainField(FieldWidget):
    """The form: one row per band, the top of the mountain first."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.bands = field.bands
        self.who: dict[str, QPlainTextEdit] = {}
        self.moves_up: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        grid.addWidget(QLabel("<b>Who is here</b>"), 0, 1)
        grid.addWidget(QLabel("<b>What helps them move up</b>"), 0, 2)
        count = len(self.bands)
        for row, index in enumerate(reversed(range(count)), start=1):
            band = self.bands[index]
            top = index == count - 1
            slice_ = BandSlice(band, index, count, self)
            who = short_text_edit(f"{band}: who is here", 2, "Who is at this band, doing what?")
            moves = short_text_edit(
                f"{band}: what helps them move up",
                2,
                "What keeps people here?" if top else "What would help them climb a band?",
            )
            who.textChanged.connect(self.announce)
            moves.textChanged.connect(self.announce)
            grid.addWidget(slice_, row, 0)
            grid.addWidget(who, row, 1)
            grid.addWidget(moves, row, 2)
            self.who[band] = who
            self.moves_up[band] = moves
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        if self.bands:
            self.setFocusProxy(self.who[self.bands[-1]])

    def value(self) -> list[dict[str, str]]:
        return [
            {
                "band": band,
                "who": self.who[band].toPlainText(),
                "moves_up": self.moves_up[band].toPlainText(),
            }
            for band in self.bands
        ]

    def set_value(self, value: Any) -> None:
        with self.quietly():
            for row in rows_of(self.bands, value):
                for edits, key in ((self.who, "who"), (self.moves_up, "moves_up")):
                    edit = edits.get(row["band"])
                    if edit is not None and edit.toPlainText() != row[key]:
                        edit.setPlainText(row[key])


def paint_mountain(
    painter: QPainter, area: QRectF, rows: list[dict[str, str]], palette: QPalette, font: QFont
) -> None:
    """The mountain on the left of ``area``; beside each band, in full, who is there and what
    helps them move up. A band is as tall as its words need, so nothing is cut off."""
    if not rows:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    mountain, notes = _columns(area)
    heights = band_heights(rows, font, notes.width())
    text = palette.color(QPalette.ColorRole.Text)
    quiet = palette.color(QPalette.ColorRole.PlaceholderText)
    bold = QFont(font)
    bold.setBold(True)
    mountain.setTop(mountain.bottom() - sum(heights))
    bottom = mountain.bottom()
    count = len(rows)
    for index, row in enumerate(rows):
        top = bottom - heights[index]
        polygon = _slice(mountain, bottom, top)
        painter.setBrush(band_colour(palette, index, count))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.2))
        painter.drawPolygon(polygon)
        painter.setPen(text)
        painter.setFont(bold)
        painter.drawText(
            QRectF(mountain.left(), top, mountain.width(), bottom - top),
            Qt.AlignmentFlag.AlignCenter,
            row["band"],
        )
        y = top + _PADDING
        for label, key in _NOTE_LINES:
            if key == "moves_up" and index == count - 1:
                label = "What keeps them here"
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QPointF(notes.left(), y + QFontMetricsF(bold).ascent()), label)
            y += QFontMetricsF(bold).lineSpacing()
            painter.setFont(font)
            painter.setPen(text if row[key] else quiet)
            lines = wrapped(row[key] or "not filled in", font, notes.width())
            metrics = QFontMetricsF(font)
            for line in lines:
                painter.drawText(QPointF(notes.left(), y + metrics.ascent()), line)
                y += metrics.lineSpacing()
            y += _GAP
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DotLine))
        right_edge = polygon.boundingRect().right()
        painter.drawLine(QPointF(right_edge + 4, bottom), QPointF(area.right() - 4, bottom))
        bottom = top


_PADDING = 8
_GAP = 4
_NOTE_LINES = (("Who is here", "who"), ("What helps them move up", "moves_up"))
_MIN_BAND = 64


def _columns(area: QRectF) -> tuple[QRectF, QRectF]:
    mountain = QRectF(area.left() + 8, area.top() + 4, area.width() * 0.42 - 8, area.height() - 8)
    notes = QRectF(mountain.right() + 24, area.top(), area.right() - mountain.right() - 32, 0)
    return mountain, notes


def _slice(mountain: QRectF, bottom: float, top: float) -> QPolygonF:
    """The part of the mountain between two heights: its sides run straight to the narrow top."""

    def half_width(y: float) -> float:
        level = (mountain.bottom() - y) / mountain.height()
        return mountain.width() / 2 * (1 - (1 - TOP_WIDTH) * level)

    centre = mountain.center().x()
    return QPolygonF(
        [
            QPointF(centre - half_width(bottom), bottom),
            QPointF(centre + half_width(bottom), bottom),
            QPointF(centre + half_width(top), top),
            QPointF(centre - half_width(top), top),
        ]
    )


def wrapped(text: str, font: QFont, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``, keeping the person's line breaks."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if metrics.horizontalAdvance(candidate) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def band_heights(rows: list[dict[str, str]], font: QFont, notes_width: float) -> list[float]:
    bold = QFont(font)
    bold.setBold(True)
    label = QFontMetricsF(bold).lineSpacing()
    line = QFontMetricsF(font).lineSpacing()
    heights = []
    for row in rows:
        needed = 2 * _PADDING
        for _label, key in _NOTE_LINES:
            needed += label + line * len(wrapped(row[key] or "not filled in", font, notes_width))
            needed += _GAP
        heights.append(max(_MIN_BAND, needed))
    return heights


def mountain_height(rows: list[dict[str, str]], font: QFont, width: int) -> int:
    _mountain, notes = _columns(QRectF(0, 0, width, 0))
    return round(sum(band_heights(rows, font, notes.width()))) + 8


def mountain_description(rows: list[dict[str, str]]) -> str:
    """What the picture shows, in words, top band first as the eye reads it."""
    if not rows:
        return "An empty mountain of engagement."
    parts = [
        f"{row['band']}: {row['who'] or 'nobody described'}"
        + (f" (moves up: {row['moves_up']})" if row["moves_up"] else "")
        for row in reversed(rows)
    ]
    return "Mountain of engagement, top band first. " + "; ".join(parts) + "."


def mountain_image(
    rows: list[dict[str, str]], palette: QPalette, font: QFont, width: int
) -> QImage:
    """The picture as an image (for a document), drawn with ``palette``'s colours."""
    height = mountain_height(rows, font, width)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    paint_mountain(painter, QRectF(0, 0, width, height), rows, palette, font)
    painter.end()
    return image
