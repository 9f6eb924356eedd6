"""The welcome segment's pane: the cohort's guidelines, and who agreed to them on the call.

Session 1 opens by going through how the group works together. The facilitator reads out the
cohort's own guidelines (the text edited on the Guidelines tab, or the shipped default), and as
people say they agree, ticks them off here: one box per person in the call, written at once with
``acknowledge(..., "call")``; unticking undoes a tick made by mistake. Someone who already
confirmed in their own app shows as agreed, and the box leaves that confirmation alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.guidelines import (
    AcknowledgedHow,
    acknowledge,
    acknowledgement_roll,
    clear_acknowledgement,
    get_guidelines,
)
from cofacilitator.ui.markdown_view import MarkdownView
from cofacilitator.ui.pane_context import CapturePane, PaneContext
from cofacilitator.ui.roll_call_pane import people_in_call

IN_THE_APP = "confirmed in the app"


class GuidelinesPane(CapturePane):
    """The guidelines read-only on the left, a box per person in the call on the right."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAccessibleName("Guidelines and who acknowledged them")
        self.boxes: dict[int, QCheckBox] = {}
        self.app_notes: dict[int, QLabel] = {}
        self._names: dict[int, str] = {}
        self._text: str | None = None

        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setAccessibleName("Whose guidelines these are")
        self.view = MarkdownView(self)
        self.view.setAccessibleName("The cohort's guidelines")
        self.view.document().setDocumentMargin(10)
        reading = QWidget(self)
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.source_label)
        reading_layout.addWidget(self.view, 1)

        heading = QLabel("<b>Acknowledged in the call</b>", self)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.count_label.setAccessibleName("How many have acknowledged")
        self._boxes_widget = QWidget(self)
        self._boxes_layout = QVBoxLayout(self._boxes_widget)
        self._boxes_layout.setContentsMargins(4, 4, 4, 4)
        self._boxes_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._boxes_widget)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        hint = QLabel("Tick each person as they say they agree.", self)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        people = QWidget(self)
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(heading)
        people_layout.addWidget(self.count_label)
        people_layout.addWidget(scroll, 1)
        people_layout.addWidget(hint)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(reading)
        splitter.addWidget(people)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)

        context.events.cohort_did_change.connect(self._cohort_changed)
        self.reload()

    # ------------------------------------------------------------------------------ reading

    def reload(self) -> None:
        context = self.context
        guidelines = get_guidelines(context.store, context.cohort_id)
        self.source_label.setText(
            "The default guidelines (this cohort has none of its own; edit them on the "
            "cohort's Guidelines tab)"
            if guidelines.is_default
            else "This cohort's own guidelines"
        )
        if guidelines.text != self._text:  # re-rendering would scroll back to the top
            self._text = guidelines.text
            self.view.set_markdown(guidelines.text)
        people = people_in_call(context.store, context.run_id)
        self._names = {person.id: person.display_name for person in people}
        if list(self._names) != list(self.boxes):
            self._rebuild()
        self._show_roll()

    def is_acknowledged(self, participant_id: int) -> bool:
        box = self.boxes.get(participant_id)
        return box is not None and box.isChecked()

    # ------------------------------------------------------------------------------ actions

    def set_acknowledged(self, participant_id: int, agreed: bool) -> None:
        """One write per tick: acknowledged on the call, or the tick taken back."""
        context = self.context
        if agreed:
            acknowledge(context.store, participant_id, AcknowledgedHow.CALL)
        else:
            clear_acknowledgement(context.store, participant_id)
        # The announcement brings this pane's own reload, as it does the Guidelines tab's.
        context.events.cohort_did_change.emit(context.cohort_id)

    # ------------------------------------------------------------------------------ internals

    def _rebuild(self) -> None:
        for widget in [*self.boxes.values(), *self.app_notes.values()]:
            self._boxes_layout.removeWidget(widget)
            widget.deleteLater()
        self.boxes = {}
        self.app_notes = {}
        for participant_id, name in self._names.items():
            box = QCheckBox(name, self._boxes_widget)
            box.setAccessibleName(f"{name} acknowledged the guidelines in the call")
            box.toggled.connect(lambda on, pid=participant_id: self.set_acknowledged(pid, on))
            # Under the name rather than beside it, so a narrow column never cuts it off.
            note = QLabel(IN_THE_APP, self._boxes_widget)
            note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            note.setIndent(box.style().pixelMetric(box.style().PixelMetric.PM_IndicatorWidth) + 6)
            note.hide()
            self._boxes_layout.insertWidget(self._boxes_layout.count() - 1, box)
            self._boxes_layout.insertWidget(self._boxes_layout.count() - 1, note)
            self.boxes[participant_id] = box
            self.app_notes[participant_id] = note
        previous: QWidget | None = None
        for box in self.boxes.values():
            if previous is not None:
                QWidget.setTabOrder(previous, box)
            previous = box

    def _show_roll(self) -> None:
        """Tick the boxes from the store, quietly: showing a tick must not write one."""
        roll = acknowledgement_roll(self.context.store, self.context.cohort_id)
        how = {a.participant_id: a.how for a in roll.acknowledged}
        for participant_id, box in self.boxes.items():
            name = self._names[participant_id]
            in_app = how.get(participant_id) is AcknowledgedHow.APP
            box.blockSignals(True)
            box.setChecked(participant_id in how)
            box.blockSignals(False)
            # A confirmation made in the participant's own app is theirs to keep.
            box.setEnabled(not in_app)
            self.app_notes[participant_id].setVisible(in_app)
            box.setToolTip(
                f"{name} {IN_THE_APP}" if in_app else f"{name} said on the call they agree"
            )
        agreed = sum(1 for participant_id in self.boxes if participant_id in how)
        total = len(self.boxes)
        self.count_label.setText(
            f"{agreed} of {total} in the call" if total else "Nobody on the roster yet."
        )

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
