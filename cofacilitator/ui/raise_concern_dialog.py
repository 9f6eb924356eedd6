"""Participant mode: who the facilitators are, and a way to raise a concern with them privately.

The curriculum asks facilitators to say how participants can reach them with a concern. This
window shows the facilitators and their contacts as the invitation gave them, and writes what the
participant types into a concern file for them to send on. The text says plainly what the file is:
only the facilitators' app for this cohort files it (any other refuses it), it carries no names,
and it is not encrypted, so it should go to a facilitator and nobody else.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.concerns import ConcernError, concern_filename, write_concern_file
from cofacilitator.invitation import Invitation
from cofacilitator.messages import is_email
from cofacilitator.ui.file_choosers import ask_save_path

SaveChooser = Callable[[QWidget, str], str | None]
Clock = Callable[[], datetime]
"""Naive UTC now; tests pass a fixed one."""


def choose_concern_path(parent: QWidget, suggested: str) -> str | None:
    return ask_save_path(
        parent, "Save the concern file", suggested, "Concern files (*.json);;All files (*)"
    )


def contact_html(name: str, contact: str, role: str) -> str:
    """A facilitator's line; an e-mail address becomes a link that opens the mail program."""
    who = f"<b>{html.escape(name)}</b>"
    if role and role != "facilitator":
        who += f" ({html.escape(role)})"
    if not contact:
        return who
    shown = html.escape(contact)
    if is_email(contact):
        return f'{who}: <a href="mailto:{html.escape(contact.strip(), quote=True)}">{shown}</a>'
    return f"{who}: {shown}"


class RaiseConcernDialog(QDialog):
    """The facilitators' contacts and the private concern form of one participant."""

    def __init__(
        self,
        invitation: Invitation,
        *,
        choose_save: SaveChooser = choose_concern_path,
        now: Clock | None = None,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Raise a concern privately")
        self._invitation = invitation
        self._choose_save = choose_save
        self._now = now
        self._viewer = viewer_zone
        self.saved_path: Path | None = None

        intro = QLabel(
            "If a topic, a conversation or the way a session runs did not feel right, you can "
            "tell the facilitators of "
            f"<b>{html.escape(invitation.cohort_name)}</b> privately: write to one of them "
            "directly, or describe it below and send them the file it makes.",
            self,
        )
        intro.setWordWrap(True)
        contacts_box = QGroupBox("Your facilitators", self)
        contacts_layout = QVBoxLayout(contacts_box)
        self.contact_labels: list[QLabel] = []
        for facilitator in invitation.facilitators:
            label = QLabel(
                contact_html(facilitator.name, facilitator.contact, facilitator.role), contacts_box
            )
            label.setOpenExternalLinks(True)
            label.setWordWrap(True)
            label.setAccessibleName(
                f"{facilitator.name}, {facilitator.role}: {facilitator.contact or 'no contact'}"
            )
            contacts_layout.addWidget(label)
            self.contact_labels.append(label)
        if not invitation.facilitators:
            contacts_layout.addWidget(
                QLabel("Your invitation named no facilitators; ask whoever invited you.")
            )

        self.what_edit = QPlainTextEdit(self)
        self.what_edit.setAccessibleName("What happened")
        self.what_edit.setTabChangesFocus(True)
        self.what_edit.setPlaceholderText("What happened, and how it affected you")
        self.about_edit = QLineEdit(self)
        self.about_edit.setAccessibleName("Whom it is about, optional")
        self.about_edit.setPlaceholderText("Optional: a name, or leave empty")
        self.when_known = QCheckBox("On", self)
        self.when_known.setAccessibleName("Say when it happened")
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setAccessibleName("When it happened")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when_edit.setEnabled(False)
        self.when_edit.setDateTime(self._local(self._now_utc()))
        self.when_known.toggled.connect(self.when_edit.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.when_known)
        when.addWidget(self.when_edit, 1)
        form_box = QGroupBox("Raise a concern privately", self)
        form = QFormLayout(form_box)
        form.addRow("&What happened:", self.what_edit)
        form.addRow("&About (optional):", self.about_edit)
        form.addRow(QLabel("W&hen (optional):", form_box, buddy=self.when_known), when)
        self.explanation = QLabel(
            "Saving makes a small file for you to send to one of your facilitators, attached to "
            "an e-mail or a direct message. Only their app for this cohort files it with their "
            "private notes; any other app refuses it. It is never shared with the group or put "
            "in any export. The file carries no names, but it is not encrypted: anyone who has "
            "it can read it, so send it to a facilitator and nobody else.",
            form_box,
        )
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What happens to the concern file")
        form.addRow(self.explanation)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Concern message")
        self.save_button = QPushButton("&Save concern file…", self)
        self.save_button.setAccessibleName("Save the concern as a file to send a facilitator")
        self.save_button.clicked.connect(self.save)
        close_button = QPushButton("Close", self)
        close_button.setAccessibleName("Close without saving")
        close_button.clicked.connect(self.reject)
        for button in (self.save_button, close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(contacts_box)
        layout.addWidget(form_box, 1)
        layout.addLayout(buttons)
        self.resize(760, 620)

    def _now_utc(self) -> datetime:
        return self._now() if self._now is not None else datetime.now(UTC).replace(tzinfo=None)

    def _happened_at(self) -> datetime | None:
        if not self.when_known.isChecked():
            return None
        shown = self.when_edit.dateTime()
        day, clock = shown.date(), shown.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        if self._viewer is not None:
            local = local.replace(tzinfo=self._viewer)
        return local.astimezone(UTC).replace(tzinfo=None)

    def _local(self, moment: datetime) -> QDateTime:
        """A stored (naive UTC) moment on the participant's clock."""
        local = moment.replace(tzinfo=UTC).astimezone(self._viewer)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))

    def save(self) -> Path | None:
        """Write the concern file where the participant chooses; the form empties afterwards."""
        if not self.what_edit.toPlainText().strip():
            self.status.setText("Write what happened first.")
            return None
        now = self._now_utc()
        chosen = self._choose_save(self, concern_filename(now))
        if not chosen:
            return None
        path = Path(chosen)
        try:
            write_concern_file(
                self._invitation,
                self.what_edit.toPlainText(),
                self.about_edit.text(),
                path,
                happened_at=self._happened_at(),
                now=now,
            )
        except (ConcernError, OSError) as problem:
            self.status.setText(f"Not saved: {problem}")
            return None
        self.saved_path = path
        names = [f.name for f in self._invitation.facilitators if f.name]
        to = " or ".join(names) if names else "a facilitator"
        self.status.setText(f"Saved {path.name}. Now send it to {to}.")
        # Emptied so that nobody passing the screen later reads it here.
        self.what_edit.clear()
        self.about_edit.clear()
        self.when_known.setChecked(False)
        return path
