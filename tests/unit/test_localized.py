"""Figures as each reader's language writes them (CLDR through Babel), in ru, en and sv."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.localized import clock, clock_text, decimal, money, percent, signed, whole

NBSP = "\u00a0"
AT = datetime(2026, 12, 6, 2, 37, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "csat", "share", "count", "rubles", "crowns"),
    [
        ("ru", "3,3", f"46{NBSP}%", f"12{NBSP}345", f"990,50{NBSP}₽", f"1{NBSP}990,00{NBSP}SEK"),
        ("en", "3.3", "46%", "12,345", f"RUB{NBSP}990.50", f"SEK{NBSP}1,990.00"),
        ("sv", "3,3", f"46{NBSP}%", f"12{NBSP}345", f"990,50{NBSP}RUB", f"1{NBSP}990,00{NBSP}kr"),
    ],
)
def test_numbers_and_money_in_the_readers_language(
    language: str, csat: str, share: str, count: str, rubles: str, crowns: str
) -> None:
    assert decimal(10 / 3, language) == csat
    assert percent(0.456, language) == share
    assert whole(12345, language) == count
    assert money("990.5", "RUB", language) == rubles  # the API was sent 990.50
    assert money("1990", "sek", language) == crowns
    assert signed(25, language) == "+25" and signed(0, language) == "0"
    assert percent(None, language) == "—"


def test_an_amount_in_no_known_currency_keeps_its_unit_and_garbage_stays_as_sent() -> None:
    assert money("12.5", "bonus", "ru") == "12,50 bonus"
    assert money("12.5", None, "en") == "12.50"
    assert money("twelve", "RUB", "ru") == "twelve RUB"


@pytest.mark.parametrize(
    ("zone", "ru", "en"),
    [
        ("Europe/Moscow", "05:37 МСК", "05:37 MSK"),
        ("Asia/Yekaterinburg", "07:37 МСК+2", "07:37 UTC+5"),
        ("Europe/Kaliningrad", "04:37 МСК−1", "04:37 EET"),
        ("Europe/Stockholm", "03:37 CET", "03:37 CET"),
        ("Asia/Kolkata", "08:07 IST", "08:07 IST"),
        ("Asia/Almaty", "07:37 UTC+5", "07:37 UTC+5"),
    ],
)
def test_zones_as_readers_name_them(zone: str, ru: str, en: str) -> None:
    """Russian readers count from Moscow (МСК+2); everyone else gets the zone's abbreviation
    or its UTC offset, never "+05"."""
    assert clock(AT, ZoneInfo(zone), "ru") == ru
    assert clock(AT, ZoneInfo(zone), "en") == en


def test_dates_stay_day_first_in_every_language() -> None:
    moscow = ZoneInfo("Europe/Moscow")
    assert clock_text(AT, moscow, "ru") == "06.12.2026 05:37 МСК"
    assert clock_text(AT, moscow, "sv") == "06.12.2026 05:37 MSK"
