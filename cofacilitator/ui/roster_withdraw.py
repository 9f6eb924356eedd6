"""Withdrawing someone from a cohort from a given date, or taking them back: not erasing them.

People leave a cohort part-way. From the date they withdraw they are no longer addressed by the
messages around a call nor expected at it, while everything they contributed stays in the record
as it was. That is different from erasing a person (for someone who asks to be forgotten), which
removes their data and cannot be undone; the control says so, because the two are easy to confuse.
The roster editor embeds this control under its table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import ParticipantView, reinstate_participant, withdraw_participant
from cofacilitator.store.database import Store
from cofacilitator.ui.date_text import DAY_FORMAT, moment_day_text


class WithdrawControl(QWidget):
    """ "Withdraw from this date" or "Reinstate" for the participant the roster has selected.

    ``withdrawal_changed`` carries the participant's id after either write, for the roster to
    re-read itself and announce the change.
    """

    withdrawal_changed = Signal(int)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        viewer_zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Withdraw or reinstate")
        self._store = store
        self._today = today
        self._viewer = viewer_zone
        self._person: ParticipantView | None = None

        self.from_label = QLabel("&From:", self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName("Date the withdrawal starts")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DAY_FORMAT)
        # The text field inside the date box is what takes the focus; it answers to the same name.
        self.date_edit.findChild(QLineEdit).setAccessibleName(self.date_edit.accessibleName())
        self.from_label.setBuddy(self.date_edit)
        self.withdraw_button = QPushButton("&Withdraw from this date", self)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.reinstate_button = QPushButton("Re&instate", self)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What withdrawing does")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.from_label)
        row.addWidget(self.date_edit)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.reinstate_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.explanation)
        self.set_participant(None)

    def set_participant(self, person: ParticipantView | None) -> None:
        self._person = person
        withdrawn = person is not None and person.withdrawn_at is not None
        for widget in (self.from_label, self.date_edit, self.withdraw_button):
            widget.setVisible(not withdrawn)
            widget.setEnabled(person is not None)
        self.reinstate_button.setVisible(withdrawn)
        self.date_edit.setDate(QDate(self._today()))
        name = person.display_name if person is not None else "the person chosen"
        self.withdraw_button.setAccessibleName(f"Withdraw {name} from the chosen date")
        self.reinstate_button.setAccessibleName(f"Reinstate {name} on the active roster")
        if person is None:
            self.explanation.setText("Choose someone on the roster to withdraw or reinstate them.")
            return
        if withdrawn:
            assert person.withdrawn_at is not None
            since = moment_day_text(person.withdrawn_at, self._viewer)
            self.explanation.setText(
                f"{name} is withdrawn from {since}. Reinstating puts them back on the active "
                "roster; nothing they contributed was lost."
            )
            return
        self.explanation.setText(
            f"Withdrawing keeps everything {name} contributed, in past sessions' records and "
            "exports; from that date they are no longer sent messages or expected at calls, "
            "and you can reinstate them. This is not erasing, which removes someone's data for "
            "good when they ask to be forgotten, and cannot be undone."
        )

    def _start_of(self, day: date) -> datetime:
        """The start of ``day`` on the facilitator's clock, as naive UTC like the store."""
        local = datetime.combine(day, time(0, 0))
        if self._viewer is not None:
            local = local.replace(tzinfo=self._viewer)
        return local.astimezone(UTC).replace(tzinfo=None)

    def withdraw(self) -> None:
        person = self._person
        if person is None or person.withdrawn_at is not None:
            return
        updated = withdraw_participant(
            self._store, person.id, at=self._start_of(self.date_edit.date().toPython())
        )
        self.set_participant(updated)
        self.withdrawal_changed.emit(updated.id)

    def reinstate(self) -> None:
        person = self._person
        if person is None or person.withdrawn_at is None:
            return
        updated = reinstate_participant(self._store, person.id)
        self.set_participant(updated)
        self.withdrawal_changed.emit(updated.id)
