"""The runner's left column: the agenda, the button that skips an optional segment, the totals.

The agenda shows every segment with its planned minutes and, once run, the minutes it took; the
current segment and the skipped ones are marked in words as well as by bold and strike-out. The
panel only shows; moving, skipping and timing are the runner page's, which hands it the run as it
stands after each change.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.sessions.schema import Module, Segment
from cofacilitator.timer import RunTotals, format_clock

SKIP_KEY = "Ctrl+K"


def agenda_text(segment: Segment, actual: int | None, skipped: bool, current: bool) -> str:
    """One agenda line: marks in words, so nothing relies on bold or colour alone."""
    marks = [f"{segment.minutes} min"]
    if actual is not None:
        marks.append(f"took {actual} min")
    if segment.optional:
        marks.append("optional")
    if skipped:
        marks.append("skipped")
    prefix = "▶ " if current else ""
    return f"{prefix}{segment.title}\n{' · '.join(marks)}"


def totals_text(totals: RunTotals) -> str:
    return (
        f"Planned {totals.planned_minutes} min"
        f" ({totals.required_minutes} min without optional segments)\n"
        f"Elapsed {format_clock(totals.elapsed_seconds)}"
    )


class AgendaPanel(QWidget):
    """The segments of one run; Enter on one asks to go there (``segment_chosen``), the skip
    button asks to skip or restore the selected one (``skip_requested``)."""

    segment_chosen = Signal(str)
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._module: Module | None = None
        self._skipped: frozenset[str] = frozenset()
        self._current = ""
        self._totals: RunTotals | None = None

        self.agenda = QListWidget(self)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setAccessibleDescription(
            "Segments of the session; Enter goes to the selected segment"
        )
        self.agenda.setWordWrap(True)
        self.agenda.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.agenda.setSpacing(2)
        self.agenda.itemActivated.connect(self._activated)
        self.agenda.currentRowChanged.connect(lambda _row: self._update_skip_button())
        title = QLabel("&Agenda", self)
        title.setBuddy(self.agenda)
        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self.skip_requested)
        self.totals_label = QLabel(self)
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName("Planned and elapsed time")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.agenda, 1)
        layout.addWidget(self.skip_button)
        layout.addWidget(self.totals_label)

    @property
    def selected_segment(self) -> Segment | None:
        item = self.agenda.currentItem()
        if item is None or self._module is None:
            return None
        return self._module.segment(item.data(Qt.ItemDataRole.UserRole))

    def show_run(
        self,
        module: Module,
        skipped: Collection[str],
        current: str,
        totals: RunTotals,
        select: str | None = None,
    ) -> None:
        """Rebuild the agenda; the selection goes to ``select``, else the current segment."""
        self._module = module
        self._skipped = frozenset(skipped)
        self._current = current
        # Quiet while rebuilding: the rows being removed belong to the run shown before.
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for index, segment in enumerate(module.segments):
            is_current = segment.id == current
            is_skipped = segment.id in self._skipped
            item = QListWidgetItem(
                agenda_text(segment, totals.actual_minutes[index], is_skipped, is_current)
            )
            item.setData(Qt.ItemDataRole.UserRole, segment.id)
            font = QFont(self.agenda.font())
            font.setBold(is_current)
            font.setStrikeOut(is_skipped)
            item.setFont(font)
            self.agenda.addItem(item)
        keep = select or current
        ids = [segment.id for segment in module.segments]
        self.agenda.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self.agenda.blockSignals(False)
        self._update_skip_button()
        self.show_totals(totals)

    def show_totals(self, totals: RunTotals) -> None:
        self._totals = totals
        text = totals_text(totals)
        if text != self.totals_label.text():
            self.totals_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the app font (Ctrl+plus): the current segment's bold line is a set font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._module and self._totals:
            selected = self.selected_segment
            self.show_run(
                self._module,
                self._skipped,
                self._current,
                self._totals,
                select=selected.id if selected else None,
            )

    def _activated(self, item: QListWidgetItem) -> None:
        segment_id = item.data(Qt.ItemDataRole.UserRole)
        if segment_id not in self._skipped:
            self.segment_chosen.emit(segment_id)

    def _update_skip_button(self) -> None:
        segment = self.selected_segment
        skipped = segment is not None and segment.id in self._skipped
        self.skip_button.setText(
            f"Restore skipped segment ({SKIP_KEY})"
            if skipped
            else f"Skip optional segment ({SKIP_KEY})"
        )
        self.skip_button.setAccessibleName(
            "Restore the selected skipped segment" if skipped else "Skip the selected segment"
        )
        optional = segment is not None and segment.optional
        self.skip_button.setEnabled(optional)
        self.skip_button.setToolTip(
            "Optional segments can be dropped when the call runs late"
            if optional
            else "Select an optional segment in the agenda to skip it"
        )
