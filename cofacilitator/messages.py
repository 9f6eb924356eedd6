"""Drafts of the messages around a call: the invitation, the reminder the day before, the follow-up.

The app sends nothing. It fills a Markdown template with the session's details, addresses the
draft to the cohort's active roster in BCC (so nobody's address is shown to the others), and hands
back a ``mailto:`` link or text to copy; :func:`record_prepared` then notes what was prepared for
whom, which is all the message history there is.

Templates are plain Markdown files with ``$placeholders`` (``${name}`` where a letter follows,
``$$`` for a dollar sign) and an optional first line ``Subject: ...``. The shipped ones live in
``resources/templates``; a file of the same name in the data folder's ``templates/`` replaces one.
A template is checked whole before use, so a misspelt placeholder is an error naming it and its
line, never a message sent with "$dat" in it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from string import Template
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from cofacilitator.atomic_write import write_text_atomic
from cofacilitator.export_model import ModuleLookup
from cofacilitator.paths import DataPaths, resources_dir
from cofacilitator.schedule import describe, long_date, run_zone, time_of, title_of, utc_offset
from cofacilitator.store.database import Store
from cofacilitator.store.models import Cohort, MessageLog, Participant, SessionRun, utcnow


class MessageKind(StrEnum):
    INVITATION = "invitation"
    REMINDER = "reminder"
    FOLLOW_UP = "follow_up"

    @classmethod
    def parse(cls, text: str) -> MessageKind:
        """Accepts "follow-up" as typed on a command line as well as the stored "follow_up"."""
        try:
            return cls(text.strip().lower().replace("-", "_"))
        except ValueError:
            names = ", ".join(kind.value.replace("_", "-") for kind in cls)
            raise TemplateError(
                f"{text!r} is not a kind of message; the kinds are {names}."
            ) from None


PLACEHOLDERS: dict[str, str] = {
    "cohort": "the cohort's name",
    "session_number": "the session's number in the series",
    "session_title": "the session's title",
    "date": "the day of the call, e.g. Thursday 1 October 2026",
    "time": "the start time, e.g. 16:00",
    "timezone": "the time zone of the start time, e.g. Europe/London, UTC+1",
    "length": "the call's length in minutes",
    "join_link": "the joining link",
    "recording_link": "the link to the recording of the presentation",
    "notes_link": "the link to the shared notes",
    "assignment": "the title of this session's assignment",
    "previous_assignment": "the title of the previous session's assignment",
    "next_date": "when the next session is",
    "facilitators": "the facilitators' names and contacts",
}
"""Every placeholder a template may use, with what it stands for (shown when editing one)."""

DEFAULT_SUBJECT = "$cohort, Session $session_number: $session_title"
MAILTO_SAFE_LENGTH = 2000
"""Longer ``mailto:`` links are cut short by some systems; offer copying the text instead."""
VIA_LIMIT = 20
_EMAIL = re.compile(r"^[^@\s,;:<>()\[\]\"']+@[^@\s,;:<>()\[\]\"']+\.[^@\s,;:<>()\[\]\"']+$")


class TemplateError(ValueError):
    """A template that cannot be used, or a message that cannot be prepared; says why."""


@dataclass(frozen=True)
class MessageTemplate:
    kind: MessageKind
    subject: str
    body: str
    source: str
    """Where it was read from, for error messages."""

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(
            Template(self.subject).get_identifiers() + Template(self.body).get_identifiers()
        )


@dataclass(frozen=True)
class Recipient:
    participant_id: int
    name: str
    email: str


@dataclass(frozen=True)
class MessageDraft:
    kind: MessageKind
    cohort_id: int
    run_id: int
    subject: str
    body: str
    to: tuple[str, ...]
    """The facilitators' own addresses, so they keep a copy of what went out."""
    recipients: tuple[Recipient, ...]
    """Active participants with an e-mail address, who go in BCC."""
    without_email: tuple[str, ...]
    """Active participants who will not get it by e-mail: tell them another way."""
    missing: tuple[str, ...]
    """Placeholders used by the template whose value is not known yet (e.g. join_link)."""

    @property
    def recipient_ids(self) -> tuple[int, ...]:
        return tuple(r.participant_id for r in self.recipients)

    @property
    def mailto(self) -> str:
        return mailto_url(
            to=self.to,
            bcc=[r.email for r in self.recipients],
            subject=self.subject,
            body=self.body,
        )

    @property
    def mailto_is_long(self) -> bool:
        return len(self.mailto) > MAILTO_SAFE_LENGTH


@dataclass(frozen=True)
class PreparedMessage:
    id: int
    cohort_id: int
    run_id: int | None
    kind: str
    recipients: tuple[int, ...]
    prepared_at: datetime
    via: str


# ------------------------------------------------------------------------------ templates


