"""/start (plain, with a receipt's deep-link token, or with a friend's invitation), /help, and
sharing a phone number."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import KeyboardButton, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.complaints.config import Complaints
from bot.complaints.posting import refresh
from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.surveys.config import Surveys
from bot.surveys.consent import opt_in
from bot.surveys.duration import help_duration
from bot.surveys.linking import Linked, link_by_phone, link_by_token, receipt_complaint
from bot.surveys.referrals import Joined, is_invitation, join
from handlers.filters import Magic
from storage.db import Tx
from storage.models import Customer

log = logging.getLogger(__name__)


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(start_with_token, CommandStart(deep_link=True))
    r.message.register(start, CommandStart())
    r.message.register(help_, Command("help"))
    r.message.register(contact, Magic(F.contact))
    return r


async def _welcome_back(tx: Tx, customer: Customer, t: Translator) -> str | None:
    return t("start.welcome_back") if await opt_in(tx, customer) else None


async def start(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
    complaints: Complaints,
    before: str | None = None,
) -> None:
    """The greeting, and the offer to share a phone to whoever it could help find purchases;
    `before`: a line to put first."""
    first_name = message.from_user.first_name if message.from_user else None
    if not complaints.core.roles.owners and customer.telegram_id is not None:
        # Telegram shows nobody their numeric id: a new shop's owner finds it here.
        log.warning(
            "OWNER_IDS is empty: Telegram user %d started the bot; if that was you, the owner,"
            " set OWNER_IDS=%d and restart",
            customer.telegram_id,
            customer.telegram_id,
        )
    shop = surveys.config.shop(t, "greeting")
    lead = _lead_greeting(t, complaints, customer.telegram_id, shop)
    if lead is not None and before is None:  # an owner or a manager: what it does for them
        text = lead
    elif first_name:
        text = t("start.greeting", name=first_name, shop=shop)
    else:
        text = t("start.greeting_anonymous", shop=shop)
    back = await _welcome_back(tx, customer, t)
    for line in (back, before):
        if line:
            text = f"{line}\n\n{text}"
    share = KeyboardButton(text=t("start.share_phone_button"), request_contact=True)
    keyboard = ReplyKeyboardMarkup(
        keyboard=[[share]], resize_keyboard=True, one_time_keyboard=True
    )
    await outbox.answer(tx, message, text)
    if await _phone_would_help(tx, customer, complaints):
        await outbox.answer(tx, message, t("start.share_phone"), reply_markup=keyboard)


def _lead_greeting(
    t: Translator, complaints: Complaints, user_id: int | None, shop: str
) -> str | None:
    """Owners and managers (OWNER_IDS, MANAGER_IDS) are not customers here: their greeting
    says what the bot does for them, and their commands."""
    if complaints.core.roles.is_owner(user_id):
        return f"{t('start.owner', shop=shop)}\n\n{t('help.owner')}"
    if complaints.core.roles.is_manager(user_id):
        return f"{t('start.manager', shop=shop)}\n\n{t('help.manager')}"
    return None


async def _phone_would_help(tx: Tx, customer: Customer, complaints: Complaints) -> bool:
    """Not for someone whose number the bot has, whose purchases the shop already sends by
    their Telegram id, or who works here (owners, managers, staff, or seen working in the
    staff chat)."""
    if customer.phone is not None or customer.telegram_id is None:
        return False
    if complaints.core.roles.configured(customer.telegram_id) or await tx.pulse.was_seen(
        customer.telegram_id
    ):
        return False
    return await tx.purchases.count_for(customer.id) == 0


async def start_with_token(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
    complaints: Complaints,
    first_contact: bool,
) -> None:
    payload = command.args or ""
    if is_invitation(payload):  # a friend's invitation, not a receipt
        joined = await join(tx, surveys, customer, payload, first_contact)
        before = None
        if joined is Joined.JOINED:
            offer = surveys.config.referral_offer
            before = t("referral.welcome") + (f"\n🎁 {offer}" if offer else "")
        elif joined is Joined.OWN:
            before = t("referral.own_link")
        await start(message, tx, outbox, t, customer, surveys, complaints, before=before)
        return
    back = await _welcome_back(tx, customer, t)
    found = await link_by_token(tx, surveys, customer, payload)
    number = await receipt_complaint(tx, payload) if found is Linked.COMPLAINT else None
    if number is not None:
        await refresh(tx, complaints, number)  # the card names who now hears the replies
        text = t("start.linked_complaint", number=number)
    else:
        text = t(
            {
                Linked.SURVEY: "start.linked",
                Linked.NO_SURVEY: "start.linked_no_survey",
                Linked.UNKNOWN: "start.link_unknown",
            }[found]
        )
    await outbox.answer(tx, message, f"{back}\n\n{text}" if back else text)


async def contact(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
) -> None:
    shared = message.contact
    own = (
        shared is not None
        and message.from_user is not None
        and (shared.user_id == message.from_user.id)
    )
    if not own or shared is None:  # a forwarded card proves nothing about who is writing
        await outbox.answer(tx, message, t("phone.not_own"))
        return
    found = await link_by_phone(tx, surveys, customer, shared.phone_number)
    text = t("phone.linked", count=found) if found else t("phone.not_found")
    await outbox.answer(tx, message, text, reply_markup=ReplyKeyboardRemove())


async def help_(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer, surveys: Surveys
) -> None:
    duration = await help_duration(tx, surveys.design, t, customer.segment)
    await outbox.answer(tx, message, t("help.text", duration=duration))
