"""Home: cohorts and rosters, typed and clicked as a facilitator would, checked in the store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.cohorts import (
    ParticipantDetails,
    add_participant,
    create_cohort,
    find_cohort,
    list_cohorts,
    list_participants,
)
from cofacilitator.demo import DEMO_COHORT_NAME
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.events import Events
from cofacilitator.ui.home_page import HomePage
from tests.ui.showing import show_active


def make_page(
    qtbot: QtBot, store: Store, catalog: Catalog, roster_file: Path | None = None
) -> tuple[HomePage, Events]:
    events = Events()
    page = HomePage(
        store,
        events,
        catalog,
        op_runner=SynchronousRunner(),
        choose_file=lambda _parent: str(roster_file) if roster_file else None,
    )
    qtbot.addWidget(page)
    return show_active(qtbot, page), events


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClicks(field, text)


def test_first_run_offers_the_demo_cohort_and_creates_it(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    page, _ = make_page(qtbot, store, catalog)
    assert page.demo_button.isVisible()
    assert "No cohorts yet" in page.welcome_label.text()

    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)

    demo = find_cohort(store, DEMO_COHORT_NAME)
    assert demo is not None
    assert page.current_cohort is not None
    assert page.current_cohort.id == demo.id
    assert not page.demo_button.isVisible()
    assert len(page.overview.run_buttons) == 4
    assert page.roster.table.rowCount() == len(list_participants(store, demo.id))


def test_create_a_cohort_by_typing_its_name_and_pressing_enter(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    page, events = make_page(qtbot, store, catalog)
    announced: list[int] = []
    events.cohort_did_change.connect(announced.append)
    type_into(qtbot, page.new_name, "Spring cohort")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)

    cohort = find_cohort(store, "Spring cohort")
    assert cohort is not None
    assert announced == [cohort.id]
    assert page.cohort_list.currentItem().text() == "Spring cohort (0 people)"
    assert page.tabs.currentWidget() is page.roster
    assert not page.demo_button.isVisible()

    type_into(qtbot, page.new_name, "Spring cohort")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "already a cohort called 'Spring cohort'" in page.message_label.text()
    assert len(list_cohorts(store)) == 1


def test_rename_in_place_with_f2(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    cohort = create_cohort(store, "Sprng cohort")
    page, _ = make_page(qtbot, store, catalog)
    page.cohort_list.setFocus()
    qtbot.keyClick(page.cohort_list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "Sprng cohort"
    editor.selectAll()
    qtbot.keyClicks(editor, "Spring cohort")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.cohort_list.item(0).text() == "Spring cohort (0 people)")
    assert list_cohorts(store)[0].name == "Spring cohort"
    assert list_cohorts(store)[0].id == cohort.id


def test_archive_hides_a_cohort_until_show_archived(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    create_cohort(store, "Autumn cohort")
    create_cohort(store, "Spring cohort")
    page, _ = make_page(qtbot, store, catalog)
    page.cohort_list.setCurrentRow(0)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)

    assert [c.name for c in list_cohorts(store)] == ["Spring cohort"]
    assert [page.cohort_list.item(i).text() for i in range(page.cohort_list.count())] == [
        "Spring cohort (0 people)"
    ]
    page.show_archived.setFocus()
    qtbot.keyClick(page.show_archived, Qt.Key.Key_Space)
    assert page.cohort_list.count() == 2
    page.cohort_list.setCurrentRow(0)
    assert page.cohort_list.currentItem().text() == "Autumn cohort (0 people, archived)"
    assert page.archive_button.text().replace("&", "") == "Unarchive"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert len(list_cohorts(store)) == 2


def test_add_participants_one_by_one_from_the_form(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    page, _ = make_page(qtbot, store, catalog)
    page.tabs.setCurrentWidget(page.roster)
    roster = page.roster
    type_into(qtbot, roster.name_field, "Ada Lovelace")
    type_into(qtbot, roster.role_field, "Analyst")
    type_into(qtbot, roster.handles_field, "@ada")
    type_into(qtbot, roster.pronouns_field, "she/her")
    type_into(qtbot, roster.email_field, "ada@example.org")
    roster.consent_box.setFocus()
    qtbot.keyClick(roster.consent_box, Qt.Key.Key_Space)
    qtbot.keyClick(roster.email_field, Qt.Key.Key_Return)

    (ada,) = list_participants(store, cohort.id)
    assert (ada.display_name, ada.role, ada.handles, ada.pronouns, ada.email) == (
        "Ada Lovelace",
        "Analyst",
        "@ada",
        "she/her",
        "ada@example.org",
    )
    assert ada.consent_named
    assert roster.table.item(0, 0).text() == "Ada Lovelace"
    assert roster.table.item(0, 5).text() == "yes"
    assert roster.name_field.text() == ""
    assert roster.name_field.hasFocus()
    assert page.cohort_list.currentItem().text() == "Spring cohort (1 person)"

    type_into(qtbot, roster.name_field, "Grace")
    type_into(qtbot, roster.email_field, "not an address")
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    assert "is not an e-mail address" in roster.problem_label.text()
    assert len(list_participants(store, cohort.id)) == 1
    assert roster.name_field.text() == "Grace"  # kept, to fix and try again


def test_withdraw_and_reinstate_the_selected_person(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    add_participant(store, cohort.id, ParticipantDetails("Ada Lovelace"))
    page, _ = make_page(qtbot, store, catalog)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    control = roster.withdraw_control
    assert not control.withdraw_button.isEnabled()
    roster.table.selectRow(0)
    qtbot.mouseClick(control.withdraw_button, Qt.MouseButton.LeftButton)
    assert list_participants(store, cohort.id)[0].withdrawn_at is not None
    assert roster.table.item(0, 6).text() == "withdrawn"
    assert control.reinstate_button.isVisible()
    assert control.reinstate_button.text().replace("&", "") == "Reinstate"
    qtbot.mouseClick(control.reinstate_button, Qt.MouseButton.LeftButton)
    assert list_participants(store, cohort.id)[0].withdrawn_at is None
    assert roster.table.item(0, 6).text() == "active"
    assert control.withdraw_button.isVisible()


def test_csv_import_previews_then_imports_everyone(
    qtbot: QtBot, store: Store, catalog: Catalog
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    page, _ = make_page(qtbot, store, catalog)
    page.tabs.setCurrentWidget(page.roster)
    qtbot.mouseClick(page.roster.import_button, Qt.MouseButton.LeftButton)
    dialog = page.roster.import_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.import_button.isEnabled()

    dialog.text.setFocus()
    for line in (
        "name,email,consent",
        "Ada Lovelace,ada@example.org,yes",
        "Grace Hopper,grace@example.org,no",
    ):
        qtbot.keyClicks(dialog.text, line)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(1, 0).text() == "Grace Hopper"
    assert dialog.problem_label.text() == "2 people ready to import."
    assert list_participants(store, cohort.id) == []

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    names = [p.display_name for p in list_participants(store, cohort.id)]
    assert names == ["Ada Lovelace", "Grace Hopper"]
    assert page.roster.table.rowCount() == 2
    assert page.roster.problem_label.text() == "Imported 2 people."


def test_a_bad_row_is_explained_and_refuses_the_whole_file(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    cohort = create_cohort(store, "Spring cohort")
    add_participant(store, cohort.id, ParticipantDetails("Ada Lovelace", email="ada@example.org"))
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text(
        "name,email,consent\nGrace Hopper,grace@example.org,yes\nKatherine,kj@,maybe\n",
        encoding="utf-8",
    )
    page, _ = make_page(qtbot, store, catalog, roster_file)
    page.tabs.setCurrentWidget(page.roster)
    dialog = page.roster.open_import()
    assert dialog is not None
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    assert "Grace Hopper" in dialog.text.toPlainText()
    assert dialog.problem_label.text() == (
        "Nothing can be imported yet. Line 3: consent should be yes or no, not 'maybe'."
    )
    assert dialog.preview.rowCount() == 0
    assert not dialog.import_button.isEnabled()

    dialog.text.setPlainText("Grace Hopper,,,,grace@example.org\nAda again,,,,ADA@example.org\n")
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == (
        "Nothing was imported. Line 2: ADA@example.org is already on the roster."
    )
    assert [p.display_name for p in list_participants(store, cohort.id)] == ["Ada Lovelace"]


def test_run_button_asks_for_the_run(qtbot: QtBot, store: Store, catalog: Catalog) -> None:
    create_cohort(store, "Spring cohort")
    page, _ = make_page(qtbot, store, catalog)
    asked: list[int] = []
    page.run_requested.connect(asked.append)
    overview = page.overview.overview
    assert overview is not None
    qtbot.mouseClick(page.overview.run_buttons[1], Qt.MouseButton.LeftButton)
    assert asked == [overview.runs[1].run.id]


def clipped(page: QWidget) -> list[str]:
    """Visible buttons, fields and labels smaller than their text needs."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton | QLineEdit):
            if widget.width() < widget.minimumSizeHint().width():
                found.append(widget.accessibleName())
        elif isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(widget.text())
            elif widget.width() < widget.sizeHint().width():
                found.append(widget.text())
    return found


def test_fits_1280_by_720_keyboard_reachable_and_named(
    qtbot: QtBot, store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    page, _ = make_page(qtbot, store, catalog)
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    for tab in (page.overview, page.roster):
        page.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: not clipped(page), timeout=2000)
        for widget in page.findChildren(QWidget):
            if not widget.isVisible() or widget.objectName() == "qt_tableview_cornerbutton":
                continue
            if isinstance(widget, QAbstractButton | QLineEdit):
                assert widget.accessibleName(), widget
                assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        page.grab().save(str(tmp_path / f"home-{tab.accessibleName()}.png"))
    placeholder = page.new_name.fontMetrics().horizontalAdvance(page.new_name.placeholderText())
    assert page.new_name.width() > placeholder
