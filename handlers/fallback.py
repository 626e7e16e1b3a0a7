"""The catch-all, registered last: anything no feature claimed gets a clear, friendly answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import TEXT_LIMIT as MAX_TEXT
from bot.i18n import Translator
from bot.outbox.service import Outbox
from handlers.filters import PRIVATE, Magic
from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(unknown_text, PRIVATE, Magic(F.text))
    r.message.register(unsupported, PRIVATE)
    r.callback_query.register(stale_button)
    return r


async def unknown_text(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    length = len(message.text or "")
    text = (
        t("fallback.too_long", length=length, limit=MAX_TEXT)
        if length > MAX_TEXT
        else t("fallback.text")
    )
    await outbox.answer(tx, message, text)


async def unsupported(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.answer(tx, message, t("fallback.unsupported"))


async def stale_button(query: CallbackQuery, tx: Tx, outbox: Outbox, t: Translator) -> None:
    await outbox.answer_press(tx, query, t("button.stale"))
