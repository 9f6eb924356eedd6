"""The File and Cohort menu entries and the files that travel, in the real app on the demo cohort.

The app is started as a facilitator starts it, on a data folder holding the demo cohort; files
reach it as they do on a desktop: File > Open (``request_open``), a drop on the window. Choosers
that would open a file dialog are answered by the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.assignment_store import get_response, submit
from cofacilitator.cohorts import (
    Facilitator,
    ParticipantDetails,
    add_participant,
    create_cohort,
    find_cohort,
    get_cohort,
    get_participant,
    list_cohorts,
    list_participants,
    update_cohort,
)
from cofacilitator.concerns import list_concerns, write_concern_file
from cofacilitator.demo import DEMO_COHORT_NAME
from cofacilitator.handback import write_handback
from cofacilitator.invitation import accept_invitation, read_invitation, write_invitation
from cofacilitator.paths import DATABASE_URL_ENV, DataPaths
from cofacilitator.runs import list_runs
from cofacilitator.sessions.schema import Module
from cofacilitator.store.integrity import StartupReport
from cofacilitator.store.models import ResponseStatus
from cofacilitator.ui.answers_view import AnswersView
from cofacilitator.ui.app import AppShell, start
from cofacilitator.ui.background import SynchronousRunner, ThreadedRunner
from cofacilitator.ui.concerns_panel import ConcernsPanel
from cofacilitator.ui.export_dialog import ExportDialog
from cofacilitator.ui.facilitator_actions import (
    Facilitation,
    import_handbacks,
    open_travelling_file,
    save_invitation,
)
from cofacilitator.ui.form_fields import LongTextField
from cofacilitator.ui.home_page import HomePage
from cofacilitator.ui.import_dialog import ImportDialog
from cofacilitator.ui.participant_window import ParticipantWindow
from cofacilitator.ui.runner_page import RunnerPage
from tests.conftest import StoreCopier

ANSWERS = {"origin-story": "Three friends and a mailing list", "pathways": ["Mentoring"]}


class Prompts:
    """Start-up finds a sound database here, so nothing is ever asked."""

    def offer_restore(self, report: StartupReport) -> bool:
        raise AssertionError(f"start-up asked to restore: {report.message}")

    def tell(self, title: str, text: str) -> None:
        raise AssertionError(f"start-up failed: {title}: {text}")


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)


def started(qtbot: QtBot, qapp: QApplication, paths: DataPaths) -> Iterator[AppShell]:
    shell = start(qapp, paths, prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    yield shell
    # Participant windows are top-level and write to the store when they close: close them
    # while it is still open.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ParticipantWindow):
            widget.close()
    shell.close()


@pytest.fixture
def shell(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths, demo_database: Path
) -> Iterator[AppShell]:
    """The app on a data folder that already holds the demo cohort, chosen on Home."""
    shutil.copyfile(demo_database, data_paths.database)
    yield from started(qtbot, qapp, data_paths)


@pytest.fixture
def first_start(qtbot: QtBot, qapp: QApplication, data_paths: DataPaths) -> Iterator[AppShell]:
    """The app on an empty data folder: no cohort yet."""
    yield from started(qtbot, qapp, data_paths)


# ---------------------------------------------------------------------------------- helpers


def home(shell: AppShell) -> HomePage:
    page = shell.window.page("Home")
    assert isinstance(page, HomePage)
    return page


def concerns_tab(shell: AppShell) -> ConcernsPanel:
    panel = home(shell).findChild(ConcernsPanel)
    assert panel is not None
    return panel


def facilitation(shell: AppShell) -> Facilitation:
    """The same parts ``add_pages`` hands to the menus, to call an entry with its choosers
    answered."""
    runner, answers = shell.window.page("Session runner"), shell.window.page("Answers")
    assert isinstance(runner, RunnerPage) and isinstance(answers, AnswersView)
    return Facilitation(
        shell.window,
        shell.store,
        shell.catalog,
        shell.events,
        shell.settings,
        shell.runner,
        shell.paths.root,
        home(shell),
        runner,
        answers,
        concerns_tab(shell),
    )


def demo_cohort_id(shell: AppShell) -> int:
    cohort = find_cohort(shell.store, DEMO_COHORT_NAME)
    assert cohort is not None
    return cohort.id


def person_id(shell: AppShell, name: str) -> int:
    people = list_participants(shell.store, demo_cohort_id(shell))
    return next(p.id for p in people if p.display_name == name)


def participant_uid(shell: AppShell, name: str) -> str:
    return get_participant(shell.store, person_id(shell, name)).uid


def module(shell: AppShell, number: int) -> Module:
    return next(m for m in shell.catalog.modules if m.number == number)


def menu_entries(shell: AppShell, title: str) -> dict[str, str]:
    """Each entry of a menu bar menu and its shortcut as a facilitator reads it."""
    menu = next(a.menu() for a in shell.window.menuBar().actions() if a.text() == title)
    return {
        action.text(): action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for action in menu.actions()
        if not action.isSeparator()
    }


def menu_action(shell: AppShell, title: str, text: str) -> QAction:
    menu = next(a.menu() for a in shell.window.menuBar().actions() if a.text() == title)
    return next(action for action in menu.actions() if action.text() == text)


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Shortcuts only reach the active window, as on a desktop."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def status(shell: AppShell) -> str:
    return shell.window.statusBar().currentMessage()


def open_dialogs(shell: AppShell, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in shell.window.findChildren(kind) if w.isVisible()]


def participant_windows() -> list[ParticipantWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ParticipantWindow) and w.isVisible()
    ]


def saved_invitation(shell: AppShell, name: str, folder: Path) -> Path:
    """The facilitator saves ``name``'s invitation, choosing them and the file in the dialogs."""
    offered: list[list[str]] = []

    def choose_participant(_parent: QWidget, names: list[str]) -> str:
        offered.append(names)
        return name

    path = save_invitation(
        facilitation(shell),
        choose_participant=choose_participant,
        choose_path=lambda _parent, suggested: str(folder / suggested),
    )
    assert path is not None and offered and name in offered[0]
    return path


