"""Each answer widget filled through its own controls, as a participant would, keyboard first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from cofacilitator.answers import validate_value
from cofacilitator.sessions.schema import FieldKind, FormField
from cofacilitator.ui.form_fields import (
    FieldWidget,
    LongTextField,
    MarkdownEditor,
    charter_field,
    roadmap_field,
)
from cofacilitator.ui.list_fields import ListField, ValueExchangeField
from cofacilitator.ui.pick_values_field import PickValuesField
from cofacilitator.ui.table_fields import InformationMapField, ResourcesField, TableField

from .conftest import Show
from .filling import focused, pick_in_combo, type_in_cell

VALUES = ("Care", "Curiosity", "Kindness", "Openness", "Respect", "Transparency")


def count_changes(widget: FieldWidget) -> list[int]:
    seen: list[int] = []
    widget.changed.connect(lambda: seen.append(1))
    return seen


def test_long_text_types_and_previews_safely(qtbot: QtBot, show: Show) -> None:
    widget = show(LongTextField(FormField("story", FieldKind.LONG_TEXT, "Origin story")))
    assert isinstance(widget, LongTextField)
    changes = count_changes(widget)
    widget.editor.editor.setFocus()
    qtbot.keyClicks(widget.editor.editor, "It began in **2019** <script>alert(1)</script>")
    assert widget.value() == "It began in **2019** <script>alert(1)</script>"
    assert changes

    qtbot.mouseClick(widget.editor.preview_button, Qt.MouseButton.LeftButton)
    assert widget.editor.previewing
    shown = widget.editor.preview.toPlainText()
    assert "It began in 2019" in shown
    assert "<script>alert(1)</script>" in shown
    assert widget.editor.preview_button.text() == "Edit"
    widget.editor.preview_button.setFocus()
    qtbot.keyClick(widget.editor.preview_button, Qt.Key.Key_Space)
    assert not widget.editor.previewing


def test_set_value_is_not_an_edit(qtbot: QtBot) -> None:
    widget = LongTextField(FormField("story", FieldKind.LONG_TEXT, "Origin story"))
    qtbot.addWidget(widget)
    changes = count_changes(widget)
    widget.set_value("Loaded from the store")
    widget.set_value(42)
    assert widget.value() == ""
    assert changes == []


def test_table_rows_added_moved_and_removed_with_keys(qtbot: QtBot, show: Show) -> None:
    field = FormField("people", FieldKind.TABLE, "People", columns=("Name", "Role", "Added"))
    widget = show(TableField(field))
    assert isinstance(widget, TableField)
    qtbot.mouseClick(widget.controls.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, "Grace")
    type_in_cell(qtbot, "Founder")
    type_in_cell(qtbot, "The first meetup", then=Qt.Key.Key_Return)

    qtbot.keyClick(widget.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    type_in_cell(qtbot, "Alan")
    type_in_cell(qtbot, "Sponsor", then=Qt.Key.Key_Return)
    assert [row["Name"] for row in widget.value()] == ["Grace", "Alan"]

    widget.table.setCurrentCell(1, 0)
    qtbot.keyClick(widget.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [row["Name"] for row in widget.value()] == ["Alan", "Grace"]
    assert widget.table.currentRow() == 0
    qtbot.mouseClick(widget.controls.down_button, Qt.MouseButton.LeftButton)
    assert [row["Name"] for row in widget.value()] == ["Grace", "Alan"]

    qtbot.keyClick(widget.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert widget.value() == [{"Name": "Grace", "Role": "Founder", "Added": "The first meetup"}]
    assert widget.table.item(0, 2).text() == "The first meetup"


def test_an_empty_row_is_no_answer(qtbot: QtBot, show: Show) -> None:
    field = FormField("people", FieldKind.TABLE, "People", columns=("Name",))
    widget = show(TableField(field))
    assert isinstance(widget, TableField)
    qtbot.mouseClick(widget.controls.add_button, Qt.MouseButton.LeftButton)
    assert widget.table.rowCount() == 1
    assert widget.value() == []


def test_list_items_typed_reordered_edited_and_removed(qtbot: QtBot, show: Show) -> None:
    widget = show(ListField(FormField("pathways", FieldKind.LIST, "Pathways")))
    assert isinstance(widget, ListField)
    widget.new_item.setFocus()
    for item in ("Mentoring", "Office hours", "Co-lead track"):
        qtbot.keyClicks(widget.new_item, item)
        qtbot.keyClick(widget.new_item, Qt.Key.Key_Return)
    assert widget.value() == ["Mentoring", "Office hours", "Co-lead track"]
    assert widget.new_item.text() == ""

    widget.list.setFocus()
    widget.list.setCurrentRow(2)
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.value() == ["Mentoring", "Co-lead track", "Office hours"]

    qtbot.keyClick(widget.list, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Co-lead path")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: widget.value() == ["Mentoring", "Co-lead path", "Office hours"])

    widget.list.setCurrentRow(0)
    qtbot.mouseClick(widget.controls.remove_button, Qt.MouseButton.LeftButton)
    assert widget.value() == ["Co-lead path", "Office hours"]


def test_pick_three_values_then_describe_one(qtbot: QtBot, show: Show) -> None:
    field = FormField("values", FieldKind.PICK_VALUES, "Core values", pick=3)
    widget = show(PickValuesField(field, VALUES))
    assert isinstance(widget, PickValuesField)

    widget.filter.setFocus()
    qtbot.keyClicks(widget.filter, "kind")
    items = [widget.options.item(row) for row in range(widget.options.count())]
    visible = [item.text() for item in items if not item.isHidden()]
    assert visible == ["Kindness"]
    qtbot.keyClick(widget.filter, Qt.Key.Key_Down)
    assert widget.options.hasFocus()
    qtbot.keyClick(widget.options, Qt.Key.Key_Space)
    assert widget.picked == ["Kindness"]

    widget.filter.clear()
    for value in ("Openness", "Care"):
        item = widget.options.findItems(value, Qt.MatchFlag.MatchExactly)[0]
        widget.options.scrollToItem(item)
        rect = widget.options.visualItemRect(item)
        check_box = QPoint(rect.left() + 10, rect.center().y())
        qtbot.mouseClick(widget.options.viewport(), Qt.MouseButton.LeftButton, pos=check_box)
    assert widget.picked == ["Kindness", "Openness", "Care"]
    assert "Picked 3 of 3" in widget.summary.text()

    fourth = widget.options.findItems("Respect", Qt.MatchFlag.MatchExactly)[0]
    assert not fourth.flags() & Qt.ItemFlag.ItemIsEnabled
    widget.set_ticked("Respect", True)
    assert widget.picked == ["Kindness", "Openness", "Care"]

    pick_in_combo(qtbot, widget.defined_box, "Openness")
    qtbot.keyClicks(widget.definition, "We work in the open by default.")
    qtbot.keyClicks(widget.example, "Roadmap discussions happen in public issues.")
    answer = widget.value()
    assert answer == {
        "picked": ["Kindness", "Openness", "Care"],
        "defined": "Openness",
        "definition": "We work in the open by default.",
        "example": "Roadmap discussions happen in public issues.",
    }
    assert validate_value(field, answer) == []

    widget.set_ticked("Kindness", False)
    assert widget.picked == ["Openness", "Care"]
    assert fourth.flags() & Qt.ItemFlag.ItemIsEnabled


def test_a_value_of_ones_own_is_added_from_the_filter(qtbot: QtBot, show: Show) -> None:
    field = FormField("values", FieldKind.PICK_VALUES, "Core values", pick=3)
    widget = show(PickValuesField(field, VALUES))
    assert isinstance(widget, PickValuesField)
    widget.filter.setFocus()
    qtbot.keyClicks(widget.filter, "Playfulness")
    assert widget.add_own_button.isVisible()
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    assert widget.picked == ["Playfulness"]
    assert widget.options.item(0).text() == "Playfulness"


def test_roadmap_and_charter_one_text_per_key(qtbot: QtBot, show: Show) -> None:
    roadmap = roadmap_field(
        FormField("roadmap", FieldKind.ROADMAP, "Roadmap", milestones=("6 months", "2 years"))
    )
    show(roadmap)
    for milestone, text in (("6 months", "Ten regulars"), ("2 years", "A foundation")):
        editor = roadmap.editors[milestone]
        editor.setFocus()
        qtbot.keyClicks(editor, text)
    assert roadmap.value() == {"6 months": "Ten regulars", "2 years": "A foundation"}

    charter = charter_field(
        FormField("charter", FieldKind.CHARTER, "Charter", sections=("Vision", "Values"))
    )
    show(charter)
    vision = charter.editors["Vision"]
    vision.setFocus()
    qtbot.keyClicks(focused(), "A *kind* and open community")
    values = charter.editors["Values"]
    assert isinstance(values, MarkdownEditor)
    for _ in range(3):  # the Preview button is on the way where Tab reaches every control
        if focused() is values.editor:
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "- Care")
    assert charter.value() == {"Vision": "A *kind* and open community", "Values": "- Care"}


def test_information_map_has_the_fixed_columns(qtbot: QtBot, show: Show) -> None:
    widget = show(InformationMapField(FormField("map", FieldKind.INFORMATION_MAP, "Information")))
    assert isinstance(widget, InformationMapField)
    headers = [widget.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Channel", "Audience", "Purpose", "Frequency"]
    qtbot.mouseClick(widget.controls.add_button, Qt.MouseButton.LeftButton)
    for text in ("Website", "Newcomers", "First impression"):
        type_in_cell(qtbot, text)
    type_in_cell(qtbot, "Monthly", then=Qt.Key.Key_Return)
    row = {
        "channel": "Website",
        "audience": "Newcomers",
        "purpose": "First impression",
        "frequency": "Monthly",
    }
    qtbot.waitUntil(lambda: widget.value() == [row])


def test_value_exchange_gives_and_gets(qtbot: QtBot, show: Show) -> None:
    widget = show(ValueExchangeField(FormField("vx", FieldKind.VALUE_EXCHANGE, "Exchange")))
    assert isinstance(widget, ValueExchangeField)
    for side, items in (("give", ("Time", "Code review")), ("get", ("Skills",))):
        box = widget.sides[side].new_item
        box.setFocus()
        for item in items:
            qtbot.keyClicks(box, item)
            qtbot.keyClick(box, Qt.Key.Key_Return)
    assert widget.value() == {"give": ["Time", "Code review"], "get": ["Skills"]}


def test_resources_kind_is_chosen_from_the_fixed_kinds(qtbot: QtBot, show: Show) -> None:
    widget = show(ResourcesField(FormField("res", FieldKind.RESOURCES, "Resources")))
    assert isinstance(widget, ResourcesField)
    qtbot.mouseClick(widget.controls.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, "Code of conduct")
    type_in_cell(qtbot, "https://example.org/coc")
    kind = focused()
    assert isinstance(kind, QComboBox)
    assert kind.currentText() == "other"
    pick_in_combo(qtbot, kind, "code of conduct")
    qtbot.keyClick(kind, Qt.Key.Key_Return)
    row = {"title": "Code of conduct", "link": "https://example.org/coc", "kind": "code of conduct"}
    qtbot.waitUntil(lambda: widget.value() == [row])
    qtbot.keyClick(widget.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert len(widget.value()) == 1, "a row with only its default kind is no answer"


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (
            lambda: TableField(FormField("t", FieldKind.TABLE, "T", columns=("A", "B"))),
            [{"A": "1", "B": "2"}, {"A": "", "B": "x"}],
        ),
        (lambda: ListField(FormField("l", FieldKind.LIST, "L")), ["one", "two"]),
        (
            lambda: PickValuesField(FormField("p", FieldKind.PICK_VALUES, "P", pick=2), VALUES),
            {"picked": ["Own value", "Care"], "defined": "Care", "definition": "d", "example": ""},
        ),
        (
            lambda: ResourcesField(FormField("r", FieldKind.RESOURCES, "R")),
            [{"title": "Report", "link": "", "kind": "annual report"}],
        ),
        (
            lambda: ValueExchangeField(FormField("v", FieldKind.VALUE_EXCHANGE, "V")),
            {"give": ["a"], "get": []},
        ),
    ],
)
def test_what_is_set_is_what_is_read(qtbot: QtBot, make: Any, value: Any) -> None:
    widget = make()
    qtbot.addWidget(widget)
    changes = count_changes(widget)
    widget.set_value(value)
    assert widget.value() == value
    assert changes == []
