"""Screenshots of participant mode, every kind of form field and the facilitator's answers view.

``scripts/screenshots.py`` calls :func:`render_form_screenshots`, so these pictures are made the
way the others are: offscreen, at the window size the docs use, from data the app writes itself.
Here that is the whole exchange in two fresh stores: a facilitator's cohort, one participant's
invitation opened in the participant's own store, answers typed into the forms and shared, and
the hand-back files imported on the facilitator's side (with one file refused).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from random import Random

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.demo_answers import field_answer
from cofacilitator.demo_content import FACILITATORS, PEOPLE
from cofacilitator.invitation import write_invitation
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.runs import ensure_runs
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.sessions.schema import FieldKind, Module
from cofacilitator.store.database import Store, open_store
from cofacilitator.ui.answers_view import AnswersView
from cofacilitator.ui.background import SynchronousRunner
from cofacilitator.ui.events import Events
from cofacilitator.ui.form_fields import LongTextField
from cofacilitator.ui.import_dialog import ImportDialog
from cofacilitator.ui.participant_window import ParticipantWindow

WINDOW_SIZE = (1280, 720)
COHORT_NAME = "Spring 2027 cohort"
SHARED_SESSIONS = (1, 2, 3)
"""Sessions shared before the participant's pictures are taken: the fourth is still a draft
there, and is shared afterwards for the facilitator's side."""
SEED = 7


