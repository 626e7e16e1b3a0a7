"""Survey buttons and typed comments: validated and applied by bot.surveys.answers."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.methods import AnswerCallbackQuery, EditMessageText
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.outbox.service import Outbox
from bot.surveys import answers
from bot.surveys.callbacks import SurveyPress
from bot.surveys.config import Surveys
from storage.db import Tx
from storage.models import Customer


def router() -> Router:
    r = Router(name=__name__)
    r.callback_query.register(on_press, SurveyPress.filter())
    r.message.register(on_text, F.text, ~F.text.startswith("/"))
    return r


async def on_press(
    query: CallbackQuery,
    callback_data: SurveyPress,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
) -> None:
    result = await answers.press(
        tx, surveys, t, customer, callback_data.survey_id, callback_data.step, callback_data.value
    )
    await outbox.send(tx, AnswerCallbackQuery(callback_query_id=query.id, text=result.alert))
    if result.edit is not None and query.message is not None:
        await outbox.send(
            tx,
            EditMessageText(
                chat_id=query.message.chat.id,
                message_id=query.message.message_id,
                text=result.edit.text,
                reply_markup=result.edit.markup,
            ),
        )


async def on_text(
    message: Message,
    tx: Tx,
    outbox: Outbox,
    t: Translator,
    customer: Customer,
    surveys: Surveys,
) -> None:
    result = await answers.typed(tx, surveys, t, customer, message.text or "")
    if not result.handled:
        raise SkipHandler  # no open survey: the text is for whoever comes next
    if result.reply:
        await outbox.answer(tx, message, result.reply)
