"""Export through the dialog, clicked as a facilitator would, checked in the file it writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cofacilitator.cohorts import find_cohort
from cofacilitator.demo import DEMO_COHORT_NAME
from cofacilitator.export_markdown import ExportFormat
from cofacilitator.runs import list_runs
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import Note, Participant, Visibility
from cofacilitator.ui.background import Runner, SynchronousRunner
from cofacilitator.ui.export_dialog import ExportDialog, open_export_dialog
from cofacilitator.ui.settings import SettingsFile


class FakeChooser:
    """Answers the save dialog with a fixed path and remembers what it was offered."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[tuple[Path, ExportFormat]] = []

    def __call__(self, _parent: object, suggested: Path, fmt: ExportFormat) -> str | None:
        self.offered.append((suggested, fmt))
        return None if self.answer is None else str(self.answer)


class FakeOpener:
    def __init__(self) -> None:
        self.opened: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


class HeldRunner:
    """Keeps the work until the test lets it run, to see the dialog while it waits."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        self.held.append((work, on_success))

    def release(self) -> None:
        work, on_success = self.held.pop()
        on_success(work())


def demo_cohort(store: Store) -> int:
    cohort = find_cohort(store, DEMO_COHORT_NAME)
    assert cohort is not None
    return cohort.id


def session_two(store: Store) -> int:
    return next(r.id for r in list_runs(store, demo_cohort(store)) if r.module_number == 2)


def open_dialog(
    qtbot: QtBot,
    store: Store,
    catalog: Catalog,
    settings: SettingsFile,
    chooser: FakeChooser,
    *,
    run_id: int | None = None,
    cohort_id: int | None = None,
    opener: FakeOpener | None = None,
    runner: Runner | None = None,
) -> ExportDialog:
    dialog = open_export_dialog(
        None,
        store,
        catalog,
        settings,
        run_id=run_id,
        cohort_id=cohort_id,
        runner=runner or SynchronousRunner(),
        choose_file=chooser,
        open_folder=opener or FakeOpener(),
    )
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click near the left edge: a radio button's row is wider than what reacts to a click."""
    where = QPoint(min(10, button.width() // 2), button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)


@pytest.fixture
def settings(tmp_path: Path) -> SettingsFile:
    return SettingsFile(tmp_path / "data" / "settings.json")


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_one_session_to_markdown_leaves_private_notes_out(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    run_id = session_two(demo_store)
    with demo_store.session_factory() as s:
        withheld = set(
            s.scalars(
                select(Note.text).where(Note.run_id == run_id, Note.visibility != Visibility.SHARED)
            )
        )
    assert withheld, "the demo should hold private and off-the-record notes for session 2"
    target = exports / "session-2.md"
    chooser, opener = FakeChooser(target), FakeOpener()
    dialog = open_dialog(
        qtbot, demo_store, shipped_catalog, settings, chooser, run_id=run_id, opener=opener
    )
    assert dialog.session_choice.isChecked()
    assert "Session 2: Community of Practice Basics" in dialog.session_choice.text()
    assert "Demo cohort, 4 sessions" in dialog.cohort_choice.text()
    assert not dialog.open_folder_button.isVisible()

    click(qtbot, dialog.export_button)

    suggested, fmt = chooser.offered[0]
    assert suggested.name == "demo-cohort-session-2-community-of-practice-basics.md"
    assert suggested.parent == Path.home()
    assert fmt is ExportFormat.MARKDOWN
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Session 2: Community of Practice Basics\n")
    for note in withheld:
        assert note not in text
    assert dialog.message() == f"Exported to session-2.md\nin {exports}."
    assert dialog.open_folder_button.isVisible()
    click(qtbot, dialog.open_folder_button)
    assert opener.opened == [QUrl.fromLocalFile(str(exports))]
    assert [p.name for p in exports.iterdir()] == ["session-2.md"]


def test_whole_cohort_to_html(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    target = exports / "cohort.html"
    chooser = FakeChooser(target)
    dialog = open_dialog(
        qtbot, demo_store, shipped_catalog, settings, chooser, cohort_id=demo_cohort(demo_store)
    )
    assert not dialog.session_choice.isEnabled()
    assert dialog.cohort_choice.isChecked()

    click(qtbot, dialog.html_choice)
    click(qtbot, dialog.export_button)

    assert chooser.offered[0][0].name == "demo-cohort-session-notes.html"
    assert chooser.offered[0][1] is ExportFormat.HTML
    page = target.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Demo cohort: session notes" in page
    for title in ("Community Narrative", "Community of Practice Basics", "Community Charter"):
        assert title in page
    assert "Exported to cohort.html" in dialog.message()


def test_pseudonym_box_hides_every_name(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    with demo_store.session_factory() as s:
        named = s.scalar(select(Participant.display_name).where(Participant.consent_named))
        unnamed = s.scalar(select(Participant.display_name).where(~Participant.consent_named))
    assert named and unnamed
    chooser = FakeChooser(exports / "named.md")
    dialog = open_dialog(
        qtbot, demo_store, shipped_catalog, settings, chooser, run_id=session_two(demo_store)
    )
    click(qtbot, dialog.export_button)
    chooser.answer = exports / "pseudonymous.md"
    dialog.pseudonyms_box.setFocus()
    qtbot.keyClick(dialog.pseudonyms_box, Qt.Key.Key_Space)
    assert dialog.pseudonyms_box.isChecked()
    click(qtbot, dialog.export_button)

    with_names = (exports / "named.md").read_text(encoding="utf-8")
    without = (exports / "pseudonymous.md").read_text(encoding="utf-8")
    assert named in with_names and unnamed not in with_names
    assert named not in without and unnamed not in without
    assert "Participant A" in without
    assert "names were left out of this export on request" in without


def test_the_folder_is_remembered_for_the_next_export(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    first = open_dialog(
        qtbot,
        demo_store,
        shipped_catalog,
        settings,
        FakeChooser(exports / "notes"),
        cohort_id=demo_cohort(demo_store),
    )
    click(qtbot, first.export_button)
    assert (exports / "notes.md").is_file(), "a name without extension gets the format's"
    first.close()

    on_disk = json.loads(settings.path.read_text(encoding="utf-8"))
    assert on_disk["last_export_folder"] == str(exports)
    chooser = FakeChooser(None)
    second = open_dialog(
        qtbot,
        demo_store,
        shipped_catalog,
        SettingsFile(settings.path),
        chooser,
        run_id=session_two(demo_store),
    )
    click(qtbot, second.export_button)
    assert (
        chooser.offered[0][0] == exports / "demo-cohort-session-2-community-of-practice-basics.md"
    )
    assert second.message() == "", "cancelling the save dialog exports nothing"


def test_a_failing_export_says_why_and_writes_nothing(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    target = exports / "missing.md"
    dialog = open_dialog(
        qtbot, demo_store, shipped_catalog, settings, FakeChooser(target), run_id=9999
    )
    assert not dialog.cohort_choice.isEnabled()

    click(qtbot, dialog.export_button)

    assert dialog.message() == "Nothing was exported. There is no session run 9999."
    assert not dialog.open_folder_button.isVisible()
    assert list(exports.iterdir()) == []
    assert settings.current.last_export_folder == ""
    assert not settings.path.exists()
    assert dialog.export_button.isEnabled() and dialog.close_button.isEnabled()
    assert not dialog.cohort_choice.isEnabled(), "a choice not on offer stays off"


def test_enter_exports_in_the_background(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    """The real thread pool: the file and the message arrive without freezing the dialog."""
    target = exports / "threaded.md"
    dialog = open_export_dialog(
        None,
        demo_store,
        shipped_catalog,
        settings,
        run_id=session_two(demo_store),
        choose_file=FakeChooser(target),
        open_folder=FakeOpener(),
    )
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)

    qtbot.keyClick(dialog, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: dialog.message().startswith("Exported"), timeout=10_000)
    assert target.read_text(encoding="utf-8").startswith("# Session 2:")
    assert settings.current.last_export_folder == str(exports)


def test_the_dialog_waits_visibly_while_the_file_is_written(
    qtbot: QtBot,
    demo_store: Store,
    shipped_catalog: Catalog,
    settings: SettingsFile,
    exports: Path,
) -> None:
    runner = HeldRunner()
    target = exports / "held.md"
    dialog = open_dialog(
        qtbot,
        demo_store,
        shipped_catalog,
        settings,
        FakeChooser(target),
        run_id=session_two(demo_store),
        runner=runner,
    )
    click(qtbot, dialog.export_button)

    assert dialog.message() == "Exporting…"
    assert not dialog.export_button.isEnabled() and not dialog.close_button.isEnabled()
    assert not dialog.html_choice.isEnabled() and not dialog.pseudonyms_box.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "Escape waits for the outcome"
    assert not target.exists()

    runner.release()
    assert target.is_file()
    assert dialog.message().startswith("Exported to held.md")
    assert dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
