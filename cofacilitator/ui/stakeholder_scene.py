"""The stakeholder map's picture: the power/interest grid and the chips placed on it.

Across is interest and up is power, both 0..1; the quadrant follows from them
(``answers.quadrant``). The same scene is the map a participant fills in, with chips that move,
and the picture of the answer the facilitator sees, with nothing movable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cofacilitator.answers import quadrant
from cofacilitator.sessions.schema import STAKEHOLDER_QUADRANTS
from cofacilitator.ui.form_fields import text_of
from cofacilitator.ui.palette_colours import tint

GRID = QRectF(0, 0, 640, 440)
"""The grid in scene units; the view scales it to fit, keeping its shape."""
MARGIN_LEFT = 56
MARGIN_BOTTOM = 50
STEP = 0.05
FINE_STEP = 0.01
CHIP_TEXT_LIMIT = 24
TINT = 0.22

_TITLES = {key: title.split(" (")[0] for key, title in STAKEHOLDER_QUADRANTS}
_SUBTITLES = {key: title.partition(" (")[2].rstrip(")") for key, title in STAKEHOLDER_QUADRANTS}
_HUES = {
    "keep_satisfied": QColor(239, 160, 0),
    "manage_closely": QColor(211, 47, 47),
    "monitor": QColor(96, 125, 139),
    "inform_regularly": QColor(46, 125, 50),
}


def quadrant_title(power: float, interest: float) -> str:
    return _TITLES[quadrant(power, interest)]


def scene_point(power: float, interest: float) -> QPointF:
    return QPointF(GRID.left() + interest * GRID.width(), GRID.bottom() - power * GRID.height())


def power_interest(point: QPointF) -> tuple[float, float]:
    interest = (point.x() - GRID.left()) / GRID.width()
    power = (GRID.bottom() - point.y()) / GRID.height()
    return _unit(power), _unit(interest)


def _unit(number: float) -> float:
    return round(min(1.0, max(0.0, number)), 3)


def _short(text: str) -> str:
    text = " ".join(text.split()) or "(unnamed)"
    return text if len(text) <= CHIP_TEXT_LIMIT else text[: CHIP_TEXT_LIMIT - 1] + "…"


class StakeholderChip(QGraphicsObject):
    """One stakeholder: a labelled chip centred on its power/interest point."""

    def __init__(self, name: str, note: str, palette: QPalette, *, movable: bool) -> None:
        super().__init__()
        self.name = name
        self.note = note
        self._palette = palette
        self.moved: Callable[[StakeholderChip], None] = lambda _chip: None
        flags = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        if movable:
            flags |= (
                QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            )
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFlags(flags)
        self.setZValue(1)
        self._font = QFont()
        self._font.setPointSizeF(11)
        self._update_tooltip()

    @property
    def power(self) -> float:
        return power_interest(self.pos())[0]

    @property
    def interest(self) -> float:
        return power_interest(self.pos())[1]

    def place(self, power: float, interest: float) -> None:
        self.setPos(scene_point(_unit(power), _unit(interest)))

    def rename(self, name: str, note: str) -> None:
        self.prepareGeometryChange()
        self.name, self.note = name, note
        self._update_tooltip()
        self.update()

    def boundingRect(self) -> QRectF:
        metrics = QFontMetricsF(self._font)
        width = metrics.horizontalAdvance(_short(self.name)) + 20
        height = metrics.height() + 10
        return QRectF(-width / 2, -height / 2, width, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        selected = self.isSelected()
        role = QPalette.ColorRole
        fill = self._palette.color(role.Highlight if selected else role.Button)
        text = self._palette.color(role.HighlightedText if selected else role.ButtonText)
        border = self._palette.color(role.Highlight if selected else role.Dark)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.fillPath(path, fill)
        painter.setPen(QPen(border, 3 if selected else 1.2))
        painter.drawPath(path)
        painter.setFont(self._font)
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, _short(self.name))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            point = QPointF(value)
            return QPointF(
                min(GRID.right(), max(GRID.left(), point.x())),
                min(GRID.bottom(), max(GRID.top(), point.y())),
            )
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._update_tooltip()
            self.moved(self)
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        super().mouseReleaseEvent(event)

    def _update_tooltip(self) -> None:
        where = quadrant_title(self.power, self.interest)
        note = f"\n{self.note}" if self.note else ""
        self.setToolTip(f"{self.name}: {where}{note}")


class StakeholderScene(QGraphicsScene):
    """The grid, its four labelled quadrants, the axes, and the chips on top."""

    def __init__(self, palette: QPalette, *, movable: bool) -> None:
        super().__init__()
        self.palette_ = palette
        self.movable = movable
        self.chips: list[StakeholderChip] = []
        self.setSceneRect(
            GRID.adjusted(-MARGIN_LEFT, -8, 8, MARGIN_BOTTOM),
        )
        self._draw_grid()

    def add_chip(self, name: str, note: str, power: float, interest: float) -> StakeholderChip:
        chip = StakeholderChip(name, note, self.palette_, movable=self.movable)
        chip.place(power, interest)
        self.addItem(chip)
        self.chips.append(chip)
        return chip

    def remove_chip(self, chip: StakeholderChip) -> None:
        self.chips.remove(chip)
        self.removeItem(chip)

    def clear_chips(self) -> None:
        for chip in list(self.chips):
            self.remove_chip(chip)

    def _draw_grid(self) -> None:
        palette = self.palette_
        line = QPen(palette.color(QPalette.ColorRole.Mid), 1.5)
        text_colour = palette.color(QPalette.ColorRole.Text)
        half_w, half_h = GRID.width() / 2, GRID.height() / 2
        cells = {
            "keep_satisfied": QRectF(GRID.left(), GRID.top(), half_w, half_h),
            "manage_closely": QRectF(GRID.left() + half_w, GRID.top(), half_w, half_h),
            "monitor": QRectF(GRID.left(), GRID.top() + half_h, half_w, half_h),
            "inform_regularly": QRectF(GRID.left() + half_w, GRID.top() + half_h, half_w, half_h),
        }
        title_font = QFont()
        title_font.setPointSizeF(13)
        title_font.setBold(True)
        sub_font = QFont()
        sub_font.setPointSizeF(10)
        for key, rect in cells.items():
            self.addRect(rect, line, tint(palette, _HUES[key], TINT)).setZValue(-2)
            top = rect.top() < GRID.center().y()
            title = self.addSimpleText(_TITLES[key], title_font)
            sub = self.addSimpleText(_SUBTITLES[key], sub_font)
            for item in (title, sub):
                item.setBrush(text_colour)
                item.setZValue(-1)
            title_box, sub_box = title.boundingRect(), sub.boundingRect()
            # Top quadrants are labelled at their top edge, bottom ones at their bottom edge, so
            # chips gathering near the centre lines never hide a label.
            title_y = (
                rect.top() + 8 if top else rect.bottom() - 8 - sub_box.height() - title_box.height()
            )
            title.setPos(rect.center().x() - title_box.width() / 2, title_y)
            sub.setPos(rect.center().x() - sub_box.width() / 2, title_y + title_box.height())
        axis_font = QFont()
        axis_font.setPointSizeF(12)
        axis_font.setBold(True)
        tick_font = QFont()
        tick_font.setPointSizeF(10)
        interest = self.addSimpleText("Interest →", axis_font)
        interest.setBrush(text_colour)
        box = interest.boundingRect()
        interest.setPos(GRID.center().x() - box.width() / 2, GRID.bottom() + 22)
        power = self.addSimpleText("Power →", axis_font)
        power.setBrush(text_colour)
        box = power.boundingRect()
        power.setRotation(-90)
        power.setPos(GRID.left() - 48, GRID.center().y() + box.width() / 2)
        for text, x, y in (
            ("low", GRID.left(), GRID.bottom() + 4),
            ("high", GRID.right() - 28, GRID.bottom() + 4),
        ):
            tick = self.addSimpleText(text, tick_font)
            tick.setBrush(text_colour)
            tick.setPos(x, y)
        for text, y in (("high", GRID.top() + 30), ("low", GRID.bottom())):
            tick = self.addSimpleText(text, tick_font)
            tick.setBrush(text_colour)
            tick.setRotation(-90)
            tick.setPos(GRID.left() - 22, y)


class StakeholderView(QGraphicsView):
    """Shows the scene scaled to fit; with the focus, the arrow keys move the chosen chip."""

    def __init__(self, scene: StakeholderScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(420, 320)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if scene.movable else Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Stakeholder map")

    def sizeHint(self) -> QSize:
        """The grid's own shape at the width the form gives it, so no band is left empty."""
        return QSize(600, 430)

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """A highlight frame while the map has the keyboard, so it is plain where keys go."""
        if self.hasFocus():
            painter.save()
            painter.resetTransform()
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -2, -2))
            painter.restore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.scene()
        assert isinstance(scene, StakeholderScene)
        chosen = [item for item in scene.selectedItems() if isinstance(item, StakeholderChip)]
        moves = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Left: (0, -1),
        }
        direction = moves.get(Qt.Key(event.key()))
        if direction is None or not chosen:
            super().keyPressEvent(event)
            return
        step = FINE_STEP if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else STEP
        for chip in chosen:
            chip.place(chip.power + direction[0] * step, chip.interest + direction[1] * step)
        event.accept()


