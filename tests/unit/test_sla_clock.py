"""Business-hours arithmetic, table-driven: weekends, before opening, overnight, DST."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.complaints.sla import OpenTime, add_business_time, business_time_between
from bot.timeparse import BusinessHours

STO = ZoneInfo("Europe/Stockholm")
OFFICE = BusinessHours.parse("mon-fri 09:00-18:00")
SPLIT = BusinessHours.parse("mon-fri 09:00-12:00, mon-fri 13:00-17:00; sat 10:00-14:00")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Stockholm wall-clock time in 2026 (November 9 is a Monday)."""
    return datetime(2026, month, day, hour, minute, tzinfo=STO)


@pytest.mark.parametrize(
    ("start", "minutes", "hours", "expected"),
    [
        (at(9, 10), 15, OFFICE, at(9, 10, 15)),  # Monday, open
        (at(9, 17, 50), 15, OFFICE, at(10, 9, 5)),  # runs past closing: overnight
        (at(13, 17, 55), 15, OFFICE, at(16, 9, 10)),  # Friday evening: over the weekend
        (at(14, 12), 15, OFFICE, at(16, 9, 15)),  # Saturday: starts Monday morning
        (at(9, 7), 60, OFFICE, at(9, 10)),  # before opening
        (at(9, 10), 24 * 60, OFFICE, at(11, 16)),  # 24 business hours: 8 + 9 + 7
        (at(9, 11, 30), 60, SPLIT, at(9, 13, 30)),  # lunch break skipped
        (at(13, 16, 30), 120, SPLIT, at(14, 11, 30)),  # Friday → Saturday's short day
        (at(14, 13, 30), 60, SPLIT, at(16, 9, 30)),  # Saturday → Monday
        (at(14, 23), 15, BusinessHours(None), at(14, 23, 15)),  # 24/7
    ],
)
def test_add_business_time(
    start: datetime, minutes: int, hours: BusinessHours, expected: datetime
) -> None:
    assert add_business_time(start, timedelta(minutes=minutes), hours, STO) == expected


def test_a_dst_night_shortens_and_lengthens_the_open_window() -> None:
    night = BusinessHours.parse("sun 01:00-04:00")
    # 2026-03-29: 02:00 → 03:00, so 01:00-04:00 holds only 2 real hours.
    start = datetime(2026, 3, 29, 0, 0, tzinfo=STO)
    due = add_business_time(start, timedelta(minutes=150), night, STO)
    assert due == datetime(2026, 4, 5, 1, 30, tzinfo=STO)  # 30 minutes spill to next Sunday
    # 2026-10-25: 03:00 → 02:00, so 01:00-04:00 holds 4 real hours.
    start = datetime(2026, 10, 25, 0, 0, tzinfo=STO)
    due = add_business_time(start, timedelta(minutes=210), night, STO)
    assert due.astimezone(UTC) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)  # 03:30 CET


def test_round_trip_with_business_time_between() -> None:
    for start in (at(9, 8), at(13, 17, 30), at(14, 12), at(10, 12, 59)):
        for minutes in (1, 15, 60, 600, 3000):
            due = add_business_time(start, timedelta(minutes=minutes), SPLIT, STO)
            assert business_time_between(start, due, SPLIT, STO) == timedelta(minutes=minutes)
    assert business_time_between(at(13, 17), at(16, 10), OFFICE, STO) == timedelta(hours=2)
    assert business_time_between(at(16, 10), at(13, 17), OFFICE, STO) == timedelta(0)


def test_an_opening_time_inside_the_spring_gap_is_the_first_real_instant_after_it() -> None:
    # 2026-03-29: Stockholm jumps 02:00 -> 03:00, so 02:30-04:00 holds one real hour (03:00-04:00).
    night = BusinessHours.parse("sun 02:30-04:00")
    day_start = datetime(2026, 3, 29, 0, 0, tzinfo=STO)
    assert business_time_between(day_start, day_start + timedelta(days=1), night, STO) == (
        timedelta(hours=1)
    )
    assert add_business_time(day_start, timedelta(minutes=1), night, STO) == datetime(
        2026, 3, 29, 3, 1, tzinfo=STO
    )


def _open_minutes_by_walking(start: datetime, end: datetime, hours: BusinessHours) -> int:
    """Independent count: every real minute whose wall-clock time is inside an open interval."""
    assert hours.week is not None
    minutes, moment = 0, start.astimezone(UTC)
    while moment < end:
        local = moment.astimezone(STO)
        intervals = hours.week[local.weekday()]
        minutes += any(
            o <= local.time() and (c == time.max or local.time() < c) for o, c in intervals
        )
        moment += timedelta(minutes=1)
    return minutes


@pytest.mark.parametrize(
    "hours",
    [OFFICE, SPLIT, BusinessHours.parse("sun 01:00-04:00; mon 22:00-24:00; tue 00:00-06:00")],
)
def test_open_time_agrees_with_a_minute_walk_across_both_dst_changes(hours: BusinessHours) -> None:
    rng = random.Random(7)
    for anchor in (datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 10, 23, tzinfo=UTC)):
        counter = OpenTime(hours, STO, anchor, anchor + timedelta(days=6))
        for _ in range(25):
            a = anchor + timedelta(minutes=rng.randrange(0, 3 * 1440))
            b = a + timedelta(minutes=rng.randrange(0, 3 * 1440))
            expected = timedelta(minutes=_open_minutes_by_walking(a, b, hours))
            assert counter.between(a, b) == expected, (a, b)
            assert business_time_between(a, b, hours, STO) == expected
