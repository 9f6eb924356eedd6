"""The answer widgets of an assignment form: one small widget per field kind, one interface.

Every widget reads and writes the value shapes of ``docs/answer-values.md`` (``value()`` and
``set_value(v)``), and says ``changed`` when the person edits it, never when the form loads a value
into it, so the form's autosave writes only what someone typed. Rows and items are added, removed
and moved with buttons and with the same keys everywhere (Ctrl+Return, Ctrl+Delete, Alt+Up,
Alt+Down), so a form can be filled without a mouse. The stakeholder map and the mountain of
engagement keep the same interface in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.answers import INFORMATION_MAP_KEYS
from cofacilitator.sessions.schema import INFORMATION_MAP_COLUMNS, RESOURCE_KINDS, FormField
from cofacilitator.ui.autosave import emit
from cofacilitator.ui.markdown_view import MarkdownView

ADD_KEY = "Ctrl+Return"
REMOVE_KEY = "Ctrl+Delete"
UP_KEY = "Alt+Up"
DOWN_KEY = "Alt+Down"
DEFAULT_RESOURCE_KIND = "other"
"""A new resource row's kind: the honest one until the person says otherwise."""


class FieldWidget(QWidget):
    """What the assignment form knows of any answer widget."""

    changed = Signal()

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._quiet = 0

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        """An edit by the person; loading a value (inside ``quietly``) is not one."""
        if not self._quiet:
            emit(self.changed)

    @contextmanager
    def quietly(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1


def text_of(value: Any) -> str:
    """Lenient reading: anything that is not text (a damaged or older answer) reads as empty."""
    return value if isinstance(value, str) else ""


def short_text_edit(name: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
    """A few lines of plain text where Tab moves on, as in every other box of the form."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    margins = edit.contentsMargins()
    frame = 2 * edit.frameWidth() + margins.top() + margins.bottom()
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + frame + 10)
    return edit


def quiet_label(text: str) -> QLabel:
    """Help text: wrapped, in the palette's quieter colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class RowControls(QWidget):
    """Add, remove, move up and move down, as buttons and as shortcuts on ``owner``.

    The shortcuts work anywhere inside ``owner`` (in a cell editor too), and the buttons' tooltips
    name them, so both ways can be discovered.
    """

    def __init__(self, owner: QWidget, noun: str, what: str, *, add_text: str = "") -> None:
        super().__init__(owner)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.add_button = self._button(
            owner, add_text or f"Add {noun}", ADD_KEY, f"Add a {noun} to {what}"
        )
        self.remove_button = self._button(
            owner, f"Remove {noun}", REMOVE_KEY, f"Remove the chosen {noun} from {what}"
        )
        self.up_button = self._button(
            owner, "Move up", UP_KEY, f"Move the chosen {noun} up in {what}"
        )
        self.down_button = self._button(
            owner, "Move down", DOWN_KEY, f"Move the chosen {noun} down in {what}"
        )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)

    def _button(self, owner: QWidget, text: str, key: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        hint = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({hint})")
        shortcut = QShortcut(QKeySequence(key), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(button.click)
        return button

    def set_has_current(self, has_current: bool) -> None:
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has_current)


# ------------------------------------------------------------------------------ long text


class MarkdownEditor(QWidget):
    """Plain text the person types as Markdown, and a preview of how the facilitator will see it.

    The preview goes through the app's safe renderer, so raw HTML shows as text there too.
    """

    text_edited = Signal()

    def __init__(self, name: str, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Made in tab order: the text, then its Preview button (a focus chain out of order
        # would let Tab skip the button).
        self._stack = QStackedWidget(self)
        self.editor = QPlainTextEdit(self._stack)
        self.editor.setAccessibleName(name)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(
            "Markdown works here: *emphasis*, **strong**, - lists, links."
        )
        height = self.editor.fontMetrics().lineSpacing() * lines + 16
        self.editor.setFixedHeight(height)
        self.editor.textChanged.connect(lambda: emit(self.text_edited))
        self.preview = MarkdownView(self._stack)
        self.preview.setAccessibleName(f"Preview of {name}")
        self.preview.document().setDocumentMargin(8)
        self.preview.setFixedHeight(height)
        self._stack.addWidget(self.editor)
        self._stack.addWidget(self.preview)
        self._stack.setFixedHeight(height)
        self.preview_button = QPushButton("Preview", self)
        self.preview_button.setCheckable(True)
        self.preview_button.setAccessibleName(f"Preview {name}")
        self.preview_button.setToolTip("Show how the text will look; press again to edit")
        self.preview_button.toggled.connect(self._toggle_preview)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._stack, 1)
        layout.addLayout(bar)
        self.setFocusProxy(self.editor)

    @property
    def previewing(self) -> bool:
        return self._stack.currentWidget() is self.preview

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.editor.toPlainText():
            self.editor.setPlainText(text)

    def _toggle_preview(self, on: bool) -> None:
        if on:
            self.preview.set_markdown(self.editor.toPlainText())
        self.preview_button.setText("Edit" if on else "Preview")
        self._stack.setCurrentWidget(self.preview if on else self.editor)


class LongTextField(FieldWidget):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = MarkdownEditor(field.label, 8, self)
        self.editor.text_edited.connect(self.announce)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.setFocusProxy(self.editor.editor)

    def value(self) -> str:
        return self.editor.text()

    def set_value(self, value: Any) -> None:
        with self.quietly():
            self.editor.set_text(text_of(value))


# ------------------------------------------------------------------------------ tables


class _ChoiceDelegate(QStyledItemDelegate):
    """A cell edited with a combo of fixed choices (a resource's kind)."""

    def __init__(self, choices: Sequence[str], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)
        self._name = name

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        box.addItems(list(self._choices))
        box.setAccessibleName(self._name)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findText(str(index.data() or ""))))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())


