"""Median times from a complaint's opening to being taken or resolved: by the clock (what the
customer waited) and in business hours (what the SLA counts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from statistics import median
from zoneinfo import ZoneInfo

from bot.complaints.sla import OpenTime
from bot.timeparse import BusinessHours


@dataclass(frozen=True)
class Medians:
    wall: float | None
    business: float | None


def medians(spans: list[tuple[datetime, datetime]], hours: BusinessHours, tz: ZoneInfo) -> Medians:
    """Median seconds from opening to being taken / resolved, by the clock and in business
    hours."""
    if not spans:
        return Medians(None, None)
    stamps = [(a.timestamp(), b.timestamp()) for a, b in spans]
    first, last = min(a for a, _ in stamps), max(b for _, b in stamps)
    open_time = OpenTime(
        hours, tz, datetime.fromtimestamp(first, UTC), datetime.fromtimestamp(last, UTC)
    )
    return Medians(
        median([b - a for a, b in stamps]),
        median([open_time.seconds(a, b) for a, b in stamps]),
    )
