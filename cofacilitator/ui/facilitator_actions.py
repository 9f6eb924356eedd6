"""The menu entries that act on the cohort chosen on the Home page, and opening travelling files.

Each entry opens the window or dialog of its feature; this module only decides which cohort or
session it is about, so the features stay unaware of the pages around them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from cofacilitator.cohorts import list_participants
from cofacilitator.concerns import is_concern_file
from cofacilitator.invitation import invitation_for, suggested_filename, write_invitation
from cofacilitator.participant_profile import is_invitation_file
from cofacilitator.peer_review import drafts_folder
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.answers_view import AnswersView
from cofacilitator.ui.background import Runner
from cofacilitator.ui.concerns_panel import ConcernsPanel
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import open_export_dialog
from cofacilitator.ui.home_page import HomePage
from cofacilitator.ui.import_dialog import ImportDialog
from cofacilitator.ui.main_window import MainWindow
from cofacilitator.ui.participant_window import ParticipantWindow
from cofacilitator.ui.peer_review_window import (
    open_feedback_on_my_assignment,
    review_peer_assignment,
)
from cofacilitator.ui.runner_page import RunnerPage
from cofacilitator.ui.settings import SettingsFile

COHORT_MENU = "&Cohort"


@dataclass(frozen=True)
class Facilitation:
    """What the actions need: the app's parts, and the pages that say which cohort is meant."""

    window: MainWindow
    store: Store
    catalog: Catalog
    events: Events
    settings: SettingsFile
    runner: Runner
    data_root: Path
    home: HomePage
    session_runner: RunnerPage
    answers: AnswersView
    concerns: ConcernsPanel

    def cohort_id(self) -> int | None:
        """The cohort chosen on Home; when there is none, say so instead of guessing."""
        cohort = self.home.current_cohort
        if cohort is None:
            self.window.statusBar().showMessage("Choose a cohort on the Home page first.", 8000)
            return None
        return cohort.id


def install_facilitator_actions(facilitation: Facilitation) -> None:
    window = facilitation.window
    add = window.add_menu_action
    add(
        "&File",
        "&Import hand-back files…",
        lambda: import_handbacks(facilitation),
        "Ctrl+I",
        "Import the assignment files participants sent you",
    )
    add(
        "&File",
        "&Review a peer's assignment…",
        lambda: review_peer_assignment(
            window, facilitation.catalog.modules, drafts_folder(facilitation.data_root)
        ),
        tip="Open a hand-back file a peer sent you and comment on it",
    )
    add(
        "&File",
        "Open &feedback on my assignment…",
        lambda: open_feedback_on_my_assignment(window, facilitation.catalog.modules),
        tip="Read a peer's comments beside your own answers",
    )
    add(
        COHORT_MENU,
        "&Export notes…",
        lambda: export_notes(facilitation),
        "Ctrl+E",
        "Write the shared session notes, or the whole series, as Markdown or HTML",
    )
    add(
        COHORT_MENU,
        "Save an &invitation for a participant…",
        lambda: save_invitation(facilitation),
        tip="The file a participant opens to fill their assignments offline",
    )
    add(
        COHORT_MENU,
        "&Answers to assignments",
        lambda: window.show_page("Answers"),
        tip="Each participant's answers, read-only",
    )
    window.open_file_requested.connect(lambda path: open_travelling_file(facilitation, path))


def _on_runner_page(facilitation: Facilitation) -> int | None:
    """The run on screen, when the facilitator is looking at the runner."""
    run = facilitation.session_runner.run
    if run is None or facilitation.window.current_page_name != "Session runner":
        return None
    return run.id


def export_notes(facilitation: Facilitation) -> QWidget | None:
    run_id = _on_runner_page(facilitation)
    cohort_id = None if run_id is not None else facilitation.cohort_id()
    if run_id is None and cohort_id is None:
        return None
    return open_export_dialog(
        facilitation.window,
        facilitation.store,
        facilitation.catalog,
        facilitation.settings,
        run_id=run_id,
        cohort_id=cohort_id,
        runner=facilitation.runner,
    )


def import_handbacks(facilitation: Facilitation, paths: list[Path] | None = None) -> ImportDialog:
    dialog = ImportDialog(
        facilitation.store,
        facilitation.catalog,
        facilitation.events,
        runner=facilitation.runner,
        parent=facilitation.window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    if paths is None:
        dialog.choose_and_import()
    else:
        dialog.import_paths(paths)
    return dialog


ParticipantChooser = Callable[[QWidget, list[str]], str | None]
SavePathChooser = Callable[[QWidget, str], str | None]


def _choose_participant(parent: QWidget, names: list[str]) -> str | None:
    name, chosen = QInputDialog.getItem(
        parent, "Invitation", "Who is the invitation for?", names, 0, False
    )
    return name if chosen else None


def _choose_invitation_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Save the invitation", suggested, "Invitations (*.cofacilitator-invitation)"
    )
    return path or None


def save_invitation(
    facilitation: Facilitation,
    *,
    choose_participant: ParticipantChooser = _choose_participant,
    choose_path: SavePathChooser = _choose_invitation_path,
) -> Path | None:
    cohort_id = facilitation.cohort_id()
    if cohort_id is None:
        return None
    people = [p for p in list_participants(facilitation.store, cohort_id) if p.is_active]
    if not people:
        facilitation.window.statusBar().showMessage("This cohort has nobody on its roster.", 8000)
        return None
    names = [p.display_name for p in people]
    name = choose_participant(facilitation.window, names)
    if name is None:
        return None
    person = people[names.index(name)]
    invitation = invitation_for(facilitation.store, cohort_id, person.id, facilitation.catalog)
    chosen = choose_path(facilitation.window, suggested_filename(invitation))
    if not chosen:
        return None
    write_invitation(facilitation.store, cohort_id, person.id, facilitation.catalog, Path(chosen))
    facilitation.window.statusBar().showMessage(f"Saved the invitation for {name}.", 8000)
    return Path(chosen)


def open_travelling_file(facilitation: Facilitation, path: str) -> QWidget | None:
    """An invitation opens participant mode, a concern goes to the private concerns record, any
    other file is imported as a hand-back (which says plainly when it is not one)."""
    file = Path(path)
    if is_invitation_file(file):
        window = ParticipantWindow(facilitation.store, facilitation.catalog)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_invitation_file(file)
        window.show()
        return window
    if is_concern_file(file):
        facilitation.window.show_page("Home")
        facilitation.home.tabs.setCurrentWidget(facilitation.concerns)
        facilitation.concerns.import_path(file)
        return facilitation.concerns
    return import_handbacks(facilitation, [file])
