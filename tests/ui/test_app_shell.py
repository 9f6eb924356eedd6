"""Start-up, the main window and the shared plumbing, driven as a facilitator would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt as QtNs
from PySide6.QtCore import QThread, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.paths import DATA_DIR_ENV, DATABASE_URL_ENV, DataPaths, database_url
from cofacilitator.paths import resolve_data_paths as resolve
from cofacilitator.store.backups import backup_now
from cofacilitator.store.database import open_store
from cofacilitator.store.integrity import StartupReport
from cofacilitator.ui.about_dialog import CC_BY_URL, AboutDialog
from cofacilitator.ui.app import AppShell, start
from cofacilitator.ui.background import (
    SynchronousRunner,
    ThreadedRunner,
    progress_text,
    run_op,
)
from cofacilitator.ui.events import Events
from cofacilitator.ui.main_window import MainWindow, module_format_doc
from cofacilitator.ui.markdown_view import MarkdownView
from cofacilitator.ui.module_browser import ModuleBrowser
from cofacilitator.ui.settings import Settings, SettingsFile
from cofacilitator.ui.text_scale import TextScale


class Prompts:
    """Answers start-up's questions and remembers what it was told."""

    def __init__(self, restore: bool = True) -> None:
        self.restore = restore
        self.offered: list[StartupReport] = []
        self.told: list[tuple[str, str]] = []

    def offer_restore(self, report: StartupReport) -> bool:
        self.offered.append(report)
        return self.restore

    def tell(self, title: str, text: str) -> None:
        self.told.append((title, text))


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)


@pytest.fixture
def shell(qtbot: QtBot, qapp: QApplication, data_paths: DataPaths) -> Iterator[AppShell]:
    started = start(qapp, data_paths, prompts=Prompts(), runner=SynchronousRunner())
    assert started is not None
    qtbot.addWidget(started.window)
    yield started
    started.close()


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Shortcuts only reach the active window, as on a desktop."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def modules_page(shell: AppShell) -> ModuleBrowser:
    page = shell.window.page("Modules")
    assert isinstance(page, ModuleBrowser)
    return page


# Start-up -------------------------------------------------------------------------------------


