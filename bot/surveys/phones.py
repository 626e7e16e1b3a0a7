"""Phone numbers as people write them, compared in E.164 (Google's libphonenumber rules).

A Russian shop stores `8 (916) 123-45-67`, a Swedish one `070-123 45 67`; Telegram gives
`79161234567` when the customer shares the contact. With PHONE_REGION saying what a number
without a country code means, all of them become the same E.164 number. Stored without the
'+', as digits (`79161234567`).
"""

from __future__ import annotations

import logging

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from storage.db import Database

log = logging.getLogger(__name__)

_REGION_APPLIED = "phone_region_applied"  # kv: the region stored numbers were last brought to
_WHY = {
    ValidationResult.TOO_SHORT: "too short",
    ValidationResult.TOO_LONG: "too long",
    ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
    ValidationResult.INVALID_LENGTH: "wrong number of digits",
}


class PhoneError(ValueError):
    """Why a text is not a phone number, in words for the shop."""


def display_phone(stored: str) -> str:
    """A stored number as people write it: 79161234567 → +7 916 123-45-67."""
    try:
        number = phonenumbers.parse("+" + stored.removeprefix("+"))
    except NumberParseException:
        return stored
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_phone(raw: str, region: str | None) -> str:
    """E.164 digits without the '+'; PhoneError says why not."""
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    digits_only = "".join(ch for ch in text if ch.isdigit())
    if not digits_only or any(ch.isalpha() for ch in text):
        raise PhoneError("not a phone number")
    candidates = [text]
    if not text.startswith("+"):
        candidates.append("+" + digits_only)  # international without its '+', as Telegram sends
    problem: str | None = None
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
        except NumberParseException as exc:
            problem = problem or _parse_problem(exc, candidate, region)
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
        reason = phonenumbers.is_possible_number_with_reason(number)
        where = phonenumbers.region_code_for_number(number) or region or "its country"
        problem = problem or _WHY.get(reason, f"not a valid number in {where}")
    raise PhoneError(problem or "not a phone number")


def _parse_problem(exc: NumberParseException, text: str, region: str | None) -> str:
    if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
        if text.startswith("+"):
            return "unknown country code"
        return "no country code: write it as +<country code> …, or set PHONE_REGION"
    if exc.error_type == NumberParseException.TOO_LONG:
        return "too long"
    if exc.error_type in (
        NumberParseException.TOO_SHORT_NSN,
        NumberParseException.TOO_SHORT_AFTER_IDD,
    ):
        return "too short"
    return "not a phone number"


def normalize_phone(raw: str, region: str | None = None) -> str | None:
    """`parse_phone`, or None."""
    try:
        return parse_phone(raw, region)
    except PhoneError:
        return None


async def renormalize_stored_phones(db: Database, region: str | None) -> int:
    """Bring numbers stored before they were compared as E.164 (digits as written) to E.164;
    done once per PHONE_REGION. Numbers that still make no sense are left as they are."""
    async with db.transaction() as tx:
        if region is None or await tx.kv.get(_REGION_APPLIED) == region:
            return 0
        changed = 0
        for customer_id, stored in await tx.customers.phones():
            if normalize_phone(stored, None) == stored:
                continue  # already E.164 (a country code of its own)
            fixed = normalize_phone(stored, region)
            if fixed is not None and fixed != stored:
                await tx.customers.set_phone(customer_id, fixed)
                changed += 1
        await tx.kv.set(_REGION_APPLIED, region)
    if changed:
        log.info(
            "phone numbers: %d stored numbers brought to E.164 (PHONE_REGION=%s)", changed, region
        )
    return changed
