"""Participant mode: the cohort's sessions to read and the participant's own assignments to fill.

A participant opens the invitation their facilitator sent (File > Open, dropping it on the window,
or ``cofacilitator FILE``). The window then shows the cohort, whom to write to, every session's
content read-only and one form per assignment. Nothing here needs the network: the modules ship
with the app, answers are saved in the participant's own store, and a finished assignment leaves
as a file they send however they like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.cohorts import Facilitator
from cofacilitator.invitation import InvitationRefused, invitation_for
from cofacilitator.participant_profile import (
    AssignmentStanding,
    ParticipantProfile,
    load_profile,
    open_invitation,
)
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import ResponseStatus
from cofacilitator.ui.assignment_form import (
    AUTOSAVE_MS,
    AssignmentForm,
    SavePathChooser,
    choose_handback_path,
)
from cofacilitator.ui.file_choosers import ask_open_path
from cofacilitator.ui.guidelines_panel import GuidelinesReader
from cofacilitator.ui.module_browser import ModuleBrowser
from cofacilitator.ui.raise_concern_dialog import RaiseConcernDialog

InvitationChooser = Callable[[QWidget], Path | None]

STANDING_WORDS = {
    None: "— not started",
    ResponseStatus.DRAFT: "✎ draft",
    ResponseStatus.SUBMITTED: "✓ shared",
    ResponseStatus.IMPORTED: "✓ shared",
}


def choose_invitation_file(parent: QWidget) -> Path | None:
    path = ask_open_path(
        parent,
        "Open the invitation from your facilitator",
        "Invitations (*.json);;All files (*)",
        str(Path.home()),
    )
    return Path(path) if path else None


def standing_label(standing: AssignmentStanding) -> str:
    module = standing.module
    assert module.assignment is not None
    words = STANDING_WORDS[standing.status]
    if standing.status is not None and standing.version > 1:
        words += f", version {standing.version}"
    return f"Session {module.number}: {module.assignment.title}\n{words}"


def facilitator_line(facilitator: Facilitator) -> str:
    role = f" ({facilitator.role})" if facilitator.role else ""
    contact = f": {facilitator.contact}" if facilitator.contact else ""
    return f"{facilitator.name}{role}{contact}"


class CohortHeader(QFrame):
    """Whose cohort this is and whom to write to; contacts are selectable to copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.cohort = QLabel(self)
        self.cohort.setAccessibleName("Cohort")
        self.cohort.setTextFormat(Qt.TextFormat.PlainText)
        title = QFont(self.cohort.font())
        title.setPointSizeF(title.pointSizeF() * 1.4)
        title.setBold(True)
        self.cohort.setFont(title)
        self.person = QLabel(self)
        self.person.setAccessibleName("You")
        self.facilitators = QLabel(self)
        self.facilitators.setAccessibleName("Facilitators' contacts")
        self.facilitators.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.facilitators.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Notes about the series")
        layout = QGridLayout(self)
        layout.addWidget(self.cohort, 0, 0)
        layout.addWidget(self.person, 1, 0)
        layout.addWidget(self.facilitators, 0, 1, 2, 1)
        layout.addWidget(self.notes, 2, 0, 1, 2)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)

    def show_profile(self, profile: ParticipantProfile) -> None:
        self.cohort.setText(profile.cohort_name)
        self.person.setText(f"You are taking part as {profile.participant_name}.")
        if profile.facilitators:
            lines = "\n".join(facilitator_line(f) for f in profile.facilitators)
            self.facilitators.setText(f"Your facilitators (write to them at any time):\n{lines}")
        else:
            self.facilitators.setText("The invitation names no facilitators.")
        self.notes.setText("\n".join(profile.notes))
        self.notes.setVisible(bool(profile.notes))


