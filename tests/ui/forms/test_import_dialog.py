"""Importing hand-back files: each one imported or refused with its reason, nothing kept of a
refused one, and every change announced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cofacilitator.assignment_store import get_response, submit
from cofacilitator.cohorts import create_cohort
from cofacilitator.handback import write_handback
from cofacilitator.store.models import AssignmentResponse, ResponseStatus
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.events import Events
from cofacilitator.ui.import_dialog import ImportDialog

from .conftest import Exchange, Shoot, Show

ANSWERS = {"origin-story": "Three friends and a mailing list", "pathways": ["Mentoring"]}


def handed_back(exchange: Exchange) -> Path:
    """Ada's answers to session 1, submitted and written in her own app."""
    ada = exchange.join()
    module = exchange.module(1)
    submit(exchange.participant, ada, module, ANSWERS)
    path = exchange.tmp / "ada-session-1.md"
    write_handback(exchange.participant, ada, module, path)
    return path


def tampered(good: Path) -> Path:
    """The same file with one character of its answers block changed."""
    text = good.read_text(encoding="utf-8")
    block = text.rindex("-->") - 10
    swapped = "A" if text[block] != "A" else "B"
    bad = good.with_name("ada-session-1-edited.md")
    bad.write_text(text[:block] + swapped + text[block + 1 :], encoding="utf-8")
    return bad


def responses(exchange: Exchange) -> int:
    with exchange.facilitator.session_factory() as s:
        return s.scalar(select(func.count()).select_from(AssignmentResponse)) or 0


def make_dialog(
    show: Show, exchange: Exchange, events: Events, files: list[Path] | None = None
) -> ImportDialog:
    dialog = ImportDialog(
        exchange.facilitator,
        exchange.catalog,
        events,
        cohort_id=exchange.cohort_id,
        runner=SynchronousRunner(),
        choose_files=lambda _parent: files or [],
    )
    show(dialog)
    return dialog


def texts(dialog: ImportDialog) -> list[str]:
    return [dialog.results.item(row).text() for row in range(dialog.results.count())]


def test_good_and_bad_files_chosen_together(
    qtbot: QtBot, show: Show, shoot: Shoot, exchange: Exchange
) -> None:
    good = handed_back(exchange)
    bad = tampered(good)
    stranger = exchange.tmp / "minutes.md"
    stranger.write_text("# Minutes of the call\n", encoding="utf-8")
    events = Events()
    dialog = make_dialog(show, exchange, events, [bad, stranger])

    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    shown = texts(dialog)
    assert shown[0].startswith("✗ Refused: ada-session-1-edited.md is damaged or was edited")
    assert shown[0].endswith("Ask the participant to hand it back again from the app.")
    assert shown[1] == (
        "✗ Refused: minutes.md is not a cofacilitator hand-back file: "
        "it holds no assignment answers."
    )
    assert dialog.progress.text() == "2 files: 0 imported, 2 refused."
    assert responses(exchange) == 0, "nothing of a refused file is stored"

    dialog._choose_files = lambda _parent: [good]
    with qtbot.waitSignal(events.assignment_did_import, timeout=1000) as announced:
        dialog.choose_button.setFocus()
        qtbot.keyClick(dialog.choose_button, Qt.Key.Key_Space)
    response = get_response(exchange.facilitator, exchange.ada, "community-narrative")
    assert response is not None and response.status is ResponseStatus.IMPORTED
    assert response.values == ANSWERS
    assert announced.args == [response.id]
    assert texts(dialog)[-1].startswith(
        "✓ Imported: ada-session-1.md: Ada Lovelace's answers to 'Community background', version 1"
    )
    shoot(dialog, "answers-import")


def test_files_dropped_on_the_dialog_are_imported(
    qtbot: QtBot, show: Show, exchange: Exchange
) -> None:
    good = handed_back(exchange)
    dialog = make_dialog(show, exchange, Events())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(good))])
    send_drop(dialog, data)
    assert [text.split(":")[0] for text in texts(dialog)] == ["✓ Imported", "= Already imported"]
    assert responses(exchange) == 1


def test_a_file_for_another_cohort_is_refused(qtbot: QtBot, show: Show, exchange: Exchange) -> None:
    good = handed_back(exchange)
    other = create_cohort(exchange.facilitator, "Autumn cohort")
    dialog = ImportDialog(
        exchange.facilitator,
        exchange.catalog,
        Events(),
        cohort_id=other.id,
        runner=SynchronousRunner(),
    )
    show(dialog)
    dialog.import_paths([good])
    assert "holds answers for another cohort ('Spring cohort')" in texts(dialog)[0]
    assert responses(exchange) == 0


def send_drop(widget: QWidget, data: QMimeData) -> None:
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), actions, data, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(20, 20), actions, data, buttons, keys))
