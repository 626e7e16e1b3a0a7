"""The catch-all, registered last: anything no feature claimed gets a clear, friendly answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.methods import AnswerCallbackQuery, SendMessage
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import PRIVATE
from storage.db import Tx

MAX_TEXT = 4096

router = Router(name=__name__)


@router.message(PRIVATE, F.text)
async def unknown_text(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    length = len(message.text or "")
    text = (
        t("fallback.too_long", length=length, limit=MAX_TEXT)
        if length > MAX_TEXT
        else t("fallback.text")
    )
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))


@router.message(PRIVATE)
async def unsupported(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=t("fallback.unsupported")))


@router.callback_query()
async def stale_button(query: CallbackQuery, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.send(tx, AnswerCallbackQuery(callback_query_id=query.id, text=t("button.stale")))
