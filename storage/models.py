"""Plain dataclasses the repositories return; no database handles leak out of storage/.

Built by keyword only (a row's columns by name, `Model(**dict(row))`), so adding a column
cannot shift values into the wrong fields.

Columns holding a closed set are typed with its enum (storage.states); a row's plain string is
turned into the member when the dataclass is built, so an unknown value fails loudly there.
Business timestamps are aware datetimes in UTC here; the database keeps them as ISO text
(storage.timefmt), turned into datetimes the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.states import (
    CardMode,
    Channel,
    ComplaintSource,
    ComplaintStatus,
    Deadline,
    Direction,
    Purpose,
    ReportKind,
    RequestStatus,
    SurveyStatus,
)
from storage.timefmt import from_db


def _coerce(obj: object, **kinds: type) -> None:
    for name, kind in kinds.items():
        value = getattr(obj, name)
        if value is not None and type(value) is not kind:
            object.__setattr__(obj, name, from_db(value) if kind is datetime else kind(value))


def telegram_aside(name: str | None, tg_name: str | None) -> str | None:
    """The Telegram name when the shop gave another name (None when either is missing or they
    are the same)."""
    if not name or not tg_name or tg_name.strip() == name.strip():
        return None
    return tg_name


@dataclass(frozen=True, kw_only=True)
class Customer:
    id: int
    telegram_id: int | None
    name: str | None = None  # as the shop gave it (purchases API, import)
    username: str | None = None
    tg_language: str | None = None
    language: str | None = None
    segment: str = ""
    opted_out_at: datetime | None = None
    unreachable_at: datetime | None = None
    phone: str | None = None
    external_id: str | None = None
    timezone: str | None = None
    forgotten_at: datetime | None = None
    started_at: datetime | None = None
    tg_name: str | None = None  # as Telegram shows it, refreshed as they write

    @property
    def shown_name(self) -> str | None:
        """The name the shop gave, else the one in Telegram."""
        return self.name or self.tg_name

    @property
    def telegram_aside(self) -> str | None:
        """The Telegram name, to show beside the shop's when it says something else."""
        return telegram_aside(self.name, self.tg_name)

    def __post_init__(self) -> None:
        _coerce(
            self,
            opted_out_at=datetime,
            unreachable_at=datetime,
            forgotten_at=datetime,
            started_at=datetime,
        )


@dataclass(frozen=True, kw_only=True)
class Purchase:
    id: int
    order_id: str
    customer_id: int
    amount: str | None
    currency: str | None
    branch: str | None
    purchased_at: datetime
    link_token: str

    def __post_init__(self) -> None:
        _coerce(self, purchased_at=datetime)


@dataclass(frozen=True, kw_only=True)
class Survey:
    id: int
    purchase_id: int
    customer_id: int
    status: SurveyStatus
    reason: str | None = None
    due_at: datetime | None = None
    sent_at: datetime | None = None
    reminded_at: datetime | None = None
    expires_at: datetime | None = None
    answered_at: datetime | None = None
    # The id of the first question of the page it waits on (SurveyStep's values among them),
    # or "done".
    step: str | None = None
    chat_id: int | None = None
    message_id: int | None = None
    nps: int | None = None
    csat: int | None = None
    expectation: str | None = None
    comment: str | None = None
    branch: str = ""  # its purchase's
    version: int = 0  # the survey definition it was started with (0: the built-in one)
    variant: int | None = None  # that definition's variant (index); None: its main questions
    # Sent from the shop's Telegram account (Telegram Business) the customer wrote to: its
    # message is in their chat with the account. None: the bot's own chat.
    business_connection_id: str | None = None
    channel: Channel | None = None  # of its first answer, which answers it; None: no answer yet

    def __post_init__(self) -> None:
        _coerce(
            self,
            due_at=datetime,
            sent_at=datetime,
            reminded_at=datetime,
            expires_at=datetime,
            answered_at=datetime,
            status=SurveyStatus,
            channel=Channel,
        )


