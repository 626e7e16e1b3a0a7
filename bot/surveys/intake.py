"""Purchases in, survey plans out: the customer is found or created, the invitation planned."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.surveys.config import SurveyConfig
from bot.surveys.rules import (
    cooldown_reason,
    earliest_invitation,
    invitation_time,
    skip_reason,
)
from storage.db import Tx
from storage.models import Customer, Purchase, Survey
from storage.timefmt import from_db, now_db, to_db


@dataclass(frozen=True)
class CustomerRef:
    telegram_id: int | None = None
    phone: str | None = None  # already normalised
    external_id: str | None = None
    name: str | None = None
    language: str | None = None
    segment: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class NewPurchase:
    order_id: str
    customer: CustomerRef
    amount: Decimal | None = None
    currency: str | None = None
    branch: str | None = None
    purchased_at: datetime | None = None


@dataclass(frozen=True)
class PurchaseResult:
    order_id: str
    created: bool
    status: str
    due_at: str | None
    reason: str | None
    deep_link: str

    def as_json(self) -> dict[str, object]:
        return {
            "order_id": self.order_id,
            "status": self.status,
            "due_at": self.due_at,
            "reason": self.reason,
            "deep_link": self.deep_link,
        }


async def register_purchase(tx: Tx, cfg: SurveyConfig, new: NewPurchase) -> PurchaseResult:
    """Store a purchase once (idempotent by order_id) and plan its survey."""
    existing = await tx.purchases.by_order_id(new.order_id)
    if existing is not None:
        survey = await tx.surveys.for_purchase(existing.id)
        assert survey is not None
        return _result(cfg, existing, survey, created=False)
    customer = await _customer_for(tx, new.customer)
    now = cfg.now()
    purchased_at = new.purchased_at or now
    purchase = await tx.purchases.add(
        new.order_id,
        customer.id,
        None if new.amount is None else str(new.amount),
        new.currency,
        new.branch,
        to_db(purchased_at),
        secrets.token_urlsafe(12),
        now_db(),
    )
    status, reason, due = await plan(tx, cfg, customer, purchased_at, now)
    survey = await tx.surveys.add(purchase.id, customer.id, status, reason, due)
    return _result(cfg, purchase, survey, created=True)


async def plan(
    tx: Tx,
    cfg: SurveyConfig,
    customer: Customer,
    purchased_at: datetime,
    now: datetime,
    survey_id: int | None = None,
) -> tuple[str, str | None, str | None]:
    """(status, reason, due_at) for a survey of this purchase, by the rules of DESIGN §2.1."""
    reason = skip_reason(customer.opted_out_at is not None, customer.unreachable_at is not None)
    if reason:
        return "skipped", reason, None
    if now - purchased_at > cfg.rules.expiry:
        return "skipped", "too_old", None
    if customer.telegram_id is None or customer.started_at is None:
        return "waiting_link", None, None
    tz = ZoneInfo(customer.timezone) if customer.timezone else cfg.tz
    due = invitation_time(purchased_at, now, cfg.rules, tz)
    last = from_db(await tx.surveys.last_invitation(customer.id, exclude=survey_id))
    reason = cooldown_reason(last, due, cfg.rules.cooldown)
    if reason:
        return "skipped", reason, None
    deferred = due > earliest_invitation(purchased_at, now, cfg.rules)
    return "scheduled", "quiet_hours" if deferred else None, to_db(due)


async def link_waiting_surveys(tx: Tx, cfg: SurveyConfig, customer: Customer) -> int:
    """The customer is now reachable in Telegram: plan every survey that waited for it."""
    planned = 0
    now = cfg.now()
    for survey in await tx.surveys.by_customer(customer.id, ("waiting_link",)):
        purchase = await tx.purchases.get(survey.purchase_id)
        purchased_at = from_db(purchase.purchased_at) if purchase else now
        assert purchased_at is not None
        status, reason, due = await plan(tx, cfg, customer, purchased_at, now, survey.id)
        await tx.surveys.update(survey.id, status=status, reason=reason, due_at=due)
        planned += status == "scheduled"
    return planned


async def _customer_for(tx: Tx, ref: CustomerRef) -> Customer:
    customer = await tx.customers.find(ref.telegram_id, ref.external_id, ref.phone)
    identifiers = {
        "telegram_id": ref.telegram_id,
        "external_id": ref.external_id,
        "phone": ref.phone,
    }
    if customer is None:
        fields = {
            **identifiers,
            "name": ref.name,
            "language": ref.language,
            "segment": ref.segment or "",
            "timezone": ref.timezone,
        }
        return await tx.customers.create({k: v for k, v in fields.items() if v is not None})
    await tx.customers.fill(
        customer.id,
        {**identifiers, "name": ref.name, "language": ref.language, "timezone": ref.timezone},
    )
    if ref.segment is not None and ref.segment != customer.segment:
        await tx.customers.update(customer.id, {"segment": ref.segment})
    refreshed = await tx.customers.get(customer.id)
    assert refreshed is not None
    return refreshed


def _result(
    cfg: SurveyConfig, purchase: Purchase, survey: Survey, created: bool
) -> PurchaseResult:
    return PurchaseResult(
        purchase.order_id,
        created,
        survey.status,
        survey.due_at,
        survey.reason,
        cfg.deep_link(purchase.link_token),
    )
