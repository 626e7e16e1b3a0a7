"""A purchase as it comes in (an API body or a CSV row), validated field by field.

The surveys feature owns it: the HTTP API and the CSV import both build `NewPurchase`s
through it, so both accept and refuse exactly the same input.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.surveys.phones import parse_phone
from bot.surveys.purchases import CustomerRef, NewPurchase


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):  # JSON true would otherwise be user 1
        raise ValueError("a number, not true or false")
    return value


def _no_controls(value: str | None) -> str | None:
    if value is not None and any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("no control characters (tabs, line breaks, NUL)")
    return value


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("no NUL characters")
    return value


PHONE_REGION = "phone_region"  # the validation context's key: PHONE_REGION, e.g. "RU"

Identifier = Annotated[str, AfterValidator(_no_controls)]
Text = Annotated[str, AfterValidator(_no_nul)]


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    telegram_id: Annotated[int | None, BeforeValidator(_not_bool)] = Field(None, gt=0, lt=2**53)
    phone: str | None = Field(None, max_length=32)
    external_id: Identifier | None = Field(None, min_length=1, max_length=100)
    name: Text | None = Field(None, max_length=200)
    language: str | None = Field(None, max_length=10)
    segment: str | None = Field(None, max_length=50)
    timezone: str | None = Field(None, max_length=64)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        region = (info.context or {}).get(PHONE_REGION)
        return parse_phone(value, region)  # PhoneError is a ValueError: its reason is shown

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.fullmatch(r"[A-Za-z]{2}([-_][A-Za-z]{2})?", value):
            raise ValueError("expected a language code such as en, ru, sv")
        return value[:2].lower()

    @field_validator("segment")
    @classmethod
    def _segment(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]*", value):
            raise ValueError("use letters, digits, _ and - (e.g. key)")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone (an IANA name such as Europe/Stockholm)") from None
        return value

    @model_validator(mode="after")
    def _identified(self) -> CustomerIn:
        if self.telegram_id is None and self.phone is None and self.external_id is None:
            raise ValueError("needs at least one of telegram_id, phone, external_id")
        return self


class PurchaseIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    order_id: str = Field(min_length=1, max_length=100)
    customer: CustomerIn
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: str | None = Field(None, max_length=3)
    branch: Identifier | None = Field(None, max_length=100)
    purchased_at: datetime | None = None

    @field_validator("order_id")
    @classmethod
    def _order(cls, value: str) -> str:
        if value != value.strip() or _no_controls(value) != value:
            raise ValueError("no surrounding spaces or control characters")
        return value

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: object) -> object:
        if isinstance(value, str) and not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
            raise ValueError("three letters, like RUB, SEK or EUR")
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("purchased_at")
    @classmethod
    def _when(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        try:
            if value.tzinfo is not None and value.astimezone(UTC).year < 2000:
                raise ValueError("purchased_at is before 2000")
        except OverflowError:
            raise ValueError("purchased_at is out of range") from None
        if value.year < 2000:
            raise ValueError("purchased_at is before 2000")
        return value

    def to_new(self, tz: ZoneInfo, now: datetime) -> NewPurchase:
        at = self.purchased_at
        if at is not None and at.tzinfo is None:
            at = at.replace(tzinfo=tz)  # a local time of the business
        if at is not None and at > now + timedelta(days=1):
            raise ValueError("purchased_at is in the future")
        c = self.customer
        return NewPurchase(
            order_id=self.order_id,
            customer=CustomerRef(
                c.telegram_id, c.phone, c.external_id, c.name, c.language, c.segment, c.timezone
            ),
            amount=self.amount,
            currency=self.currency,
            branch=self.branch,
            purchased_at=at,
        )


# pydantic's wording for what a shop may get wrong, in plain words.
_PLAIN = {
    "missing": "required",
    "string_too_long": "at most {max_length} characters",
    "string_too_short": "must not be empty",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than": "must be less than {lt}",
    "decimal_parsing": "a number, like 199.90",
    "decimal_max_places": "at most {decimal_places} decimals",
    "decimal_max_digits": "at most {max_digits} digits",
    "int_parsing": "a whole number",
    "datetime_from_date_parsing": "a date, like 2026-11-25 or 25.11.2026 14:30",
    "datetime_parsing": "a date, like 2026-11-25 or 25.11.2026 14:30",
}


def field_errors(error: ValidationError, prefix: str = "") -> list[dict[str, str]]:
    """[{"field": "purchases[3].customer.phone", "message": "..."}] for a JSON answer."""
    out = []
    for item in error.errors():
        path = prefix
        for part in item["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        plain = _PLAIN.get(item["type"])
        if plain is not None:
            message = plain.format(**item.get("ctx", {}))
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
        out.append({"field": path or "body", "message": message})
    return out