def parse_template(
    kind: MessageKind, text: str, *, source: str = "the template"
) -> MessageTemplate:
    """Check a template whole; a ``TemplateError`` names the first unusable placeholder."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    for match in Template.pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        name = match.group("named") or match.group("braced")
        if match.group("invalid") is not None:
            raise TemplateError(
                f"{source}, line {line}: a $ must start a placeholder such as $date; "
                "write $$ for a dollar sign."
            )
        if name is not None and name not in PLACEHOLDERS:
            raise TemplateError(
                f"{source}, line {line}: unknown placeholder ${name}. "
                f"The placeholders are {', '.join('$' + known for known in PLACEHOLDERS)}."
            )
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        subject, body = first[len("subject:") :].strip(), rest
    else:
        subject, body = DEFAULT_SUBJECT, text
    if not body.strip():
        raise TemplateError(f"{source} has no message text.")
    return MessageTemplate(kind, subject, body.strip("\n") + "\n", source)


def templates_dir(paths: DataPaths) -> Path:
    """Kept for the messages dialog until it reads ``paths.templates`` itself."""
    return paths.templates


def shipped_template_path(kind: MessageKind) -> Path:
    return resources_dir() / "templates" / f"{kind.value}.md"


def load_template(kind: MessageKind, user_dir: Path | None = None) -> MessageTemplate:
    """The facilitator's template of this kind if there is one, else the shipped one."""
    path = user_dir / f"{kind.value}.md" if user_dir is not None else None
    if path is None or not path.is_file():
        path = shipped_template_path(kind)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{path} could not be read ({error}).") from error
    return parse_template(kind, text, source=str(path))


def save_template(user_dir: Path, kind: MessageKind, text: str) -> Path:
    """Check, then keep, the facilitator's own version of a template."""
    parse_template(kind, text)
    user_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(user_dir, 0o700)
    return write_text_atomic(user_dir / f"{kind.value}.md", text)


def reset_template(user_dir: Path, kind: MessageKind) -> bool:
    """Go back to the shipped template; False when there was no own version."""
    path = user_dir / f"{kind.value}.md"
    if not path.exists():
        return False
    path.unlink()
    return True


# ------------------------------------------------------------------------------ drafting


def draft_message(
    store: Store,
    run_id: int,
    kind: MessageKind,
    modules: ModuleLookup | None,
    *,
    template: MessageTemplate | None = None,
    user_dir: Path | None = None,
    notes_link: str = "",
    now: datetime | None = None,
) -> MessageDraft:
    """Fill the template for one run, addressed to the roster as it is at ``now``.

    Someone who withdrew before ``now`` is not addressed; the messages already prepared for
    them keep them in their recipients.
    """
    chosen = template or load_template(kind, user_dir)
    with store.session_factory() as s:
        run = s.get_one(SessionRun, run_id)
        cohort = run.cohort
        values, unknown = _values(s, run, cohort, modules, notes_link.strip())
        recipients, without_email = _recipients(s, cohort.id, now or utcnow())
        return MessageDraft(
            kind=kind,
            cohort_id=cohort.id,
            run_id=run.id,
            subject=Template(chosen.subject).substitute(values),
            body=Template(chosen.body).substitute(values),
            to=tuple(_facilitator_addresses(cohort)),
            recipients=recipients,
            without_email=without_email,
            missing=tuple(name for name in PLACEHOLDERS if name in unknown & chosen.placeholders),
        )


