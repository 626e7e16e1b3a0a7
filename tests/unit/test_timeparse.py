from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.complaints.sla import business_time_between
from bot.i18n import Catalog, duration
from bot.timeparse import (
    BusinessHours,
    QuietHours,
    check_cron,
    parse_duration,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7200", timedelta(hours=2)),
        (900, timedelta(minutes=15)),
        ("PT15M", timedelta(minutes=15)),
        ("pt2h", timedelta(hours=2)),
        ("P30D", timedelta(days=30)),
        ("P1DT12H", timedelta(days=1, hours=12)),
        ("P1W", timedelta(days=7)),
        ("PT0.5S", timedelta(seconds=0.5)),
    ],
)
def test_durations_accept_seconds_and_iso8601(raw: object, expected: timedelta) -> None:
    assert parse_duration(raw) == expected


@pytest.mark.parametrize("raw", ["2h", "P", "PT", "P1M", "P1Y", "-5", "P1DT", "", True])
def test_durations_refuse_the_ambiguous_and_the_malformed(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(raw)


def test_quiet_hours_cross_midnight_or_are_off() -> None:
    quiet = QuietHours.parse("21:00-09:00")
    assert quiet == QuietHours(time(21), time(9))
    assert str(quiet) == "21:00-09:00"
    assert QuietHours.parse("off") is None
    with pytest.raises(ValueError):
        QuietHours.parse("21-9")


def test_business_hours_weekly_calendar() -> None:
    hours = BusinessHours.parse("mon-fri 09:00-18:00; sat 10:00-14:00")
    assert hours.week is not None
    assert hours.week[0] == ((time(9), time(18)),)
    assert hours.week[5] == ((time(10), time(14)),)
    assert hours.week[6] == ()
    assert BusinessHours.parse("24/7").week is None
    wrapped = BusinessHours.parse("sat-mon 10:00-12:00")
    assert wrapped.week is not None and [bool(d) for d in wrapped.week] == [
        True,
        False,
        False,
        False,
        False,
        True,
        True,
    ]


@pytest.mark.parametrize(
    "raw", ["mon-fri 18:00-09:00", "funday 09:00-10:00", "mon 9-10", "mon 09:00-25:00"]
)
def test_business_hours_refuse_nonsense(raw: str) -> None:
    with pytest.raises(ValueError):
        BusinessHours.parse(raw)


def test_cron_requires_day_names_because_apscheduler_counts_monday_as_zero() -> None:
    assert check_cron("0 9 * * mon") == "0 9 * * mon"
    with pytest.raises(ValueError, match="name"):
        check_cron("0 9 * * 1")
    with pytest.raises(ValueError):
        check_cron("0 9 * *")
    with pytest.raises(ValueError):
        check_cron("0 99 * * *")


def test_overlapping_business_hours_are_merged_not_counted_twice() -> None:
    hours = BusinessHours.parse("mon-sat 09:00-18:00; sat 10:00-14:00; fri 17:00-20:00")
    assert hours.week is not None
    assert hours.week[5] == ((time(9), time(18)),)  # Saturday's two intervals are one
    assert hours.week[4] == ((time(9), time(20)),)  # touching or overlapping: joined
    saturday = datetime(2026, 11, 28, 8, 0, tzinfo=ZoneInfo("UTC"))
    open_time = business_time_between(
        saturday, saturday + timedelta(hours=12), hours, ZoneInfo("UTC")
    )
    assert open_time == timedelta(hours=9)


@pytest.mark.parametrize("cron", ["* * * * *", "*/30 * * * *", "0,30 9 * * *"])
def test_a_digest_more_often_than_hourly_is_refused_in_words(cron: str) -> None:
    """'* * * * *' passed the check, then the look-back for the period spun for a second."""
    with pytest.raises(ValueError, match="at most once an hour"):
        check_cron(cron)


def test_the_start_log_says_sla_spans_in_hours_never_days() -> None:
    """24 business hours are about three working days: "P1D" would read as one."""
    english = Catalog.load().bind("en")

    def hours_and_minutes(span: timedelta) -> str:
        return duration(english, span.total_seconds())  # what the start log calls

    assert hours_and_minutes(timedelta(hours=24)) == "24 h"
    assert hours_and_minutes(timedelta(minutes=15)) == "15 min"
    assert hours_and_minutes(timedelta(hours=1, minutes=30)) == "1 h 30 min"
    assert hours_and_minutes(timedelta(seconds=5)) == "5 s"
