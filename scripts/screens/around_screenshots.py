"""The work around a call, photographed for the docs from the demo cohort.

``scripts/screenshots.py`` calls :func:`render_around_screenshots`. Each picture is made from a
fresh copy of the demo cohort in a temporary folder, so the real data folder is never touched and
every run draws the same thing: the clock, the facilitator's time zone (Berlin, an hour ahead of
the demo's London calls, so the schedule shows both times) and the language of dates are fixed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

from cofacilitator.cohorts import list_participants
from cofacilitator.demo import create_shipped_demo_cohort
from cofacilitator.import_preview import Decision
from cofacilitator.invitation import invitation_for
from cofacilitator.messages import MessageKind
from cofacilitator.paths import DataPaths, shipped_modules_dir
from cofacilitator.runs import RunView, list_runs
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.shared_document import blank_session_document
from cofacilitator.store.database import Store, open_store
from cofacilitator.ui.concerns_panel import ConcernsPanel
from cofacilitator.ui.document_import_dialog import DocumentImportDialog
from cofacilitator.ui.events import Events
from cofacilitator.ui.guidelines_panel import GuidelinesPanel
from cofacilitator.ui.messages_dialog import MessagesDialog
from cofacilitator.ui.raise_concern_dialog import RaiseConcernDialog
from cofacilitator.ui.schedule_panel import SchedulePanel

WINDOW_SIZE = (1280, 720)
DIALOG_SIZE = (760, 620)
"""The participant's concern window, a small dialog over their own app."""
VIEWER = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 10, 14, 9, 30)
"""The day before the demo's third session, when its reminder goes out (naive UTC)."""

IMPORTED_ANSWERS = {
    "Q1: Why invest in community building": {
        "Amara Okafor": "Because people stay for each other, not for the code.",
        "Lin Wei": "It spreads the maintenance load before anyone burns out.",
        "Sam Rivera": "Our meetup doubled once we had a code of conduct.",
    },
    "Q2: What are some good examples": {
        "Priya Raghunathan": "The Carpentries' instructor checkout: a clear path in.",
        "Hana Sato": "A small Discord where every question got an answer within a day.",
    },
}
"""What the demo's Session 2 document says once the cohort has written in it; Sam Rivera is
nobody on the roster, so the preview offers to take him in as a walk-in."""
CONCERN_TEXT = (
    "In the breakout room one person kept talking over the others, and when I tried to add "
    "something I was told we were short of time."
)


@dataclass(frozen=True)
class _Demo:
    store: Store
    catalog: Catalog
    paths: DataPaths
    cohort_id: int
    runs: tuple[RunView, ...]


def render_around_screenshots(out_dir: Path) -> list[Path]:
    """Write schedule, messages, document-import-preview, guidelines, concerns and raise-concern
    PNGs to ``out_dir``; returns their paths."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication before rendering screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _english_dates(), tempfile.TemporaryDirectory(prefix="cofacilitator-around-") as folder:
        demo = _demo(Path(folder))
        try:
            events = Events()
            written.append(_photograph(app, _schedule(demo, events), out_dir / "schedule.png"))
            written.append(_photograph(app, _messages(demo), out_dir / "messages.png"))
            written.append(
                _photograph(
                    app, _import_preview(demo, events), out_dir / "document-import-preview.png"
                )
            )
            written.append(_photograph(app, _guidelines(demo, events), out_dir / "guidelines.png"))
            written.append(_photograph(app, _concerns(demo, events), out_dir / "concerns.png"))
            written.append(
                _photograph(app, _raise_concern(demo), out_dir / "raise-concern.png", DIALOG_SIZE)
            )
        finally:
            demo.store.dispose()
    return written


@contextmanager
def _english_dates() -> Iterator[None]:
    """Day and month names in English whatever the machine's language, put back afterwards."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        yield
    finally:
        QLocale.setDefault(before)


def _demo(folder: Path) -> _Demo:
    store = open_store(f"sqlite:///{folder / 'demo.sqlite'}")
    cohort_id = create_shipped_demo_cohort(store).cohort_id
    return _Demo(
        store=store,
        catalog=load_catalog(shipped_modules_dir(), None),
        paths=DataPaths(folder / "data").ensure(),
        cohort_id=cohort_id,
        runs=tuple(list_runs(store, cohort_id)),
    )


def _schedule(demo: _Demo, events: Events) -> QWidget:
    panel = SchedulePanel(
        demo.store,
        events,
        demo.catalog,
        demo.paths,
        viewer_zone=VIEWER,
        today=lambda: NOW.date(),
    )
    panel.set_cohort(demo.cohort_id)
    panel.select_session(demo.runs[2].id)
    return panel


def _messages(demo: _Demo) -> QWidget:
    return MessagesDialog(
        demo.store,
        demo.catalog,
        demo.paths,
        demo.cohort_id,
        run_id=demo.runs[2].id,
        kind=MessageKind.REMINDER,
        now=lambda: NOW,
        viewer_zone=VIEWER,
    )


def _import_preview(demo: _Demo, events: Events) -> QWidget:
    run = demo.runs[1]
    dialog = DocumentImportDialog(demo.store, demo.catalog, events, run.id)
    blank = blank_session_document(demo.store, demo.catalog, run.id).markdown
    dialog.document_text.setPlainText(filled_in(blank, IMPORTED_ANSWERS))
    dialog.make_preview()
    dialog.set_decision("Sam Rivera", Decision.WALK_IN)
    return dialog


def filled_in(markdown: str, answers: dict[str, dict[str, str]]) -> str:
    """The blank document with answers written after "Name / " under the headings starting
    with each key; a name not in the document is added at the end of that list."""
    out: list[str] = []
    waiting: dict[str, str] = {}
    for line in markdown.splitlines():
        if line.startswith("#"):
            if waiting:
                out[-1:-1] = [f"- {name} / {text}" for name, text in waiting.items()]
            title = line.lstrip("#").strip()
            waiting = next(
                (dict(found) for start, found in answers.items() if title.startswith(start)), {}
            )
        elif line.startswith("- ") and line.endswith(" / ") and line[2:-3] in waiting:
            line += waiting.pop(line[2:-3])
        out.append(line)
    return "\n".join(out) + "\n"


def _guidelines(demo: _Demo, events: Events) -> QWidget:
    panel = GuidelinesPanel(demo.store, events, now=lambda: NOW, viewer_zone=VIEWER)
    panel.set_cohort(demo.cohort_id)
    return panel


def _concerns(demo: _Demo, events: Events) -> QWidget:
    panel = ConcernsPanel(demo.store, events, viewer_zone=VIEWER)
    panel.set_cohort(demo.cohort_id)
    panel.concern_list.setCurrentRow(0)
    return panel


def _raise_concern(demo: _Demo) -> QWidget:
    amara = list_participants(demo.store, demo.cohort_id)[0]
    invitation = invitation_for(demo.store, demo.cohort_id, amara.id, demo.catalog)
    dialog = RaiseConcernDialog(invitation, now=lambda: NOW, viewer_zone=VIEWER)
    dialog.what_edit.setPlainText(CONCERN_TEXT)
    return dialog


def _photograph(
    app: QApplication, widget: QWidget, path: Path, size: tuple[int, int] = WINDOW_SIZE
) -> Path:
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        app.processEvents()
    saved = widget.grab().save(str(path))
    widget.close()
    widget.deleteLater()
    if not saved:
        raise OSError(f"could not write {path}")
    return path
