"""The cohort store's tables, as SQLAlchemy 2 typed ORM classes.

Everything a facilitator or participant records lives here. The schema is changed only through
Alembic migrations (``store/migrations``); a test checks the migrations and these classes agree.
Text columns that hold structured answers (form values, table cells, timer state) are JSON, which
every SQLAlchemy backend supports, so nothing depends on SQLite alone.

Columns added by a later migration to a table that already held rows also carry a
``server_default`` equal to their Python default: the migration needs it to fill those rows, and
declaring it here keeps the models and the migrated schema identical.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uid() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


def _enum(cls: type[StrEnum]) -> Enum:
    """Enums are stored as their plain string values, readable in any SQLite browser."""
    return Enum(
        cls,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        length=20,
        validate_strings=True,
    )


class Membership(StrEnum):
    OPEN = "open"
    INVITE_ONLY = "invite_only"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    ABSENT = "absent"


class AuthorKind(StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"
    ANONYMOUS = "anonymous"


class Visibility(StrEnum):
    """Only SHARED ever leaves the app; the other two exist so people can speak freely."""

    SHARED = "shared"
    PRIVATE = "private"
    OFF_RECORD = "off_record"


class NoteSource(StrEnum):
    LIVE = "live"
    DOCUMENT = "document"
    CHAT = "chat"


class ResponseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IMPORTED = "imported"


class AnsweredWhen(StrEnum):
    LIVE = "live"
    AFTER = "after"


class ConcernStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


class Cohort(Base):
    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    membership: Mapped[Membership] = mapped_column(_enum(Membership), default=Membership.OPEN)
    facilitators: Mapped[list[Any]] = mapped_column(default=list)
    """[{"name": ..., "contact": ...}]: carried in invitations so participants can reach them."""
    guidelines: Mapped[str] = mapped_column(Text, default="", server_default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="Participant.id"
    )
    runs: Mapped[list[SessionRun]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan", order_by="SessionRun.module_number"
    )


class Participant(Base):
    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    handles: Mapped[str] = mapped_column(String(300), default="")
    pronouns: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    consent_named: Mapped[bool] = mapped_column(Boolean, default=False)
    """Without consent a participant appears in exports only under a stable pseudonym."""
    is_walk_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship(back_populates="participants")


class SessionRun(Base):
    """One session of the series for one cohort, from scheduling to the last note."""

    __tablename__ = "session_run"
    __table_args__ = (UniqueConstraint("cohort_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(100))
    module_number: Mapped[int] = mapped_column(Integer)
    module_version: Mapped[int] = mapped_column(Integer, default=1)
    scheduled_date: Mapped[date | None] = mapped_column(Date, default=None)
    start_time: Mapped[str] = mapped_column(String(5), default="", server_default="")
    """Local wall time "HH:MM" in ``timezone``; apart from the date so a reschedule is simple."""
    timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    length_minutes: Mapped[int] = mapped_column(Integer, default=90, server_default="90")
    join_link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    recording_link: Mapped[str] = mapped_column(String(500), default="", server_default="")
    started_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    current_segment: Mapped[str] = mapped_column(String(100), default="")
    skipped_segments: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    schedule_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised each time the call moves (date, start, zone or length): the calendar SEQUENCE."""

    cohort: Mapped[Cohort] = relationship(back_populates="runs")
    timings: Mapped[list[SegmentTiming]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )


