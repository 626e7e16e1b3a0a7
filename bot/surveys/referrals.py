"""Bring a friend: a promoter who finishes a survey gets a personal invitation link and a
message to forward; a friend who starts the bot through it is the advocate's (once); the
friend's first purchase converts the referral and, if the shop wants, the advocate is thanked."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from enum import StrEnum
from urllib.parse import quote

from bot.i18n import Translator
from bot.surveys.config import Surveys
from storage.db import Tx
from storage.models import Customer, Survey

PREFIX = "ref_"  # /start ref_<token>: a friend's invitation, not a receipt


async def invite(
    tx: Tx, surveys: Surveys, t: Translator, customer: Customer, survey: Survey
) -> bool:
    """Send the promoter their link (when the shop has an offer); False when none was sent."""
    from aiogram.methods import SendMessage  # here: importing purchases needs no aiogram
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    offer = surveys.config.referral_offer
    if offer is None or customer.telegram_id is None:
        return False
    token = secrets.token_urlsafe(9)  # 12 characters of A-Za-z0-9_-, as deep links allow
    await tx.referrals.add_link(token, customer.id, survey.id, surveys.core.now())
    link = surveys.core.deep_link(PREFIX + token)
    text = t(
        "referral.invitation", shop=surveys.config.shop(t, "recommended"), offer=offer, link=link
    )
    share = f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(offer, safe='')}"
    button = InlineKeyboardButton(text=t("referral.share"), url=share)
    await surveys.core.outbox.send(
        tx,
        SendMessage(
            chat_id=customer.telegram_id,
            text=text,
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]),
        ),
    )
    return True


class Joined(StrEnum):
    JOINED = "joined"  # a new friend, now attributed to the advocate
    OWN = "own"  # the advocate's own link
    KNOWN = "known"  # not a new customer (started before, bought, or already attributed)
    UNKNOWN = "unknown"  # no such link


def is_invitation(payload: str) -> bool:
    return payload.startswith(PREFIX)


async def join(
    tx: Tx, surveys: Surveys, friend: Customer, payload: str, first_contact: bool
) -> Joined:
    link = await tx.referrals.link(payload.removeprefix(PREFIX))
    if link is None:
        return Joined.UNKNOWN
    if link.customer_id == friend.id:
        return Joined.OWN
    if (
        not first_contact
        or link.customer_id is None  # the advocate asked to be forgotten
        or await tx.purchases.count_for(friend.id) > 0
        or await tx.referrals.attributed(friend.id)
    ):
        return Joined.KNOWN
    await tx.referrals.join(link, friend.id, surveys.core.now())
    return Joined.JOINED


async def convert(tx: Tx, surveys: Surveys, customer_ids: Iterable[int]) -> int:
    """Purchases were registered for these customers: referred friends among them have bought.
    Returns how many referrals converted."""
    converted = 0
    for referral in await tx.referrals.unconverted(customer_ids):
        first = await tx.purchases.first_for(referral.friend_id)
        await tx.referrals.convert(
            referral.referral_id, first.id if first else None, surveys.core.now()
        )
        converted += 1
        if surveys.config.referral_thanks and referral.advocate_id is not None:
            await _thank(tx, surveys, referral.advocate_id)
    return converted


async def _thank(tx: Tx, surveys: Surveys, advocate_id: int) -> None:
    from aiogram.methods import SendMessage

    advocate = await tx.customers.get(advocate_id)
    if (
        advocate is None
        or advocate.telegram_id is None
        or advocate.unreachable_at is not None
        or advocate.opted_out_at is not None
    ):
        return
    t = surveys.core.translator(advocate)
    await surveys.core.outbox.send(
        tx, SendMessage(chat_id=advocate.telegram_id, text=t("referral.thanks"))
    )
