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
    moved = out_of_quiet_hours(datetime(2026, 3, 28, 23, 0, tzinfo=STOCKHOLM), gap, STOCKHOLM)
    assert moved.astimezone(UTC) == utc(2026, 3, 29, 1, 30)  # 03:30 local, the first real time


def test_no_quiet_hours() -> None:
    moment = utc(2026, 11, 10, 23, 0)
    assert out_of_quiet_hours(moment, None, STOCKHOLM) == moment


def test_cooldown_window() -> None:
    first = utc(2026, 11, 1, 12)
    assert cooldown_reason(None, first, timedelta(days=30)) is None
    assert cooldown_reason(first, first + timedelta(days=29), timedelta(days=30)) == "cooldown"
    assert cooldown_reason(first, first + timedelta(days=30), timedelta(days=30)) is None


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
