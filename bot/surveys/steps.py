"""Which screen a survey shows, in whose language, and sending it as the survey's message."""

from __future__ import annotations

import time
from datetime import timedelta

from aiogram.methods import SendMessage

from bot.i18n import Translator
from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from bot.surveys.config import Surveys
from bot.surveys.screens import (
    Screen,
    csat_screen,
    expectation_screen,
    followup_screen,
    nps_screen,
)
from storage.db import Tx
from storage.models import Survey
from storage.states import Purpose, SurveyStep


async def current_screen(
    tx: Tx, surveys: Surveys, t: Translator, survey: Survey, reminder: bool = False
) -> Screen:
    """The question the survey is waiting for."""
    if survey.step == SurveyStep.FOLLOWUP and survey.nps is not None:
        chosen = await tx.surveys.aspects(survey.id)
        screen = followup_screen(t, survey.id, survey.nps, surveys.config.aspects, chosen)
    elif survey.step == SurveyStep.CSAT:
        screen = csat_screen(t, survey.id)
    elif survey.step == SurveyStep.EXPECTATION:
        screen = expectation_screen(t, survey.id)
    else:
        return nps_screen(t, survey.id, reminder=reminder)
    if reminder:
        return Screen(f"{t('survey.reminder')}\n\n{screen.text}", screen.markup)
    return screen


async def send_screen(
    tx: Tx,
    surveys: Surveys,
    chat_id: int,
    survey_id: int,
    screen: Screen,
    priority: Priority,
    pointless_after: timedelta | None = None,
) -> None:
    """Send `screen` as a new message that becomes the survey's message (edited later).

    An invitation Telegram cannot take is retried until the survey expires, not beyond."""
    expires_at = None if pointless_after is None else time.time() + pointless_after.total_seconds()
    await surveys.core.outbox.send(
        tx,
        SendMessage(chat_id=chat_id, text=screen.text, reply_markup=screen.markup),
        priority=priority,
        purpose=Purpose.SURVEY_MESSAGE,
        ref=survey_id,
        expires_at=expires_at,
    )


async def remember_message(tx: Tx, survey_id: int, result: object) -> None:
    """Outbox hook: the survey's latest message, so later steps can edit it in place."""
    message_id = message_id_of(result)
    if message_id is not None:
        await tx.surveys.update(survey_id, message_id=message_id)