class RowsField(FieldWidget):
    """A table of text rows: one object per row, keys in ``keys``, headers in ``headers``.

    A row left entirely empty is not part of the value: adding a row and typing nothing into it
    changes no answer.
    """

    def __init__(
        self,
        field: FormField,
        headers: Sequence[str],
        keys: Sequence[str],
        parent: QWidget | None = None,
        *,
        defaults: dict[str, str] | None = None,
        ignored_for_blank: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(field, parent)
        self.keys = tuple(keys)
        self._defaults = defaults or {}
        self._ignored = ignored_for_blank
        self.table = QTableWidget(0, len(self.keys), self)
        self.table.setAccessibleName(field.label)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Rows grow and shrink as their text wraps to the column widths; the table follows.
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(lambda *_: self._update_controls())
        self.controls = RowControls(self, "row", field.label)
        self.controls.add_button.clicked.connect(self.add_row)
        self.controls.remove_button.clicked.connect(self.remove_row)
        self.controls.up_button.clicked.connect(lambda: self.move_row(-1))
        self.controls.down_button.clicked.connect(lambda: self.move_row(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.controls)
        self.setFocusProxy(self.table)
        self._fit_height()
        self._update_controls()

    def value(self) -> list[dict[str, str]]:
        rows = self.rows()
        return [
            row for row in rows if any(v.strip() for k, v in row.items() if k not in self._ignored)
        ]

    def rows(self) -> list[dict[str, str]]:
        """Every row on screen, empty ones too."""
        return [
            {key: self._cell(row, column) for column, key in enumerate(self.keys)}
            for row in range(self.table.rowCount())
        ]

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        with self.quietly():
            self._show_rows([row for row in rows if isinstance(row, dict)])

    def add_row(self) -> None:
        """A new row at the end, its first cell open for typing."""
        row = self.table.rowCount()
        with self.quietly():
            self.table.insertRow(row)
            for column, key in enumerate(self.keys):
                self.table.setItem(row, column, QTableWidgetItem(self._defaults.get(key, "")))
        self._fit_height()
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.announce()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._fit_height()
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._update_controls()
        self.announce()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        column = max(0, self.table.currentColumn())
        rows = self.rows()
        rows[row], rows[target] = rows[target], rows[row]
        with self.quietly():
            self._show_rows(rows)
        self.table.setCurrentCell(target, column)
        self.announce()

    def _show_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for row, record in enumerate(rows):
            for column, key in enumerate(self.keys):
                text = text_of(record.get(key, self._defaults.get(key, "")))
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._fit_height()
        self._update_controls()

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._quiet:
            self._fit_rows()
        self.announce()

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        self._fit_height()

    def _update_controls(self) -> None:
        self.controls.set_has_current(self.table.currentRow() >= 0)

    def _fit_height(self) -> None:
        """Tall enough for every row up to ten, so the form scrolls once, not table by table."""
        header = self.table.horizontalHeader().sizeHint().height()
        line = self.table.verticalHeader().defaultSectionSize()
        shown = max(3, min(self.table.rowCount(), 10))
        rows_height = sum(self.table.rowHeight(r) for r in range(min(self.table.rowCount(), 10)))
        rows_height += line * max(0, shown - self.table.rowCount())
        self.table.setFixedHeight(header + rows_height + 2 * self.table.frameWidth() + 4)


class TableField(RowsField):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, field.columns, field.columns, parent)


class InformationMapField(RowsField):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, INFORMATION_MAP_COLUMNS, INFORMATION_MAP_KEYS, parent)


