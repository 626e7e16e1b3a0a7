"""Purchases in, survey plans out: the customer is found or created, the invitation planned."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from bot.surveys.config import Surveys
from bot.surveys.matching import CustomerIndex, differs
from bot.surveys.referrals import convert
from bot.surveys.rules import (
    cooldown_reason,
    earliest_invitation,
    invitation_time,
    skip_reason,
)
from bot.surveys.web_links import mint
from storage.db import Tx
from storage.models import Customer, Purchase, Survey
from storage.states import SurveyStatus
from storage.timefmt import kept, to_db


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
    status: SurveyStatus
    due_at: datetime | None
    reason: str | None
    deep_link: str
    survey_id: int
    conflict: str | None = None  # a repeat naming another customer: the identifier that differs
    survey_url: str | None = None  # PUBLIC_URL/s/<token>; None without PUBLIC_URL

    @property
    def conflict_text(self) -> str | None:
        if self.conflict is None:
            return None
        return (
            f"{self.order_id} is already a purchase of another customer"
            f" (a different {self.conflict})"
        )

    @property
    def due_text(self) -> str | None:
        """`due_at` as the API and the CSV give it (ISO 8601 UTC)."""
        return None if self.due_at is None else to_db(self.due_at)

    def as_json(self) -> dict[str, object]:
        return {
            "order_id": self.order_id,
            "status": self.status,
            "due_at": self.due_text,
            "reason": self.reason,
            "deep_link": self.deep_link,
            "survey_url": self.survey_url,
        }


async def register_purchases(
    tx: Tx, surveys: Surveys, items: Sequence[NewPurchase]
) -> list[PurchaseResult]:
    """Store each purchase once (idempotent by order_id) and plan its survey, in input order.

    The whole batch costs about ten statements whatever its size: known purchases, customers and
    their last invitations are read with IN-lists, decisions are made in memory (later purchases
    see what earlier ones created), and new rows are written with executemany.
    """
    now = surveys.core.now()
    known = await tx.purchases.by_order_ids(item.order_id for item in items)
    existing = await tx.surveys.for_purchases(p.id for p in known.values())
    results = {
        order_id: _result(surveys, p, existing[p.id], created=False)
        for order_id, p in known.items()
    }
    holders = await tx.customers.by_ids({p.customer_id for p in known.values()})
    owners = {order_id: holders[p.customer_id] for order_id, p in known.items()}
    fresh = [item for item in items if item.order_id not in known]
    refs = [item.customer for item in fresh]
    people = CustomerIndex(
        await tx.customers.candidates(
            (r.telegram_id for r in refs if r.telegram_id is not None),
            (r.external_id for r in refs if r.external_id is not None),
            (r.phone for r in refs if r.phone is not None),
        ),
        await tx.customers.new_ids(len(fresh)),
    )
    since = now - surveys.config.rules.cooldown  # every candidate is now or later
    invited = await tx.surveys.invitations(people.ids, since)
    purchase_ids = iter(await tx.purchases.new_ids(len(fresh)))
    survey_ids = iter(await tx.surveys.new_ids(len(fresh)))
    purchases: list[Purchase] = []
    planned: list[tuple[Survey, str, str]] = []
    out: list[PurchaseResult] = []
    for item in items:
        ref = item.customer
        if item.order_id in results:
            owner = owners[item.order_id]
            other = differs(owner, ref.telegram_id, ref.external_id, ref.phone)
            out.append(replace(results[item.order_id], created=False, conflict=other))
            continue
        customer = people.resolve(
            ref.telegram_id,
            ref.external_id,
            ref.phone,
            {"name": ref.name, "language": ref.language, "timezone": ref.timezone},
            ref.segment,
        )
        purchased_at = item.purchased_at or now
        purchase_id = next(purchase_ids)
        purchase = Purchase(
            id=purchase_id,
            order_id=item.order_id,
            customer_id=customer.id,
            amount=None if item.amount is None else str(item.amount),
            currency=item.currency,
            branch=item.branch,
            purchased_at=kept(purchased_at),
            link_token=secrets.token_urlsafe(12),
        )
        status, reason, due = decide(
            surveys, customer, purchased_at, now, invited.get(customer.id, [])
        )
        if status == SurveyStatus.SCHEDULED and due is not None:
            invited.setdefault(customer.id, []).append(due)
        survey = Survey(
            id=next(survey_ids),
            purchase_id=purchase_id,
            customer_id=customer.id,
            status=status,
            reason=reason,
            due_at=due,
        )
        purchases.append(purchase)
        planned.append((survey, item.branch or "", customer.segment))
        results[item.order_id] = _result(surveys, purchase, survey, created=True)
        owners[item.order_id] = customer
        out.append(results[item.order_id])
    await tx.customers.add_many(list(people.created.values()))
    await tx.customers.save_identity(list(people.changed.values()))
    await tx.purchases.add_many(purchases, now)
    await tx.surveys.add_many(planned)
    await convert(tx, surveys, {p.customer_id for p in purchases})
    return await _with_web_links(tx, surveys, out)


async def _with_web_links(
    tx: Tx, surveys: Surveys, results: list[PurchaseResult]
) -> list[PurchaseResult]:
    """Each survey's web address, when the shop has one (PUBLIC_URL); a repeat gets a new one
    too (the digest is all that is kept), a refused repeat none."""
    public_url = surveys.config.public_url
    if public_url is None:
        return results
    wanted = [n for n, r in enumerate(results) if r.conflict is None]
    minted = await mint(tx, public_url, [results[n].survey_id for n in wanted])
    urls = dict(zip(wanted, minted, strict=True))
    return [replace(r, survey_url=urls.get(n)) for n, r in enumerate(results)]


async def plan(
    tx: Tx,
    surveys: Surveys,
    customer: Customer,
    purchased_at: datetime,
    now: datetime,
    survey_id: int | None = None,
) -> tuple[SurveyStatus, str | None, datetime | None]:
    """`decide` for one survey, with the customer's other invitations read from the database."""
    since = now - surveys.config.rules.cooldown
    times = (await tx.surveys.invitations([customer.id], since, exclude=survey_id)).get(
        customer.id, []
    )
    return decide(surveys, customer, purchased_at, now, times)