class SegmentTiming(Base):
    """Persisted timer state per segment, so a restart resumes exactly where it was."""

    __tablename__ = "segment_timing"
    __table_args__ = (UniqueConstraint("run_id", "segment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    segment_id: Mapped[str] = mapped_column(String(100))
    planned_seconds: Mapped[int] = mapped_column(Integer, default=0)
    added_seconds: Mapped[int] = mapped_column(Integer, default=0)
    elapsed_before: Mapped[float] = mapped_column(default=0.0)
    running_since: Mapped[float | None] = mapped_column(default=None)
    started_at: Mapped[float | None] = mapped_column(default=None)
    stopped_at: Mapped[float | None] = mapped_column(default=None)

    run: Mapped[SessionRun] = relationship(back_populates="timings")


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("run_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(
        _enum(AttendanceStatus), default=AttendanceStatus.ABSENT
    )
    answer: Mapped[str] = mapped_column(Text, default="")
    emoji: Mapped[str] = mapped_column(String(50), default="")
    answer_values: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    """A roll-call answered through a form field (Session 4's three values and a definition)."""
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    events: Mapped[list[AttendanceEvent]] = relationship(
        back_populates="attendance", cascade="all, delete-orphan", order_by="AttendanceEvent.at"
    )


class AttendanceEvent(Base):
    """Leaving and coming back during a call, which the guidelines explicitly allow."""

    __tablename__ = "attendance_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendance_id: Mapped[int] = mapped_column(
        ForeignKey("attendance.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    """"left" or "returned"."""
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    attendance: Mapped[Attendance] = relationship(back_populates="events")


class BreakoutRoom(Base):
    __tablename__ = "breakout_room"
    __table_args__ = (Index("ix_breakout_room_run_segment", "run_id", "segment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    segment_id: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    prompt: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[BreakoutMember]] = relationship(
        back_populates="room", cascade="all, delete-orphan"
    )


class BreakoutMember(Base):
    __tablename__ = "breakout_member"
    __table_args__ = (UniqueConstraint("room_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("breakout_room.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )

    room: Mapped[BreakoutRoom] = relationship(back_populates="members")


class Note(Base):
    """One "Name / answer" line under a prompt, in any segment that collects notes."""

    __tablename__ = "note"
    __table_args__ = (Index("ix_note_run_segment", "run_id", "segment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    segment_id: Mapped[str] = mapped_column(String(100))
    prompt_id: Mapped[str] = mapped_column(String(100), default="")
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("breakout_room.id", ondelete="CASCADE"), default=None, index=True
    )
    author_kind: Mapped[AuthorKind] = mapped_column(_enum(AuthorKind), default=AuthorKind.ANONYMOUS)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility), default=Visibility.SHARED)
    source: Mapped[NoteSource] = mapped_column(_enum(NoteSource), default=NoteSource.LIVE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    edited_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FeedbackItem(Base):
    __tablename__ = "feedback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("session_run.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    """A ``FeedbackKind`` value: plus, delta, surprise, unclear or takeaway."""
    text: Mapped[str] = mapped_column(Text, default="")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None
    )
    """None means anonymous, the default for feedback."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SpeakingTurn(Base):
    """One tick of the "take space, give space" tally."""

    __tablename__ = "speaking_turn"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("session_run.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class QAEntry(Base):
    """A question from the call; answers may come during it or afterwards through the notes."""

    __tablename__ = "qa_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("session_run.id", ondelete="CASCADE"), index=True
    )
    segment_id: Mapped[str] = mapped_column(String(100), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    asked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None
    )
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    answered_when: Mapped[AnsweredWhen | None] = mapped_column(_enum(AnsweredWhen), default=None)
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility), default=Visibility.SHARED)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    edited_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TableRow(Base):
    """A row of a fill-in table; each participant may add several."""

    __tablename__ = "table_row"
    __table_args__ = (Index("ix_table_row_run_segment", "run_id", "segment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    segment_id: Mapped[str] = mapped_column(String(100))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    cells: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Column name -> text."""
    visibility: Mapped[Visibility] = mapped_column(_enum(Visibility), default=Visibility.SHARED)
    edited_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SharingTurn(Base):
    """The assignment-sharing round at the start of sessions 2-4: who, in which order, done."""

    __tablename__ = "sharing_turn"
    __table_args__ = (UniqueConstraint("run_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("session_run.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    shared_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class AssignmentResponse(Base):
    """A participant's current answers to one module's assignment; history in versions."""

    __tablename__ = "assignment_response"
    __table_args__ = (UniqueConstraint("participant_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[str] = mapped_column(String(100))
    module_version: Mapped[int] = mapped_column(Integer, default=1)
    values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[ResponseStatus] = mapped_column(
        _enum(ResponseStatus), default=ResponseStatus.DRAFT
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    """The participant's own counter, carried in hand-back files: newer replaces older."""
    link: Mapped[str] = mapped_column(String(500), default="")
    """An answer given as a link to the participant's own copy of the document."""
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    history: Mapped[list[AssignmentVersion]] = relationship(
        back_populates="response",
        cascade="all, delete-orphan",
        order_by="AssignmentVersion.version",
    )


class AssignmentVersion(Base):
    __tablename__ = "assignment_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("assignment_response.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[ResponseStatus] = mapped_column(_enum(ResponseStatus))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    response: Mapped[AssignmentResponse] = relationship(back_populates="history")


class Acknowledgement(Base):
    """A participant's acknowledgement of the cohort's guidelines: when, and how."""

    __tablename__ = "acknowledgement"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    how: Mapped[str] = mapped_column(String(20))
    """"call" or "app"."""
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def _raiser_kind(context: DefaultExecutionContext) -> str:
    """A concern inserted with a raiser and no kind was raised by that participant.

    Rows written without naming the kind (the demo cohort, test seeds) then agree with
    ``raised_by_id``, as the migration that added the column made existing rows agree.
    """
    raiser = context.get_current_parameters().get("raised_by_id")
    return (AuthorKind.ANONYMOUS if raiser is None else AuthorKind.PARTICIPANT).value


class Concern(Base):
    """A concern raised with the facilitator. Never exported, never shown to participants."""

    __tablename__ = "concern"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None
    )
    """Erasing the person who raised a concern erases the concern."""
    raised_by_kind: Mapped[AuthorKind] = mapped_column(
        _enum(AuthorKind), default=_raiser_kind, server_default=AuthorKind.ANONYMOUS.value
    )
    """A participant (``raised_by_id`` says who), a facilitator who observed it, or anonymous."""
    about_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), default=None
    )
    happened_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    what: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ConcernStatus] = mapped_column(_enum(ConcernStatus), default=ConcernStatus.OPEN)
    handler: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MessageLog(Base):
    """What was prepared for whom, and when (the app never sends mail itself)."""

    __tablename__ = "message_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_run.id", ondelete="CASCADE"), default=None
    )
    kind: Mapped[str] = mapped_column(String(20))
    """"invitation", "reminder" or "follow_up"."""
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    """Participant ids."""
    prepared_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    via: Mapped[str] = mapped_column(String(20), default="clipboard")
