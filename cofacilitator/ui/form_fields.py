"""The answer widgets of an assignment form: one small widget per field kind, one interface.

Every widget reads and writes the value shapes of ``docs/answer-values.md`` (``value()`` and
``set_value(v)``), and says ``changed`` when the person edits it, never when the form loads a value
into it, so the form's autosave writes only what someone typed. Rows and items are added, removed
and moved with buttons and with the same keys everywhere (Ctrl+Return, Ctrl+Delete, Alt+Up,
Alt+Down), so a form can be filled without a mouse. This module holds that interface and the
parts every widget shares, and the text answers (long text, a roadmap's milestones, a charter's
sections); tables, lists, picked values, the stakeholder map and the mountain of engagement keep
the same interface in their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.sessions.schema import FormField
from cofacilitator.ui.markdown_view import MarkdownView

ADD_KEY = "Ctrl+Return"
REMOVE_KEY = "Ctrl+Delete"
UP_KEY = "Alt+Up"
DOWN_KEY = "Alt+Down"


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
            self.changed.emit()

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
        self.editor.textChanged.connect(self.text_edited)
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
