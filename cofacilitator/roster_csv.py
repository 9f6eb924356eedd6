"""A roster file (CSV) read into people for a cohort: checked as a whole, added in one go.

Facilitators often have their participants in a spreadsheet from the sign-up form; exporting it as
CSV and importing it here saves typing eight to sixty names. One bad row refuses the whole file,
with the line to fix, because a half-imported roster is harder to repair than a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from sqlalchemy import select

from cofacilitator.cohorts import (
    ParticipantDetails,
    ParticipantView,
    checked_details,
    new_participant,
)
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, Participant


class RosterImportError(ValueError):
    """A roster file refused as a whole; ``line`` is the 1-based line of the first bad row."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


ROSTER_COLUMNS = ("name", "role", "handles", "pronouns", "email")
_HEADER_ALIASES = {
    "name": "name",
    "display name": "name",
    "role": "role",
    "handles": "handles",
    "handle": "handles",
    "social handles": "handles",
    "pronouns": "pronouns",
    "email": "email",
    "e-mail": "email",
    "consent": "consent",
    "consent to be named": "consent",
}
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0", ""})


def parse_roster_csv(text: str) -> list[ParticipantDetails]:
    """Read a roster: name, role, handles, pronouns, e-mail (and optionally consent).

    A first line naming the columns (in any order) is used as the header; without one the
    columns are taken in that order. One bad row refuses the whole file, because a half-imported
    roster is harder to fix than a file. People are not named in exports unless a consent column
    says yes.
    """
    return [details for _, details in _numbered_rows(text)]


def _numbered_rows(text: str) -> list[tuple[int, ParticipantDetails]]:
    """Each person in a roster file with the line they are on, for errors found later."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as problem:
        raise RosterImportError(reader.line_num, f"not readable as CSV ({problem})") from None
    columns: tuple[str, ...] = ROSTER_COLUMNS
    if rows and _is_header(rows[0][1]):
        columns = _header_columns(rows[0][1])
        rows = rows[1:]
    people: list[tuple[int, ParticipantDetails]] = []
    seen_emails: dict[str, int] = {}
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) > len(columns):
            raise RosterImportError(
                line, f"{len(cells)} values but only {len(columns)} columns: {', '.join(columns)}"
            )
        values = dict(zip(columns, cells, strict=False))
        details = _row_details(values, line)
        if details.email:
            key = details.email.lower()
            if key in seen_emails:
                raise RosterImportError(
                    line, f"{details.email} is already on line {seen_emails[key]}"
                )
            seen_emails[key] = line
        people.append((line, details))
    return people


def import_roster_csv(store: Store, cohort_id: int, text: str) -> list[ParticipantView]:
    """Add everyone in a roster file to the cohort, all in one transaction or not at all.

    An e-mail already on the cohort's roster refuses the file too, so importing the same file
    twice does not double the roster.
    """
    people = _numbered_rows(text)
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        known = {
            email.lower()
            for email in s.scalars(
                select(Participant.email).where(
                    Participant.cohort_id == cohort_id, Participant.email != ""
                )
            )
        }
        added = []
        for line, details in people:
            if details.email and details.email.lower() in known:
                raise RosterImportError(line, f"{details.email} is already on the roster")
            participant = new_participant(cohort_id, details)
            s.add(participant)
            added.append(participant)
        s.flush()
        return [ParticipantView.of(p) for p in added]


def _is_header(row: Sequence[str]) -> bool:
    return any(cell.strip().lower() in ("name", "display name") for cell in row)


def _header_columns(row: Sequence[str]) -> tuple[str, ...]:
    columns = []
    for cell in row:
        label = cell.strip().lower()
        if label not in _HEADER_ALIASES:
            raise RosterImportError(
                1,
                f"unknown column {cell.strip()!r}; the columns are "
                f"{', '.join(ROSTER_COLUMNS)} and optionally consent",
            )
        column = _HEADER_ALIASES[label]
        if column in columns:
            raise RosterImportError(1, f"the column {column!r} appears twice")
        columns.append(column)
    return tuple(columns)


def _row_details(values: dict[str, str], line: int) -> ParticipantDetails:
    consent_text = values.get("consent", "").lower()
    if consent_text not in _YES | _NO:
        raise RosterImportError(line, f"consent should be yes or no, not {values['consent']!r}")
    details = ParticipantDetails(
        display_name=values.get("name", ""),
        role=values.get("role", ""),
        handles=values.get("handles", ""),
        pronouns=values.get("pronouns", ""),
        email=values.get("email", ""),
        consent_named=consent_text in _YES,
    )
    try:
        return checked_details(details)
    except ValueError as problem:
        raise RosterImportError(line, str(problem)) from None