def handed_back(shell: AppShell, participant_store_copy: StoreCopier, folder: Path) -> Path:
    """Lin Wei, at home, opens her invitation, revises her session 1 answers and shares them."""
    invitation = read_invitation(saved_invitation(shell, "Lin Wei", folder))
    at_home = participant_store_copy("lin-at-home.sqlite")
    lin = accept_invitation(at_home, invitation).participant_id
    session_1 = module(shell, 1)
    submit(at_home, lin, session_1, {"origin-story": "A first try"})
    submit(at_home, lin, session_1, ANSWERS)
    path = folder / "lin-session-1.md"
    write_handback(at_home, lin, session_1, path)
    return path


def drop_on(widget: QWidget, path: Path) -> None:
    """What dropping a file from the file manager delivers to ``widget``."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(60, 60), actions, data, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(60, 60), actions, data, buttons, keys)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def import_texts(dialog: ImportDialog) -> list[str]:
    return [dialog.results.item(row).text() for row in range(dialog.results.count())]


# ---------------------------------------------------------------------------------- the menus


def test_the_file_and_cohort_menus_hold_the_entries_with_their_shortcuts(shell: AppShell) -> None:
    file_menu = menu_entries(shell, "&File")
    assert file_menu["&Import hand-back files…"] == "Ctrl+I"
    assert "&Review a peer's assignment…" in file_menu
    assert "Open &feedback on my assignment…" in file_menu
    assert list(file_menu)[-1] == "&Quit", "Quit stays last, below the entries added"

    assert menu_entries(shell, "&Cohort") == {
        "&Export notes…": "Ctrl+E",
        "Save an &invitation for a participant…": "",
        "&Answers to assignments": "",
    }
    titles = [a.text() for a in shell.window.menuBar().actions()]
    assert titles.index("&Cohort") < titles.index("&View")
    tip = menu_action(shell, "&File", "&Import hand-back files…").statusTip()
    assert tip == "Import the assignment files participants sent you"


def test_answers_to_assignments_shows_the_answers_page(shell: AppShell) -> None:
    menu_action(shell, "&Cohort", "&Answers to assignments").trigger()
    assert shell.window.current_page_name == "Answers"


def test_with_no_cohort_export_and_invitation_say_to_choose_one_on_home(
    qtbot: QtBot, first_start: AppShell
) -> None:
    activate(qtbot, first_start.window)
    qtbot.keyClick(first_start.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert status(first_start) == "Choose a cohort on the Home page first."
    assert open_dialogs(first_start, ExportDialog) == []

    first_start.window.statusBar().clearMessage()
    menu_action(first_start, "&Cohort", "Save an &invitation for a participant…").trigger()
    assert status(first_start) == "Choose a cohort on the Home page first."


def test_export_is_about_the_cohort_on_home_and_the_session_on_the_runner(
    qtbot: QtBot, shell: AppShell
) -> None:
    activate(qtbot, shell.window)
    qtbot.keyClick(shell.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [dialog] = open_dialogs(shell, ExportDialog)
    assert isinstance(dialog, ExportDialog)
    assert dialog.cohort_choice.isChecked()
    assert dialog.cohort_choice.text() == "The &whole cohort (Demo cohort, 4 sessions)"
    assert not dialog.session_choice.isEnabled()
    dialog.close()

    session_2 = next(
        r for r in list_runs(shell.store, demo_cohort_id(shell)) if r.module_number == 2
    )
    home(shell).run_requested.emit(session_2.id)
    assert shell.window.current_page_name == "Session runner"
    activate(qtbot, shell.window)
    qtbot.keyClick(shell.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [dialog] = open_dialogs(shell, ExportDialog)
    assert isinstance(dialog, ExportDialog)
    assert dialog.session_choice.isChecked()
    assert dialog.session_choice.text() == "This &session (Session 2: Community of Practice Basics)"
    dialog.close()

    # Back on Home, the run still open in the runner is not what Ctrl+E is about.
    shell.window.show_page("Home")
    qtbot.keyClick(shell.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [dialog] = open_dialogs(shell, ExportDialog)
    assert isinstance(dialog, ExportDialog)
    assert dialog.cohort_choice.isChecked() and not dialog.session_choice.isEnabled()


# ---------------------------------------------------------------------------------- invitations


def test_an_invitation_is_saved_for_the_participant_chosen(shell: AppShell, tmp_path: Path) -> None:
    offered: list[list[str]] = []
    suggested: list[str] = []

    def choose_participant(_parent: QWidget, names: list[str]) -> str:
        offered.append(names)
        return "Hana Sato"

    def choose_path(_parent: QWidget, name: str) -> str:
        suggested.append(name)
        return str(tmp_path / name)

    path = save_invitation(
        facilitation(shell), choose_participant=choose_participant, choose_path=choose_path
    )

    assert path == tmp_path / suggested[0]
    invitation = read_invitation(path)
    active = [
        p.display_name for p in list_participants(shell.store, demo_cohort_id(shell)) if p.is_active
    ]
    assert offered == [active]
    assert invitation.participant_name == "Hana Sato"
    assert invitation.participant_uid == participant_uid(shell, "Hana Sato")
    assert invitation.cohort_name == DEMO_COHORT_NAME
    assert status(shell) == f"Saved the invitation for {invitation.participant_name}."


def test_two_people_of_the_same_name_are_told_apart_in_the_chooser(
    shell: AppShell, tmp_path: Path
) -> None:
    cohort_id = demo_cohort_id(shell)
    details = ParticipantDetails("Lin Wei", email="lin.wei@elsewhere.example.org")
    second = add_participant(shell.store, cohort_id, details)
    offered: list[list[str]] = []

    def choose_participant(_parent: QWidget, names: list[str]) -> str:
        offered.append(names)
        return "Lin Wei (lin.wei@elsewhere.example.org)"

    path = save_invitation(
        facilitation(shell),
        choose_participant=choose_participant,
        choose_path=lambda _parent, name: str(tmp_path / name),
    )

    assert path is not None
    assert "Lin Wei (lin.wei@example.org)" in offered[0]
    assert "Lin Wei" not in offered[0]
    assert read_invitation(path).participant_uid == second.uid


def test_choosing_nobody_or_no_file_saves_nothing(shell: AppShell, tmp_path: Path) -> None:
    assert (
        save_invitation(
            facilitation(shell),
            choose_participant=lambda _parent, _names: None,
            choose_path=lambda _parent, name: str(tmp_path / name),
        )
        is None
    )
    assert (
        save_invitation(
            facilitation(shell),
            choose_participant=lambda _parent, names: names[0],
            choose_path=lambda _parent, _name: None,
        )
        is None
    )
    assert list(tmp_path.glob("*invitation*")) == []


def test_a_cohort_with_nobody_on_its_roster_has_no_invitation_to_save(
    shell: AppShell, tmp_path: Path
) -> None:
    empty = create_cohort(shell.store, "Autumn cohort")
    home(shell).reload(select=empty.id)
    asked: list[list[str]] = []

    path = save_invitation(
        facilitation(shell),
        choose_participant=lambda _parent, names: asked.append(names) or None,
        choose_path=lambda _parent, name: str(tmp_path / name),
    )
    assert path is None and asked == []
    assert status(shell) == "This cohort has nobody on its roster."


def test_opening_an_invitation_shows_participant_mode_for_its_cohort(
    qtbot: QtBot, shell: AppShell, tmp_path: Path
) -> None:
    invitation = saved_invitation(shell, "Lin Wei", tmp_path)

    shell.window.request_open(str(invitation))

    [window] = participant_windows()
    assert DEMO_COHORT_NAME in window.windowTitle()
    assert window.header.cohort.text() == DEMO_COHORT_NAME
    assert window.profile is not None and window.profile.participant_name == "Lin Wei"
    assert not window.problem.isVisible()


def test_an_invitation_to_a_cohort_this_app_runs_opens_as_a_preview_that_changes_nothing(
    qtbot: QtBot, shell: AppShell, tmp_path: Path
) -> None:
    """The facilitator opens an invitation saved before they changed the contacts, then types
    in Lin's form: neither the contacts nor Lin's answers in their store change."""
    invitation = saved_invitation(shell, "Lin Wei", tmp_path)
    cohort_id = demo_cohort_id(shell)
    contacts = (Facilitator("Noor Haddad", "noor@new.example.org", "facilitator"),)
    update_cohort(shell.store, cohort_id, facilitators=contacts)
    session_1 = module(shell, 1)
    lin = person_id(shell, "Lin Wei")
    answers_before = get_response(shell.store, lin, session_1.id)

    shell.window.request_open(str(invitation))

    [window] = participant_windows()
    assert window.windowTitle() == f"cofacilitator: {DEMO_COHORT_NAME} (preview)"
    note = next(
        w for w in window.statusBar().findChildren(QLabel) if w.accessibleName() == "Preview"
    )
    assert note.text() == "A preview of what Lin Wei sees: nothing typed here is kept."
    form = window.show_assignment(session_1.id)
    story = form.fields["origin-story"]
    assert isinstance(story, LongTextField)
    activate(qtbot, window)
    story.editor.editor.setFocus()
    qtbot.keyClicks(story.editor.editor, "Typed by the facilitator")
    form.flush()
    assert "Typed by the facilitator" in form.values()["origin-story"]
    window.close()

    assert get_cohort(shell.store, cohort_id).facilitators == contacts
    assert get_response(shell.store, lin, session_1.id) == answers_before
    assert [c.name for c in list_cohorts(shell.store, include_archived=True)] == [DEMO_COHORT_NAME]


def test_the_preview_store_is_made_off_the_gui_thread_and_the_window_follows(
    qtbot: QtBot, shell: AppShell, tmp_path: Path
) -> None:
    invitation = saved_invitation(shell, "Lin Wei", tmp_path)
    threaded = replace(facilitation(shell), runner=ThreadedRunner())

    assert open_travelling_file(threaded, str(invitation)) is None

    qtbot.waitUntil(lambda: len(participant_windows()) == 1)
    [window] = participant_windows()
    assert window.windowTitle() == f"cofacilitator: {DEMO_COHORT_NAME} (preview)"
    assert window.store is not shell.store


def test_an_invitation_from_another_cohort_joins_this_app(
    qtbot: QtBot, shell: AppShell, store_copy: StoreCopier, tmp_path: Path
) -> None:
    """The facilitator is a participant elsewhere: that cohort's invitation joins their store, as
    on any participant's computer."""
    elsewhere = store_copy("another-facilitator.sqlite")
    cohort = create_cohort(
        elsewhere, "Summer school", facilitators=(Facilitator("Ana", "ana@example.org"),)
    )
    me = add_participant(elsewhere, cohort.id, ParticipantDetails("Noor Haddad")).id
    add_participant(elsewhere, cohort.id, ParticipantDetails("Someone else"))
    invitation = tmp_path / "summer.cofacilitator-invitation"
    write_invitation(elsewhere, cohort.id, me, shell.catalog, invitation)

    shell.window.request_open(str(invitation))

    [window] = participant_windows()
    assert window.windowTitle() == "cofacilitator: Summer school"
    joined = find_cohort(shell.store, "Summer school")
    assert joined is not None and joined.uid == cohort.uid
    assert [p.display_name for p in list_participants(shell.store, joined.id)] == ["Noor Haddad"]


