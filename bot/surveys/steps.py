"""Which screen a survey shows, in whose language, and sending it as the survey's message."""

from __future__ import annotations

import time
from datetime import timedelta

from aiogram.methods import SendMessage

from bot.i18n import Translator
from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from bot.surveys.config import Surveys
from bot.surveys.design import estimated_seconds
from bot.surveys.engine import current_page, next_page, render
from bot.surveys.pinning import pinned_questions
from bot.surveys.screens import Screen, reminder_line
from storage.db import Tx
from storage.models import Survey
from storage.states import Purpose


async def current_screen(
    tx: Tx, surveys: Surveys, t: Translator, survey: Survey, reminder: bool = False
) -> Screen:
    """The page the survey waits on, in its pinned version (the first, before it is sent)."""
    questions = await pinned_questions(tx, surveys.design, survey)
    answers = await tx.surveys.answers(survey.id)
    page = current_page(questions, survey.step, survey.nps, answers)
    if page is None:
        page = next_page(questions, None, survey.nps, answers)
    assert page is not None  # the NPS comes first, always asked
    line = reminder_line(t, estimated_seconds(questions)) if reminder else None
    return render(t, survey.id, page, answers.get(page.first.id), line)


async def send_screen(
    tx: Tx,
    surveys: Surveys,
    chat_id: int,
    survey_id: int,
    screen: Screen,
    priority: Priority,
    pointless_after: timedelta | None = None,
    through: str | None = None,
) -> None:
    """Send `screen` as a new message that becomes the survey's message (edited later), from
    the shop's Telegram account `through` if given (bot/business/reach.py says when).

    An invitation Telegram cannot take is retried until the survey expires, not beyond."""
    expires_at = None if pointless_after is None else time.time() + pointless_after.total_seconds()
    said = SendMessage(
        chat_id=chat_id,
        text=screen.text,
        reply_markup=screen.markup,
        business_connection_id=through,
    )
    await surveys.core.outbox.send(
        tx,
        said,
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
