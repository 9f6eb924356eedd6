"""Starting the desktop app, in the one order that keeps a facilitator's data safe.

1. Check the database file before anything opens it. A damaged file is never opened, repaired
   or overwritten: the facilitator is told, and offered the newest sound backup, which
   ``backups.restore`` puts in place while keeping the damaged file beside it.
2. Migrate (``open_store``) before any window exists, with no dialog inside the migration; a
   failure is reported once it is over, and the app stops. On the usual start the file is
   sound and already at the newest schema (checked with the standard library alone): then the
   window comes first and the store opens behind it (``launch``).
3. Load the module catalog. Broken module files are listed in a banner in the main window; the
   other modules are still offered.
4. Build the main window and its pages, then take the daily backup off the UI thread.

Everything the app needs is made here and passed down; nothing is global.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cofacilitator import __version__
from cofacilitator.paths import APP_NAME, DataPaths, database_url, shipped_modules_dir
from cofacilitator.store.integrity import StartupReport, startup_check
from cofacilitator.store.schema_revision import SCHEMA_HEAD, sqlite_schema_revision
from cofacilitator.ui.background import Runner, ThreadedRunner, run_op
from cofacilitator.ui.events import Events
from cofacilitator.ui.main_window import MainWindow
from cofacilitator.ui.settings import SettingsFile
from cofacilitator.ui.text_scale import TextScale

if TYPE_CHECKING:
    from cofacilitator.sessions.catalog import Catalog
    from cofacilitator.store.database import Store

# Everything else (SQLAlchemy, the pages, the module catalog) is imported where it is used, so
# that a facilitator sees the window while it loads: see ``run_app``.


class StartupPrompts(Protocol):
    """The questions start-up may have to ask; tests answer them without a dialog."""

    def offer_restore(self, report: StartupReport) -> bool:
        """True to restore ``report.newest_good_backup`` in place of the damaged database."""

    def tell(self, title: str, text: str) -> None:
        """Tell the facilitator why the app cannot start."""


class MessageBoxPrompts:
    """Plain message boxes, shown before any window exists."""

    def offer_restore(self, report: StartupReport) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "The cohort database is damaged", report.message
        )
        box.setInformativeText("Restore the newest sound backup now?")
        restore_button = box.addButton("&Restore backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore_button)
        box.exec()
        return box.clickedButton() is restore_button

    def tell(self, title: str, text: str) -> None:
        QMessageBox.critical(None, title, text)


@dataclass(frozen=True)
class AppShell:
    """What start-up made, for the code that plugs pages in and for tests."""

    window: MainWindow
    store: Store
    catalog: Catalog
    settings: SettingsFile
    text_scale: TextScale
    events: Events
    runner: Runner
    paths: DataPaths

    def close(self) -> None:
        self.window.close()
        self.store.dispose()


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, named so settings and window managers recognise the app."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (150 %) as the system asks, instead of rounding to 1x or 2x.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    return app


def visible_problems(catalog: Catalog, shipped_dir: Path) -> list[str]:
    """Every error, and warnings only for the facilitator's own files.

    The shipped modules carry warnings for links the curriculum has not published yet; showing
    those at every start would teach the facilitator to ignore the banner.
    """
    shipped = shipped_dir.resolve()
    shown = []
    for problem in catalog.problems:
        in_shipped = Path(problem.path).resolve().parent == shipped
        if problem.is_error or not in_shipped:
            shown.append(str(problem))
    return shown


def _check_database(paths: DataPaths, prompts: StartupPrompts) -> tuple[bool, str]:
    """Whether start-up may go on, and a note for the status bar about what was done."""
    report = startup_check(paths)
    if report.ok:
        return True, ""
    if report.newest_good_backup is None or report.database is None:
        prompts.tell("The cohort database is damaged", report.message)
        return False, ""
    if not prompts.offer_restore(report):
        return False, ""
    from cofacilitator.store.backups import RestoreRefused, restore

    try:
        result = restore(report.newest_good_backup, report.database)
    except (RestoreRefused, OSError) as error:
        prompts.tell("The backup could not be restored", str(error))
        return False, ""
    kept = ", ".join(path.name for path in result.set_aside) or "nothing"
    return True, f"Restored {report.newest_good_backup.name}; the damaged file is kept as {kept}."


def _open_store(paths: DataPaths, prompts: StartupPrompts) -> Store | None:
    """Migrate and open; the dialog, if any, comes only after the migration has ended."""
    from cofacilitator.store.database import open_store

    try:
        return open_store(database_url(paths))
    except Exception as error:
        failure = error
    prompts.tell(
        "The cohort database could not be opened",
        f"cofacilitator could not prepare its database: {failure}\n\n"
        f"Your data folder is {paths.root}.",
    )
    return None


def add_pages(shell: AppShell) -> None:
    """The pages of the main window, in navigation order, and the menus that act on them."""
    from cofacilitator.ui.answers_view import AnswersView
    from cofacilitator.ui.capture_panes import pane_factories
    from cofacilitator.ui.concerns_panel import ConcernsPanel
    from cofacilitator.ui.facilitator_actions import Facilitation, install_facilitator_actions
    from cofacilitator.ui.guidelines_panel import GuidelinesPanel
    from cofacilitator.ui.home_page import HomePage
    from cofacilitator.ui.module_browser import ModuleBrowser
    from cofacilitator.ui.runner_page import RunnerPage
    from cofacilitator.ui.schedule_panel import SchedulePanel

    home = HomePage(
        shell.store,
        shell.events,
        shell.catalog,
        op_runner=shell.runner,
        settings=shell.settings,
    )
    runner = RunnerPage(
        shell.store,
        shell.events,
        shell.catalog,
        pane_factories=pane_factories(shell.catalog.get),
        settings=shell.settings,
        backups_dir=shell.paths.backups,
        op_runner=shell.runner,
        presenter=shell.window.presenter_clock,
    )
    answers = AnswersView(shell.store, shell.catalog, shell.events)
    schedule = SchedulePanel(shell.store, shell.events, shell.catalog, shell.paths)
    guidelines = GuidelinesPanel(shell.store, shell.events)
    concerns = ConcernsPanel(shell.store, shell.events)
    home.add_cohort_view(schedule, schedule.set_cohort, "Sc&hedule")
    home.add_cohort_view(guidelines, guidelines.set_cohort, "&Guidelines")
    home.add_cohort_view(concerns, concerns.set_cohort, "Co&ncerns")
    browser = ModuleBrowser(shell.catalog.modules, user_modules_dir=shell.paths.modules)
    shell.window.add_page("Home", home, "Ctrl+1")
    shell.window.add_page("Session runner", runner, "Ctrl+2")
    shell.window.add_page("Answers", answers, "Ctrl+4")
    shell.window.add_page("Modules", browser, "Ctrl+3")
    home.run_requested.connect(runner.open_run)
    runner.run_opened.connect(lambda _run_id: shell.window.show_page("Session runner"))
    home.cohort_selected.connect(lambda cohort_id: answers.set_cohort(cohort_id or None))
    install_facilitator_actions(
        Facilitation(
            shell.window,
            shell.store,
            shell.catalog,
            shell.events,
            shell.settings,
            shell.runner,
            shell.paths.root,
            home,
            runner,
            answers,
            concerns,
        )
    )
    answers.set_cohort(home.current_cohort.id if home.current_cohort else None)
    shell.window.show_page("Home")


PAGE_MODULES = (
    "cofacilitator.ui.answers_view",
    "cofacilitator.ui.capture_panes",
    "cofacilitator.ui.concerns_panel",
    "cofacilitator.ui.facilitator_actions",
    "cofacilitator.ui.guidelines_panel",
    "cofacilitator.ui.home_page",
    "cofacilitator.ui.module_browser",
    "cofacilitator.ui.runner_page",
    "cofacilitator.ui.schedule_panel",
)
"""What ``add_pages`` builds from; imported on the worker so the GUI thread only builds."""


@dataclass(frozen=True)
class OpenWindow:
    """The main window and what it needs before the cohort store is open."""

    window: MainWindow
    settings: SettingsFile
    text_scale: TextScale
    events: Events


def open_window(app: QApplication, paths: DataPaths) -> OpenWindow:
    settings = SettingsFile(paths.settings)
    text_scale = TextScale(app, settings)
    events = Events()
    window = MainWindow((), text_scale, events, user_modules_dir=paths.modules)
    return OpenWindow(window, settings, text_scale, events)


def load_store_and_catalog(paths: DataPaths) -> tuple[Store, Catalog]:
    """Open the store (already at the newest schema) and read the modules.

    Safe off the GUI thread: it creates no widget. It also imports the pages' modules, so that
    building them afterwards on the GUI thread does not stall the window.
    """
    import importlib

    from cofacilitator.sessions.catalog import load_catalog

    for name in PAGE_MODULES:
        importlib.import_module(name)
    from cofacilitator.store.database import open_store

    store = open_store(database_url(paths), migrate=False)
    return store, load_catalog(shipped_modules_dir(), paths.modules)


def finish_start(
    opened: OpenWindow,
    store: Store,
    catalog: Catalog,
    paths: DataPaths,
    runner: Runner,
    *,
    file: str | None = None,
    now: datetime | None = None,
    note: str = "",
) -> AppShell:
    """Fill the open window with the pages, once the store and the modules are there."""
    window = opened.window
    window.set_modules(catalog.modules)
    shell = AppShell(
        window, store, catalog, opened.settings, opened.text_scale, opened.events, runner, paths
    )
    add_pages(shell)
    window.show_module_problems(visible_problems(catalog, shipped_modules_dir()))
    if note:
        window.statusBar().showMessage(note)
    _take_daily_backup(shell, now or datetime.now())
    if file:
        QTimer.singleShot(0, lambda: window.request_open(file))
    return shell


def start(
    app: QApplication,
    paths: DataPaths,
    file: str | None = None,
    *,
    prompts: StartupPrompts | None = None,
    runner: Runner | None = None,
    now: datetime | None = None,
) -> AppShell | None:
    """Run every start-up step in order and show the filled window; None if it must not start."""
    from cofacilitator.sessions.catalog import load_catalog

    prompts = prompts or MessageBoxPrompts()
    runner = runner or ThreadedRunner()
    paths.ensure()
    may_start, restored_note = _check_database(paths, prompts)
    if not may_start:
        return None
    store = _open_store(paths, prompts)
    if store is None:
        return None
    catalog = load_catalog(shipped_modules_dir(), paths.modules)
    opened = open_window(app, paths)
    shell = finish_start(
        opened, store, catalog, paths, runner, file=file, now=now, note=restored_note
    )
    opened.window.show()
    return shell


def database_needs_nothing(paths: DataPaths) -> bool:
    """The usual start: the SQLite file exists, is sound and is at the newest schema.

    Then there is nothing to migrate and nothing to ask, so the window may come first.
    """
    if database_url(paths) != f"sqlite:///{paths.database}" or not paths.database.exists():
        return False
    if sqlite_schema_revision(paths.database) != SCHEMA_HEAD:
        return False
    return startup_check(paths).ok


def _take_daily_backup(shell: AppShell, now: datetime) -> None:
    from cofacilitator.store.backups import backup_if_due

    if not shell.store.is_sqlite:
        return

    def failed(error: BaseException) -> None:
        shell.window.statusBar().showMessage(f"The daily backup failed: {error}")

    run_op(
        shell.window,
        lambda: backup_if_due(shell.store, shell.paths.backups, now),
        lambda _path: None,
        failed,
        "Taking the daily backup…",
        runner=shell.runner,
    )


def launch(app: QApplication, paths: DataPaths, file: str | None = None) -> list[AppShell] | None:
    """Start the app for real; the returned list receives the shell once the pages are built.

    On the usual start the window is shown at once and the store opened behind it, so a
    facilitator sees the app in a fraction of a second instead of waiting for SQLAlchemy to
    load. When the database needs a migration or a repair, every step runs first, in the order
    ``start`` keeps. None when the app must not start.
    """
    paths.ensure()
    if not database_needs_nothing(paths):
        shell = start(app, paths, file)
        return None if shell is None else [shell]
    opened = open_window(app, paths)
    opened.window.show()
    runner = ThreadedRunner()
    shells: list[AppShell] = []

    def opened_store(loaded: tuple[Store, Catalog]) -> None:
        shells.append(finish_start(opened, *loaded, paths, runner, file=file))

    def failed(error: BaseException) -> None:
        MessageBoxPrompts().tell(
            "The cohort database could not be opened",
            f"cofacilitator could not open its database: {error}\n\n"
            f"Your data folder is {paths.root}.",
        )
        app.exit(1)

    run_op(
        opened.window,
        lambda: load_store_and_catalog(paths),
        opened_store,
        failed,
        "Opening your cohorts…",
        runner=runner,
    )
    return shells


def run_app(paths: DataPaths, file: str | None) -> int:
    """The desktop app until its last window closes; the exit code for the command line."""
    app = make_application()
    shells = launch(app, paths, file)
    if shells is None:
        return 1
    try:
        return app.exec()
    finally:
        for shell in shells:
            shell.store.dispose()


def main() -> int:
    """The ``cofacilitator-gui`` entry point: the command line, which starts the GUI by default."""
    from cofacilitator.cli import main as cli_main

    return cli_main()
