"""Tie a Telegram user to the purchases registered for them: by receipt link or by phone."""

from __future__ import annotations

from enum import Enum

from bot.surveys.config import Surveys
from bot.surveys.phones import normalize_phone
from bot.surveys.purchases import link_waiting_surveys
from bot.surveys.referrals import convert
from storage.db import Tx
from storage.models import Customer
from storage.states import COMPLAINT_ACTIVE, SurveyStatus


class Linked(Enum):
    UNKNOWN = "unknown"  # no purchase by that token, or another customer's
    SURVEY = "survey"  # its survey is on its way (or out already)
    NO_SURVEY = "no_survey"  # none will come: skipped (cooldown, opted out), answered, expired
    COMPLAINT = "complaint"  # answered (on its web page) with a complaint still being worked on


_COMING = (SurveyStatus.WAITING_LINK, SurveyStatus.SCHEDULED, SurveyStatus.SENT)


async def link_by_token(tx: Tx, surveys: Surveys, customer: Customer, token: str) -> Linked:
    """The customer opened a receipt's deep link: whether it named a purchase of theirs, and
    whether a survey will come for it.

    A receipt proves that one purchase, nothing more: it moves to whoever opens the link, while
    the customer the shop registered keeps its phone, CRM id and other purchases (those follow
    only the customer's own shared contact), and so does the complaint its survey's answer
    opened on the web page, so staff replies reach this chat."""
    purchase = await tx.purchases.by_token(token) if token else None
    if purchase is None:
        return Linked.UNKNOWN
    if purchase.customer_id != customer.id:
        owner = await tx.customers.get(purchase.customer_id)
        if owner is not None and owner.telegram_id is not None:
            return Linked.UNKNOWN  # somebody else's receipt: their survey stays theirs
        await tx.purchases.move(purchase.id, customer.id)
    await _relink(tx, surveys, customer.id)
    if await receipt_complaint(tx, token) is not None:
        return Linked.COMPLAINT
    survey = (await tx.surveys.for_purchases([purchase.id])).get(purchase.id)
    return Linked.SURVEY if survey is not None and survey.status in _COMING else Linked.NO_SURVEY


async def receipt_complaint(tx: Tx, token: str) -> int | None:
    """The number of the complaint its purchase's survey opened, while it is worked on: the
    web page's "continue in Telegram" link opened, so staff replies come to this chat."""
    purchase = await tx.purchases.by_token(token) if token else None
    if purchase is None:
        return None
    survey = (await tx.surveys.for_purchases([purchase.id])).get(purchase.id)
    complaint = await tx.complaints.for_survey(survey.id) if survey is not None else None
    active = complaint is not None and complaint.customer_id == purchase.customer_id
    return complaint.id if active and complaint and complaint.status in COMPLAINT_ACTIVE else None


async def link_by_phone(tx: Tx, surveys: Surveys, customer: Customer, raw_phone: str) -> int:
    """The customer shared their own contact: how many purchases are theirs now."""
    # Telegram gives the account's number in international form (sometimes without the '+'):
    # no PHONE_REGION applies to it.
    phone = normalize_phone(raw_phone)
    if phone is None:
        return 0
    for other in await tx.customers.unlinked_with_phone(phone):
        await tx.customers.merge(customer.id, other.id)
    await tx.customers.fill(customer.id, {"phone": phone})
    await _relink(tx, surveys, customer.id)
    return await tx.purchases.count_for(customer.id)


async def _relink(tx: Tx, surveys: Surveys, customer_id: int) -> None:
    refreshed = await tx.customers.get(customer_id)
    if refreshed is not None:
        await link_waiting_surveys(tx, surveys, refreshed)
        await convert(tx, surveys, [customer_id])  # a referred friend's purchase, now theirs
