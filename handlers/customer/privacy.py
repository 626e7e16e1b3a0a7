"""/stop: no more surveys (the way back is /start)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import SendMessage
from aiogram.types import Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.surveys.answers import opt_out
from handlers.filters import PRIVATE
from storage.db import Tx
from storage.models import Customer


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PRIVATE)
    r.message.register(stop, Command("stop"))
    return r


async def stop(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer
) -> None:
    await opt_out(tx, customer)
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=t("stop.done")))