@dataclass(frozen=True, kw_only=True)
class Answer:
    """A survey's answer to one question: a scale's number, a text, or a choice's options."""

    number: int | None = None
    text: str | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class InboxItem:
    update_id: int
    payload: str
    attempts: int = 0  # times it had to wait for an answer from Telegram


@dataclass(frozen=True, kw_only=True)
class OutboxItem:
    id: int
    chat_id: int
    method: str
    payload: str
    priority: int
    attempts: int
    not_before: float
    purpose: Purpose | None
    ref: int | None
    expires_at: float | None = None  # Unix seconds; past it a retry is pointless
    # Sent from the shop's Telegram account (Telegram Business): into the customer's chat
    # with the account, a chat apart from theirs with the bot. None: the bot's own chat.
    business_connection_id: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, purpose=Purpose)


@dataclass(frozen=True, kw_only=True)
class Complaint:
    id: int
    customer_id: int
    survey_id: int | None
    purchase_id: int | None
    source: ComplaintSource
    status: ComplaintStatus
    segment: str
    text: str | None
    taken_by: int | None
    taken_at: datetime | None
    taken_by_name: str | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution_satisfied: int | None
    card_chat_id: int | None
    card_message_id: int | None
    topic_thread_id: int | None
    card_due_at: datetime | None
    card_mode: CardMode | None
    clock_started_at: datetime
    reopened: int
    created_at: datetime
    assignee_id: int | None = None  # who should work on it: its taker once taken
    assignee_name: str | None = None
    # the shop's Telegram Business account the customer last wrote to (None: the bot)
    business_connection_id: str | None = None

    def __post_init__(self) -> None:
        _coerce(
            self,
            taken_at=datetime,
            resolved_at=datetime,
            closed_at=datetime,
            card_due_at=datetime,
            clock_started_at=datetime,
            created_at=datetime,
            source=ComplaintSource,
            status=ComplaintStatus,
            card_mode=CardMode,
        )


@dataclass(frozen=True, kw_only=True)
class SlaStep:
    complaint_id: int
    step: Deadline
    due_at: datetime
    fired_at: datetime | None

    def __post_init__(self) -> None:
        _coerce(self, due_at=datetime, fired_at=datetime, step=Deadline)


@dataclass(frozen=True, kw_only=True)
class ComplaintMessage:
    direction: Direction
    sender_id: int | None
    kind: str
    text: str | None
    created_at: datetime
    sender_name: str | None = None  # staff replies and notes

    def __post_init__(self) -> None:
        _coerce(self, created_at=datetime, direction=Direction)


@dataclass(frozen=True, kw_only=True)
class ReportRequest:
    id: int
    kind: ReportKind
    chat_id: int
    period_start: datetime
    period_end: datetime
    notice_id: int | None
    status: RequestStatus
    attempts: int

    def __post_init__(self) -> None:
        _coerce(
            self, period_start=datetime, period_end=datetime, kind=ReportKind, status=RequestStatus
        )


@dataclass(frozen=True, kw_only=True)
class CorrectiveAction:
    """What was done about a resolved complaint (its cause, one line of action) and whether
    the business itself needs a fix."""

    complaint_id: int
    asked_at: datetime
    question_chat_id: int | None = None
    question_message_id: int | None = None
    cause: str | None = None  # an aspect, "other" or "skipped"; None: not answered yet
    cause_by_name: str | None = None
    action: str | None = None
    action_by_name: str | None = None
    fix_needed_at: datetime | None = None
    fix_by_name: str | None = None
    fix_done_at: datetime | None = None
    fix_done_by_name: str | None = None
    theme: str | None = None  # the theme the fix is about (an owner names it), if any

    def __post_init__(self) -> None:
        _coerce(self, asked_at=datetime, fix_needed_at=datetime, fix_done_at=datetime)