class ResourcesField(RowsField):
    """Title, link and a kind chosen from ``RESOURCE_KINDS`` (F2 or a double-click opens it)."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(
            field,
            ("Title", "Link", "Kind"),
            ("title", "link", "kind"),
            parent,
            defaults={"kind": DEFAULT_RESOURCE_KIND},
            ignored_for_blank=frozenset({"kind"}),
        )
        self.kind_column = 2
        self.table.setItemDelegateForColumn(
            self.kind_column, _ChoiceDelegate(RESOURCE_KINDS, "Kind of resource", self.table)
        )

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        kinds = [
            {
                **row,
                "kind": row.get("kind")
                if row.get("kind") in RESOURCE_KINDS
                else DEFAULT_RESOURCE_KIND,
            }
            for row in rows
            if isinstance(row, dict)
        ]
        super().set_value(kinds)


# ------------------------------------------------------------------------------ lists


class ListField(FieldWidget):
    """Items typed one at a time in the box above the list; a double-click or F2 edits one."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.new_item = QLineEdit(self)
        self.new_item.setAccessibleName(f"New item for {field.label}")
        self.new_item.setPlaceholderText("Type an item and press Enter")
        self.new_item.returnPressed.connect(self.add_item)
        self.list = QListWidget(self)
        self.list.setAccessibleName(field.label)
        self.list.setWordWrap(True)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(lambda _item: self.announce())
        self.list.currentRowChanged.connect(lambda _row: self._update_controls())
        self.controls = RowControls(self, "item", field.label, add_text="Add")
        self.controls.add_button.clicked.connect(self.add_item)
        self.controls.remove_button.clicked.connect(self.remove_item)
        self.controls.up_button.clicked.connect(lambda: self.move_item(-1))
        self.controls.down_button.clicked.connect(lambda: self.move_item(1))
        # Add sits beside the box it adds from; the tab order follows what the eye sees.
        typing = QHBoxLayout()
        typing.addWidget(self.new_item, 1)
        typing.addWidget(self.controls.add_button)
        QWidget.setTabOrder(self.new_item, self.controls.add_button)
        QWidget.setTabOrder(self.controls.add_button, self.list)
        QWidget.setTabOrder(self.list, self.controls.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(typing)
        layout.addWidget(self.list)
        layout.addWidget(self.controls)
        self.setFocusProxy(self.new_item)
        self._fit_height()
        self._update_controls()

    def value(self) -> list[str]:
        texts = (self.list.item(row).text() for row in range(self.list.count()))
        return [text for text in texts if text.strip()]

    def set_value(self, value: Any) -> None:
        items = value if isinstance(value, list) else []
        with self.quietly():
            self.list.clear()
            for item in items:
                self._append(text_of(item))
        self._fit_height()
        self._update_controls()

    def add_item(self) -> None:
        text = self.new_item.text().strip()
        if not text:
            self.new_item.setFocus()
            return
        with self.quietly():
            self._append(text)
        self.new_item.clear()
        self.new_item.setFocus()
        self._fit_height()
        self._update_controls()
        self.announce()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._fit_height()
        self._update_controls()
        self.announce()

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.announce()

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def _update_controls(self) -> None:
        self.controls.set_has_current(self.list.currentRow() >= 0)

    def _fit_height(self) -> None:
        line = self.list.fontMetrics().lineSpacing() + 6
        shown = max(3, min(self.list.count(), 8))
        self.list.setFixedHeight(line * shown + 2 * self.list.frameWidth() + 4)


class ValueExchangeField(FieldWidget):
    """What members give and what they get, side by side, so the balance shows."""

    SIDES = (("give", "What members give"), ("get", "What members get"))

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.sides: dict[str, ListField] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (key, title) in enumerate(self.SIDES):
            side = ListField(FormField(f"{field.id}-{key}", field.kind, title), self)
            side.changed.connect(self.announce)
            heading = QLabel(f"<b>{title}</b>")
            heading.setBuddy(side.new_item)
            grid.addWidget(heading, 0, column)
            grid.addWidget(side, 1, column)
            self.sides[key] = side
        self.setFocusProxy(self.sides["give"])

    def value(self) -> dict[str, list[str]]:
        return {key: side.value() for key, side in self.sides.items()}

    def set_value(self, value: Any) -> None:
        record = value if isinstance(value, dict) else {}
        with self.quietly():
            for key, side in self.sides.items():
                side.set_value(record.get(key, []))


# ------------------------------------------------------------------------------ pick values


class PickValuesField(FieldWidget):
    """Tick ``field.pick`` values from a filterable list, then describe one of them.

    Once enough are ticked the others are greyed out, so the limit is visible and cannot be
    exceeded; unticking one frees the rest again. A value the list does not offer can be added by
    typing it into the filter.
    """

    def __init__(
        self, field: FormField, options: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.limit = field.pick
        self._picked: list[str] = []
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(f"Filter the values of {field.label}")
        self.filter.setPlaceholderText("Filter, or type a value of your own")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._filter_entered)
        self.filter.installEventFilter(self)
        self.add_own_button = QPushButton(self)
        self.add_own_button.setAccessibleName("Add the typed value as your own")
        self.add_own_button.clicked.connect(self.add_own_value)
        self.add_own_button.hide()
        self.options = QListWidget(self)
        self.options.setAccessibleName(f"Values to pick for {field.label}")
        self.options.setSpacing(1)
        self.options.itemChanged.connect(self._ticked)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Picked values")

        self.defined_box = QComboBox(self)
        self.defined_box.setAccessibleName("The value you describe")
        self.defined_box.activated.connect(lambda _row: self.announce())
        self.definition = short_text_edit("What the value means to your community", 3)
        self.definition.textChanged.connect(self.announce)
        self.example = short_text_edit("An example of the value in practice", 3)
        self.example.textChanged.connect(self.announce)

        for option in options:
            self._add_option(option)
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.add_own_button)
        left.addWidget(self.options, 1)
        left.addWidget(self.summary)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        right.addRow("&Describe one of them:", self.defined_box)
        right.addRow("What it &means to your community:", self.definition)
        right.addRow("An &example of it in practice:", self.example)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.options.setFixedHeight((self.options.fontMetrics().lineSpacing() + 8) * 9 + 6)
        self.setFocusProxy(self.filter)
        self._refresh()

    @property
    def picked(self) -> list[str]:
        return list(self._picked)

    def value(self) -> dict[str, Any]:
        defined = self.defined_box.currentData() or ""
        return {
            "picked": list(self._picked),
            "defined": defined if defined in self._picked else "",
            "definition": self.definition.toPlainText(),
            "example": self.example.toPlainText(),
        }

    def set_value(self, value: Any) -> None:
        record = value if isinstance(value, dict) else {}
        raw = record.get("picked", [])
        picked = (
            [v for v in raw if isinstance(v, str) and v.strip()] if isinstance(raw, list) else []
        )
        with self.quietly():
            for text in reversed(picked):
                if self._item(text) is None:
                    self._add_option(text, first=True)
            self._picked = list(dict.fromkeys(picked))
            for row in range(self.options.count()):
                item = self.options.item(row)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.text() in self._picked
                    else Qt.CheckState.Unchecked
                )
            self._refresh(keep=text_of(record.get("defined")))
            self.definition.setPlainText(text_of(record.get("definition")))
            self.example.setPlainText(text_of(record.get("example")))

    def set_ticked(self, text: str, ticked: bool) -> None:
        """Tick or untick as a click would; refused past the limit, as a click is."""
        item = self._item(text)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def add_own_value(self) -> None:
        text = self.filter.text().strip()
        if not text or self._item(text) is not None:
            return
        with self.quietly():
            item = self._add_option(text, first=True)
        self.filter.clear()
        self.options.setCurrentItem(item)
        self.set_ticked(text, True)
        self.options.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the filter goes into the list, as in a search box."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self.options.setFocus()
                visible = [i for i in self._items() if not i.isHidden()]
                if visible and (
                    self.options.currentItem() is None or self.options.currentItem().isHidden()
                ):
                    self.options.setCurrentItem(visible[0])
                return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QListWidgetItem]:
        return [self.options.item(row) for row in range(self.options.count())]

    def _item(self, text: str) -> QListWidgetItem | None:
        wanted = text.strip().casefold()
        return next((i for i in self._items() if i.text().casefold() == wanted), None)

    def _add_option(self, text: str, *, first: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Unchecked)
        if first:
            self.options.insertItem(0, item)
        else:
            self.options.addItem(item)
        return item

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._quiet:
            return
        text = item.text()
        if item.checkState() == Qt.CheckState.Checked and text not in self._picked:
            if self.limit and len(self._picked) >= self.limit:
                with self.quietly():
                    item.setCheckState(Qt.CheckState.Unchecked)
                return
            self._picked.append(text)
        elif item.checkState() != Qt.CheckState.Checked and text in self._picked:
            self._picked.remove(text)
        else:
            return
        self._refresh(keep=self.defined_box.currentData() or "")
        self.announce()

    def _refresh(self, keep: str = "") -> None:
        full = bool(self.limit) and len(self._picked) >= self.limit
        with self.quietly():
            for item in self._items():
                ticked = item.text() in self._picked
                flags = Qt.ItemFlag.ItemIsSelectable
                if ticked or not full:
                    flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
        self.defined_box.clear()
        self.defined_box.addItem("(choose a picked value)", "")
        for text in self._picked:
            self.defined_box.addItem(text, text)
        self.defined_box.setCurrentIndex(max(0, self.defined_box.findData(keep)))
        self.defined_box.setEnabled(bool(self._picked))
        names = ", ".join(self._picked) or "none yet"
        if self.limit:
            self.summary.setText(f"Picked {len(self._picked)} of {self.limit}: {names}")
            if full:
                self.summary.setText(self.summary.text() + ". Untick one to choose another.")
        else:
            self.summary.setText(f"Picked: {names}")

    def _apply_filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
        own = text.strip()
        offer = bool(own) and self._item(own) is None
        self.add_own_button.setText(f"Add “{own}” as a value of your own")
        self.add_own_button.setVisible(offer)

    def _filter_entered(self) -> None:
        if self.add_own_button.isVisible():
            self.add_own_value()


