"""/language: the customer picks the language the bot speaks to them."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Catalog, Translator
from bot.outbox.service import Outbox
from storage.db import Tx


class LanguageChoice(CallbackData, prefix="lang"):
    code: str


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(ask, Command("language"))
    r.callback_query.register(choose, LanguageChoice.filter())
    return r


async def ask(message: Message, tx: Tx, outbox: Outbox, t: Translator, catalog: Catalog) -> None:
    buttons = [
        InlineKeyboardButton(
            text=catalog.text(code, "language.name"),
            callback_data=LanguageChoice(code=code).pack(),
        )
        for code in catalog.languages
    ]
    markup = InlineKeyboardMarkup(inline_keyboard=[buttons])
    await outbox.answer(tx, message, t("language.choose"), reply_markup=markup)


async def choose(
    query: CallbackQuery,
    callback_data: LanguageChoice,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    catalog: Catalog,
) -> None:
    if callback_data.code not in catalog.languages or query.message is None:
        await outbox.answer_press(tx, query, t("language.unknown"))
        return
    await tx.customers.set_language(query.from_user.id, callback_data.code)
    done = catalog.text(callback_data.code, "language.changed")
    await outbox.answer_press(tx, query)
    await outbox.edit_pressed(tx, query, done)
