"""Who said it: the picker the capture panes share for naming the person a line is from."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from cofacilitator.cohorts import ParticipantView
from cofacilitator.store.models import AuthorKind

ANONYMOUS = "Anonymous"
FACILITATOR = "Facilitator"
_ANONYMOUS_ID = -1
_FACILITATOR_ID = -2

Author = tuple[AuthorKind, int | None]


class AuthorPicker(QComboBox):
    """Who said it: Anonymous first (the safe default), then optionally the facilitator, then
    the roster in the order the facilitator knows it."""

    def __init__(
        self,
        people: Sequence[ParticipantView],
        *,
        with_facilitator: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._with_facilitator = with_facilitator
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.set_people(people)

    def set_people(self, people: Sequence[ParticipantView]) -> None:
        """Refill after the roster changed, keeping the current choice when it is still there."""
        keep = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(ANONYMOUS, _ANONYMOUS_ID)
        if self._with_facilitator:
            self.addItem(FACILITATOR, _FACILITATOR_ID)
        self.insertSeparator(self.count())
        for person in people:
            self.addItem(person.display_name, person.id)
        index = self.findData(keep) if keep is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def author(self) -> Author:
        data = self.currentData()
        if data == _FACILITATOR_ID:
            return AuthorKind.FACILITATOR, None
        if data is None or data == _ANONYMOUS_ID:
            return AuthorKind.ANONYMOUS, None
        return AuthorKind.PARTICIPANT, int(data)

    def participant_id(self) -> int | None:
        """The person chosen, None for Anonymous (and the facilitator)."""
        return self.author()[1]

    def choose(self, participant_id: int | None) -> None:
        index = self.findData(_ANONYMOUS_ID if participant_id is None else participant_id)
        self.setCurrentIndex(max(0, index))