# ------------------------------------------------------------------------------ keyed texts


class KeyedTextsField(FieldWidget):
    """One text per fixed key: a roadmap's milestones (short) or a charter's sections (Markdown)."""

    def __init__(
        self,
        field: FormField,
        keys: Sequence[str],
        make_editor: Callable[[str], QWidget],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.keys = tuple(keys)
        self.editors: dict[str, QWidget] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in self.keys:
            editor = make_editor(key)
            if isinstance(editor, MarkdownEditor):
                editor.text_edited.connect(self.announce)
                buddy: QWidget = editor.editor
            else:
                assert isinstance(editor, QPlainTextEdit)
                editor.textChanged.connect(self.announce)
                buddy = editor
            label = QLabel(f"<b>{key}</b>")
            label.setBuddy(buddy)
            layout.addRow(label, editor)
            self.editors[key] = editor
        if self.keys:
            self.setFocusProxy(self.editors[self.keys[0]])

    def text(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, MarkdownEditor):
            return editor.text()
        assert isinstance(editor, QPlainTextEdit)
        return editor.toPlainText()

    def value(self) -> dict[str, str]:
        return {key: self.text(key) for key in self.keys}

    def set_value(self, value: Any) -> None:
        record = value if isinstance(value, dict) else {}
        with self.quietly():
            for key, editor in self.editors.items():
                text = text_of(record.get(key))
                if isinstance(editor, MarkdownEditor):
                    editor.set_text(text)
                elif isinstance(editor, QPlainTextEdit) and editor.toPlainText() != text:
                    editor.setPlainText(text)


def roadmap_field(field: FormField, parent: QWidget | None = None) -> KeyedTextsField:
    return KeyedTextsField(
        field,
        field.milestones,
        lambda milestone: short_text_edit(
            f"{milestone}: what success looks like", 3, "What does success look like by then?"
        ),
        parent,
    )


def charter_field(field: FormField, parent: QWidget | None = None) -> KeyedTextsField:
    return KeyedTextsField(
        field, field.sections, lambda section: MarkdownEditor(f"Charter: {section}", 4), parent
    )
