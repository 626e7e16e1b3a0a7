"""/complaint and the "was it resolved?" buttons (what a customer writes outside a survey is
routed in handlers/customer/words.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.complaints.callbacks import ResolutionPress
from bot.complaints.config import Complaints
from bot.complaints.lifecycle import resolution_answer
from bot.complaints.opening import on_request
from bot.i18n import Translator
from bot.outbox.service import Outbox
from storage.db import Tx
from storage.models import Customer


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(complaint_command, Command("complaint"))
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
    await outbox.answer_press(tx, query, alert)
    if new_text is not None:
        await outbox.edit_pressed(tx, query, new_text)
