"""Scheduling rules: delay, quiet hours across midnight and DST, cooldown, categories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.surveys.rules import (
    Rules,
    category,
    cooldown_reason,
    in_quiet_hours,
    invitation_time,
    out_of_quiet_hours,
)
from bot.timeparse import QuietHours

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NIGHT = QuietHours.parse("21:00-09:00")
RULES = Rules(
    timedelta(hours=2), NIGHT, timedelta(days=30), timedelta(hours=24), timedelta(hours=72)
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("local_hour", "quiet"),
    [(20, False), (21, True), (23, True), (0, True), (8, True), (9, False), (12, False)],
)
def test_quiet_window_crossing_midnight(local_hour: int, quiet: bool) -> None:
    moment = datetime(2026, 11, 10, local_hour, 30 if local_hour == 8 else 0, tzinfo=STOCKHOLM)
    assert in_quiet_hours(moment, NIGHT, STOCKHOLM) is quiet


def test_evening_purchase_is_invited_next_morning() -> None:
    purchased = datetime(2026, 11, 10, 20, 0, tzinfo=STOCKHOLM)  # +2h = 22:00, quiet
    due = invitation_time(purchased.astimezone(UTC), purchased.astimezone(UTC), RULES, STOCKHOLM)
    assert due.astimezone(STOCKHOLM) == datetime(2026, 11, 11, 9, 0, tzinfo=STOCKHOLM)


def test_early_morning_moves_to_the_same_morning() -> None:
    moment = datetime(2026, 11, 11, 3, 0, tzinfo=STOCKHOLM)
    moved = out_of_quiet_hours(moment, NIGHT, STOCKHOLM)
    assert moved.astimezone(STOCKHOLM) == datetime(2026, 11, 11, 9, 0, tzinfo=STOCKHOLM)


def test_daytime_purchase_keeps_its_delay_and_never_goes_to_the_past() -> None:
    purchased = utc(2026, 11, 10, 10, 0)
    assert invitation_time(purchased, purchased, RULES, STOCKHOLM) == utc(2026, 11, 10, 12, 0)
    late = utc(2026, 11, 10, 13, 0)  # registered after the delay had passed
    assert invitation_time(purchased, late, RULES, STOCKHOLM) == late


def test_quiet_hours_follow_the_dst_change() -> None:
    # 2026-03-29: Stockholm springs from 02:00 to 03:00. 09:00 local is then 07:00 UTC.
    night = datetime(2026, 3, 28, 23, 0, tzinfo=STOCKHOLM)
    moved = out_of_quiet_hours(night, NIGHT, STOCKHOLM)
    assert moved.astimezone(UTC) == utc(2026, 3, 29, 7, 0)
    # 2026-10-25: back from 03:00 to 02:00; 09:00 local is then 08:00 UTC.
    night = datetime(2026, 10, 24, 23, 0, tzinfo=STOCKHOLM)
    assert out_of_quiet_hours(night, NIGHT, STOCKHOLM).astimezone(UTC) == utc(2026, 10, 25, 8, 0)


def test_quiet_window_ending_inside_a_dst_gap() -> None:
    gap = QuietHours.parse("22:00-02:30")  # 02:30 does not exist on 2026-03-29
    moved = out_of_quiet_hours(datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN), gap, BERLIN)
    assert moved.astimezone(UTC) == utc(2026, 3, 29, 1, 0)  # 03:00 local, the first real time
    assert not in_quiet_hours(moved, gap, BERLIN)
    assert in_quiet_hours(moved.astimezone(UTC) - timedelta(seconds=1), gap, BERLIN)


def test_a_window_of_nearly_a_day_ending_in_the_gap_never_lands_back_inside() -> None:
    # 02:45-02:30: the only free quarter hour does not exist on 2026-03-29, and 03:00 is quiet.
    almost_all_day = QuietHours.parse("02:45-02:30")
    moment = datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN)
    moved = out_of_quiet_hours(moment, almost_all_day, BERLIN)
    assert not in_quiet_hours(moved, almost_all_day, BERLIN)
    assert moved.astimezone(BERLIN) == datetime(2026, 3, 30, 2, 30, tzinfo=BERLIN)
    shorter = QuietHours.parse("03:15-02:30")  # 03:00-03:15 is real: quiet ends at 03:00
    moved = out_of_quiet_hours(moment, shorter, BERLIN)
    assert moved.astimezone(UTC) == utc(2026, 3, 29, 1, 0)


def test_quiet_window_ending_inside_the_repeated_autumn_hour() -> None:
    # 2026-11-01: New York falls back from 02:00 EDT to 01:00 EST; 01:00-02:00 happens twice.
    window = QuietHours.parse("21:00-01:30")
    second_pass = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NEW_YORK)  # 01:10 EST
    moved = out_of_quiet_hours(second_pass, window, NEW_YORK)
    assert moved.astimezone(UTC) > second_pass.astimezone(UTC)  # same-zone compares wall times
    assert moved.astimezone(UTC) == utc(2026, 11, 1, 6, 30)  # 01:30 EST
    first_pass = datetime(2026, 11, 1, 1, 10, tzinfo=NEW_YORK)  # 01:10 EDT
    assert out_of_quiet_hours(first_pass, window, NEW_YORK).astimezone(UTC) == utc(
        2026, 11, 1, 5, 30
    )  # 01:30 EDT: the window ends the first time the wall clock shows 01:30


def test_no_quiet_hours() -> None:
    moment = utc(2026, 11, 10, 23, 0)
    assert out_of_quiet_hours(moment, None, STOCKHOLM) == moment


def test_cooldown_window_on_both_sides_of_every_invitation() -> None:
    first = utc(2026, 11, 1, 12)
    month = timedelta(days=30)
    assert cooldown_reason([], first, month) is None
    assert cooldown_reason([first], first + timedelta(days=29), month) == "cooldown"
    assert cooldown_reason([first], first + month, month) is None
    assert cooldown_reason([first], first - timedelta(days=29), month) == "cooldown"
    later = first + timedelta(days=60)
    assert cooldown_reason([first, later], first + timedelta(days=1), month) == "cooldown"
    assert cooldown_reason([first, later], later - timedelta(days=1), month) == "cooldown"
    assert cooldown_reason([first, later], first + month, month) is None


@pytest.mark.parametrize(
    ("score", "name"),
    [
        (0, "detractor"),
        (6, "detractor"),
        (7, "passive"),
        (8, "passive"),
        (9, "promoter"),
        (10, "promoter"),
    ],
)
def test_categories(score: int, name: str) -> None:
    assert category(score) == name


def test_the_delay_is_real_time_across_a_dst_change() -> None:
    purchased = datetime(2026, 3, 29, 1, 30, tzinfo=STOCKHOLM)  # 30 min before the jump
    rules = Rules(
        timedelta(hours=2), None, timedelta(days=30), timedelta(hours=24), timedelta(hours=72)
    )
    due = invitation_time(purchased, purchased, rules, STOCKHOLM)
    assert due.astimezone(STOCKHOLM) == datetime(2026, 3, 29, 4, 30, tzinfo=STOCKHOLM)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
def test_quiet_hours_end_at_the_first_free_instant_on_dst_days(zone: str) -> None:
    """Against a brute-force walk in real 5-minute steps over both DST days of 2026."""
    tz = ZoneInfo(zone)
    windows = [
        QuietHours.parse(w) for w in ("22:00-02:30", "21:00-01:30", "01:15-02:45", "03:00-02:30")
    ]
    days = {
        "Europe/Berlin": (utc(2026, 3, 28, 12), utc(2026, 10, 24, 12)),
        "America/New_York": (utc(2026, 3, 7, 17), utc(2026, 10, 31, 17)),
        "Australia/Lord_Howe": (utc(2026, 4, 4, 2), utc(2026, 10, 3, 2)),
    }[zone]
    step = timedelta(minutes=5)
    for window in windows:
        for first in days:
            for hour in range(0, 36, 1):
                moment = first + timedelta(hours=hour)
                moved = out_of_quiet_hours(moment, window, tz).astimezone(UTC)
                walk = moment
                while in_quiet_hours(walk, window, tz):
                    walk += step
                assert not in_quiet_hours(moved, window, tz), (window, moment)
                assert moment <= moved <= walk, (window, moment, moved, walk)
                assert moved > walk - step, (window, moment, moved, walk)
