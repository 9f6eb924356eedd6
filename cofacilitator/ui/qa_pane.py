"""Questions and answers: what was asked in the call, and the answers, live or afterwards.

Each session ends with Q&A, and the curriculum promises that what could not be answered in the
call is answered "through the notes" later. So the list marks every question open or answered
(live or after the call), and the answer fields stay editable after the run ended: a question
answered then defaults to "after the call". Edits save as they are typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import get_cohort, list_participants
from cofacilitator.run_roster import roster_for_run
from cofacilitator.runs import get_run
from cofacilitator.session_records import (
    QuestionView,
    add_question,
    answer_question,
    edit_question,
    list_questions,
)
from cofacilitator.store.models import AnsweredWhen
from cofacilitator.ui.author_picker import ANONYMOUS, AuthorPicker
from cofacilitator.ui.autosave import Autosave, SaveIndicator
from cofacilitator.ui.pane_context import CapturePane, PaneContext

OPEN_MARK = "Open"
WHEN_LABELS = {AnsweredWhen.LIVE: "answered live", AnsweredWhen.AFTER: "answered after the call"}


class QAPane(CapturePane):
    """The questions of one run's Q&A segment."""

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAccessibleName("Questions and answers")
        self._autosave = Autosave(context.autosave_ms, self)
        self._questions: list[QuestionView] = []
        self._names: dict[int, str] = {}
        self._current: int | None = None

        self.question_entry = QLineEdit(self)
        self.question_entry.setAccessibleName("New question")
        self.question_entry.setPlaceholderText("A question from the call, then Enter")
        self.question_entry.returnPressed.connect(self.add_entry)
        self.asker_box = AuthorPicker([], with_facilitator=False, parent=self)
        self.asker_box.setAccessibleName("Asked by")
        self.add_button = QPushButton("&Add", self)
        self.add_button.setAccessibleName("Add question")
        self.add_button.clicked.connect(self.add_entry)
        asked_label = QLabel("asked by", self)
        asked_label.setBuddy(self.asker_box)
        new_row = QHBoxLayout()
        new_row.addWidget(self.question_entry, 1)
        new_row.addWidget(asked_label)
        new_row.addWidget(self.asker_box)
        new_row.addWidget(self.add_button)

        self.list = QListWidget(self)
        self.list.setAccessibleName("Questions")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self.list.currentRowChanged.connect(self._select)

        self.details = QFrame(self)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.question_edit = QLineEdit(self.details)
        self.question_edit.setAccessibleName("Question")
        self.question_edit.textEdited.connect(self._question_edited)
        self.asked_label = QLabel(self.details)
        self.asked_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.asked_label.setAccessibleName("Who asked")
        self.answer_edit = QPlainTextEdit(self.details)
        self.answer_edit.setAccessibleName("Answer")
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setPlaceholderText("The answer, in the call or afterwards")
        self.answer_edit.textChanged.connect(self._answer_edited)
        lines = self.fontMetrics().lineSpacing()
        self.answer_edit.setMinimumHeight(lines * 2 + 2 * self.answer_edit.frameWidth() + 8)
        self.answered_by_box = QComboBox(self.details)
        self.answered_by_box.setEditable(True)
        self.answered_by_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.answered_by_box.setAccessibleName("Answered by")
        self.answered_by_box.lineEdit().textEdited.connect(lambda _text: self._answer_edited())
        self.answered_by_box.activated.connect(lambda _row: self._answer_edited())
        self.live_radio = QRadioButton("During the call", self.details)
        self.live_radio.setAccessibleName("Answered during the call")
        self.after_radio = QRadioButton("After the call", self.details)
        self.after_radio.setAccessibleName("Answered after the call")
        self._when = QButtonGroup(self.details)
        self._when.addButton(self.live_radio)
        self._when.addButton(self.after_radio)
        self.live_radio.toggled.connect(lambda _on: self._answer_edited())
        when_row = QHBoxLayout()
        when_row.addWidget(self.live_radio)
        when_row.addWidget(self.after_radio)
        when_row.addStretch(1)
        form = QFormLayout(self.details)
        form.setContentsMargins(6, 6, 6, 6)
        question_row = QHBoxLayout()
        question_row.addWidget(self.question_edit, 1)
        question_row.addWidget(self.asked_label)
        question_label = QLabel("&Question", self.details)
        question_label.setBuddy(self.question_edit)
        form.addRow(question_label, question_row)
        form.addRow("A&nswer", self.answer_edit)
        form.addRow("Answered &by", self.answered_by_box)
        form.addRow("When", when_row)
        for editor in (self.question_edit, self.answer_edit, self.answered_by_box):
            self._autosave.watch(editor)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 320])
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Questions answered")
        indicator = SaveIndicator(self._autosave, self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(indicator)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(new_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        context.events.cohort_did_change.connect(self._cohort_changed)
        self.reload()

    # ------------------------------------------------------------------------------ reading

    def reload(self) -> None:
        self._autosave.flush()
        context = self.context
        everyone = list_participants(context.store, context.cohort_id)
        self._names = {person.id: person.display_name for person in everyone}
        roster = roster_for_run(context.store, context.run_id)
        self.asker_box.set_people(roster)
        answerers = [f.name for f in get_cohort(context.store, context.cohort_id).facilitators]
        answerers += [p.display_name for p in roster if p.display_name]
        self.answered_by_box.blockSignals(True)
        typed = self.answered_by_box.currentText()
        self.answered_by_box.clear()
        self.answered_by_box.addItems(list(dict.fromkeys(answerers)))
        self.answered_by_box.setEditText(typed)
        self.answered_by_box.blockSignals(False)
        segment_id = context.segment.id
        self._questions = [
            q
            for q in list_questions(context.store, context.run_id)
            if q.segment_id in (segment_id, "")
        ]
        self._fill_list()

    def flush(self) -> None:
        self._autosave.flush()

    # ------------------------------------------------------------------------------ actions

    def add_entry(self) -> None:
        text = self.question_entry.text().strip()
        if not text:
            return
        context = self.context
        added = add_question(
            context.store,
            context.run_id,
            text,
            segment_id=context.segment.id,
            asked_by_id=self.asker_box.participant_id(),
        )
        self.question_entry.clear()
        self.asker_box.choose(None)
        self._questions.append(added)
        self._fill_list()
        self.list.setCurrentRow(len(self._questions) - 1)
        self.question_entry.setFocus()

    # ------------------------------------------------------------------------------ internals

    def _fill_list(self) -> None:
        keep = self._current
        self.list.blockSignals(True)
        self.list.clear()
        for question in self._questions:
            item = QListWidgetItem(self._line(question))
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [q.id for q in self._questions]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._select(row)
        answered = sum(1 for q in self._questions if q.is_answered)
        total = len(self._questions)
        self.status_label.setText(
            f"{answered} of {total} answered" if total else "No questions yet."
        )

    def _line(self, question: QuestionView) -> str:
        """The question, then who asked and where it stands, in words."""
        if not question.is_answered:
            mark = OPEN_MARK
        elif question.answered_when is None:
            mark = "answered"
        else:
            mark = WHEN_LABELS[question.answered_when]
        return f"{question.question}\n{self._asker(question)} · {mark}"

    def _asker(self, question: QuestionView) -> str:
        if question.asked_by_id is None:
            return ANONYMOUS
        return self._names.get(question.asked_by_id, "Someone")

    def _select(self, row: int) -> None:
        self._autosave.flush()
        has = 0 <= row < len(self._questions)
        self.details.setEnabled(has)
        editors: tuple[QWidget, ...] = (
            self.question_edit,
            self.answer_edit,
            self.answered_by_box,
            self.live_radio,
        )
        for widget in editors:
            widget.blockSignals(True)
        if has:
            question = self._questions[row]
            self._current = question.id
            self.question_edit.setText(question.question)
            self.asked_label.setText(f"asked by {self._asker(question)}")
            self.answer_edit.setPlainText(question.answer)
            self.answered_by_box.setEditText(question.answered_by or self._default_answerer())
            when = question.answered_when or self._default_when()
            self.live_radio.setChecked(when is AnsweredWhen.LIVE)
            self.after_radio.setChecked(when is AnsweredWhen.AFTER)
        else:
            self._current = None
            self.question_edit.clear()
            self.asked_label.clear()
            self.answer_edit.clear()
            self.answered_by_box.setEditText("")
        for widget in editors:
            widget.blockSignals(False)

    def _default_answerer(self) -> str:
        return self.answered_by_box.itemText(0) if self.answered_by_box.count() else ""

    def _default_when(self) -> AnsweredWhen:
        """After the call once the run has ended; live while it runs."""
        ended = get_run(self.context.store, self.context.run_id).ended_at is not None
        return AnsweredWhen.AFTER if ended else AnsweredWhen.LIVE

    def _question_edited(self, text: str) -> None:
        question_id = self._current
        if question_id is None:
            return
        store = self.context.store
        self._autosave.schedule(
            ("question", question_id),
            lambda: self._replace(edit_question(store, question_id, question=text)),
        )

    def _answer_edited(self) -> None:
        question_id = self._current
        if question_id is None:
            return
        store = self.context.store
        answer = self.answer_edit.toPlainText()
        by = self.answered_by_box.currentText().strip()
        when = AnsweredWhen.LIVE if self.live_radio.isChecked() else AnsweredWhen.AFTER
        self._autosave.schedule(
            ("answer", question_id),
            lambda: self._replace(answer_question(store, question_id, answer, by, when=when)),
        )

    def _replace(self, question: QuestionView) -> None:
        """Show a question as the store now holds it, without disturbing the editors."""
        for index, known in enumerate(self._questions):
            if known.id == question.id:
                self._questions[index] = question
                item = self.list.item(index)
                if item is not None:
                    item.setText(self._line(question))
        answered = sum(1 for q in self._questions if q.is_answered)
        self.status_label.setText(f"{answered} of {len(self._questions)} answered")

    def _cohort_changed(self, cohort_id: int) -> None:
        if cohort_id == self.context.cohort_id:
            self.reload()
