"""Amounts as spreadsheets in any locale write them: read, or refused with the reason."""

from __future__ import annotations

import pytest

from bot.surveys.amounts import read_amount


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1,990.00", "1990.00"),  # English
        ("1 990,00", "1990.00"),  # Russian, Swedish (a space, a no-break or a narrow one)
        ("1\u00a0990,00", "1990.00"),
        ("1\u202f990,00", "1990.00"),
        ("1.990,00", "1990.00"),  # German
        ("1'990.00", "1990.00"),  # Swiss
        ("1990.5", "1990.5"),
        ("1990,5", "1990.5"),
        ("199,90", "199.90"),
        ("0,99", "0.99"),
        ("1 990", "1990"),
        ("1,990,000", "1990000"),
        ("1.990.000,50", "1990000.50"),
        ("1 990,00 ₽", "1990.00"),  # a currency format, as shown
        ("$1,990.00", "1990.00"),
        ("1 990,00 руб.", "1990.00"),
        ("250 kr", "250"),
        (".5", "0.5"),
        ("990", "990"),
        ("-3", "-3"),  # kept negative, for the validation to refuse
        ("−1 990,00 ₽", "-1990.00"),
    ],
)
def test_amounts_in_every_locale(written: str, read: str) -> None:
    assert read_amount(written) == read


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("1,990", "1,990 could be 1990 or 1.990"),
        ("1.990", "1.990 could be 1990 or 1.990"),
        ("1,99,0", "not a number"),
        ("1.990.00", "not a number"),
        ("1,2.3,4", "not a number"),
        ("12 34", "not a number"),
        ("abc", "not a number"),
        ("1.2e5", "not a number"),
    ],
)
def test_what_could_be_read_two_ways_or_none_is_refused_with_the_reason(
    written: str, why: str
) -> None:
    with pytest.raises(ValueError, match=why.replace(".", r"\.")):
        read_amount(written)