class ParticipantWindow(QMainWindow):
    """The participant's window; ``profile`` is None until an invitation has been opened."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        choose_invitation: InvitationChooser = choose_invitation_file,
        choose_path: SavePathChooser = choose_handback_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("cofacilitator: your cohort")
        self.setAccessibleName("Participant window")
        self.setAcceptDrops(True)
        self.store = store
        self.catalog = catalog
        self.profile: ParticipantProfile | None = None
        self._autosave_ms = autosave_ms
        self._choose_invitation = choose_invitation
        self._choose_path = choose_path
        self.forms: dict[str, AssignmentForm] = {}

        self.header = CohortHeader(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the file could not be opened")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()

        self.welcome = QWidget(self)
        welcome_text = QLabel(
            "<h2>Welcome</h2><p>Open the invitation file your facilitator sent you: choose "
            "<b>Open invitation</b>, or drop the file on this window.</p>"
            "<p>Your answers stay on this computer until you share them.</p>"
        )
        welcome_text.setWordWrap(True)
        self.open_button = QPushButton("&Open invitation…", self.welcome)
        self.open_button.setAccessibleName("Open the invitation file")
        self.open_button.clicked.connect(self.choose_and_open)
        welcome_layout = QVBoxLayout(self.welcome)
        welcome_layout.addStretch(1)
        welcome_layout.addWidget(welcome_text, 0, Qt.AlignmentFlag.AlignHCenter)
        welcome_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        welcome_layout.addStretch(2)

        self.assignment_list = QListWidget(self)
        self.assignment_list.setAccessibleName("Your assignments")
        self.assignment_list.setWordWrap(True)
        self.assignment_list.setSpacing(3)
        self.assignment_list.currentRowChanged.connect(self._show_assignment)
        self.form_stack = QStackedWidget(self)
        self.form_stack.setAccessibleName("Assignment form")
        self.assignments = QSplitter(self)
        self.assignments.addWidget(self.assignment_list)
        self.assignments.addWidget(self.form_stack)
        self.assignments.setStretchFactor(1, 1)
        self.assignments.setSizes([260, 1000])
        self.browser = ModuleBrowser([], parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Your cohort")
        self.tabs.tabBar().setAccessibleName("Participant views")
        self.tabs.addTab(self.assignments, "My &assignments")
        self.tabs.addTab(self.browser, "&Sessions")
        self.guidelines: GuidelinesReader | None = None

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.tabs)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.header.hide()
        self._build_menu()
        self.resize(1280, 720)

    # ------------------------------------------------------------------ opening

    def choose_and_open(self) -> None:
        path = self._choose_invitation(self)
        if path is not None:
            self.open_invitation_file(path)

    def open_invitation_file(self, path: str | Path) -> bool:
        """Join the invitation's cohort and show it; a refusal is shown, and False returned."""
        try:
            profile = open_invitation(self.store, Path(path), self.catalog)
        except InvitationRefused as refusal:
            self.problem.setText(f"This file could not be opened: {refusal.message}")
            self.problem.show()
            return False
        self.problem.hide()
        self.show_profile(profile)
        return True

    def show_profile(self, profile: ParticipantProfile) -> None:
        for form in self.forms.values():
            form.flush()
            self.form_stack.removeWidget(form)
            form.deleteLater()
        self.forms = {}
        self.profile = profile
        self.setWindowTitle(f"cofacilitator: {profile.cohort_name}")
        self.header.show_profile(profile)
        self.header.show()
        self.browser.set_modules(profile.modules)
        self._show_guidelines(profile)
        self.assignment_list.clear()
        for standing in self._with_assignments(profile):
            item = QListWidgetItem(standing_label(standing))
            item.setData(Qt.ItemDataRole.UserRole, standing.module.id)
            self.assignment_list.addItem(item)
        self.pages.setCurrentWidget(self.tabs)
        if self.assignment_list.count():
            self.assignment_list.setCurrentRow(0)

    def form(self, module_id: str) -> AssignmentForm:
        """The form of ``module_id``'s assignment, made the first time it is needed."""
        form = self.forms.get(module_id)
        if form is None:
            assert self.profile is not None
            module = next(m for m in self.profile.modules if m.id == module_id)
            form = AssignmentForm(
                self.store,
                self.profile.participant_id,
                module,
                autosave_ms=self._autosave_ms,
                choose_path=self._choose_path,
            )
            form.saved.connect(self._refresh_standings)
            form.shared.connect(lambda _path: self._refresh_standings())
            self.form_stack.addWidget(form)
            self.forms[module_id] = form
        return form

    def show_assignment(self, module_id: str) -> AssignmentForm:
        for row in range(self.assignment_list.count()):
            if self.assignment_list.item(row).data(Qt.ItemDataRole.UserRole) == module_id:
                self.tabs.setCurrentWidget(self.assignments)
                self.assignment_list.setCurrentRow(row)
        return self.form(module_id)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.open_invitation_file(files[0])

    def closeEvent(self, event: QCloseEvent) -> None:
        for form in self.forms.values():
            form.flush()
        super().closeEvent(event)

    def raise_concern(self) -> RaiseConcernDialog | None:
        """The private concern form, addressed to this cohort's facilitators."""
        if self.profile is None:
            return None
        invitation = invitation_for(
            self.store, self.profile.cohort_id, self.profile.participant_id, self.catalog
        )
        dialog = RaiseConcernDialog(invitation, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ internals

    def _show_guidelines(self, profile: ParticipantProfile) -> None:
        """The cohort's participation guidelines, carried by the invitation, in their own tab."""
        if self.guidelines is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.guidelines))
            self.guidelines.deleteLater()
        self.guidelines = GuidelinesReader(
            self.store, profile.cohort_id, profile.participant_id, parent=self
        )
        self.tabs.addTab(self.guidelines, "&Guidelines")

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open invitation…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(lambda _checked=False: self.choose_and_open())
        menu.addAction(open_action)
        concern_action = QAction("&Raise a concern privately…", self)
        concern_action.setStatusTip("Tell the facilitators privately what troubled you")
        concern_action.triggered.connect(lambda _checked=False: self.raise_concern())
        menu.addAction(concern_action)
        menu.addSeparator()
        close_action = QAction("&Close", self)
        close_action.setShortcut(QKeySequence.StandardKey.Close)
        close_action.triggered.connect(lambda _checked=False: self.close())
        menu.addAction(close_action)

    @staticmethod
    def _with_assignments(profile: ParticipantProfile) -> list[AssignmentStanding]:
        return [s for s in profile.assignments if s.module.assignment is not None]

    def _show_assignment(self, row: int) -> None:
        item = self.assignment_list.item(row)
        if item is None:
            return
        self.form_stack.setCurrentWidget(self.form(item.data(Qt.ItemDataRole.UserRole)))

    def _refresh_standings(self) -> None:
        if self.profile is None:
            return
        fresh = load_profile(self.store, self.profile.participant_id, self.catalog)
        self.profile = replace(fresh, notes=self.profile.notes)
        standings = {s.module.id: s for s in self._with_assignments(self.profile)}
        for row in range(self.assignment_list.count()):
            item = self.assignment_list.item(row)
            standing = standings.get(item.data(Qt.ItemDataRole.UserRole))
            if standing is not None:
                item.setText(standing_label(standing))


def _local_files(urls: list[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
