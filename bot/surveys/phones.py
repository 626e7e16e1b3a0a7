"""Phone numbers compared as digits only, so '+46 70-123 45 67' and '46701234567' match."""

from __future__ import annotations

import re


def normalize_phone(raw: str) -> str | None:
    """Digits only, without an international '00' prefix; None if it cannot be a phone number."""
    text = raw.strip()
    if not re.fullmatch(r"\+?[\d\s().-]+", text):
        return None
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00"):
        digits = digits[2:]
    return digits if 7 <= len(digits) <= 15 else None
