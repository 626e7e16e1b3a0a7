"""Report periods in the business zone: a scheduled digest's (between the last two times its
cron fired), a requested one, and the calendar periods before it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.timeparse import local_datetime

LOOKBACK = timedelta(days=70)
MAX_STEPS = 100_000


def last_period(cron: str, tz: ZoneInfo, now: datetime) -> tuple[datetime, datetime] | None:
    """(previous fire, latest fire ≤ now) of `cron` in `tz`; None if it fired less than twice
    in the lookback (a yearly cron, say)."""
    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    previous: datetime | None = None
    latest: datetime | None = None
    moment = trigger.get_next_fire_time(None, now - LOOKBACK)
    for _ in range(MAX_STEPS):
        if moment is None or moment > now:
            break
        previous, latest = latest, moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    if previous is None or latest is None:
        return None
    # In UTC: Python subtracts datetimes sharing a ZoneInfo on the wall clock (a DST night
    # would look 24 h long), and callers do arithmetic with these.
    return previous.astimezone(UTC), latest.astimezone(UTC)


MAX_RANGE_DAYS = 366
# Reports compare with earlier periods and draw a 12-period trend: far ends of the calendar
# would overflow, and no shop has answers from before 2000.
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date:
    """A day as the bot prints it (31.10.2026, day first) or in ISO (2026-10-31). Slashes
    are refused: 11/01/2026 is November in one country and January in another."""
    try:
        if dotted := _DOTTED.fullmatch(text):
            day, month, year = (int(part) for part in dotted.groups())
            return date(year, month, day)
        if _ISO.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError("dates must look like 31.10.2026 or 2026-10-31")


def day_range(first: str, last: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Two days (`parse_day`), both included, as UTC instants of local midnights."""
    start_day, end_day = parse_day(first), parse_day(last)
    if end_day < start_day:
        raise ValueError("the first date must not be after the last")
    if start_day < EARLIEST or end_day > LATEST:
        raise ValueError(f"dates must be between {EARLIEST} and {LATEST}")
    if (end_day - start_day).days >= MAX_RANGE_DAYS:
        raise ValueError(f"at most {MAX_RANGE_DAYS} days at once")
    start = local_datetime(start_day, time(0), tz).astimezone(UTC)
    end = local_datetime(end_day + timedelta(days=1), time(0), tz).astimezone(UTC)
    return start, end


def requested_period(
    first: str | None, last: str | None, tz: ZoneInfo, now: datetime, default_days: int = 7
) -> tuple[datetime, datetime]:
    """Both days given: those days; neither: the last `default_days` days up to now."""
    if first and last:
        return day_range(first, last, tz)
    if first or last:
        raise ValueError("give both the first and the last day, or neither")
    return last_days(now, tz, default_days)


def last_days(now: datetime, tz: ZoneInfo, days: int = 7) -> tuple[datetime, datetime]:
    """The last `days` calendar days up to `now`: from the same wall-clock time `days` ago.

    Times are stored to the second and a period excludes its end, so it ends at the next whole
    second: whatever was stored in this very second (a fix marked done just before an owner
    asked) is in it."""
    end = past_now(now)
    second = end - timedelta(seconds=1)
    start = _shifted(second.astimezone(tz).replace(tzinfo=None), -timedelta(days=days), tz)
    return start, end


def past_now(now: datetime) -> datetime:
    """The first whole second after `now`: a period ending there has everything stored up
    to now (times are stored to the second), also what was stored in this very second."""
    return now.replace(microsecond=0) + timedelta(seconds=1)


def judged_at(end: datetime, now: datetime) -> datetime:
    """The moment a period's complaints are judged at: its end, or now while it runs."""
    return min(end, past_now(now))


def earlier_periods(
    start: datetime, end: datetime, tz: ZoneInfo, count: int
) -> list[tuple[datetime, datetime]]:
    """The `count` periods of the same calendar shape just before [start, end), oldest first.

    Periods are wall-clock spans in `tz`, not fixed lengths of real time: the week before
    19-25 Oct is 12-18 Oct midnight to midnight though one is 169 hours long and the other 168;
    a span from the first of a month to the first of a later one steps by calendar months.
    """
    first = start.astimezone(tz).replace(tzinfo=None)
    last = end.astimezone(tz).replace(tzinfo=None)
    months = (last.year - first.year) * 12 + last.month - first.month
    by_months = first.day == last.day == 1 and first.time() == last.time() and months > 0
    bounds = [start.astimezone(UTC)]
    for k in range(1, count + 1):
        if by_months:
            total = first.year * 12 + first.month - 1 - k * months
            moved = first.replace(year=total // 12, month=total % 12 + 1)
            bounds.append(_shifted(moved, timedelta(0), tz))
        else:
            bounds.append(_shifted(first, -(last - first) * k, tz))
    return [(bounds[k + 1], bounds[k]) for k in range(count - 1, -1, -1)]


def _shifted(wall: datetime, by: timedelta, tz: ZoneInfo) -> datetime:
    """The real instant (UTC) of a naive wall-clock time in `tz` moved by `by` on the wall."""
    moved = wall + by
    return local_datetime(moved.date(), moved.time(), tz).astimezone(UTC)