def stakeholders_of(value: Any) -> list[dict[str, Any]]:
    """The readable entries of a stakeholder map answer; anything malformed is left out."""
    entries = value if isinstance(value, list) else []
    readable = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        power, interest = entry.get("power"), entry.get("interest")
        if isinstance(power, bool) or isinstance(interest, bool):
            continue
        if isinstance(power, int | float) and isinstance(interest, int | float):
            readable.append(
                {
                    "name": text_of(entry.get("name")),
                    "note": text_of(entry.get("note")),
                    "power": _unit(float(power)),
                    "interest": _unit(float(interest)),
                }
            )
    return readable


def picture_description(entries: list[dict[str, Any]]) -> str:
    """What the picture shows, in words, for screen readers and image descriptions."""
    if not entries:
        return "An empty stakeholder map."
    parts = [
        f"{e['name'] or '(unnamed)'}: {quadrant_title(e['power'], e['interest'])}" for e in entries
    ]
    return "Stakeholder map. " + "; ".join(parts) + "."


def stakeholder_map_image(value: Any, palette: QPalette, width: int) -> QImage:
    """The picture as an image (for a document), drawn with ``palette``'s colours."""
    scene = StakeholderScene(palette, movable=False)
    for entry in stakeholders_of(value):
        scene.add_chip(entry["name"], entry["note"], entry["power"], entry["interest"])
    source = scene.sceneRect()
    height = round(width * source.height() / source.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, width, height), source)
    painter.end()
    return image
