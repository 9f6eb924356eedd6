"""The peer feedback windows, photographed for the docs from demo answers.

``scripts/screenshots.py`` calls :func:`render_peer_review_screenshots`; it needs no store, only
the shipped Session 2 module and the demo people, so both pictures are the same on every run.
The author's picture shows the note for comments written about an older version of the answers,
the case an author is most likely to meet.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from random import Random

from PySide6.QtWidgets import QApplication, QWidget

from cofacilitator.demo_answers import field_answer
from cofacilitator.demo_content import AMARA, LIN, PEOPLE
from cofacilitator.handback import HandBack
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import Module
from cofacilitator.ui.peer_feedback_window import PeerFeedbackWindow
from cofacilitator.ui.peer_review_window import PeerReviewWindow

MODULE_ID = "community-of-practice-basics"
"""Session 2, whose assignment the curriculum suggests exchanging for feedback."""
WINDOW_SIZE = (1280, 720)
REVIEWED_AT = datetime(2026, 10, 9, 14, 20)

COMMENTS = {
    "purpose-outcomes": (
        "The outcomes are concrete, which I like. Could you say by when you expect five "
        "first-time contributors a quarter, so you can check at the mid-year review?"
    ),
    "stakeholders": (
        "The research funder only gets the annual report; would a short note after each "
        "release keep them closer, given how much power they have?"
    ),
    "engagement-platforms": "Which of these is where a newcomer should start?",
}
OVERALL = (
    "A clear picture of a busy community. The stakeholder table and the platforms table tell "
    "the same story, which is a good sign. My main question is who looks after the newcomer "
    "path day to day."
)


def render_peer_review_screenshots(out_dir: Path, *, suffix: str = "") -> list[Path]:
    """Write ``peer-review.png`` (the reviewer) and ``peer-review-author.png`` to ``out_dir``;
    ``suffix`` goes before ``.png`` ("-dark" for the dark palette run)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication before rendering screenshots")
    module = load_catalog(shipped_modules_dir(), None).get(MODULE_ID)
    if module is None or module.assignment is None:
        raise RuntimeError(f"the shipped module {MODULE_ID!r} is missing")
    out_dir.mkdir(parents=True, exist_ok=True)
    first = demo_handback(module)
    written = []
    with tempfile.TemporaryDirectory(prefix="cofacilitator-peer-review-") as drafts:
        reviewer = PeerReviewWindow(first, module, Path(drafts), now=lambda: REVIEWED_AT)
        reviewer.name_edit.setText(PEOPLE[LIN].name)
        reviewer.overall_edit.setPlainText(OVERALL)
        for field_id, text in COMMENTS.items():
            reviewer.comment_edit(field_id).setPlainText(text)
        reviewer.keep_draft()
        written.append(_photograph(app, reviewer, out_dir / f"peer-review{suffix}.png"))
        reply = reviewer.reply()
        reviewer.close()

    second = replace(
        first,
        response_version=2,
        saved_at=datetime(2026, 10, 12, 18, 5),
        values={**first.values, "stakeholder-map": []},
    )
    author = PeerFeedbackWindow(second, reply, module)
    written.append(_photograph(app, author, out_dir / f"peer-review-author{suffix}.png"))
    author.close()
    return written


def demo_handback(module: Module) -> HandBack:
    """Amara's answers to the module's assignment, as the demo cohort has them."""
    assert module.assignment is not None
    rng = Random(2)
    person = PEOPLE[AMARA]
    values = {f.id: field_answer(f, person, module, rng) for f in module.assignment.fields}
    return HandBack(
        cohort_uid="5e1f" * 8,
        cohort_name="Autumn cohort 2026",
        participant_uid="a3a7" * 8,
        participant_name=person.name,
        module_id=module.id,
        module_version=module.version,
        assignment_id=module.assignment.id,
        response_version=1,
        saved_at=datetime(2026, 10, 7, 11, 0),
        values=values,
    )


def _photograph(app: QApplication, window: QWidget, path: Path) -> Path:
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
