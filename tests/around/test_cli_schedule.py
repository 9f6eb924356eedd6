"""``cofacilitator schedule``, ``ics`` and ``message``, run in-process as typed."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from cofacilitator.cli import commands_schedule
from cofacilitator.cohorts import ParticipantDetails, add_participant, create_cohort
from cofacilitator.messages import MessageKind, list_prepared, save_template
from cofacilitator.paths import DataPaths, database_url
from cofacilitator.runs import ensure_runs, get_run
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store, open_store
from tests.around.small_cohort import FACILITATORS
from tests.command_line import run_command

run = partial(run_command, commands_schedule)


@pytest.fixture
def data(tmp_path: Path, migrated_database: Path, catalog: Catalog) -> Iterator[Path]:
    """A data folder whose store holds "Spring cohort" with Ada and Ben, on the shipped modules."""
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copyfile(migrated_database, paths.database)
    store = open_store(database_url(paths), migrate=False)
    try:
        cohort = create_cohort(
            store, "Spring cohort", facilitators=FACILITATORS, timezone="Europe/London"
        )
        for name in ("Ada", "Ben"):
            add_participant(store, cohort.id, ParticipantDetails(name, email=f"{name}@example.org"))
        ensure_runs(store, cohort.id, catalog.modules)
    finally:
        store.dispose()
    yield paths.root


def opened(data: Path) -> Store:
    return open_store(database_url(DataPaths(data)), migrate=False)


def test_scheduling_a_session_and_listing_the_series(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        data,
        "schedule",
        "--cohort",
        "Spring cohort",
        "--session",
        "3",
        "--date",
        "2026-10-29",
        "--time",
        "16:00",
        "--length",
        "80",
        "--join",
        "https://call.example.org/s",
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Thursday 29 October 2026, 16:00-17:20 (Europe/London, UTC+0)" in out
    assert "joining link: https://call.example.org/s" in out

    assert run(data, "schedule", "--cohort", "Spring cohort", "--tz", "Asia/Tokyo") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].split()[:2] == ["1", "not"]
    assert "Fri 2026-10-30 01:00-02:20 JST" in lines[2]

    assert (
        run(
            data,
            "schedule",
            "--cohort",
            "Spring cohort",
            "--session",
            "3",
            "--recording",
            "https://video.example.org/3",
        )
        == 0
    )
    assert "recording:    https://video.example.org/3" in capsys.readouterr().out
    store = opened(data)
    try:
        stored = get_run(store, 3).schedule
    finally:
        store.dispose()
    assert (stored.start_time, stored.length_minutes) == ("16:00", 80)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--cohort", "Autumn"), 'There is no cohort named "Autumn". Cohorts: "Spring cohort".'),
        (("--cohort", "Spring cohort", "--session", "2", "--time", "16:00"), "give --date"),
        (
            (
                "--cohort",
                "Spring cohort",
                "--session",
                "2",
                "--date",
                "2026-10-22",
                "--time",
                "16:00",
                "--tz",
                "Europe/Londn",
            ),
            "Did you mean Europe/London",
        ),
        (("--cohort", "Spring cohort", "--session", "9"), "no session 9"),
    ],
)
def test_schedule_refusals_exit_1_with_the_reason(
    data: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    assert run(data, "schedule", *arguments) == 1
    assert message in capsys.readouterr().err


def test_calendar_files_for_a_session_and_the_series(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number, day in ((1, "2026-10-22"), (2, "2026-10-29")):
        run(
            data,
            "schedule",
            "--cohort",
            "Spring cohort",
            "--session",
            str(number),
            "--date",
            day,
            "--time",
            "16:00",
        )
    capsys.readouterr()
    series = tmp_path / "spring.ics"
    assert run(data, "ics", "--cohort", "Spring cohort", "-o", str(series)) == 0
    assert capsys.readouterr().out == f"Wrote {series}\n"
    starts = [
        event.decoded("dtstart").strftime("%d %H:%M")
        for event in Calendar.from_ical(series.read_bytes()).walk("VEVENT")
    ]
    assert starts == ["22 15:00", "29 16:00"]

    single = tmp_path / "one.ics"
    assert run(data, "ics", "--cohort", "Spring cohort", "--session", "2", "-o", str(single)) == 0
    assert len(Calendar.from_ical(single.read_bytes()).walk("VEVENT")) == 1

    assert run(data, "ics", "--cohort", "Spring cohort", "--session", "3", "-o", str(single)) == 1
    assert "Session 3 has no date" in capsys.readouterr().err
    assert run(data, "ics", "--cohort", "Spring cohort", "-o", str(tmp_path / "no" / "x.ics")) == 1
    assert "does not exist" in capsys.readouterr().err


def test_message_prints_the_draft_and_link_and_records_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ("message", "follow-up", "--cohort", "Spring cohort", "--session", "1")
    assert run(data, *arguments, "--notes-link", "https://notes.example.org/1") == 0
    captured = capsys.readouterr()
    subject, _, rest = captured.out.partition("\n")
    assert subject.startswith("Subject: After Session 1: Community Narrative")
    assert "https://notes.example.org/1" in rest
    mailto = rest.rstrip().splitlines()[-1]
    assert parse_qs(urlsplit(mailto).query)["bcc"] == ["Ada@example.org,Ben@example.org"]
    assert "Not known yet: recording_link" in captured.err
    assert "Recorded: follow-up for 2 people." in captured.err

    assert run(data, *arguments, "--no-record") == 0
    assert "Not recorded" in capsys.readouterr().err
    store = opened(data)
    try:
        prepared = list_prepared(store, 1)
    finally:
        store.dispose()
    assert [(m.kind, m.via, len(m.recipients)) for m in prepared] == [("follow_up", "mailto", 2)]


def test_message_uses_the_facilitators_own_template_from_the_data_folder(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = DataPaths(data).templates
    assert templates.is_dir() and stat.S_IMODE(templates.stat().st_mode) == 0o700
    save_template(templates, MessageKind.REMINDER, "Subject: Tomorrow!\n\nSee you, $cohort.\n")
    arguments = ("message", "reminder", "--cohort", "Spring cohort", "--session", "1")
    assert run(data, *arguments, "--no-record") == 0
    subject, _, rest = capsys.readouterr().out.partition("\n")
    assert subject == "Subject: Tomorrow!"
    assert rest.lstrip().startswith("See you, Spring cohort.")
