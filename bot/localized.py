"""Numbers, money, clock times and time zones as the reader's language writes them.

Digits, separators, percent signs and currency symbols come from CLDR through Babel: "3,3"
and "45 %" in Russian and Swedish, "3.3" and "45%" in English, "990,50 ₽", "1 990,00 kr",
"RUB 990.50". Zones: Russian readers count time from Moscow's ("МСК", "МСК+2" for
Yekaterinburg), as Russian timetables do; elsewhere the zone's own abbreviation (CET, MSK)
or its UTC offset when the zone has none ("UTC+5"). Dates stay DD.MM.YYYY in every language:
it is how the bot prints and reads them (/report 01.11.2026 30.11.2026).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel import numbers
from babel.core import get_global

MOSCOW = timedelta(hours=3)  # Moscow has kept UTC+3 all year since 2014
_ZONE_COUNTRY: Mapping[str, str] = get_global("zone_territories")


def whole(value: float, language: str) -> str:
    """12 345 / 12,345: a count or a rounded figure, with the language's separators."""
    return numbers.format_decimal(round(value), "#,##0", locale=language)


def signed(value: float, language: str) -> str:
    """+25, −50, 0: an NPS or a change, with its sign."""
    rounded = round(value)
    text = whole(rounded, language)
    return f"+{text}" if rounded > 0 else text


def decimal(value: float, language: str, digits: int = 1) -> str:
    """3,3 / 3.3: a mean to `digits` decimals."""
    return numbers.format_decimal(value, "#,##0." + "0" * digits, locale=language)


def percent(share: float | None, language: str) -> str:
    """45 % / 45%: a share of 0..1 as a whole percentage; a dash when there is none."""
    return "—" if share is None else numbers.format_percent(share, locale=language)


def money(amount: str, currency: str | None, language: str) -> str:
    """990,50 ₽ / RUB 990.50: an amount as the shop sent it, in its currency (an unknown
    code is written after the number)."""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return f"{amount} {currency or ''}".strip()
    code = (currency or "").strip().upper()
    if code and numbers.is_currency(code):
        text = numbers.format_currency(value, code, locale=language)
        return re.sub(r"^([A-Z]{3})(?=\d)", "\\1\u00a0", text)  # RUB990.50 → RUB 990.50
    text = numbers.format_decimal(value, "#,##0.00", locale=language)
    return f"{text} {currency}".strip() if currency else text


def zone_label(moment: datetime, zone: ZoneInfo, language: str) -> str:
    """МСК, МСК+2 (Russian readers, Russian zones); CET, MSK, UTC+5 otherwise."""
    at = moment.astimezone(zone)
    offset = at.utcoffset() or timedelta(0)
    if language == "ru" and _ZONE_COUNTRY.get(zone.key) == "RU":
        return "МСК" + _hours(offset - MOSCOW)
    name = at.tzname() or ""
    if name.isalpha():
        return name
    return "UTC" + _hours(offset)


def clock(moment: datetime, zone: ZoneInfo, language: str) -> str:
    """10:15 МСК: the time of day and its zone."""
    return f"{moment.astimezone(zone):%H:%M} {zone_label(moment, zone, language)}"


def clock_text(moment: datetime, zone: ZoneInfo, language: str) -> str:
    """23.11.2026 10:15 CET: the date, the time and which zone it is in."""
    return f"{moment.astimezone(zone):%d.%m.%Y} {clock(moment, zone, language)}"


def _hours(offset: timedelta) -> str:
    """+2, −1, +5:30, or nothing for no difference."""
    minutes = round(offset.total_seconds() / 60)
    if minutes == 0:
        return ""
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" + (f":{rest:02d}" if rest else "")
