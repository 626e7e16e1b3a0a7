"""The staff pulse's score buttons, in the staff member's private chat (the free-text answer
that follows is routed with the rest of what people type: handlers/customer/words.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.pulse.answers import press
from bot.pulse.callbacks import PulsePress
from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.callback_query.register(on_press, PulsePress.filter())
    return r


async def on_press(
    query: CallbackQuery, callback_data: PulsePress, tx: Tx, outbox: Outbox, t: Translator
) -> None:
    answer = await press(tx, t, query.from_user.id, callback_data)
    await outbox.answer_press(tx, query, answer.alert)
    if answer.text is not None:
        await outbox.edit_pressed(tx, query, answer.text, reply_markup=answer.markup)
