"""One-tap periods in the business's zone: weeks from Monday, months from the 1st."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.dashboard.presets import preset_days

MOSCOW = ZoneInfo("Europe/Moscow")


def test_weeks_start_on_monday_and_months_on_the_first_in_the_shops_zone() -> None:
    # Sunday 22:30 UTC is already Monday 1 March 01:30 in Moscow.
    days = preset_days(datetime(2027, 2, 28, 22, 30, tzinfo=UTC), MOSCOW)
    assert days["this_week"] == (date(2027, 3, 1), date(2027, 3, 1))
    assert days["last_week"] == (date(2027, 2, 22), date(2027, 2, 28))
    assert days["this_month"] == (date(2027, 3, 1), date(2027, 3, 1))
    assert days["last_month"] == (date(2027, 2, 1), date(2027, 2, 28))


def test_last_month_of_january_is_the_previous_years_december() -> None:
    days = preset_days(datetime(2027, 1, 15, 12, 0, tzinfo=UTC), MOSCOW)
    assert days["last_month"] == (date(2026, 12, 1), date(2026, 12, 31))
    assert days["last_week"] == (date(2027, 1, 4), date(2027, 1, 10))
