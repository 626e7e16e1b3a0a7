"""Scheduled periods in the business zone: the last two cron fires, across DST."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.reports.periods import day_range, last_period

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_weekly_monday_nine_covers_the_previous_week() -> None:
    assert last_period("0 9 * * mon", STOCKHOLM, at(11, 25, 12)) == (at(11, 16, 9), at(11, 23, 9))


def test_just_before_the_fire_time_the_period_is_a_week_older() -> None:
    assert last_period("0 9 * * mon", STOCKHOLM, at(11, 23, 8, 59)) == (
        at(11, 9, 9),
        at(11, 16, 9),
    )


def test_daily_across_the_autumn_dst_night_is_25_hours() -> None:
    start, end = last_period("0 9 * * *", STOCKHOLM, at(10, 25, 10)) or (None, None)
    assert (start, end) == (at(10, 24, 9), at(10, 25, 9))
    assert start is not None and end is not None
    assert (end - start).total_seconds() == 25 * 3600


def test_a_cron_that_fired_once_in_the_lookback_gives_nothing() -> None:
    assert last_period("0 9 1 1 *", STOCKHOLM, at(11, 23, 9)) is None


@pytest.mark.parametrize(
    ("first", "last"), [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
def test_days_at_the_ends_of_the_calendar_are_refused_in_words(first: str, last: str) -> None:
    """They overflowed (/report 9999-12-31 9999-12-31 failed silently, the API answered 500)."""
    with pytest.raises(ValueError, match="between 2000-01-01 and 2999-12-31"):
        day_range(first, last, STOCKHOLM)
