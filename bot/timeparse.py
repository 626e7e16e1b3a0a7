"""Parsers for the time-shaped settings: durations, quiet hours, business hours, cron."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

_ISO = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_duration(value: object) -> timedelta:
    """Seconds (a number) or an ISO 8601 duration such as PT15M, PT2H, P30D, P1DT12H."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected seconds or an ISO 8601 duration such as PT2H")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip().upper()
        try:
            seconds = float(text)
        except ValueError:
            match = _ISO.match(text)
            if not match or text in ("P", "PT") or text.endswith("T"):
                raise ValueError(
                    f"{value!r} is not a duration: use seconds (7200) or ISO 8601 (PT2H, P30D)"
                ) from None
            parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
            seconds = (
                parts["w"] * 604800
                + parts["d"] * 86400
                + parts["h"] * 3600
                + parts["m"] * 60
                + parts["s"]
            )
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    return timedelta(seconds=seconds)


def format_duration(span: timedelta) -> str:
    """The ISO 8601 form .env uses: P30D, PT15M, P1DT12H, PT90S."""
    seconds = int(span.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    if not days and not clock:
        return "PT0S"
    return f"P{f'{days}D' if days else ''}{'T' + clock if clock else ''}"


def _parse_time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not match or int(match[1]) > 24 or int(match[2]) > 59:
        raise ValueError(f"{text!r} is not a time of day (HH:MM)")
    hour, minute = int(match[1]), int(match[2])
    if hour == 24:
        if minute:
            raise ValueError(f"{text!r} is not a time of day (HH:MM)")
        return time.max
    return time(hour, minute)


@dataclass(frozen=True)
class QuietHours:
    """A nightly window (may cross midnight) in which no invitation is sent."""

    start: time
    end: time

    @classmethod
    def parse(cls, value: object) -> QuietHours | None:
        text = str(value).strip().lower()
        if text in ("", "off", "none"):
            return None
        start, sep, end = text.partition("-")
        if not sep:
            raise ValueError(f"{value!r}: use HH:MM-HH:MM, e.g. 21:00-09:00, or 'off'")
        return cls(_parse_time(start), _parse_time(end))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class BusinessHours:
    """A weekly calendar: weekday (0 = Monday) → open intervals; None means around the clock."""

    week: tuple[tuple[tuple[time, time], ...], ...] | None

    @classmethod
    def parse(cls, value: object) -> BusinessHours:
        text = str(value).strip().lower()
        if text in ("24/7", "always", ""):
            return cls(None)
        week: list[list[tuple[time, time]]] = [[] for _ in _DAYS]
        for chunk in re.split(r"[;,]", text):
            chunk = chunk.strip()
            if not chunk:
                continue
            days, _, hours = chunk.partition(" ")
            start_text, sep, end_text = hours.strip().partition("-")
            if not sep:
                raise ValueError(f"{chunk!r}: use e.g. 'mon-fri 09:00-18:00; sat 10:00-14:00'")
            start, end = _parse_time(start_text), _parse_time(end_text)
            if end <= start:
                raise ValueError(f"{chunk!r}: the end must be after the start")
            for day in _expand_days(days):
                week[day].append((start, end))
        if not any(week):
            raise ValueError("no open hours given")
        return cls(tuple(_merged(day) for day in week))

    def __str__(self) -> str:
        """As written in .env: consecutive days with the same hours as a range (mon-fri)."""
        if self.week is None:
            return "24/7"
        parts = []
        day = 0
        while day < len(_DAYS):
            last = day
            while last + 1 < len(_DAYS) and self.week[last + 1] == self.week[day]:
                last += 1
            days = _DAYS[day] if last == day else f"{_DAYS[day]}-{_DAYS[last]}"
            for start, end in self.week[day]:
                end_text = "24:00" if end == time.max else f"{end:%H:%M}"
                parts.append(f"{days} {start:%H:%M}-{end_text}")
            day = last + 1
        return "; ".join(parts)


def _merged(intervals: list[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
    """Overlapping or touching intervals of one day as one (so no time counts twice)."""
    out: list[tuple[time, time]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _expand_days(text: str) -> list[int]:
    first, sep, last = text.partition("-")
    if first not in _DAYS or (sep and last not in _DAYS):
        raise ValueError(f"{text!r}: days are mon, tue, wed, thu, fri, sat, sun or a range")
    if not sep:
        return [_DAYS.index(first)]
    a, b = _DAYS.index(first), _DAYS.index(last)
    return list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]


_CRON_FIELDS = ("minute", "hour", "day", "month", "day_of_week")


@functools.lru_cache(maxsize=64)
def check_cron(expression: str) -> str:
    """Validate a 5-field crontab; numeric days of week are refused (APScheduler: 0 = Monday).
    Remembered per expression (a refusal is not: it raises): walking 200 runs of the trigger
    takes ~0.1 s, and every Settings checks two of them (each CLI command, each test's app)."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"{expression!r}: a cron expression has 5 fields, e.g. '0 9 * * mon'")
    if re.search(r"\d", fields[4]):
        raise ValueError(
            f"{expression!r}: write the day of week as a name (mon-sun), not a number"
        )
    from apscheduler.triggers.cron import CronTrigger

    for name, value in zip(_CRON_FIELDS, fields, strict=True):
        try:
            CronTrigger(**{name: value})
        except ValueError as exc:
            shown = name.replace("_", " ")
            why = re.sub(r"^Error validating expression '[^']*': ", "", str(exc))
            raise ValueError(f"{expression!r}: {shown} {value!r}: {why}") from None
    _at_most_hourly(expression, CronTrigger.from_crontab(expression, timezone="UTC"))
    return expression


def _at_most_hourly(expression: str, trigger: CronTrigger) -> None:
    """A digest covers the time since its previous run: more often than hourly makes no sense
    (and '* * * * *' once made the period look-back spin)."""
    at = datetime(2026, 1, 5, tzinfo=UTC)  # any Monday: 200 runs cover every field's variety
    previous = trigger.get_next_fire_time(None, at)
    for _ in range(200):
        if previous is None:
            return
        following = trigger.get_next_fire_time(previous, previous + timedelta(seconds=1))
        if following is not None and following - previous < timedelta(hours=1):
            raise ValueError(
                f"{expression!r}: a digest goes out at most once an hour"
                f" (this fires at {previous:%H:%M} and again at {following:%H:%M})"
            )
        previous = following


def local_datetime(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A wall-clock time in `tz` as an aware datetime; 24:00 is the next midnight, and a time
    inside a DST gap (spring forward) resolves to the first real instant after it."""
    if at == time.max:
        return local_datetime(day + timedelta(days=1), time(0), tz)
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(UTC).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:  # nonexistent local time
        return _end_of_gap(aware).astimezone(tz)
    return aware


def _end_of_gap(inside: datetime) -> datetime:
    """The instant the clock jumped over `inside` (a wall time in a spring-forward gap).

    fold=1 reads the wall time with the offset after the jump, which lands before it; fold=0
    with the offset before, which lands after it. The jump lies between: bisect to the second.
    """
    tz = inside.tzinfo
    old_offset = inside.replace(fold=1).astimezone(UTC).astimezone(tz).utcoffset()
    before = int(inside.replace(fold=1).timestamp())  # still the old offset
    after = int(inside.replace(fold=0).timestamp())  # already the new one
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, tz).utcoffset() == old_offset:
            before = middle
        else:
            after = middle
    return datetime.fromtimestamp(after, UTC)
