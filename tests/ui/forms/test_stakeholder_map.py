"""The stakeholder map: chips added, dragged into quadrants, moved with keys, renamed, removed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cofacilitator.answers import quadrant, validate_value
from cofacilitator.sessions.schema import FieldKind, FormField
from cofacilitator.ui.stakeholder_map import StakeholderMapField
from cofacilitator.ui.stakeholder_scene import (
    STEP,
    picture_description,
    scene_point,
    stakeholder_map_image,
)

from .conftest import Show

FIELD = FormField("map", FieldKind.STAKEHOLDER_MAP, "Stakeholder map")


def make_map(show: Show) -> StakeholderMapField:
    widget = show(StakeholderMapField(FIELD))
    assert isinstance(widget, StakeholderMapField)
    return widget


def add(qtbot: QtBot, widget: StakeholderMapField, name: str) -> None:
    widget.new_name.setFocus()
    qtbot.keyClicks(widget.new_name, name)
    qtbot.keyClick(widget.new_name, Qt.Key.Key_Return)


def on_screen(widget: StakeholderMapField, power: float, interest: float) -> QPoint:
    return widget.view.mapFromScene(scene_point(power, interest))


def send_mouse(
    widget: StakeholderMapField, kind: QMouseEvent.Type, at: QPoint, held: Qt.MouseButton
) -> None:
    """A mouse event with the left button held, as a real drag delivers it to the viewport."""
    viewport = widget.view.viewport()
    button = (
        Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    )
    event = QMouseEvent(
        kind,
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        button,
        held,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def test_a_stakeholder_is_dragged_into_a_quadrant_with_the_mouse(qtbot: QtBot, show: Show) -> None:
    widget = make_map(show)
    changes: list[int] = []
    widget.changed.connect(lambda: changes.append(1))
    add(qtbot, widget, "Funders")
    chip = widget.chip("Funders")
    assert quadrant(chip.power, chip.interest) == "monitor", "new chips start low on both"
    assert widget.list.item(0).text() == "Funders: Monitor and anticipate needs"

    start = on_screen(widget, chip.power, chip.interest)
    target = on_screen(widget, 0.85, 0.8)
    left = Qt.MouseButton.LeftButton
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, start, left)
    steps = 8
    for step in range(1, steps + 1):
        at = start + (target - start) * step / steps
        send_mouse(widget, QMouseEvent.Type.MouseMove, at, left)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, target, Qt.MouseButton.NoButton)

    assert chip.power >= 0.75 and chip.interest >= 0.7
    assert quadrant(chip.power, chip.interest) == "manage_closely"
    assert widget.list.item(0).text() == "Funders: Manage closely"
    assert "Manage closely" in widget.where.text()
    assert changes
    [entry] = widget.value()
    assert entry["name"] == "Funders" and validate_value(FIELD, widget.value()) == []


def test_a_chip_never_leaves_the_grid(qtbot: QtBot, show: Show) -> None:
    widget = make_map(show)
    add(qtbot, widget, "Press")
    chip = widget.chip("Press")
    chip.setPos(QPointF(-500, 5000))
    assert (chip.power, chip.interest) == (0.0, 0.0)


def test_the_chosen_chip_moves_with_the_arrow_keys(qtbot: QtBot, show: Show) -> None:
    widget = make_map(show)
    add(qtbot, widget, "Core team")
    add(qtbot, widget, "Users")
    widget.list.setCurrentRow(0)
    chip = widget.chip("Core team")
    assert chip.isSelected() and not widget.chip("Users").isSelected()
    before = (chip.power, chip.interest)

    qtbot.mouseClick(widget.move_button, Qt.MouseButton.LeftButton)
    assert widget.view.hasFocus()
    for _ in range(10):
        qtbot.keyClick(widget.view, Qt.Key.Key_Up)
        qtbot.keyClick(widget.view, Qt.Key.Key_Right)
    qtbot.keyClick(widget.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert chip.power == round(before[0] + 10 * STEP, 3)
    assert chip.interest == round(before[1] + 10 * STEP - 0.01, 3)
    assert quadrant(chip.power, chip.interest) == "manage_closely"
    assert widget.value()[1]["power"] < 0.5, "the other chip stayed where it was"


def test_rename_note_and_remove(qtbot: QtBot, show: Show) -> None:
    widget = make_map(show)
    add(qtbot, widget, "Fundrs")
    add(qtbot, widget, "Board")
    widget.list.setCurrentRow(0)
    widget.name_edit.setFocus()
    widget.name_edit.selectAll()
    qtbot.keyClicks(widget.name_edit, "Funders")
    qtbot.keyClicks(widget.note_edit, "Quarterly report")
    assert widget.value()[0]["name"] == "Funders"
    assert widget.value()[0]["note"] == "Quarterly report"
    assert widget.list.item(0).text().startswith("Funders:")

    widget.list.setCurrentRow(1)
    qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    assert [entry["name"] for entry in widget.value()] == ["Funders"]
    assert len(widget.scene.chips) == 1


def test_set_value_places_every_chip(qtbot: QtBot) -> None:
    widget = StakeholderMapField(FIELD)
    qtbot.addWidget(widget)
    value = [
        {"name": "Funders", "note": "Annual report", "power": 0.8, "interest": 0.3},
        {"name": "Newsletter readers", "note": "", "power": 0.3, "interest": 0.7},
    ]
    widget.set_value(value)
    assert widget.value() == value
    widget.set_value([{"name": "broken", "power": True, "interest": 0.2}, "junk"])
    assert widget.value() == []


def test_the_picture_is_drawn_in_the_palette(qtbot: QtBot) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    value = [{"name": "Funders", "note": "", "power": 0.8, "interest": 0.3}]
    image = stakeholder_map_image(value, palette, 600)
    assert image.width() == 600 and image.height() > 300
    assert image.pixelColor(2, 2) == QColor("#1e1e1e")
    assert picture_description(value) == "Stakeholder map. Funders: Keep satisfied."
