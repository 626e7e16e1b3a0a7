"""/complaint, messages to support outside a survey, and the "was it resolved?" buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.methods import AnswerCallbackQuery, EditMessageText
from aiogram.types import CallbackQuery, Message

from bot.complaints import relay, thanks
from bot.complaints.callbacks import ResolutionPress
from bot.complaints.config import Complaints
from bot.complaints.lifecycle import resolution_answer
from bot.complaints.opening import on_request
from bot.i18n import TEXT_LIMIT, Translator
from bot.incoming import ChatMessage
from bot.outbox.service import Outbox
from storage.db import Tx
from storage.models import Customer


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(complaint_command, Command("complaint"))
    r.message.register(to_support, ~F.text.startswith("/"))
    r.callback_query.register(resolved_press, ResolutionPress.filter())
    return r


async def complaint_command(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    complaints: Complaints,
) -> None:
    active = await on_request(tx, complaints, customer)
    if active is not None:
        text = t("complaint.already_open", number=active.id)
        await outbox.answer(tx, message, text)


async def to_support(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    complaints: Complaints,
) -> None:
    length = len(message.text or "")
    if length > TEXT_LIMIT:
        text = t("fallback.too_long", length=length, limit=TEXT_LIMIT)
    else:
        if await thanks.welcome(tx, complaints, customer, message.text):
            return  # a thank-you opens nothing
        if await relay.from_customer(tx, complaints, customer, ChatMessage.from_aiogram(message)):
            return
        text = t("fallback.unsupported")
    await outbox.answer(tx, message, text)


async def resolved_press(
    query: CallbackQuery,
    callback_data: ResolutionPress,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    complaints: Complaints,
) -> None:
    alert, new_text = await resolution_answer(
        tx, complaints, t, customer, callback_data.complaint_id, callback_data.answer
    )
    await outbox.send(tx, AnswerCallbackQuery(callback_query_id=query.id, text=alert))
    if new_text is not None and query.message is not None:
        await outbox.send(
            tx,
            EditMessageText(
                chat_id=query.message.chat.id, message_id=query.message.message_id, text=new_text
            ),
        )
