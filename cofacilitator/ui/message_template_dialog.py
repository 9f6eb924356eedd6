"""Editing a message template: its Markdown, checked whole before it is kept.

The templates are the facilitator's to change; the placeholders a template may use are listed
beside it, and the shipped template can be had back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.messages import (
    PLACEHOLDERS,
    MessageKind,
    TemplateError,
    reset_template,
    save_template,
    shipped_template_path,
)

KIND_LABELS = {
    MessageKind.INVITATION: "Invitation",
    MessageKind.REMINDER: "Reminder (the day before)",
    MessageKind.FOLLOW_UP: "Follow-up (after the call)",
}


class TemplateEditorDialog(QDialog):
    """The Markdown of one kind of template; kept only once it is checked whole."""

    def __init__(self, user_dir: Path, kind: MessageKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Template: {KIND_LABELS[kind]}")
        self._user_dir = user_dir
        self._kind = kind
        own = user_dir / f"{kind.value}.md"
        source = own if own.is_file() else shipped_template_path(kind)

        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setAccessibleName("Which template this is")
        self.where.setText(
            f"Your own version, kept in {own}."
            if own.is_file()
            else "The template shipped with the app. Saving keeps your own version; the shipped "
            "one stays available."
        )
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(f"Text of the {KIND_LABELS[kind].lower()} template")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(source.read_text(encoding="utf-8-sig"))
        self.placeholders = QListWidget(self)
        self.placeholders.setAccessibleName("Placeholders: press Enter to insert one")
        self.placeholders.setWordWrap(True)
        self.placeholders.setResizeMode(QListView.ResizeMode.Adjust)
        self.placeholders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholders.setSpacing(2)
        for name, meaning in PLACEHOLDERS.items():
            item = QListWidgetItem(f"${name} — {meaning}")
            item.setData(Qt.ItemDataRole.UserRole, f"${name}")
            self.placeholders.addItem(item)
        self.placeholders.itemActivated.connect(self._insert)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Template problem")

        self.reset_button = QPushButton("Back to the &shipped template", self)
        self.reset_button.setAccessibleName("Forget your own version and use the shipped template")
        self.reset_button.setEnabled(own.is_file())
        self.reset_button.clicked.connect(self._reset)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(
            "Save your version of the template"
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            "Close without saving"
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        help_text = QLabel(
            "An optional first line <code>Subject: …</code> gives the subject. Placeholders "
            "start with $; write $$ for a dollar sign.",
            self,
        )
        help_text.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(QLabel("&Placeholders:", self, buddy=self.placeholders))
        side.addWidget(self.placeholders, 1)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        splitter = QSplitter(self)
        splitter.addWidget(self.editor)
        splitter.addWidget(side_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(help_text)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def _insert(self, item: QListWidgetItem) -> None:
        self.editor.insertPlainText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.editor.setFocus()

    def save(self) -> None:
        try:
            save_template(self._user_dir, self._kind, self.editor.toPlainText())
        except (TemplateError, OSError) as problem:
            self.problem.setText(f"Not saved: {problem}")
            return
        self.accept()

    def _reset(self) -> None:
        reset_template(self._user_dir, self._kind)
        self.accept()
