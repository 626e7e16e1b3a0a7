"""Scheduled periods in the business zone: the last two cron fires, across DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reports.periods import day_range, earlier_periods, last_days, last_period
from bot.reports.render import period_label
from storage.timefmt import to_db

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


def midnight(month: int, day: int) -> datetime:
    return at(month, day, 0)


def test_the_week_before_a_week_with_the_autumn_change_is_the_calendar_week() -> None:
    start, end = day_range("2026-10-19", "2026-10-25", STOCKHOLM)  # 169 hours long
    assert earlier_periods(start, end, STOCKHOLM, 2) == [
        (midnight(10, 5), midnight(10, 12)),
        (midnight(10, 12), midnight(10, 19)),
    ]
    # and the week after it, 168 hours, looks back at 19-25 Oct whole
    start, end = day_range("2026-10-26", "2026-11-01", STOCKHOLM)
    assert earlier_periods(start, end, STOCKHOLM, 1) == [(midnight(10, 19), midnight(10, 26))]


def test_the_spring_change_and_a_weekly_digest_at_nine() -> None:
    start, end = day_range("2026-03-30", "2026-04-05", STOCKHOLM)
    assert earlier_periods(start, end, STOCKHOLM, 1) == [(midnight(3, 23), midnight(3, 30))]
    # A Monday 09:00 cron: every earlier period runs Monday 09:00 to Monday 09:00.
    weeks = earlier_periods(at(4, 6, 9), at(4, 13, 9), STOCKHOLM, 3)
    assert weeks == [(at(3, 16, 9), at(3, 23, 9)), (at(3, 23, 9), at(3, 30, 9)),
                     (at(3, 30, 9), at(4, 6, 9))]  # fmt: skip


def test_a_calendar_month_looks_back_at_calendar_months() -> None:
    start, end = day_range("2026-03-01", "2026-03-31", STOCKHOLM)
    assert earlier_periods(start, end, STOCKHOLM, 2) == [
        (midnight(1, 1), midnight(2, 1)),
        (midnight(2, 1), midnight(3, 1)),
    ]


def test_the_last_seven_days_are_seven_calendar_days() -> None:
    now = at(10, 27, 10, 30)
    start, end = last_days(now, STOCKHOLM)
    assert (start, end) == (at(10, 20, 10, 30), now + timedelta(seconds=1))  # 169 hours


def test_the_last_seven_days_include_what_happened_in_this_very_second() -> None:
    """Times are stored to the second and periods end before their end: a period ending at
    "now" would leave out a fix marked done (or an answer given) within the same second."""
    now = datetime(2026, 11, 30, 15, 43, 18, 400_000, tzinfo=UTC)
    start, end = last_days(now, STOCKHOLM)
    assert end == datetime(2026, 11, 30, 15, 43, 19, tzinfo=UTC)
    assert start == datetime(2026, 11, 23, 15, 43, 18, tzinfo=UTC)
    assert to_db(now) < to_db(end)  # what is stored at `now` is inside [start, end)


def test_a_period_of_whole_days_is_labelled_with_its_first_and_last_day() -> None:
    start, end = day_range("01.10.2026", "31.10.2026", STOCKHOLM)
    assert period_label(start, end, STOCKHOLM) == "01.10.2026–31.10.2026"


def test_a_period_from_a_time_of_day_says_the_times_not_eight_dates_for_seven_days() -> None:
    """Labelled "20.10.2026–27.10.2026", the last 7 days read as eight days: a period that
    starts and ends at a time of day names those times."""
    start, end = last_days(at(10, 27, 10, 30), STOCKHOLM)
    assert period_label(start, end, STOCKHOLM) == "20.10.2026 10:30 – 27.10.2026 10:30"
    weekly = last_period("0 9 * * mon", STOCKHOLM, at(11, 23, 9, 5))
    assert weekly is not None
    assert period_label(*weekly, STOCKHOLM) == "16.11.2026 09:00 – 23.11.2026 09:00"


def test_days_as_the_bot_prints_them_are_read_too() -> None:
    """Everything the bot prints uses 01.11.2026: /report 01.11.2026 02.12.2026 is accepted."""
    iso = day_range("2026-11-01", "2026-12-02", STOCKHOLM)
    assert day_range("01.11.2026", "02.12.2026", STOCKHOLM) == iso
    assert day_range("1.11.2026", "2.12.2026", STOCKHOLM) == iso


@pytest.mark.parametrize("first", ["11/01/2026", "31.02.2026", "2026.11.01", "1.11.26"])
def test_other_spellings_of_a_day_are_refused_with_both_forms(first: str) -> None:
    with pytest.raises(ValueError, match=r"like 31\.10\.2026 or 2026-10-31"):
        day_range(first, "02.12.2026", STOCKHOLM)
