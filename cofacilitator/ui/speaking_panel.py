"""Take space, give space: the facilitator's private tally of who has been heard.

One click (or keys 1-9 while the panel has the focus) records that someone spoke; a note they
wrote counts too, because writing is how quieter people take part. Below the tally a quiet list
names the people present who have not been heard yet: the nudge to invite someone in. This panel
is for the facilitator only and is never shown on the presenter clock, which participants see.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.attendance import (
    add_speaking_turn,
    list_attendance,
    speaking_order,
    undo_speaking_turn,
)
from cofacilitator.notes import list_notes
from cofacilitator.run_roster import roster_for_run
from cofacilitator.speaking import speaking_balance
from cofacilitator.store.database import Store
from cofacilitator.store.models import AttendanceStatus
from cofacilitator.ui.events import Events

KEYED_PEOPLE = 9
"""Digits 1-9 tally the first nine people; more than that is a click."""

_IN_THE_CALL = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})


@dataclass(frozen=True)
class Voice:
    """One person in the tally, as read from the store for one repaint."""

    participant_id: int
    name: str
    spoke: int
    notes: int


@dataclass(frozen=True)
class SpeakingSnapshot:
    """Who is in the room and how they have taken part; ``from_roster`` when nobody is marked
    present yet, so the tally is usable before the roll call."""

    voices: tuple[Voice, ...]
    not_heard: tuple[str, ...]
    from_roster: bool


def read_snapshot(store: Store, run_id: int) -> SpeakingSnapshot:
    """People present (stepped-out people wait until they are back), in the order of the run's
    roster: the cohort as it stood at that call, so a past session keeps who withdrew since."""
    roster = roster_for_run(store, run_id)
    attendance = {row.participant_id: row for row in list_attendance(store, run_id)}
    here = [
        person
        for person in roster
        if person.id in attendance
        and attendance[person.id].status in _IN_THE_CALL
        and not attendance[person.id].is_out
    ]
    from_roster = not any(row.status in _IN_THE_CALL for row in attendance.values())
    people = roster if from_roster else here
    spoke = speaking_order(store, run_id)
    wrote = [note.participant_id for note in list_notes(store, run_id) if note.participant_id]
    balance = speaking_balance([p.id for p in people], [*spoke, *wrote])
    spoke_counts = Counter(spoke)
    note_counts = Counter(wrote)
    names = {p.id: p.display_name for p in people}
    voices = tuple(
        Voice(p.id, p.display_name, spoke_counts[p.id], note_counts[p.id]) for p in people
    )
    return SpeakingSnapshot(voices, tuple(names[i] for i in balance.not_heard), from_roster)


def _count_text(voice: Voice) -> str:
    parts = [f"spoke {voice.spoke}×"] if voice.spoke else []
    if voice.notes:
        parts.append(f"{voice.notes} note{'s' * (voice.notes > 1)}")
    return " · ".join(parts) or "not yet"


class SpeakingPanel(QFrame):
    """The tally for one run; re-reads itself when a note is saved or attendance changes.

    ``rows_replaced`` fires when the people shown change, so the page can put the new buttons
    in its tab order.
    """

    rows_replaced = Signal()

    def __init__(
        self,
        store: Store,
        events: Events,
        cohort_id: int,
        run_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakingPanel")
        self.setAccessibleName("Take space, give space")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._store = store
        self._cohort_id = cohort_id
        self._run_id = run_id
        self._snapshot = SpeakingSnapshot((), (), True)
        self._ticked: list[int] = []
        self._row_ids: list[int] = []
        self.tally_buttons: list[QPushButton] = []
        self.count_labels: list[QLabel] = []

        heading = QLabel("<b>Take space, give space</b>", self)
        heading.setToolTip(
            "Only you see this. Tally who speaks, to notice who has not been heard yet."
        )
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setAccessibleName("Undo the last tally")
        self.undo_button.setToolTip("Take back the last tick (Ctrl+Z while this panel has focus)")
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)
        undo_key = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_key.activated.connect(self.undo_last)

        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(self._rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.not_heard_label = QLabel(self)
        self.not_heard_label.setWordWrap(True)
        self.not_heard_label.setAccessibleName("Not heard yet")
        self.not_heard_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        heading.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint_label, 1)
        bottom.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.not_heard_label)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        for digit in range(1, KEYED_PEOPLE + 1):
            shortcut = QShortcut(QKeySequence(str(digit)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=digit - 1: self.tally_index(index))

        events.note_did_save.connect(lambda _note_id: self.reload())
        events.cohort_did_change.connect(self._cohort_changed)
        events.run_did_advance.connect(self._run_changed)
        self.reload()

    @property
    def focus_chain(self) -> list[QWidget]:
        """The panel (where keys 1-9 work), its tally buttons, then Undo: in Tab order."""
        return [self, *self.tally_buttons, self.undo_button]

    @property
    def snapshot(self) -> SpeakingSnapshot:
        return self._snapshot

    def reload(self) -> None:
        """Re-read the room from the store; cheap enough to do on every announcement."""
        self._snapshot = read_snapshot(self._store, self._run_id)
        self._rebuild()

    def tally(self, participant_id: int) -> None:
        add_speaking_turn(self._store, self._run_id, participant_id)
        self._ticked.append(participant_id)
        self.reload()

    def tally_index(self, index: int) -> None:
        if 0 <= index < len(self._snapshot.voices):
            self.tally(self._snapshot.voices[index].participant_id)

    def undo_last(self) -> None:
        if not self._ticked:
            return
        undo_speaking_turn(self._store, self._run_id, self._ticked.pop())
        self.reload()

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self._cohort_id:
            self.reload()

    def _run_changed(self, run_id: int) -> None:
        if run_id == self._run_id:
            self.reload()

    def _rebuild(self) -> None:
        """Update the rows in place when the same people are shown, so focus stays put."""
        snapshot = self._snapshot
        ids = [voice.participant_id for voice in snapshot.voices]
        if ids != self._row_ids:
            self._replace_rows()
            self._row_ids = ids
            self.rows_replaced.emit()
        for voice, button, count in zip(
            snapshot.voices, self.tally_buttons, self.count_labels, strict=True
        ):
            button.setAccessibleDescription(_count_text(voice))
            count.setText(_count_text(voice))
            count.setAccessibleName(f"{voice.name}: {_count_text(voice)}")
        self.undo_button.setEnabled(bool(self._ticked))
        if not snapshot.voices:
            self.hint_label.setText("Nobody on the roster yet.")
        elif snapshot.from_roster:
            self.hint_label.setText(
                "Nobody is marked present yet, so the whole roster is shown. "
                "Keys 1-9 tally while this panel has the focus."
            )
        else:
            self.hint_label.setText("Keys 1-9 tally the first nine while this panel has the focus.")
        if snapshot.not_heard:
            self.not_heard_label.setText("Not heard yet: " + ", ".join(snapshot.not_heard))
        elif snapshot.voices:
            self.not_heard_label.setText("Everyone present has been heard.")
        else:
            self.not_heard_label.setText("")

    def _replace_rows(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tally_buttons = []
        self.count_labels = []
        for row, voice in enumerate(self._snapshot.voices):
            key = str(row + 1) if row < KEYED_PEOPLE else ""
            key_label = QLabel(key, self._rows)
            key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            key_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            button = QPushButton(voice.name, self._rows)
            button.setAccessibleName(f"Tally {voice.name}")
            button.setToolTip(
                f"{voice.name} spoke" + (f" (key {key} while this panel has focus)" if key else "")
            )
            button.clicked.connect(lambda _=False, pid=voice.participant_id: self.tally(pid))
            count = QLabel(self._rows)
            self._grid.addWidget(key_label, row, 0)
            self._grid.addWidget(button, row, 1)
            self._grid.addWidget(count, row, 2)
            self.tally_buttons.append(button)
            self.count_labels.append(count)
        self._grid.setRowStretch(len(self._snapshot.voices), 1)
