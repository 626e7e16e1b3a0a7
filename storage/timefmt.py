"""Business timestamps in the database: fixed-width ISO 8601 UTC text (text order = time order)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored: attach a time zone first")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def kept(moment: datetime) -> datetime:
    """`moment` as the database keeps it: in UTC, to the second (`from_db(to_db(moment))`)."""
    return moment.astimezone(UTC).replace(microsecond=0)


def from_db(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def stored(value: object) -> object:
    """A value as the database keeps it: datetimes as `to_db` text, anything else as is."""
    return to_db(value) if isinstance(value, datetime) else value