def test_an_invitation_from_a_newer_app_says_so_in_participant_mode(
    shell: AppShell, tmp_path: Path
) -> None:
    newer = tmp_path / "invitation-lin-wei.cofacilitator.json"
    newer.write_text('{"format": "cofacilitator-invitation", "version": 99}', encoding="utf-8")

    shell.window.request_open(str(newer))

    [window] = participant_windows()
    assert window.problem.isVisible()
    assert "written by a newer version of cofacilitator" in window.problem.text()
    assert open_dialogs(shell, ImportDialog) == []
    assert [c.name for c in list_cohorts(shell.store, include_archived=True)] == [DEMO_COHORT_NAME]


# ---------------------------------------------------------------------------------- concerns


def test_opening_a_concern_file_files_it_on_the_concerns_tab(
    shell: AppShell, tmp_path: Path
) -> None:
    invitation = read_invitation(saved_invitation(shell, "Lin Wei", tmp_path))
    concern = tmp_path / "concern.cofacilitator.json"
    write_concern_file(invitation, "Someone kept talking over me in the breakout.", "", concern)
    shell.window.show_page("Answers")

    shell.window.request_open(str(concern))

    assert shell.window.current_page_name == "Home"
    panel = concerns_tab(shell)
    assert home(shell).tabs.currentWidget() is panel
    texts = [c.what for c in list_concerns(shell.store, demo_cohort_id(shell))]
    assert "Someone kept talking over me in the breakout." in texts
    assert panel.message.text() == "Imported the concern Lin Wei raised."