def decide(
    surveys: Surveys,
    customer: Customer,
    purchased_at: datetime,
    now: datetime,
    invitations: list[datetime],
) -> tuple[SurveyStatus, str | None, datetime | None]:
    """(status, reason, due_at) for a survey of this purchase, by the survey rules."""
    reason = skip_reason(customer.opted_out_at is not None, customer.unreachable_at is not None)
    if reason:
        return SurveyStatus.SKIPPED, reason, None
    if now - purchased_at > surveys.config.rules.expiry:
        return SurveyStatus.SKIPPED, "too_old", None
    if customer.telegram_id is None or customer.started_at is None:
        return SurveyStatus.WAITING_LINK, None, None
    due = invitation_time(purchased_at, now, surveys.config.rules, surveys.core.zone_of(customer))
    reason = cooldown_reason(invitations, due, surveys.config.rules.cooldown)
    if reason:
        return SurveyStatus.SKIPPED, reason, None
    deferred = due > earliest_invitation(purchased_at, now, surveys.config.rules)
    return SurveyStatus.SCHEDULED, "quiet_hours" if deferred else None, kept(due)


async def link_waiting_surveys(tx: Tx, surveys: Surveys, customer: Customer) -> int:
    """The customer is now reachable in Telegram: plan every survey that waited for it."""
    planned = 0
    now = surveys.core.now()
    for survey in await tx.surveys.by_customer(customer.id, (SurveyStatus.WAITING_LINK,)):
        purchase = await tx.purchases.get(survey.purchase_id)
        purchased_at = purchase.purchased_at if purchase else now
        status, reason, due = await plan(tx, surveys, customer, purchased_at, now, survey.id)
        await tx.surveys.update(survey.id, status=status, reason=reason, due_at=due)
        planned += status == SurveyStatus.SCHEDULED
    return planned


def _result(surveys: Surveys, purchase: Purchase, survey: Survey, created: bool) -> PurchaseResult:
    return PurchaseResult(
        purchase.order_id,
        created,
        survey.status,
        survey.due_at,
        survey.reason,
        surveys.core.deep_link(purchase.link_token),
        survey.id,
    )
