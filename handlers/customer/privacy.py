"""/stop (the way back is /start), /mydata, /forget_me with a confirmation."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.complaints import account
from bot.i18n import Translator
from bot.ids import RowId
from bot.outbox.service import Outbox
from bot.surveys.config import Surveys
from bot.surveys.consent import opt_out
from bot.surveys.privacy import describe_customer, erase
from handlers.filters import from_the_customer
from storage.db import Tx
from storage.models import Customer


class ForgetChoice(CallbackData, prefix="forget"):
    customer_id: RowId
    erase: bool


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(stop, Command("stop"))
    r.message.register(mydata, Command("mydata"))
    r.message.register(forget_me, Command("forget_me"))
    r.callback_query.register(forget_answer, ForgetChoice.filter())
    # Typed by the customer to the shop's own Telegram account (Telegram Business): the same
    # effect, the answer from the account. Its owner typing them in the customer's chat asks
    # for nothing, and no other command is answered there (the account is the shop talking,
    # not the bot's menu).
    b = r.business_message
    b.filter(from_the_customer)
    b.register(stop, Command("stop"))
    b.register(forget_me, Command("forget_me"))
    return r


async def stop(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer
) -> None:
    await opt_out(tx, customer)
    if message.business_connection_id is None:
        await outbox.answer(tx, message, t("stop.done"))
    elif await account.may_say(tx, message.business_connection_id):
        await outbox.answer(tx, message, t("stop.done_account"))


async def mydata(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer, surveys: Surveys
) -> None:
    text = await describe_customer(tx, t, customer, surveys.config.tz)
    await outbox.answer(tx, message, text)


async def forget_me(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer
) -> None:
    buttons = [
        InlineKeyboardButton(
            text=t("forget.yes"),
            callback_data=ForgetChoice(customer_id=customer.id, erase=True).pack(),
        ),
        InlineKeyboardButton(
            text=t("forget.no"),
            callback_data=ForgetChoice(customer_id=customer.id, erase=False).pack(),
        ),
    ]
    markup = InlineKeyboardMarkup(inline_keyboard=[buttons])
    if await account.may_say(tx, message.business_connection_id):
        await outbox.answer(tx, message, t("forget.confirm"), reply_markup=markup)


async def forget_answer(
    query: CallbackQuery,
    callback_data: ForgetChoice,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    event_update: Update,
) -> None:
    if callback_data.customer_id != customer.id or query.message is None:
        # Forged, or pressed again after erasing (the presser is a new, empty customer now).
        await outbox.answer_press(tx, query, t("button.stale"))
        return
    if callback_data.erase:
        await erase(tx, customer, event_update.update_id)
    # In the shop's account's chat /start does nothing: the bot's way back is not offered.
    done = (
        "forget.done_account"
        if getattr(query.message, "business_connection_id", None)
        else "forget.done"
    )
    text = t(done) if callback_data.erase else t("forget.cancelled")
    await outbox.answer_press(tx, query)
    await outbox.edit_pressed(tx, query, text)
