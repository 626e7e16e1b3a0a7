"""/complaint, messages to support outside a survey, and the "was it resolved?" buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import CallbackQuery, Message

from bot.complaints import relay
from bot.complaints.actions import resolution_answer
from bot.complaints.callbacks import ResolutionPress
from bot.complaints.config import TEXT_LIMIT, ComplaintConfig
from bot.complaints.opening import open_complaint
from bot.complaints.posting import acknowledge
from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import PRIVATE, PRIVATE_CALLBACK
from storage.db import Tx
from storage.models import Customer
from storage.states import ComplaintSource


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PRIVATE)
    r.callback_query.filter(PRIVATE_CALLBACK)
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
    complaints: ComplaintConfig,
) -> None:
    active = await tx.complaints.active_for(customer.id)
    if active is not None:
        text = t("complaint.already_open", number=active.id)
        await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))
        return
    complaint = await open_complaint(
        tx,
        complaints,
        customer,
        ComplaintSource.COMMAND,
        card_due=complaints.now() + complaints.settle,
    )
    await acknowledge(tx, complaints, complaint)


async def to_support(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    complaints: ComplaintConfig,
) -> None:
    kind = relay.kind_of(message)
    length = len(message.text or "")
    if length > TEXT_LIMIT:
        text = t("fallback.too_long", length=length, limit=TEXT_LIMIT)
    elif kind is None or not await relay.accepts(tx, customer, kind):
        text = t("fallback.unsupported")
    else:
        await relay.from_customer(tx, complaints, customer, message, kind)
        return
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))


async def resolved_press(
    query: CallbackQuery,
    callback_data: ResolutionPress,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    complaints: ComplaintConfig,
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
