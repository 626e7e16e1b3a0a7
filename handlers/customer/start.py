"""/start and /help: greet the customer in their language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.methods import SendMessage
from aiogram.types import Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import PRIVATE
from storage.db import Tx
from storage.models import Customer


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PRIVATE)
    r.message.register(start, CommandStart())
    r.message.register(help_, Command("help"))
    return r


async def start(
    message: Message, tx: Tx, outbox: Outbox, t: Translator, customer: Customer
) -> None:
    first_name = message.from_user.first_name if message.from_user else None
    text = t("start.greeting", name=first_name) if first_name else t("start.greeting_anonymous")
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))


async def help_(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=t("help.text")))
