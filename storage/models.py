"""Plain dataclasses the repositories return; no database handles leak out of storage/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Customer:
    id: int
    telegram_id: int | None
    name: str | None
    username: str | None
    tg_language: str | None
    language: str | None
    segment: str
    opted_out_at: str | None
    unreachable_at: str | None
    phone: str | None = None
    external_id: str | None = None
    timezone: str | None = None
    forgotten_at: str | None = None
    started_at: str | None = None


@dataclass(frozen=True)
class Purchase:
    id: int
    order_id: str
    customer_id: int
    amount: str | None
    currency: str | None
    branch: str | None
    purchased_at: str
    link_token: str


@dataclass(frozen=True)
class Survey:
    id: int
    purchase_id: int
    customer_id: int
    status: str
    reason: str | None
    due_at: str | None
    sent_at: str | None
    reminded_at: str | None
    expires_at: str | None
    answered_at: str | None
    step: str | None
    chat_id: int | None
    message_id: int | None
    nps: int | None
    csat: int | None
    expectation: str | None
    comment: str | None


@dataclass(frozen=True)
class InboxItem:
    update_id: int
    payload: str
    attempts: int = 0  # times it had to wait for an answer from Telegram


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    method: str
    payload: str
    priority: int
    attempts: int
    not_before: float
    purpose: str | None
    ref: int | None
    expires_at: float | None = None  # Unix seconds; past it a retry is pointless


@dataclass(frozen=True)
class Complaint:
    id: int
    customer_id: int
    survey_id: int | None
    purchase_id: int | None
    source: str  # low_score, command, message
    status: str  # open, taken, resolved (asked the customer), closed
    segment: str
    text: str | None
    taken_by: int | None
    taken_at: str | None
    taken_by_name: str | None
    resolved_at: str | None
    closed_at: str | None
    resolution_satisfied: int | None
    card_chat_id: int | None
    card_message_id: int | None
    topic_thread_id: int | None
    card_due_at: str | None
    card_mode: str | None
    clock_started_at: str
    reopened: int
    created_at: str


@dataclass(frozen=True)
class SlaStep:
    complaint_id: int
    step: str  # take, resolve
    due_at: str
    fired_at: str | None


@dataclass(frozen=True)
class ComplaintMessage:
    direction: str  # from_customer, to_customer, note
    sender_id: int | None
    kind: str
    text: str | None
    created_at: str
