"""The menu entries that act on the cohort chosen on the Home page, and opening travelling files.

Each entry opens the window or dialog of its feature; this module only decides which cohort or
session it is about, so the features stay unaware of the pages around them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QWidget

from cofacilitator.cohorts import CohortView, ParticipantView, list_cohorts, list_participants
from cofacilitator.concerns import ConcernFileRefused, is_concern_file, read_concern_file
from cofacilitator.invitation import (
    Invitation,
    InvitationRefused,
    invitation_for,
    read_invitation,
    suggested_filename,
    write_invitation,
)
from cofacilitator.participant_profile import is_invitation_file
from cofacilitator.peer_review import drafts_folder
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store, open_store
from cofacilitator.ui.answers_view import AnswersView
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.concerns_panel import ConcernsPanel
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import open_export_dialog
from cofacilitator.ui.home_page import HomePage
from cofacilitator.ui.import_dialog import FilesChooser, ImportDialog, choose_handback_files
from cofacilitator.ui.main_window import MainWindow
from cofacilitator.ui.participant_window import ParticipantWindow
from cofacilitator.ui.peer_review_window import (
    open_feedback_on_my_assignment,
    review_peer_assignment,
)
from cofacilitator.ui.runner_page import RunnerPage
from cofacilitator.ui.settings import SettingsFile

COHORT_MENU = "&Cohort"
PREVIEW_NOTE = "A preview of what {name} sees: nothing typed here is kept."
PREVIEW_DATABASE_URL = "sqlite://"
"""Where an invitation to one of the facilitator's own cohorts is opened: in memory, so the
preview leaves nothing behind."""


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


def import_handbacks(
    facilitation: Facilitation,
    paths: list[Path] | None = None,
    *,
    choose_files: FilesChooser = choose_handback_files,
) -> ImportDialog:
    """The import dialog over the main window: asking for the files, or importing ``paths``."""
    dialog = ImportDialog(
        facilitation.store,
        facilitation.catalog,
        facilitation.events,
        runner=facilitation.runner,
        choose_files=choose_files,
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
        parent,
        "Save the invitation",
        str(Path.home() / suggested),
        # The extension suggested_filename gives, so the suggested name passes the filter.
        "Invitations (*.cofacilitator.json);;All files (*)",
    )
    return path or None


def roster_labels(people: list[ParticipantView]) -> list[str]:
    """One label per person, as the chooser lists them: the name, and for two people of the
    same name what tells them apart (email, role, else their place on the roster), so the
    invitation goes to the one meant."""
    names = Counter(p.display_name for p in people)
    labels = [
        f"{p.display_name} ({p.email or p.role})"
        if names[p.display_name] > 1 and (p.email or p.role)
        else p.display_name
        for p in people
    ]
    repeated = Counter(labels)
    return [
        f"{label} [no. {number}]" if repeated[label] > 1 else label
        for number, label in enumerate(labels, start=1)
    ]


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
    names = roster_labels(people)
    name = choose_participant(facilitation.window, names)
    if name is None or name not in names:
        return None
    person = people[names.index(name)]
    invitation = invitation_for(facilitation.store, cohort_id, person.id, facilitation.catalog)
    chosen = choose_path(facilitation.window, suggested_filename(invitation))
    if not chosen:
        return None
    write_invitation(facilitation.store, cohort_id, person.id, facilitation.catalog, Path(chosen))
    facilitation.window.statusBar().showMessage(
        f"Saved the invitation for {person.display_name}.", 8000
    )
    return Path(chosen)


def open_travelling_file(facilitation: Facilitation, path: str) -> QWidget | None:
    """An invitation opens participant mode, a concern goes to the private concerns record, any
    other file is imported as a hand-back (which says plainly when it is not one).

    Returns the dialog or panel that took the file; None for an invitation, whose window may
    only appear once its store is ready.
    """
    file = Path(path)
    if is_invitation_file(file):
        open_invitation(facilitation, file)
        return None
    if is_concern_file(file):
        return _file_concern(facilitation, file)
    return import_handbacks(facilitation, [file])


def open_invitation(facilitation: Facilitation, file: Path) -> None:
    """Participant mode for the invitation in ``file``.

    Joining an invitation writes to the store: it sets the cohort's facilitators to the
    invitation's and the participant's answers are then saved as typed. For an invitation to a
    cohort this app runs (the facilitator opening one they saved, perhaps an older one), doing
    that in the facilitator's store would put old contacts back and turn what they type into
    the participant's answers. Such an invitation opens as a preview, in a store of its own that
    is thrown away with the window. Any other invitation (this computer belongs to a
    participant) joins the app's store, as participant mode is meant to.
    """
    invitation = _readable_invitation(file)
    if invitation is None or not _runs_cohort(facilitation.store, invitation):
        _show_participant_window(facilitation.store, facilitation.catalog, file)
        return

    def ready(preview: Store) -> None:
        window = _show_participant_window(preview, facilitation.catalog, file)
        window.destroyed.connect(lambda _object=None: preview.dispose())
        note = QLabel(PREVIEW_NOTE.format(name=invitation.participant_name))
        note.setAccessibleName("Preview")
        bold = note.font()
        bold.setBold(True)
        note.setFont(bold)
        window.statusBar().addPermanentWidget(note, 1)
        window.setWindowTitle(f"{window.windowTitle()} (preview)")

    def failed(error: BaseException) -> None:
        facilitation.window.statusBar().showMessage(
            f"The invitation could not be previewed: {error}", 10_000
        )

    run_op(
        facilitation.window,
        lambda: open_store(PREVIEW_DATABASE_URL),
        ready,
        failed,
        "Opening the invitation…",
        runner=facilitation.runner,
    )


def _readable_invitation(file: Path) -> Invitation | None:
    try:
        return read_invitation(file)
    except InvitationRefused:
        return None


def _runs_cohort(store: Store, invitation: Invitation) -> bool:
    """Whether the invitation's cohort is one this store runs, rather than the participant's own
    copy of it (which holds only them)."""
    cohort = _cohort_with_uid(store, invitation.cohort_uid)
    if cohort is None:
        return False
    return any(p.uid != invitation.participant_uid for p in list_participants(store, cohort.id))


def _cohort_with_uid(store: Store, uid: str) -> CohortView | None:
    return next((c for c in list_cohorts(store, include_archived=True) if c.uid == uid), None)


def _show_participant_window(store: Store, catalog: Catalog, file: Path) -> ParticipantWindow:
    window = ParticipantWindow(store, catalog)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.open_invitation_file(file)
    window.show()
    return window


def _file_concern(facilitation: Facilitation, file: Path) -> ConcernsPanel:
    """The Concerns tab of the concern's own cohort, when Home lists it, with the concern filed
    and shown there."""
    try:
        uid = read_concern_file(file).cohort_uid
    except ConcernFileRefused:
        uid = None  # import_path explains the refusal
    cohort = _cohort_with_uid(facilitation.store, uid) if uid else None
    home = facilitation.home
    listed = [shown.id for shown in home.cohorts]
    current = home.current_cohort
    if cohort is not None and cohort.id in listed and (current is None or current.id != cohort.id):
        home.reload(select=cohort.id)
    facilitation.window.show_page("Home")
    home.tabs.setCurrentWidget(facilitation.concerns)
    facilitation.concerns.import_path(file)
    return facilitation.concerns