def test_the_app_starts_in_the_data_folder_from_the_environment_and_lists_modules(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    paths = resolve()

    shell = start(qapp, paths, prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)

    assert shell.window.isVisible()
    assert shell.window.current_page_name == "Home"
    browser = modules_page(shell)
    assert browser.module_list.count() == 4
    assert browser.module_list.item(0).text() == "1  Community Narrative  · 88 min"
    assert not shell.window.problems_banner.isVisible()
    assert (tmp_path / "from-env" / "cofacilitator.sqlite").is_file()
    assert [p.name.endswith("-daily.sqlite") for p in (paths.backups).iterdir()] == [True]
    shell.close()


def test_a_broken_module_file_is_reported_and_the_others_still_load(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    broken = data_paths.modules / "my-session.toml"
    broken.write_text('format = 1\nid = "mine"\ntitle = \n', encoding="utf-8")

    shell = start(qapp, data_paths, prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)
    banner = shell.window.problems_banner

    assert banner.isVisible()
    assert banner.accessibleName() == "Some module files have problems"
    assert [problem.split(": ")[0] for problem in banner.problems()] == [f"{broken}:3"]
    assert modules_page(shell).module_list.count() == 4
    assert shell.window.statusBar().currentMessage() == "Some module files have problems"

    dismiss = next(b for b in banner.findChildren(QWidget) if b.accessibleName().startswith("Dis"))
    qtbot.mouseClick(dismiss, QtNs.MouseButton.LeftButton)
    assert not banner.isVisible()
    shell.close()


def test_the_shipped_modules_unfinished_links_do_not_raise_the_banner(shell: AppShell) -> None:
    assert any(not problem.is_error for problem in shell.catalog.problems)
    assert not shell.window.problems_banner.isVisible()


def test_a_damaged_database_is_restored_from_the_newest_good_backup_and_kept(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    store = open_store(database_url(data_paths))
    backup = backup_now(store, data_paths.backups, "manual")
    store.dispose()
    damaged_bytes = b"this is not a database any more" * 100
    data_paths.database.write_bytes(damaged_bytes)
    prompts = Prompts(restore=True)

    shell = start(qapp, data_paths, prompts=prompts, runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)

    assert prompts.offered[0].newest_good_backup == backup
    assert backup.name in prompts.offered[0].message
    kept = list(data_paths.root.glob("cofacilitator.sqlite.damaged-*"))
    assert [path.read_bytes() for path in kept] == [damaged_bytes]
    assert data_paths.database.read_bytes() != damaged_bytes
    assert "damaged file is kept" in shell.window.statusBar().currentMessage()
    shell.close()


def test_declining_the_restore_leaves_the_damaged_file_alone_and_does_not_start(
    qapp: QApplication, data_paths: DataPaths
) -> None:
    store = open_store(database_url(data_paths))
    backup_now(store, data_paths.backups, "manual")
    store.dispose()
    data_paths.database.write_bytes(b"garbage" * 500)

    assert start(qapp, data_paths, prompts=Prompts(restore=False)) is None
    assert data_paths.database.read_bytes() == b"garbage" * 500
    assert not list(data_paths.root.glob("*.damaged-*"))


def test_a_failed_migration_is_reported_after_it_and_no_window_opens(
    qapp: QApplication, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "nosuchdialect://nowhere/db")
    prompts = Prompts()

    assert start(qapp, data_paths, prompts=prompts) is None
    assert [title for title, _text in prompts.told] == ["The cohort database could not be opened"]
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_a_file_given_on_the_command_line_is_handed_on_once_the_window_shows(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths, tmp_path: Path
) -> None:
    handback = tmp_path / "ada.handback"
    handback.write_text("{}", encoding="utf-8")
    shell = start(qapp, data_paths, str(handback), prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)

    with qtbot.waitSignal(shell.window.open_file_requested) as opened:
        pass
    assert opened.args == [str(handback)]
    shell.close()


# Main window ----------------------------------------------------------------------------------


def test_ctrl_plus_enlarges_the_text_and_remembers_it(
    qtbot: QtBot, qapp: QApplication, shell: AppShell
) -> None:
    activate(qtbot, shell.window)
    base = shell.text_scale.base_point_size

    qtbot.keyClick(shell.window, QtNs.Key.Key_Plus, QtNs.KeyboardModifier.ControlModifier)
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.1)
    assert json.loads(shell.paths.settings.read_text())["text_scale"] == pytest.approx(1.1)
    assert shell.window.statusBar().currentMessage() == "Text size 110 %"

    qtbot.keyClick(shell.window, QtNs.Key.Key_Equal, QtNs.KeyboardModifier.ControlModifier)
    assert shell.text_scale.scale == pytest.approx(1.25)
    qtbot.keyClick(shell.window, QtNs.Key.Key_Minus, QtNs.KeyboardModifier.ControlModifier)
    assert shell.text_scale.scale == pytest.approx(1.1)
    qtbot.keyClick(shell.window, QtNs.Key.Key_0, QtNs.KeyboardModifier.ControlModifier)
    assert qapp.font().pointSizeF() == pytest.approx(base)
    assert SettingsFile(shell.paths.settings).current.text_scale == 1.0


def test_the_text_size_from_last_time_is_applied_at_start(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    data_paths.settings.write_text(json.dumps({"text_scale": 1.5}), encoding="utf-8")
    shell = start(qapp, data_paths, prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)

    assert qapp.font().pointSizeF() == pytest.approx(shell.text_scale.base_point_size * 1.5)
    shell.close()


def test_pages_plug_in_with_a_shortcut_and_the_go_menu(qtbot: QtBot, shell: AppShell) -> None:
    extra = QLabel("Extra page")
    shell.window.add_page("Extra", extra, "Ctrl+9", index=0)
    activate(qtbot, shell.window)

    assert shell.window.page_names == ["Extra", "Home", "Session runner", "Answers", "Modules"]
    qtbot.keyClick(shell.window, QtNs.Key.Key_3, QtNs.KeyboardModifier.ControlModifier)
    assert shell.window.current_page_name == "Modules"
    qtbot.keyClick(shell.window, QtNs.Key.Key_9, QtNs.KeyboardModifier.ControlModifier)
    assert shell.window.current_page_name == "Extra"
    assert extra.isVisible()
    with pytest.raises(ValueError):
        shell.window.add_page("Extra", QLabel())


def test_file_open_hands_the_chosen_file_on(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    chosen = str(tmp_path / "invitation.cofac")
    settings = SettingsFile(tmp_path / "settings.json")
    window = MainWindow(
        (), TextScale(qapp, settings), Events(), choose_file=lambda _parent: chosen
    )
    qtbot.addWidget(window)
    activate(qtbot, window)

    qtbot.keyClick(window, QtNs.Key.Key_O, QtNs.KeyboardModifier.ControlModifier)
    assert "not possible in this version yet" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.open_file_requested) as opened:
        qtbot.keyClick(window, QtNs.Key.Key_O, QtNs.KeyboardModifier.ControlModifier)
    assert opened.args == [chosen]


def test_the_presenter_clock_opens_from_the_view_menu(qtbot: QtBot, shell: AppShell) -> None:
    activate(qtbot, shell.window)
    qtbot.keyClick(
        shell.window,
        QtNs.Key.Key_P,
        QtNs.KeyboardModifier.ControlModifier | QtNs.KeyboardModifier.ShiftModifier,
    )
    assert shell.window.presenter_clock.isVisible()
    assert shell.window.presenter_clock.title_text == "No segment is running"


def test_every_control_in_the_main_window_has_a_name(
    qtbot: QtBot, qapp: QApplication, data_paths: DataPaths
) -> None:
    (data_paths.modules / "broken.toml").write_text("title =", encoding="utf-8")
    shell = start(qapp, data_paths, prompts=Prompts(), runner=SynchronousRunner())
    assert shell is not None
    qtbot.addWidget(shell.window)
    activate(qtbot, shell.window)

    focusable = [
        widget
        for widget in shell.window.findChildren(QWidget)
        if widget.isVisible() and widget.focusPolicy() != QtNs.FocusPolicy.NoFocus
    ]
    assert len(focusable) >= 5
    assert [type(widget).__name__ for widget in focusable if not widget.accessibleName()] == []
    shell.close()


def test_the_module_format_guide_opens_from_the_help_menu(qtbot: QtBot, shell: AppShell) -> None:
    dialog = shell.window.show_module_format_docs()
    qtbot.addWidget(dialog)
    view = dialog.findChild(MarkdownView)

    assert dialog.isVisible()
    assert view is not None and view.accessibleName() == "Module format guide"
    guide = module_format_doc()
    assert guide is not None, "docs/module-format.md is missing"
    title = guide.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    assert view.toPlainText().startswith(title)


# About box ------------------------------------------------------------------------------------


def test_the_about_box_credits_the_curriculum_with_the_licence_link(
    qtbot: QtBot, shell: AppShell
) -> None:
    dialog = shell.window.show_about()
    qtbot.addWidget(dialog)
    text = dialog.text()

    assert (
        "Adapted from “Foundational Community Building and Engagement Training” by Malvika Sharan,"
        " licensed CC BY 4.0." in text
    )
    assert "Changes made:" in text
    assert f'href="{CC_BY_URL}"' in dialog.html()
    for module in shell.catalog.modules:
        assert f"Session {module.number}: {module.title}" in text
    assert "MIT licence" in text
    assert "SQLAlchemy" in text and "PySide6" in text


def test_the_licence_link_opens_only_when_clicked(qtbot: QtBot) -> None:
    opened: list[QUrl] = []
    dialog = AboutDialog((), open_link=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert opened == []

    cursor = dialog.view.document().find("CC BY 4.0")
    qtbot.mouseClick(
        dialog.view.viewport(),
        QtNs.MouseButton.LeftButton,
        pos=dialog.view.cursorRect(cursor).center(),
    )
    assert [url.toString() for url in opened] == [CC_BY_URL]


# Shared plumbing ------------------------------------------------------------------------------


def test_the_markdown_view_never_loads_remote_content(qtbot: QtBot, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0)
    image.save(str(outside))
    view = MarkdownView()
    qtbot.addWidget(view)
    kind = QTextDocument.ResourceType.ImageResource.value

    assert view.loadResource(kind, QUrl("http://example.com/pixel.png")) is None
    assert view.loadResource(kind, QUrl("https://example.com/pixel.png")) is None
    assert view.loadResource(kind, QUrl("//example.com/pixel.png")) is None
    assert view.loadResource(kind, QUrl.fromLocalFile(str(outside))) is None
    assert view.loadResource(kind, QUrl("../../etc/passwd")) is None
    assert isinstance(view.loadResource(kind, QUrl("figures/stakeholder-map.svg")), QImage)
    assert not view.openExternalLinks()


def test_a_javascript_link_is_never_followed(qtbot: QtBot) -> None:
    opened: list[QUrl] = []
    view = MarkdownView(open_link=opened.append)
    qtbot.addWidget(view)
    view.set_markdown("[click](javascript:alert(1)) and [mail](mailto:a@example.org)")

    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("mailto:a@example.org"))
    assert [url.toString() for url in opened] == ["mailto:a@example.org"]
    assert "javascript" not in view.toHtml()


def test_the_synchronous_runner_hands_the_exception_to_on_failure() -> None:
    failures: list[BaseException] = []
    successes: list[object] = []

    def work() -> int:
        raise ValueError("export failed")

    run_op(None, work, successes.append, failures.append, runner=SynchronousRunner())

    assert successes == []
    assert [str(error) for error in failures] == ["export failed"]
    assert isinstance(failures[0], ValueError)


def test_the_threaded_runner_calls_back_on_the_gui_thread_and_shows_progress(
    qtbot: QtBot, shell: AppShell
) -> None:
    gui_thread = QThread.currentThread()
    worker_threads: list[QThread] = []
    outcomes: list[tuple[str, object, bool]] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    def boom() -> int:
        raise RuntimeError("disk full")

    run_op(
        shell.window,
        work,
        lambda value: outcomes.append(("ok", value, QThread.currentThread() is gui_thread)),
        lambda error: outcomes.append(("failed", error, False)),
        "Exporting the cohort…",
        runner=ThreadedRunner(),
    )
    assert progress_text(shell.window) == "Exporting the cohort…"
    qtbot.waitUntil(lambda: len(outcomes) == 1)
    run_op(
        shell.window,
        boom,
        lambda value: outcomes.append(("ok", value, False)),
        lambda error: outcomes.append(("failed", str(error), True)),
        runner=ThreadedRunner(),
    )
    qtbot.waitUntil(lambda: len(outcomes) == 2)

    assert outcomes == [("ok", 42, True), ("failed", "disk full", True)]
    assert worker_threads[0] is not gui_thread
    assert progress_text(shell.window) == ""


def test_settings_survive_a_restart_and_ignore_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = SettingsFile(path)
    assert settings.current == Settings()
    settings.update(text_scale=1.25, sound_on=False, last_export_folder="/exports")

    assert SettingsFile(path).current == Settings(1.25, False, "/exports")

    path.write_text('{"text_scale": "huge", "sound_on": false, "unknown": 1}', encoding="utf-8")
    assert SettingsFile(path).current == Settings(sound_on=False)
    path.write_text("{not json", encoding="utf-8")
    assert SettingsFile(path).current == Settings()
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
