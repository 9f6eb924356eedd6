"""Preparing the messages around a call: the invitation, the reminder, the follow-up.

The app sends nothing. The facilitator chooses a kind of message and a session, reads the draft
filled in from the template, changes it if they like, and either copies it or opens it in their
own mail program, addressed to the active roster in BCC. Either way the app notes what was
prepared for whom (the message history at the bottom), which is also how a calendar file knows
that an invitation went out again after a change of time.

The templates are the facilitator's to change: "Edit template…" opens the template's Markdown,
checked whole before it is kept, with the placeholders it may use listed beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import list_participants
from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.messages import (
    MAILTO_SAFE_LENGTH,
    PLACEHOLDERS,
    MessageDraft,
    MessageKind,
    PreparedMessage,
    TemplateError,
    draft_message,
    list_prepared,
    load_template,
    mailto_url,
    record_prepared,
    templates_dir,
)
from cofacilitator.paths import DataPaths
from cofacilitator.runs import list_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.date_text import moment_text
from cofacilitator.ui.message_template_dialog import KIND_LABELS, TemplateEditorDialog

UrlOpener = Callable[[QUrl], object]
Clock = Callable[[], datetime]

VIA_CLIPBOARD = "clipboard"
VIA_MAIL_APP = "mail app"
VIA_LABELS = {VIA_CLIPBOARD: "copied", VIA_MAIL_APP: "opened in the mail app"}


def _message_html(body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"></head><body>{render_markdown_html(body)}</body></html>'
    )


class MessagesDialog(QDialog):
    """Draft, copy or open, and the history of what was prepared, for one cohort."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        paths: DataPaths,
        cohort_id: int,
        *,
        run_id: int | None = None,
        kind: MessageKind = MessageKind.INVITATION,
        open_url: UrlOpener = QDesktopServices.openUrl,
        now: Clock | None = None,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Messages around the call")
        self._store = store
        self._catalog = catalog
        self._user_dir = templates_dir(paths)
        self._cohort_id = cohort_id
        self._open_url = open_url
        self._now = now
        self._viewer = viewer_zone
        self._draft: MessageDraft | None = None
        self.template_editor: TemplateEditorDialog | None = None

        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of message")
        for each, label in KIND_LABELS.items():
            self.kind_box.addItem(label, each)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        self.session_box = QComboBox(self)
        self.session_box.setAccessibleName("Session the message is about")
        self._session_names: dict[int, str] = {}
        for run in list_runs(store, cohort_id):
            self._session_names[run.id] = f"Session {run.module_number}"
            module = catalog.get(run.module_id)
            title = module.title if module is not None else run.module_id
            self.session_box.addItem(f"Session {run.module_number}: {title}", run.id)
        if run_id is not None:
            self.session_box.setCurrentIndex(max(0, self.session_box.findData(run_id)))
        self.notes_link = QLineEdit(self)
        self.notes_link.setAccessibleName("Link to the shared notes")
        self.notes_link.setPlaceholderText("https://… (fills in $notes_link)")
        self.notes_link.editingFinished.connect(self.redraft)

        self.to_label = QLabel(self)
        self.to_label.setWordWrap(True)
        self.to_label.setAccessibleName("Who the message goes to")
        self.to_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_addresses_button = QPushButton("Copy a&ddresses", self)
        self.copy_addresses_button.setAccessibleName("Copy the participants' addresses for BCC")
        self.copy_addresses_button.clicked.connect(self.copy_addresses)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setAccessibleName("Details not known yet")

        self.subject = QLineEdit(self)
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Message text, editable before copying")
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self._update_length_note)

        self.edit_template_button = QPushButton("Edit &template…", self)
        self.edit_template_button.setAccessibleName("Edit the template of this kind of message")
        self.edit_template_button.clicked.connect(self.edit_template)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setAccessibleName("Copy the message to the clipboard")
        self.copy_button.setToolTip("Copies the text (rich and plain) and notes it was prepared")
        self.copy_button.clicked.connect(self.copy_message)
        self.open_button = QPushButton("&Open in mail app", self)
        self.open_button.setAccessibleName("Open the message in your mail program")
        self.open_button.setToolTip("Addressed to you, with the participants in BCC")
        self.open_button.clicked.connect(self.open_in_mail_app)
        close_button = QPushButton("Close", self)
        close_button.setAccessibleName("Close the messages window")
        close_button.clicked.connect(self.reject)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Message status")

        self.history = QTableWidget(0, 5, self)
        self.history.setAccessibleName("Messages prepared for this cohort")
        self.history.setHorizontalHeaderLabels(["Prepared", "Message", "Session", "For", "How"])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        choose = QFormLayout()
        choose.addRow("&Message:", self.kind_box)
        choose.addRow("&Session:", self.session_box)
        self._notes_row_label = QLabel("Shared &notes link:", self, buddy=self.notes_link)
        choose.addRow(self._notes_row_label, self.notes_link)
        addressed = QHBoxLayout()
        addressed.addWidget(self.to_label, 1)
        addressed.addWidget(self.copy_addresses_button, 0, Qt.AlignmentFlag.AlignTop)
        choose.addRow("To:", addressed)
        choose.addRow("", self.missing_label)
        choose.addRow("Su&bject:", self.subject)

        draft_box = QWidget(self)
        draft_layout = QVBoxLayout(draft_box)
        draft_layout.setContentsMargins(0, 0, 0, 0)
        draft_layout.addLayout(choose)
        draft_layout.addWidget(QLabel("Te&xt (Markdown):", self, buddy=self.body))
        draft_layout.addWidget(self.body, 1)
        history_box = QGroupBox("Prepared so far", self)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(draft_box)
        splitter.addWidget(history_box)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([430, 210])

        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        # Return in the subject line must not copy, open or record anything by itself.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

        self.kind_box.currentIndexChanged.connect(lambda _index: self.redraft())
        self.session_box.currentIndexChanged.connect(lambda _index: self.redraft())
        self.resize(960, 680)
        self.redraft()
        self.reload_history()

    # ------------------------------------------------------------------------------ drafting

    @property
    def kind(self) -> MessageKind:
        return MessageKind(self.kind_box.currentData())

    @property
    def run_id(self) -> int | None:
        data = self.session_box.currentData()
        return int(data) if data is not None else None

    @property
    def draft(self) -> MessageDraft | None:
        return self._draft

    def redraft(self) -> None:
        """Fill the chosen template again; edits to the previous draft are replaced."""
        run_id = self.run_id
        self._draft = None
        if run_id is None:
            self._show_problem("This cohort has no sessions yet.")
            return
        try:
            template = load_template(self.kind, self._user_dir)
            draft = draft_message(
                self._store,
                run_id,
                self.kind,
                self._catalog,
                template=template,
                notes_link=self.notes_link.text(),
                now=self._now() if self._now is not None else None,
            )
        except TemplateError as problem:
            self._show_problem(f"The template cannot be used: {problem}")
            return
        self._draft = draft
        uses_notes = "notes_link" in template.placeholders
        self._notes_row_label.setVisible(uses_notes)
        self.notes_link.setVisible(uses_notes)
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self.to_label.setText(self._addressed(draft))
        self.copy_addresses_button.setEnabled(bool(draft.recipients))
        missing = [PLACEHOLDERS[name] for name in draft.missing]
        self.missing_label.setText(
            "Not known yet: " + "; ".join(missing) + ". The draft says so in brackets."
            if missing
            else ""
        )
        self.missing_label.setVisible(bool(missing))
        for button in (self.copy_button, self.open_button):
            button.setEnabled(True)
        self.status.clear()
        self._update_length_note()

    def _show_problem(self, text: str) -> None:
        self.subject.clear()
        self.body.clear()
        self.to_label.clear()
        self.missing_label.hide()
        self.status.setText(text)
        for button in (self.copy_button, self.open_button, self.copy_addresses_button):
            button.setEnabled(False)

    @staticmethod
    def _addressed(draft: MessageDraft) -> str:
        people = len(draft.recipients)
        text = (
            f"you ({', '.join(draft.to)}), to keep a copy; " if draft.to else ""
        ) + f"{people} participant{'s' if people != 1 else ''} in BCC, so nobody sees the "
        text += "others' addresses."
        if draft.without_email:
            text += (
                f" No e-mail address for {', '.join(draft.without_email)}: tell them another way."
            )
        return text

    def mailto(self) -> str:
        """The mail link of the draft as edited now."""
        draft = self._draft
        if draft is None:
            return ""
        return mailto_url(
            to=draft.to,
            bcc=[r.email for r in draft.recipients],
            subject=self.subject.text(),
            body=self.body.toPlainText(),
        )

    def _update_length_note(self) -> None:
        if self._draft is None:
            return
        long = len(self.mailto()) > MAILTO_SAFE_LENGTH
        self.open_button.setToolTip(
            "This message is long for a mail link and some mail programs cut it short: "
            "Copy is safer."
            if long
            else "Addressed to you, with the participants in BCC"
        )

    # ------------------------------------------------------------------------------ handing over

    def copy_message(self) -> None:
        """The text as rich text and as plain Markdown; the subject goes first in the plain one."""
        draft = self._draft
        if draft is None:
            return
        data = QMimeData()
        body = self.body.toPlainText()
        data.setText(f"Subject: {self.subject.text()}\n\n{body}")
        data.setHtml(_message_html(body))
        QGuiApplication.clipboard().setMimeData(data)
        self._record(VIA_CLIPBOARD)
        self.status.setText(
            "Copied. Paste it into your mail program; Copy addresses gives the BCC list."
        )

    def copy_addresses(self) -> None:
        draft = self._draft
        if draft is None:
            return
        QGuiApplication.clipboard().setText(", ".join(r.email for r in draft.recipients))
        self.status.setText(f"Copied {len(draft.recipients)} addresses. Put them in BCC, not To.")

    def open_in_mail_app(self) -> None:
        if self._draft is None:
            return
        self._open_url(QUrl(self.mailto(), QUrl.ParsingMode.StrictMode))
        self._record(VIA_MAIL_APP)
        self.status.setText("Opened in your mail program. Check it there, then send it.")

    def _record(self, via: str) -> None:
        draft = self._draft
        assert draft is not None
        try:
            record_prepared(
                self._store,
                self._cohort_id,
                draft.run_id,
                draft.kind,
                draft.recipient_ids,
                via,
                at=self._now() if self._now is not None else None,
            )
        except TemplateError as problem:
            self.status.setText(f"Not noted in the history: {problem}")
            return
        self.reload_history()

    # ------------------------------------------------------------------------------ history

    def reload_history(self) -> None:
        names = {p.id: p.display_name for p in list_participants(self._store, self._cohort_id)}
        prepared = list(reversed(list_prepared(self._store, self._cohort_id)))
        self.history.setRowCount(len(prepared))
        for row, entry in enumerate(prepared):
            self._history_row(row, entry, names)

    def _history_row(self, row: int, entry: PreparedMessage, names: dict[int, str]) -> None:
        try:
            kind = KIND_LABELS[MessageKind(entry.kind)].split(" (")[0]
        except ValueError:
            kind = entry.kind
        people = [names.get(pid, "someone since erased") for pid in entry.recipients]
        cells = (
            moment_text(entry.prepared_at, self._viewer),
            kind,
            self._session_names.get(entry.run_id, "the whole series")
            if entry.run_id is not None
            else "the whole series",
            f"{len(people)} {'person' if len(people) == 1 else 'people'}",
            VIA_LABELS.get(entry.via, entry.via),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 3:
                item.setToolTip(", ".join(people))
            self.history.setItem(row, column, item)

    # ------------------------------------------------------------------------------ templates

    def edit_template(self) -> TemplateEditorDialog:
        """Window-modal, so the draft stays visible; the draft is refilled once it is saved."""
        dialog = TemplateEditorDialog(self._user_dir, self.kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.redraft)
        self.template_editor = dialog
        dialog.open()
        return dialog