def test_a_concern_opened_while_another_cohort_is_chosen_shows_under_its_own(
    shell: AppShell, tmp_path: Path
) -> None:
    invitation = read_invitation(saved_invitation(shell, "Lin Wei", tmp_path))
    concern = tmp_path / "concern.cofacilitator.json"
    write_concern_file(invitation, "The chat was unkind.", "", concern)
    autumn = create_cohort(shell.store, "Autumn cohort")
    home(shell).reload(select=autumn.id)
    assert home(shell).current_cohort is not None
    assert home(shell).current_cohort.name == "Autumn cohort"

    shell.window.request_open(str(concern))

    chosen = home(shell).current_cohort
    assert chosen is not None and chosen.name == DEMO_COHORT_NAME
    panel = concerns_tab(shell)
    assert home(shell).tabs.currentWidget() is panel
    assert panel.message.text() == "Imported the concern Lin Wei raised."
    assert "The chat was unkind." in [c.what for c in panel.concerns]
    assert list_concerns(shell.store, autumn.id) == []


# ---------------------------------------------------------------------------------- hand-backs


def test_opening_a_hand_back_file_imports_it(
    shell: AppShell, store_copy: StoreCopier, tmp_path: Path
) -> None:
    path = handed_back(shell, store_copy, tmp_path)

    shell.window.request_open(str(path))

    [dialog] = open_dialogs(shell, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    assert dialog.progress.text() == "1 file: 1 imported."
    [line] = import_texts(dialog)
    assert line.startswith("✓ Imported: lin-session-1.md: Lin Wei's answers")
    stored = get_response(shell.store, person_id(shell, "Lin Wei"), module(shell, 1).id)
    assert stored is not None and stored.values == ANSWERS
    assert stored.status is ResponseStatus.IMPORTED


def test_a_file_that_is_none_of_these_is_refused_by_the_import_dialog(
    shell: AppShell, tmp_path: Path
) -> None:
    stranger = tmp_path / "minutes.md"
    stranger.write_text("# Minutes of the call\n", encoding="utf-8")

    shell.window.request_open(str(stranger))

    [dialog] = open_dialogs(shell, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    assert dialog.progress.text() == "1 file: 0 imported, 1 refused."
    assert import_texts(dialog) == [
        "✗ Refused: minutes.md is not a cofacilitator hand-back file: it holds no assignment "
        "answers."
    ]


def test_import_hand_back_files_asks_for_the_files(
    shell: AppShell, store_copy: StoreCopier, tmp_path: Path
) -> None:
    path = handed_back(shell, store_copy, tmp_path)

    dialog = import_handbacks(facilitation(shell), choose_files=lambda _parent: [path])

    assert dialog.isVisible()
    assert dialog.progress.text() == "1 file: 1 imported."


# ---------------------------------------------------------------------------------- drops


def test_files_dropped_on_the_window_go_where_file_open_sends_them(
    shell: AppShell, store_copy: StoreCopier, tmp_path: Path
) -> None:
    handback = handed_back(shell, store_copy, tmp_path)
    invitation = saved_invitation(shell, "Lin Wei", tmp_path)
    concern = tmp_path / "concern.cofacilitator.json"
    write_concern_file(read_invitation(invitation), "Dropped, not opened.", "", concern)
    stranger = tmp_path / "minutes.md"
    stranger.write_text("# Minutes of the call\n", encoding="utf-8")

    drop_on(shell.window, handback)
    [dialog] = open_dialogs(shell, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    assert dialog.progress.text() == "1 file: 1 imported."
    dialog.close()

    drop_on(shell.window, stranger)
    [dialog] = open_dialogs(shell, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    assert dialog.progress.text() == "1 file: 0 imported, 1 refused."
    dialog.close()

    shell.window.show_page("Answers")
    drop_on(shell.window, concern)
    assert shell.window.current_page_name == "Home"
    assert home(shell).tabs.currentWidget() is concerns_tab(shell)
    assert "Dropped, not opened." in [
        c.what for c in list_concerns(shell.store, demo_cohort_id(shell))
    ]

    drop_on(shell.window, invitation)
    [window] = participant_windows()
    assert window.windowTitle() == f"cofacilitator: {DEMO_COHORT_NAME} (preview)"
