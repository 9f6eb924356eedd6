"""The facilitators' private record of concerns: what was raised, by whom, and what was done.

A duty-of-care record, and nothing else: it is never part of an export, never shown in participant
mode, and the banner at the top says so, so a facilitator sharing their screen knows to switch
away first. Concerns come from the form (something a participant said, or something a facilitator
observed) or from the concern file a participant wrote in their own app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import get_cohort, list_participants
from cofacilitator.concerns import (
    ConcernDetails,
    ConcernError,
    ConcernFileRefused,
    ConcernView,
    ImportedConcern,
    RaisedBy,
    edit_concern,
    import_concern_file,
    list_concerns,
    record_concern,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import ConcernStatus
from cofacilitator.ui.date_text import DAY_FORMAT, moment_text
from cofacilitator.ui.events import Events
from cofacilitator.ui.file_choosers import ask_open_path

OpenChooser = Callable[[QWidget], str | None]

BANNER_TEXT = "Private: never exported, never shown to participants."
RAISED_BY_TEXT = {
    RaisedBy.PARTICIPANT: "A participant",
    RaisedBy.FACILITATOR: "A facilitator observed it",
    RaisedBy.ANONYMOUS: "Anonymous",
}
STATUS_TEXT = {
    ConcernStatus.OPEN: "Open",
    ConcernStatus.IN_PROGRESS: "In progress",
    ConcernStatus.RESOLVED: "Resolved",
}


def choose_concern_file(parent: QWidget) -> str | None:
    return ask_open_path(
        parent,
        "Import a participant's concern file",
        "Concern files (*.cofacilitator.json *.json);;All files (*)",
    )


def privacy_banner(parent: QWidget) -> QFrame:
    """The reminder on every screen that holds concerns, in the tooltip colours of the system
    (a pale note on light themes, a dark one on dark themes) and bold, not by colour alone."""
    banner = QFrame(parent)
    banner.setFrameShape(QFrame.Shape.StyledPanel)
    banner.setAutoFillBackground(True)
    palette = banner.palette()
    palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.ToolTipBase))
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.ToolTipText))
    banner.setPalette(palette)
    text = QLabel(BANNER_TEXT, banner)
    text.setAccessibleName(BANNER_TEXT)
    font = QFont(text.font())
    font.setBold(True)
    text.setFont(font)
    text.setWordWrap(True)
    detail = QLabel(
        "Concerns stay on this computer for the facilitators. Switch away from this page before "
        "sharing your screen.",
        banner,
    )
    detail.setWordWrap(True)
    layout = QVBoxLayout(banner)
    layout.addWidget(text)
    layout.addWidget(detail)
    return banner


def concern_summary(concern: ConcernView, viewer: tzinfo | None) -> str:
    """Two lines for the list: state, when and who; then the start of what happened."""
    when = concern.happened_at or concern.created_at
    who = concern.raised_by_name or (
        "a facilitator" if concern.raised_by is RaisedBy.FACILITATOR else "anonymous"
    )
    first = concern.what.strip().splitlines()[0] if concern.what.strip() else ""
    if len(first) > 90:
        first = first[:89].rstrip() + "…"
    return f"{STATUS_TEXT[concern.status]} · {moment_text(when, viewer)} · raised by {who}\n{first}"


class ConcernsPanel(QWidget):
    """The cohort's concerns on the left; the chosen one (or a new one) in the form."""

    def __init__(
        self,
        store: Store,
        events: Events,
        *,
        choose_file: OpenChooser = choose_concern_file,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Concerns (private)")
        self._store = store
        self._choose_file = choose_file
        self._viewer = viewer_zone
        self._cohort_id: int | None = None
        self._concerns: list[ConcernView] = []
        self._editing: int | None = None

        self.banner = privacy_banner(self)

        self.concern_list = QListWidget(self)
        self.concern_list.setAccessibleName("Concerns of this cohort")
        self.concern_list.setWordWrap(True)
        self.concern_list.setSpacing(2)
        self.concern_list.currentRowChanged.connect(self._concern_chosen)
        self.show_resolved = QCheckBox("Show &resolved", self)
        self.show_resolved.setAccessibleName("Show resolved concerns too")
        self.show_resolved.setChecked(True)
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.new_button = QPushButton("N&ew concern", self)
        self.new_button.setAccessibleName("Record a new concern")
        self.new_button.clicked.connect(self.new_concern)
        self.import_button = QPushButton("&Import concern file…", self)
        self.import_button.setAccessibleName("Import the concern file a participant sent")
        self.import_button.clicked.connect(self.import_file)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.import_button)
        list_buttons.addStretch(1)
        left = QVBoxLayout()
        concerns_label = QLabel("&Concerns:", self)
        concerns_label.setBuddy(self.concern_list)
        left.addWidget(concerns_label)
        left.addWidget(self.concern_list, 1)
        left.addWidget(self.show_resolved)
        left.addLayout(list_buttons)

        self.form_box = QGroupBox("New concern", self)
        self.raised_by_box = QComboBox(self.form_box)
        self.raised_by_box.setAccessibleName("Who raised the concern")
        for kind, text in RAISED_BY_TEXT.items():
            self.raised_by_box.addItem(text, kind)
        self.raised_by_box.currentIndexChanged.connect(lambda _i: self._raised_by_changed())
        self.raiser_box = QComboBox(self.form_box)
        self.raiser_box.setAccessibleName("The participant who raised it")
        self.about_box = QComboBox(self.form_box)
        self.about_box.setAccessibleName("Whom the concern is about, if anyone")
        self.what_edit = QPlainTextEdit(self.form_box)
        self.what_edit.setAccessibleName("What happened")
        self.what_edit.setTabChangesFocus(True)
        self.what_edit.setPlaceholderText("What happened, in the words of whoever raised it")
        self.when_known = QCheckBox("On", self.form_box)
        self.when_known.setAccessibleName("The time it happened is known")
        self.when_edit = QDateTimeEdit(self.form_box)
        self.when_edit.setAccessibleName("When it happened")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat(f"{DAY_FORMAT}, HH:mm")
        self.when_known.toggled.connect(self.when_edit.setEnabled)
        self.actions_edit = QPlainTextEdit(self.form_box)
        self.actions_edit.setAccessibleName("Actions taken")
        self.actions_edit.setTabChangesFocus(True)
        self.actions_edit.setPlaceholderText("What you did about it, and when")
        self.status_box = QComboBox(self.form_box)
        self.status_box.setAccessibleName("Status of the concern")
        for status, text in STATUS_TEXT.items():
            self.status_box.addItem(text, status)
        self.handler_box = QComboBox(self.form_box)
        self.handler_box.setAccessibleName("Facilitator handling it")
        self.save_button = QPushButton("&Save concern", self.form_box)
        self.save_button.setAccessibleName("Save the concern")
        self.save_button.clicked.connect(self.save)
        self.recorded_label = QLabel(self.form_box)
        self.recorded_label.setWordWrap(True)
        self.recorded_label.setAccessibleName("When the concern was recorded")
        self.message = QLabel(self.form_box)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Concern message")

        raised = QHBoxLayout()
        raised.addWidget(self.raised_by_box)
        raised.addWidget(self.raiser_box, 1)
        when = QHBoxLayout()
        when.addWidget(self.when_known)
        when.addWidget(self.when_edit, 1)
        form = QFormLayout()
        form.addRow(QLabel("Raised &by:", self.form_box, buddy=self.raised_by_box), raised)
        form.addRow("&About:", self.about_box)
        form.addRow("&What happened:", self.what_edit)
        form.addRow(QLabel("Whe&n:", self.form_box, buddy=self.when_known), when)
        form.addRow("Actions &taken:", self.actions_edit)
        form.addRow("Stat&us:", self.status_box)
        form.addRow("&Handled by:", self.handler_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.recorded_label, 1)
        save_row.addWidget(self.save_button)
        form_layout = QVBoxLayout(self.form_box)
        form_layout.addLayout(form, 1)
        form_layout.addLayout(save_row)
        form_layout.addWidget(self.message)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.form_box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        self.set_cohort(None)
        events.cohort_did_change.connect(self._cohort_changed)

    # ------------------------------------------------------------------------------ the list

    @property
    def concerns(self) -> list[ConcernView]:
        return list(self._concerns)

    def set_cohort(self, cohort_id: int | None) -> None:
        self._cohort_id = cohort_id
        self.message.clear()
        self._fill_people()
        self.reload()
        self.new_concern()
        enabled = cohort_id is not None
        for widget in (self.form_box, self.new_button, self.import_button, self.concern_list):
            widget.setEnabled(enabled)

    def _fill_people(self) -> None:
        self.raiser_box.clear()
        self.about_box.clear()
        self.handler_box.clear()
        self.about_box.addItem("Nobody in particular", None)
        self.handler_box.addItem("Nobody yet", "")
        if self._cohort_id is None:
            return
        for person in list_participants(self._store, self._cohort_id):
            name = person.display_name + ("" if person.is_active else " (withdrawn)")
            self.raiser_box.addItem(name, person.id)
            self.about_box.addItem(name, person.id)
        for facilitator in get_cohort(self._store, self._cohort_id).facilitators:
            self.handler_box.addItem(facilitator.name, facilitator.name)

    def _cohort_changed(self, cohort_id: int) -> None:
        """The roster or the facilitators may have changed: offer the current ones, keeping what
        the form has chosen."""
        if cohort_id != self._cohort_id:
            return
        boxes = (self.raiser_box, self.about_box, self.handler_box)
        chosen = [box.currentData() for box in boxes]
        self._fill_people()
        for box, data in zip(boxes, chosen, strict=True):
            index = box.findData(data)
            if index < 0 and box is self.handler_box and data:
                box.addItem(str(data), data)
                index = box.count() - 1
            box.setCurrentIndex(max(0, index))

    def reload(self, select: int | None = None) -> None:
        cohort_id = self._cohort_id
        self._concerns = (
            list_concerns(self._store, cohort_id, include_resolved=self.show_resolved.isChecked())
            if cohort_id is not None
            else []
        )
        self.concern_list.blockSignals(True)
        self.concern_list.clear()
        for concern in self._concerns:
            item = QListWidgetItem(concern_summary(concern, self._viewer))
            item.setData(Qt.ItemDataRole.UserRole, concern.id)
            self.concern_list.addItem(item)
        self.concern_list.blockSignals(False)
        wanted = select if select is not None else self._editing
        for row, concern in enumerate(self._concerns):
            if concern.id == wanted:
                self.concern_list.setCurrentRow(row)

    def _concern_chosen(self, row: int) -> None:
        if 0 <= row < len(self._concerns):
            self.show_concern(self._concerns[row])

    # ------------------------------------------------------------------------------ the form

    def new_concern(self) -> None:
        """An empty form; saving it records a new concern."""
        self._editing = None
        self.concern_list.blockSignals(True)
        self.concern_list.setCurrentRow(-1)
        self.concern_list.blockSignals(False)
        self.form_box.setTitle("New concern")
        self.raised_by_box.setCurrentIndex(self.raised_by_box.findData(RaisedBy.PARTICIPANT))
        self.about_box.setCurrentIndex(0)
        self.what_edit.clear()
        self.when_known.setChecked(False)
        self.when_edit.setEnabled(False)
        self.when_edit.setDateTime(QDateTime.currentDateTime())
        self.actions_edit.clear()
        self.status_box.setCurrentIndex(self.status_box.findData(ConcernStatus.OPEN))
        self.handler_box.setCurrentIndex(0)
        self.recorded_label.clear()
        self._raised_by_changed()

    def show_concern(self, concern: ConcernView) -> None:
        self._editing = concern.id
        self.form_box.setTitle("Concern")
        self.raised_by_box.setCurrentIndex(self.raised_by_box.findData(concern.raised_by))
        if concern.raised_by_id is not None:
            self.raiser_box.setCurrentIndex(self.raiser_box.findData(concern.raised_by_id))
        self.about_box.setCurrentIndex(max(0, self.about_box.findData(concern.about_id)))
        self.what_edit.setPlainText(concern.what)
        self.when_known.setChecked(concern.happened_at is not None)
        self.when_edit.setEnabled(concern.happened_at is not None)
        if concern.happened_at is not None:
            self.when_edit.setDateTime(self._to_local(concern.happened_at))
        self.actions_edit.setPlainText(concern.actions)
        self.status_box.setCurrentIndex(self.status_box.findData(concern.status))
        if concern.handler and self.handler_box.findData(concern.handler) < 0:
            self.handler_box.addItem(concern.handler, concern.handler)
        self.handler_box.setCurrentIndex(max(0, self.handler_box.findData(concern.handler)))
        changed = (
            f"; last changed {moment_text(concern.updated_at, self._viewer)}"
            if concern.updated_at != concern.created_at
            else ""
        )
        self.recorded_label.setText(
            f"Recorded {moment_text(concern.created_at, self._viewer)}{changed}."
        )
        self._raised_by_changed()

    def _raised_by_changed(self) -> None:
        by_participant = self.raised_by_box.currentData() == RaisedBy.PARTICIPANT
        self.raiser_box.setEnabled(by_participant and self.raiser_box.count() > 0)

    def _to_local(self, moment: datetime) -> QDateTime:
        local = moment.replace(tzinfo=UTC).astimezone(self._viewer)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))

    def _to_stored(self, shown: QDateTime) -> datetime:
        """The form's local time as naive UTC, the way the store keeps times."""
        day, clock = shown.date(), shown.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        if self._viewer is not None:
            local = local.replace(tzinfo=self._viewer)
        return local.astimezone(UTC).replace(tzinfo=None)

    def details(self) -> ConcernDetails:
        """What the form says, as the core takes it."""
        raised_by = RaisedBy(self.raised_by_box.currentData())
        raiser = self.raiser_box.currentData() if raised_by is RaisedBy.PARTICIPANT else None
        return ConcernDetails(
            what=self.what_edit.toPlainText(),
            raised_by=raised_by,
            raised_by_id=raiser,
            about_id=self.about_box.currentData(),
            happened_at=(
                self._to_stored(self.when_edit.dateTime()) if self.when_known.isChecked() else None
            ),
            actions=self.actions_edit.toPlainText(),
            status=ConcernStatus(self.status_box.currentData()),
            handler=str(self.handler_box.currentData() or ""),
        )

    def save(self) -> ConcernView | None:
        cohort_id = self._cohort_id
        if cohort_id is None:
            return None
        try:
            details = self.details()
            saved = (
                record_concern(self._store, cohort_id, details)
                if self._editing is None
                else edit_concern(self._store, self._editing, details)
            )
        except ConcernError as problem:
            self.message.setText(f"Not saved: {problem}")
            return None
        self.message.setText("Saved in the private record.")
        self.reload(select=saved.id)
        self.show_concern(saved)
        return saved

    # ------------------------------------------------------------------------------ files

    def import_file(self) -> ImportedConcern | None:
        chosen = self._choose_file(self)
        return self.import_path(Path(chosen)) if chosen else None

    def import_path(self, path: Path) -> ImportedConcern | None:
        """File a participant's concern file (also for File > Open of such a file)."""
        try:
            imported = import_concern_file(self._store, path)
        except ConcernFileRefused as refusal:
            self.message.setText(refusal.message)
            return None
        concern = imported.concern
        if concern.cohort_id != self._cohort_id:
            self.message.setText(
                f"Filed under its own cohort, {get_cohort(self._store, concern.cohort_id).name}."
            )
            return imported
        self.show_resolved.setChecked(True)
        self.reload(select=concern.id)
        self.show_concern(concern)
        self.message.setText(
            f"Imported the concern {concern.raised_by_name or 'a participant'} raised."
            if imported.created
            else "This concern was imported before; nothing was added."
        )
        return imported