def render_form_screenshots(out_dir: Path) -> list[Path]:
    """Write the PNGs (``participant-*``, ``form-*``, ``answers-*``) and return their paths."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([])
    out_dir.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog(shipped_modules_dir(), None)
    with tempfile.TemporaryDirectory(prefix="cofacilitator-form-shots-") as folder:
        root = Path(folder)
        facilitator = open_store(f"sqlite:///{root / 'facilitator.sqlite'}")
        participant = open_store(f"sqlite:///{root / 'participant.sqlite'}")
        try:
            return _Shots(app, out_dir, root, catalog, facilitator, participant).render()
        finally:
            facilitator.dispose()
            participant.dispose()


class _Shots:
    def __init__(
        self,
        app: QApplication,
        out_dir: Path,
        root: Path,
        catalog: Catalog,
        facilitator: Store,
        participant: Store,
    ) -> None:
        self.app = app
        self.out_dir = out_dir
        self.root = root
        self.catalog = catalog
        self.facilitator = facilitator
        self.participant = participant
        self.written: list[Path] = []
        self.keep: list[QWidget] = []

    def render(self) -> list[Path]:
        cohort_id, person_id, other_id = self._facilitator_cohort()
        invitation = self.root / "invitation.cofacilitator.json"
        write_invitation(self.facilitator, cohort_id, person_id, self.catalog, invitation)
        documents = self.root / "Documents"
        documents.mkdir()
        window = ParticipantWindow(
            self.participant, self.catalog, choose_path=lambda _parent, name: documents / name
        )
        window.resize(*WINDOW_SIZE)
        self.keep.append(window)
        self._shoot(window, "participant-welcome")
        window.open_invitation_file(invitation)
        handbacks = self._answer(window)
        self._participant_shots(window)
        self._field_shots(window)
        handbacks.append(self._share(window, self._module(4)))
        self._facilitator_shots(cohort_id, person_id, other_id, handbacks)
        for widget in self.keep:
            widget.close()
        return self.written

    # ------------------------------------------------------------------ the two sides

    def _facilitator_cohort(self) -> tuple[int, int, int]:
        cohort = create_cohort(self.facilitator, COHORT_NAME, facilitators=FACILITATORS)
        ids = [
            add_participant(self.facilitator, cohort.id, ParticipantDetails(p.name)).id
            for p in PEOPLE[:4]
        ]
        ensure_runs(self.facilitator, cohort.id, self.catalog.modules)
        return cohort.id, ids[0], ids[1]

    def _answer(self, window: ParticipantWindow) -> list[Path]:
        """Fill every assignment as the first demo person would; share the first three."""
        rng = Random(SEED)
        handbacks = []
        for module in self.catalog.modules:
            if module.assignment is None:
                continue
            form = window.form(module.id)
            form.set_values(
                {f.id: field_answer(f, PEOPLE[0], module, rng) for f in module.assignment.fields}
            )
            form.write_draft()
            if module.number in SHARED_SESSIONS:
                handbacks.append(self._share(window, module))
        return handbacks

    def _share(self, window: ParticipantWindow, module: Module) -> Path:
        form = window.form(module.id)
        path = form.share()
        if path is None:
            raise RuntimeError(f"sharing {module.title!r} failed: {form.message.text()}")
        return path

    def _participant_shots(self, window: ParticipantWindow) -> None:
        window.show_assignment(self._module(1).id)
        self._shoot(window, "participant-assignments")
        window.tabs.setCurrentWidget(window.browser)
        window.browser.select_module(self._module(3).id)
        self._shoot(window, "participant-sessions")

    def _field_shots(self, window: ParticipantWindow) -> None:
        """One picture per field kind, the form scrolled to the first field of that kind."""
        done: set[FieldKind] = set()
        for module in self.catalog.modules:
            for field in module.assignment.fields if module.assignment else ():
                if field.kind in done:
                    continue
                done.add(field.kind)
                form = window.show_assignment(module.id)
                window.show()
                self._settle()
                widget = form.fields[field.id]
                block = widget.parentWidget()
                assert block is not None
                top = block.mapTo(form.scroll.widget(), block.rect().topLeft()).y()
                form.scroll.verticalScrollBar().setValue(max(0, top - 8))
                name = f"form-{field.kind.value.replace('_', '-')}"
                self._shoot(window, name)
                if isinstance(widget, LongTextField):
                    widget.editor.preview_button.click()
                    self._shoot(window, f"{name}-preview")
                    widget.editor.preview_button.click()

    def _facilitator_shots(
        self, cohort_id: int, person_id: int, other_id: int, handbacks: list[Path]
    ) -> None:
        events = Events()
        stranger = self.root / "meeting-notes.md"
        stranger.write_text("# Notes from our call\n\nNot an assignment.\n", encoding="utf-8")
        dialog = ImportDialog(
            self.facilitator,
            self.catalog,
            events,
            cohort_id=cohort_id,
            runner=SynchronousRunner(),
        )
        self.keep.append(dialog)
        dialog.import_paths([*handbacks, stranger])
        self._shoot(dialog, "answers-import")

        frame = QMainWindow()
        view = AnswersView(self.facilitator, self.catalog, events, frame)
        frame.setCentralWidget(view)
        frame.setWindowTitle("cofacilitator: answers")
        frame.resize(*WINDOW_SIZE)
        self.keep.append(frame)
        view.set_cohort(cohort_id)
        shots: list[tuple[int, int, str, Callable[[], None]]] = [
            (person_id, 1, "answers-session-1", lambda: None),
            (person_id, 2, "answers-stakeholder-map", lambda: self._scroll_to(view, "Stakeholder")),
            (person_id, 3, "answers-mountain", lambda: self._scroll_to(view, "Mountain of")),
            (person_id, 4, "answers-session-4", lambda: None),
            (other_id, 1, "answers-none-yet", lambda: None),
        ]
        for who, number, name, scroll in shots:
            view.show_answers(who, self._module(number).id)
            frame.show()
            self._settle()
            scroll()
            self._shoot(frame, name)

    # ------------------------------------------------------------------ helpers

    def _module(self, number: int) -> Module:
        return next(m for m in self.catalog.modules if m.number == number)

    def _scroll_to(self, view: AnswersView, heading: str) -> None:
        document = view.document.document()
        cursor = document.find(heading)
        if cursor.isNull():
            return
        top = document.documentLayout().blockBoundingRect(cursor.block()).top()
        view.document.verticalScrollBar().setValue(int(top) - 12)

    def _settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    def _shoot(self, widget: QWidget, name: str) -> Path:
        widget.show()
        self._settle()
        path = self.out_dir / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path)
        return path
