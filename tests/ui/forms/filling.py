"""Filling any answer widget through its own controls, as a participant would.

Each filler types a little text into every part of its widget with the keyboard (or clicks its
buttons) and returns nothing: the tests compare what the form then says with what the store and
the hand-back file hold.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.ui.form_fields import FieldWidget, KeyedTextsField, LongTextField, MarkdownEditor
from cofacilitator.ui.list_fields import ListField, ValueExchangeField
from cofacilitator.ui.mountain_view import MountainField
from cofacilitator.ui.pick_values_field import PickValuesField
from cofacilitator.ui.stakeholder_map import StakeholderMapField
from cofacilitator.ui.table_fields import ResourcesField, RowsField


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_in_cell(qtbot: QtBot, text: str, then: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Type into the open cell editor, then leave it; the view commits the text (and opens the
    next cell on Tab) once the event loop runs, so wait for that."""
    editor = focused()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, then)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)


def pick_in_combo(qtbot: QtBot, box: QComboBox, text: str) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText() == text:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not offered")


def fill_rows(qtbot: QtBot, widget: RowsField) -> None:
    qtbot.mouseClick(widget.controls.add_button, Qt.MouseButton.LeftButton)
    last = len(widget.keys) - 1
    for column, key in enumerate(widget.keys):
        if isinstance(widget, ResourcesField) and column == widget.kind_column:
            box = focused()
            assert isinstance(box, QComboBox)
            pick_in_combo(qtbot, box, "code of conduct")
            qtbot.keyClick(box, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: widget.rows()[-1]["kind"] == "code of conduct")
            continue
        then = Qt.Key.Key_Return if column == last else Qt.Key.Key_Tab
        type_in_cell(qtbot, f"{widget.field.label}: {key}", then)
    qtbot.waitUntil(lambda: len(widget.value()) == 1)


def fill_list(qtbot: QtBot, widget: ListField) -> None:
    widget.new_item.setFocus()
    for item in ("First item", "Second item"):
        qtbot.keyClicks(widget.new_item, item)
        qtbot.keyClick(widget.new_item, Qt.Key.Key_Return)


def fill_long_text(qtbot: QtBot, widget: LongTextField) -> None:
    widget.editor.editor.setFocus()
    qtbot.keyClicks(widget.editor.editor, "It started in **2019** with three people & a cafe.")


def fill_keyed(qtbot: QtBot, widget: KeyedTextsField) -> None:
    for key, editor in widget.editors.items():
        target = editor.editor if isinstance(editor, MarkdownEditor) else editor
        target.setFocus()
        qtbot.keyClicks(target, f"About {key}")


def fill_pick(qtbot: QtBot, widget: PickValuesField) -> None:
    widget.filter.setFocus()
    qtbot.keyClicks(widget.filter, "kind")
    qtbot.keyClick(widget.filter, Qt.Key.Key_Down)
    qtbot.keyClick(widget.options, Qt.Key.Key_Space)
    widget.filter.clear()
    widget.set_ticked("Openness", True)
    widget.set_ticked("Care", True)
    pick_in_combo(qtbot, widget.defined_box, "Care")
    widget.definition.setFocus()
    qtbot.keyClicks(widget.definition, "Looking after each other")
    qtbot.keyClicks(widget.example, "We check in before every call")


def fill_map(qtbot: QtBot, widget: StakeholderMapField) -> None:
    for name in ("Funders", "Core team"):
        widget.new_name.setFocus()
        qtbot.keyClicks(widget.new_name, name)
        qtbot.keyClick(widget.new_name, Qt.Key.Key_Return)
    widget.chip("Core team").place(0.9, 0.85)


def fill_mountain(qtbot: QtBot, widget: MountainField) -> None:
    for band in widget.bands:
        widget.who[band].setFocus()
        qtbot.keyClicks(widget.who[band], f"People at {band}")
        qtbot.keyClicks(widget.moves_up[band], "An invitation")


def fill_exchange(qtbot: QtBot, widget: ValueExchangeField) -> None:
    for side in widget.sides.values():
        fill_list(qtbot, side)


def fill(qtbot: QtBot, widget: FieldWidget) -> None:
    if isinstance(widget, RowsField):
        fill_rows(qtbot, widget)
    elif isinstance(widget, ListField):
        fill_list(qtbot, widget)
    elif isinstance(widget, LongTextField):
        fill_long_text(qtbot, widget)
    elif isinstance(widget, KeyedTextsField):
        fill_keyed(qtbot, widget)
    elif isinstance(widget, PickValuesField):
        fill_pick(qtbot, widget)
    elif isinstance(widget, StakeholderMapField):
        fill_map(qtbot, widget)
    elif isinstance(widget, MountainField):
        fill_mountain(qtbot, widget)
    elif isinstance(widget, ValueExchangeField):
        fill_exchange(qtbot, widget)
    else:
        raise AssertionError(f"no filler for {type(widget).__name__}")
