"""The periods an owner picks with one tap: this week, last week, this month, last month, in
the business's time zone (weeks start on Monday). Each is (first day, last day), both
included, as the overview's date fields take them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def preset_days(now: datetime, tz: ZoneInfo) -> dict[str, tuple[date, date]]:
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    end_of_last_month = first_of_month - timedelta(days=1)
    return {
        "this_week": (monday, today),
        "last_week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "this_month": (first_of_month, today),
        "last_month": (end_of_last_month.replace(day=1), end_of_last_month),
    }
