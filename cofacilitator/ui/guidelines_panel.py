"""The cohort's participation guidelines: written by the facilitator, acknowledged by everyone.

The facilitator edits the guidelines as Markdown beside a preview of how participants will read
them, and keeps track of who has acknowledged them: ticked on the call when someone says so, or
confirmed by the participant in their own app. The participant's side is a read-only page with one
button, "I have read these".

A cohort with no guidelines of its own follows the shipped default; the panel says which it shows,
and "Back to the default" returns to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.guidelines import (
    AcknowledgedHow,
    AcknowledgementRoll,
    acknowledge,
    acknowledgement_roll,
    clear_acknowledgement,
    default_guidelines,
    get_guidelines,
    set_guidelines,
)
from cofacilitator.store.database import Store
from cofacilitator.ui.date_text import moment_day_text
from cofacilitator.ui.events import Events
from cofacilitator.ui.markdown_view import MarkdownView

Clock = Callable[[], datetime]
"""Naive UTC now, as the store keeps times; tests pass a fixed one."""

HOW_TEXT = {AcknowledgedHow.CALL: "said so on the call", AcknowledgedHow.APP: "in the app"}


class GuidelinesPanel(QWidget):
    """The facilitator's side: edit and preview the guidelines; who has acknowledged them."""

    def __init__(
        self,
        store: Store,
        events: Events,
        *,
        now: Clock | None = None,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Guidelines")
        self._store = store
        self._events = events
        self._now = now
        self._viewer = viewer_zone
        self._cohort_id: int | None = None
        self._saved_text = ""
        self._roll = AcknowledgementRoll((), ())

        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setAccessibleName("Whose guidelines these are")
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Guidelines, in Markdown")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._edited)
        self.preview = MarkdownView(self)
        self.preview.setAccessibleName("Preview of the guidelines as participants see them")
        self.preview.document().setDocumentMargin(10)
        self.save_button = QPushButton("&Save guidelines", self)
        self.save_button.setAccessibleName("Save the cohort's guidelines")
        self.save_button.clicked.connect(self.save)
        self.default_button = QPushButton("Back to the &default", self)
        self.default_button.setAccessibleName("Use the default guidelines that come with the app")
        self.default_button.clicked.connect(self.use_default)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Guidelines message")

        editor_box = QWidget(self)
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(QLabel("&Markdown:", self, buddy=self.editor))
        editor_layout.addWidget(self.editor, 1)
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel("As participants read them:", self))
        preview_layout.addWidget(self.preview, 1)
        texts = QSplitter(self)
        texts.addWidget(editor_box)
        texts.addWidget(preview_box)
        texts.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.source_label)
        left.addWidget(texts, 1)
        left.addLayout(buttons)
        left.addWidget(self.status)

        self.roll_box = QGroupBox("Who has acknowledged them", self)
        self.roll_summary = QLabel(self.roll_box)
        self.roll_summary.setWordWrap(True)
        self.roll_summary.setAccessibleName("How many have acknowledged")
        self.roll_table = QTableWidget(0, 3, self.roll_box)
        self.roll_table.setAccessibleName("Acknowledgements of the guidelines")
        self.roll_table.setHorizontalHeaderLabels(["Participant", "When", "How"])
        self.roll_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roll_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roll_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roll_table.verticalHeader().hide()
        header = self.roll_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.roll_table.itemSelectionChanged.connect(self._update_roll_buttons)
        self.call_button = QPushButton("Acknowledged in the &call", self.roll_box)
        self.call_button.setAccessibleName(
            "Mark the selected participant as having acknowledged the guidelines on the call"
        )
        self.call_button.clicked.connect(lambda: self.mark_acknowledged_in_call())
        self.undo_button = QPushButton("&Undo", self.roll_box)
        self.undo_button.setAccessibleName("Undo the selected participant's acknowledgement")
        self.undo_button.setToolTip("For a tick made by mistake")
        self.undo_button.clicked.connect(lambda: self.undo_acknowledgement())
        roll_buttons = QHBoxLayout()
        roll_buttons.addWidget(self.call_button)
        roll_buttons.addWidget(self.undo_button)
        roll_buttons.addStretch(1)
        roll_layout = QVBoxLayout(self.roll_box)
        roll_layout.addWidget(self.roll_summary)
        roll_layout.addWidget(self.roll_table, 1)
        roll_layout.addLayout(roll_buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addWidget(self.roll_box, 3)
        self.set_cohort(None)
        events.cohort_did_change.connect(self._cohort_changed)

    # ------------------------------------------------------------------------------ the text

    def set_cohort(self, cohort_id: int | None) -> None:
        self._cohort_id = cohort_id
        self.status.clear()
        self.reload()

    def reload(self) -> None:
        cohort_id = self._cohort_id
        shown = cohort_id is not None
        for widget in (self.editor, self.roll_box, self.default_button):
            widget.setEnabled(shown)
        if cohort_id is None:
            self._saved_text = ""
            self.editor.clear()
            self.source_label.setText("Choose a cohort to edit its guidelines.")
            self._roll = AcknowledgementRoll((), ())
            self._fill_roll()
            return
        guidelines = get_guidelines(self._store, cohort_id)
        self._saved_text = guidelines.text
        self.editor.setPlainText(guidelines.text)
        self._show_source(guidelines.is_default)
        self.reload_roll()

    def _show_source(self, is_default: bool) -> None:
        self.source_label.setText(
            "This cohort follows the default guidelines that come with the app. Edit them and "
            "save to give the cohort its own."
            if is_default
            else "This cohort's own guidelines."
        )
        self.default_button.setEnabled(not is_default and self._cohort_id is not None)

    def _cohort_changed(self, cohort_id: int) -> None:
        """The roster may have changed (someone added, withdrawn, a walk-in taken in)."""
        if cohort_id == self._cohort_id:
            chosen = self._selected()
            self.reload_roll()
            if chosen is not None:
                self.select_participant(chosen)

    def _edited(self) -> None:
        self.preview.set_markdown(self.editor.toPlainText())
        self.save_button.setEnabled(
            self._cohort_id is not None and self.editor.toPlainText() != self._saved_text
        )

    def save(self) -> bool:
        cohort_id = self._cohort_id
        if cohort_id is None:
            return False
        saved = set_guidelines(self._store, cohort_id, self.editor.toPlainText())
        self._events.cohort_did_change.emit(cohort_id)
        self._saved_text = saved.text
        if self.editor.toPlainText() != saved.text:
            self.editor.setPlainText(saved.text)
        self._edited()
        self._show_source(saved.is_default)
        self.status.setText(
            "Saved. They read the same as the default, so the cohort follows the default."
            if saved.is_default
            else "Saved. Anyone who acknowledged an earlier version may like to hear what changed."
        )
        return True

    def use_default(self) -> None:
        self.editor.setPlainText(default_guidelines())
        self.save()

    # ------------------------------------------------------------------------------ the roll

    def reload_roll(self) -> None:
        cohort_id = self._cohort_id
        self._roll = (
            acknowledgement_roll(self._store, cohort_id)
            if cohort_id is not None
            else AcknowledgementRoll((), ())
        )
        self._fill_roll()

    def _fill_roll(self) -> None:
        roll = self._roll
        # Those still to acknowledge come first: they are whom the facilitator ticks on the call.
        rows: list[tuple[int, str, str, str]] = [
            (p.participant_id, p.display_name, "not yet", "") for p in roll.pending
        ]
        rows += [
            (
                a.participant_id,
                a.display_name,
                moment_day_text(a.at, self._viewer),
                HOW_TEXT[a.how],
            )
            for a in roll.acknowledged
        ]
        self.roll_table.setRowCount(len(rows))
        for row, (participant_id, *cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, participant_id)
                self.roll_table.setItem(row, column, item)
        total = len(roll.acknowledged) + len(roll.pending)
        self.roll_summary.setText(
            f"{len(roll.acknowledged)} of {total} on the roster have acknowledged the guidelines."
            if total
            else "Nobody on the roster yet."
        )
        self._update_roll_buttons()

    def select_participant(self, participant_id: int) -> None:
        for row in range(self.roll_table.rowCount()):
            item = self.roll_table.item(row, 0)
            if item.data(Qt.ItemDataRole.UserRole) == participant_id:
                self.roll_table.selectRow(row)
                return

    def _selected(self) -> int | None:
        rows = self.roll_table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.roll_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def _update_roll_buttons(self) -> None:
        chosen = self._selected()
        done = {a.participant_id for a in self._roll.acknowledged}
        self.call_button.setEnabled(chosen is not None and chosen not in done)
        self.undo_button.setEnabled(chosen is not None and chosen in done)

    def mark_acknowledged_in_call(self) -> None:
        chosen = self._selected()
        if chosen is None or self._cohort_id is None:
            return
        view = acknowledge(
            self._store,
            chosen,
            AcknowledgedHow.CALL,
            at=self._now() if self._now is not None else None,
        )
        self._events.cohort_did_change.emit(self._cohort_id)
        self.reload_roll()
        self.select_participant(chosen)
        self.status.setText(f"{view.display_name} acknowledged the guidelines on the call.")

    def undo_acknowledgement(self) -> None:
        chosen = self._selected()
        if chosen is None or self._cohort_id is None:
            return
        clear_acknowledgement(self._store, chosen)
        self._events.cohort_did_change.emit(self._cohort_id)
        self.reload_roll()
        self.select_participant(chosen)


class GuidelinesReader(QWidget):
    """The participant's side: the guidelines to read, and "I have read these"."""

    def __init__(
        self,
        store: Store,
        cohort_id: int,
        participant_id: int,
        *,
        now: Clock | None = None,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Guidelines of the cohort")
        self._store = store
        self._cohort_id = cohort_id
        self._participant_id = participant_id
        self._now = now
        self._viewer = viewer_zone

        self.view = MarkdownView(self)
        self.view.setAccessibleName("The cohort's guidelines")
        self.view.set_markdown(get_guidelines(store, cohort_id).text)
        self.read_button = QPushButton("I have &read these", self)
        self.read_button.setAccessibleName("Confirm that you have read the guidelines")
        self.read_button.clicked.connect(self.confirm)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Whether you have confirmed")
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._show_state()

    def _show_state(self) -> None:
        roll = acknowledgement_roll(self._store, self._cohort_id)
        mine = next(
            (a for a in roll.acknowledged if a.participant_id == self._participant_id), None
        )
        if mine is None:
            self.status.setText(
                "Please read how we work together, then confirm. You can come back to them "
                "at any time."
            )
            self.read_button.setEnabled(True)
            return
        day = moment_day_text(mine.at, self._viewer)
        self.status.setText(
            f"You agreed to them on the call on {day}. Thank you."
            if mine.how is AcknowledgedHow.CALL
            else f"You confirmed on {day}. Thank you."
        )
        self.read_button.setEnabled(False)

    def confirm(self) -> None:
        acknowledge(
            self._store,
            self._participant_id,
            AcknowledgedHow.APP,
            at=self._now() if self._now is not None else None,
        )
        self._show_state()
