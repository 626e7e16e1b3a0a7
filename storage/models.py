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


@dataclass(frozen=True)
class InboxItem:
    update_id: int
    payload: str


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
