"""Survey buttons: validated and applied by bot.surveys.answers (typed comments are routed with
the rest of what customers type: handlers/customer/words.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

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
    await outbox.answer_press(tx, query, result.alert)
    if result.edit is not None:
        await outbox.edit_pressed(tx, query, result.edit.text, reply_markup=result.edit.markup)
