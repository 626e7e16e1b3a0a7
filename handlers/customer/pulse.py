"""The staff pulse's answers, in the staff member's private chat: a score button, then one
message of free text (or Skip). Text from anyone who owes no pulse answer goes on to the
survey and support handlers."""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.methods import AnswerCallbackQuery, EditMessageText
from aiogram.types import CallbackQuery, InaccessibleMessage, Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.pulse.answers import comment, press
from bot.pulse.callbacks import PulsePress
from storage.db import Tx


def router() -> Router:
    r = Router(name=__name__)
    r.callback_query.register(on_press, PulsePress.filter())
    r.message.register(on_text)
    return r


async def on_press(
    query: CallbackQuery, callback_data: PulsePress, tx: Tx, outbox: Outbox, t: Translator
) -> None:
    answer = await press(tx, t, query.from_user.id, callback_data)
    await outbox.send(tx, AnswerCallbackQuery(callback_query_id=query.id, text=answer.alert))
    shown = query.message
    if (
        answer.text is not None
        and shown is not None
        and not isinstance(shown, InaccessibleMessage)
    ):
        await outbox.send(
            tx,
            EditMessageText(
                chat_id=shown.chat.id,
                message_id=shown.message_id,
                text=answer.text,
                reply_markup=answer.markup,
            ),
        )


async def on_text(message: Message, tx: Tx, outbox: Outbox, t: Translator) -> None:
    if message.from_user is None or (message.text or "").startswith("/"):
        raise SkipHandler
    reply = await comment(tx, t, message.from_user.id, message.text or message.caption)
    if reply is None:
        raise SkipHandler  # owes no pulse answer: the text is for the survey or support
    await outbox.answer(tx, message, reply)
