"""Business timestamps in the database: fixed-width ISO 8601 UTC text (text order = time order)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored: attach a time zone first")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def now_db() -> str:
    return to_db(datetime.now(UTC))