def mailto_url(
    *, to: Sequence[str] = (), bcc: Sequence[str] = (), subject: str = "", body: str = ""
) -> str:
    """A ``mailto:`` link (RFC 6068) that opens the facilitator's own mail program.

    Everything is percent-encoded, so an address or a subject cannot add fields of its own, and
    line breaks are CRLF as the RFC asks.
    """
    fields = []
    if bcc:
        fields.append("bcc=" + _addresses(bcc))
    if subject:
        fields.append("subject=" + quote(subject, safe=""))
    if body:
        fields.append("body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
    return "mailto:" + _addresses(to) + ("?" + "&".join(fields) if fields else "")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


# ------------------------------------------------------------------------------ history


def record_prepared(
    store: Store,
    cohort_id: int,
    run_id: int | None,
    kind: MessageKind | str,
    recipients: Iterable[int],
    via: str,
    *,
    at: datetime | None = None,
) -> PreparedMessage:
    """Note that a message was prepared for these people, e.g. once the mail program opened."""
    kind = kind if isinstance(kind, MessageKind) else MessageKind.parse(kind)
    via = via.strip()
    if not via or len(via) > VIA_LIMIT:
        raise TemplateError(f"How the message went out should be a short word, not {via!r}.")
    ids = list(dict.fromkeys(recipients))
    with store.session_factory() as s, s.begin():
        s.get_one(Cohort, cohort_id)
        if run_id is not None and s.get_one(SessionRun, run_id).cohort_id != cohort_id:
            raise TemplateError("That session belongs to another cohort.")
        members = set(
            s.scalars(
                select(Participant.id).where(
                    Participant.cohort_id == cohort_id, Participant.id.in_(ids)
                )
            )
        )
        strangers = [pid for pid in ids if pid not in members]
        if strangers:
            raise TemplateError(f"Not on this cohort's roster: participant ids {strangers}.")
        entry = MessageLog(
            cohort_id=cohort_id,
            run_id=run_id,
            kind=kind.value,
            recipients=ids,
            prepared_at=at or utcnow(),
            via=via,
        )
        s.add(entry)
        s.flush()
        return _prepared(entry)


def list_prepared(store: Store, cohort_id: int, run_id: int | None = None) -> list[PreparedMessage]:
    """What was prepared for the cohort (or one run of it), oldest first."""
    with store.session_factory() as s:
        query = select(MessageLog).where(MessageLog.cohort_id == cohort_id)
        if run_id is not None:
            query = query.where(MessageLog.run_id == run_id)
        return [
            _prepared(m) for m in s.scalars(query.order_by(MessageLog.prepared_at, MessageLog.id))
        ]


# ------------------------------------------------------------------------------ details


def _values(
    s: Session, run: SessionRun, cohort: Cohort, modules: ModuleLookup | None, notes_link: str
) -> tuple[dict[str, str], frozenset[str]]:
    """Each placeholder's text, and the names whose value is a stand-in for one not known yet."""
    unknown: set[str] = set()

    def known(name: str, value: str, stand_in: str) -> str:
        if value:
            return value
        unknown.add(name)
        return stand_in

    when = time_of(run, cohort)
    local = when.local_start if when is not None else None
    runs = list(cohort.runs)
    earlier = [other for other in runs if other.module_number < run.module_number]
    later = [other for other in runs if other.module_number > run.module_number]
    values = {
        "cohort": cohort.name,
        "session_number": str(run.module_number),
        "session_title": title_of(run, modules),
        "date": known("date", long_date(local.date()) if local else "", "(date to be confirmed)"),
        "time": known("time", f"{local:%H:%M}" if local else "", "(time to be confirmed)"),
        "timezone": _zone_label(run_zone(run, cohort), local),
        "length": str(run.length_minutes),
        "join_link": known("join_link", run.join_link, "(the joining link will follow)"),
        "recording_link": known(
            "recording_link", run.recording_link, "(there is no recording of this session)"
        ),
        "notes_link": known("notes_link", notes_link, "(the link to the notes will follow)"),
        "assignment": known(
            "assignment", _assignment_title(run, modules), "(no assignment this time)"
        ),
        "previous_assignment": known(
            "previous_assignment",
            _assignment_title(earlier[-1], modules) if earlier else "",
            "nothing to bring this time",
        ),
        "next_date": known("next_date", _next_date(later[0], cohort), "(date to be confirmed)")
        if later
        else "(this was the last session)",
        "facilitators": known("facilitators", _facilitator_list(cohort), "your facilitators"),
    }
    return values, frozenset(unknown)


def _zone_label(zone: str, local: datetime | None) -> str:
    if zone == "UTC" or local is None:
        return zone
    return f"{zone}, {utc_offset(local)}"


def _next_date(run: SessionRun, cohort: Cohort) -> str:
    when = time_of(run, cohort)
    return describe(when) if when is not None else ""


def _assignment_title(run: SessionRun, modules: ModuleLookup | None) -> str:
    module = modules.get(run.module_id) if modules is not None else None
    return module.assignment.title if module is not None and module.assignment else ""


def _facilitator_list(cohort: Cohort) -> str:
    people = [
        f"{entry['name']} ({entry['contact']})" if entry.get("contact") else str(entry["name"])
        for entry in cohort.facilitators
        if isinstance(entry, dict) and entry.get("name")
    ]
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def _facilitator_addresses(cohort: Cohort) -> list[str]:
    return [
        str(entry["contact"]).strip()
        for entry in cohort.facilitators
        if isinstance(entry, dict) and is_email(str(entry.get("contact", "")))
    ]


def _recipients(
    s: Session, cohort_id: int, now: datetime
) -> tuple[tuple[Recipient, ...], tuple[str, ...]]:
    """The roster active at ``now``: those with a usable address, and the names of the others."""
    people = s.scalars(
        select(Participant)
        .where(
            Participant.cohort_id == cohort_id,
            Participant.withdrawn_at.is_(None) | (Participant.withdrawn_at > now),
        )
        .order_by(Participant.id)
    )
    addressed: list[Recipient] = []
    without: list[str] = []
    for person in people:
        if is_email(person.email):
            addressed.append(Recipient(person.id, person.display_name, person.email.strip()))
        else:
            without.append(person.display_name)
    return tuple(addressed), tuple(without)


def _addresses(addresses: Iterable[str]) -> str:
    return ",".join(quote(address.strip(), safe="@") for address in addresses)


def _prepared(entry: MessageLog) -> PreparedMessage:
    return PreparedMessage(
        id=entry.id,
        cohort_id=entry.cohort_id,
        run_id=entry.run_id,
        kind=entry.kind,
        recipients=tuple(entry.recipients or ()),
        prepared_at=entry.prepared_at,
        via=entry.via,
    )
