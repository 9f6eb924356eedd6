"""``document``, ``chat`` and ``assignment`` commands against a real data folder."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from cofacilitator.assignment_store import get_response
from cofacilitator.cli import commands_documents
from cofacilitator.cohorts import list_participants
from cofacilitator.notes import list_notes
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from cofacilitator.store.models import NoteSource
from tests.command_line import run_command
from tests.documents.conftest import COHORT_NAME, Fresh, make_fresh
from tests.documents.filling import add_after_slot, fill_slot

SAMPLES = Path(__file__).resolve().parent / "samples"
ICEBREAKER = "What is one characteristic about a community you most admire?"


run = partial(run_command, commands_documents)


@pytest.fixture
def cohort(data_store: Store, catalog: Catalog) -> Fresh:
    return make_fresh(data_store, catalog)


def test_document_blank_prints_or_writes_the_shared_document(
    data_dir: Path, cohort: Fresh, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "document", "blank", "--cohort", "autumn COHORT", "--session", "1") == 0
    assert capsys.readouterr().out.startswith("# Session 1: Community Narrative\n")

    target = tmp_path / "session-1.md"
    assert (
        run(
            data_dir,
            "document",
            "blank",
            "--cohort",
            COHORT_NAME,
            "--session",
            "1",
            "-o",
            str(target),
        )
        == 0
    )
    assert "- Lin Wei / " in target.read_text()


def test_document_import_shows_first_and_stores_only_when_told(
    data_dir: Path,
    data_store: Store,
    cohort: Fresh,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "filled.md"
    run(data_dir, "document", "blank", "--cohort", COHORT_NAME, "--session", "1", "-o", str(target))
    text = fill_slot(target.read_text(), ICEBREAKER, "- Lin Wei / ", "- Lin / Clear roles.")
    text = add_after_slot(text, ICEBREAKER, "- Lin / Clear roles.", "- Bob Marley / Kindness.")
    target.write_text(text)
    capsys.readouterr()
    arguments = ("document", "import", "--cohort", COHORT_NAME, "--session", "1", str(target))

    assert run(data_dir, *arguments) == 0
    shown = capsys.readouterr().out
    assert "note (admired-characteristic): Lin Wei: Clear roles." in shown
    assert "Not on the roster, kept anonymous (--walk-ins adds them): Bob Marley" in shown
    assert "Nothing was stored" in shown
    assert list_notes(data_store, cohort.runs[1]) == []

    assert run(data_dir, *arguments, "--yes", "--walk-ins") == 0
    assert "Stored 2 lines." in capsys.readouterr().out
    notes = list_notes(data_store, cohort.runs[1])
    walk_in = next(p for p in list_participants(data_store, cohort.cohort_id) if p.is_walk_in)
    assert {(n.participant_id, n.text) for n in notes} == {
        (cohort.people["Lin Wei"], "Clear roles."),
        (walk_in.id, "Kindness."),
    }


def test_chat_import_puts_the_chat_under_the_prompt_and_reports_private_messages(
    data_dir: Path, data_store: Store, cohort: Fresh, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        data_dir,
        "chat",
        "import",
        "--cohort",
        COHORT_NAME,
        "--session",
        "1",
        "--segment",
        "open-discussion",
        "--prompt",
        "q1-trend",
        str(SAMPLES / "zoom_saved_chat.txt"),
        "--yes",
    )

    assert code == 0
    out = capsys.readouterr().out
    assert "2 private messages left out, as always." in out
    notes = list_notes(data_store, cohort.runs[1])
    assert len(notes) == 6 and {n.source for n in notes} == {NoteSource.CHAT}


def test_a_missing_cohort_session_or_prompt_is_said_plainly(
    data_dir: Path, cohort: Fresh, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = str(SAMPLES / "plain_chat_log.txt")
    assert run(data_dir, "document", "blank", "--cohort", "Nobody", "--session", "1") == 1
    assert "No cohort is named 'Nobody'" in capsys.readouterr().err
    assert run(data_dir, "document", "blank", "--cohort", COHORT_NAME, "--session", "7") == 1
    assert "no session 7 (sessions: 1, 2, 3, 4)" in capsys.readouterr().err
    arguments = ("chat", "import", "--cohort", COHORT_NAME, "--session", "1", "--segment", "qa")
    assert run(data_dir, *arguments, "--prompt", "nope", chat) == 1
    assert "has no prompt 'nope'" in capsys.readouterr().err


def test_assignment_blank_and_import_document_exchange_answers_without_the_app(
    data_dir: Path,
    data_store: Store,
    cohort: Fresh,
    catalog: Catalog,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blank = tmp_path / "amara.docx"
    arguments = ("assignment", "blank", "--cohort", COHORT_NAME, "--session", "1")
    assert run(data_dir, *arguments, "--participant", "Amara", "-o", str(blank)) == 0
    assert blank.read_bytes().startswith(b"PK")
    markdown = tmp_path / "amara.md"
    assert (
        run(data_dir, *arguments, "--participant", "@amara", "--format", "md", "-o", str(markdown))
        == 0
    )
    filled = tmp_path / "filled.md"
    text = markdown.read_text().replace(
        "## Mission and purpose\n", "## Mission and purpose\n\nWe help newcomers.\n"
    )
    filled.write_text(text)
    capsys.readouterr()

    code = run(
        data_dir, "assignment", "import-document", str(filled), str(SAMPLES / "plain_chat_log.txt")
    )

    assert code == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("imported: filled.md: Amara Okafor's answers")
    assert out[1].startswith("refused: plain_chat_log.txt is not a filled-in assignment")
    response = get_response(data_store, cohort.people["Amara Okafor"], "community-narrative")
    assert response is not None and response.values == {"mission-purpose": "We help newcomers."}
