"""SLA clocks: a duration counted in business hours (a weekly calendar in the business zone).

Open intervals are wall-clock times in the zone, turned into real instants day by day, so a DST
change shortens or lengthens that day's open time exactly as the clock on the wall does. All
arithmetic is in UTC: Python adds and subtracts aware datetimes that share a ZoneInfo on the
wall clock, which would make a DST night's three open hours count as three.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse import BusinessHours, local_datetime

_MAX_DAYS = 8 * 366  # any calendar with one open minute a week gets there long before this


def add_business_time(
    start: datetime, duration: timedelta, hours: BusinessHours, tz: ZoneInfo
) -> datetime:
    """The instant at which `duration` of open time has passed since `start`."""
    if hours.week is None:
        return start + duration
    remaining = duration
    cursor = start.astimezone(UTC)
    day = start.astimezone(tz).date() - timedelta(days=1)  # an overnight 24:00 end may reach in
    for _ in range(_MAX_DAYS):
        for open_at, close_at in hours.week[day.weekday()]:
            begin = max(_utc(day, open_at, tz), cursor)
            end = _utc(day, close_at, tz)
            if begin >= end:
                continue
            if remaining <= end - begin:
                return begin + remaining
            remaining -= end - begin
            cursor = end
        day += timedelta(days=1)
    raise ValueError("business hours have no open time")


def business_time_between(
    start: datetime, end: datetime, hours: BusinessHours, tz: ZoneInfo
) -> timedelta:
    """Open time between two instants (for SLA compliance and medians in the digest)."""
    if end <= start:
        return timedelta(0)
    if hours.week is None:
        return end - start
    total = timedelta(0)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    day = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    while day <= last:
        for open_at, close_at in hours.week[day.weekday()]:
            begin = max(_utc(day, open_at, tz), start)
            finish = min(_utc(day, close_at, tz), end)
            if finish > begin:
                total += finish - begin
        day += timedelta(days=1)
    return total


def _utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    return local_datetime(day, at, tz).astimezone(UTC)
