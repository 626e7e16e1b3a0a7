"""Due surveys move on: invitations go out, one reminder follows, unanswered ones expire."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from aiogram.methods import EditMessageReplyMarkup, EditMessageText

from bot.outbox.service import Priority
from bot.surveys.config import Surveys
from bot.surveys.pinning import current_pin
from bot.surveys.rules import cooldown_reason, skip_reason
from bot.surveys.steps import current_screen, send_screen
from storage.db import Tx
from storage.models import Survey
from storage.states import SurveyStatus, SurveyStep

log = logging.getLogger(__name__)

# Surveys moved per transaction. The transaction holds the single writer's lock and a customer's
# button press waits behind it: 50 invitations take tens of milliseconds, 500 took most of a
# second.
BATCH = 50


async def advance_due(tx: Tx, surveys: Surveys) -> int:
    """Act on every survey whose next step is due; return how many moved."""
    now = surveys.core.now()
    due = await tx.surveys.due(now, BATCH)
    for survey in due:
        if survey.status == SurveyStatus.SCHEDULED:
            await _invite(tx, surveys, survey, now)
        else:
            await _remind_or_expire(tx, surveys, survey, now)
    return len(due)


async def _invite(tx: Tx, surveys: Surveys, survey: Survey, now: datetime) -> None:
    customer = await tx.customers.get(survey.customer_id)
    if customer is None or customer.telegram_id is None:
        await tx.surveys.update(survey.id, status=SurveyStatus.WAITING_LINK, due_at=None)
        return
    since = now - surveys.config.rules.cooldown
    others = await tx.surveys.invitations([customer.id], since, exclude=survey.id)
    # Only invitations already out (or due) count now: later ones were checked when planned.
    sent = [at for at in others.get(customer.id, []) if at <= now]
    reason = skip_reason(customer.opted_out_at is not None, customer.unreachable_at is not None)
    reason = reason or cooldown_reason(sent, now, surveys.config.rules.cooldown)
    if reason:
        await tx.surveys.update(survey.id, status=SurveyStatus.SKIPPED, reason=reason, due_at=None)
        return
    # The definition current now is the one this survey asks, to its end.
    version, variant = await current_pin(tx, surveys.design, survey.branch, customer.segment)
    survey = replace(survey, version=version, variant=variant)
    t = surveys.core.translator(customer)
    screen = await current_screen(tx, surveys, t, survey)
    expiry = surveys.config.rules.expiry
    await send_screen(tx, surveys, customer.telegram_id, survey.id, screen, Priority.BULK, expiry)
    expires = now + expiry
    remind = now + surveys.config.rules.reminder_after
    await tx.surveys.update(
        survey.id,
        status=SurveyStatus.SENT,
        step=SurveyStep.NPS,
        sent_at=now,
        expires_at=expires,
        due_at=min(remind, expires),
        chat_id=customer.telegram_id,
        segment=customer.segment,
        version=version,
        variant=variant,
    )


async def _remind_or_expire(tx: Tx, surveys: Surveys, survey: Survey, now: datetime) -> None:
    customer = await tx.customers.get(survey.customer_id)
    expires = survey.expires_at
    if customer is None or customer.telegram_id is None or expires is None or expires <= now:
        await _expire(tx, surveys, survey)
        return
    if survey.reminded_at is not None or customer.opted_out_at or customer.unreachable_at:
        await tx.surveys.update(survey.id, due_at=survey.expires_at)
        return
    t = surveys.core.translator(customer)
    screen = await current_screen(tx, surveys, t, survey, reminder=True)
    if survey.chat_id and survey.message_id:  # one set of live buttons: the reminder's
        await surveys.core.outbox.send(
            tx,
            EditMessageReplyMarkup(chat_id=survey.chat_id, message_id=survey.message_id),
            priority=Priority.BULK,
        )
    left = expires - now
    await send_screen(tx, surveys, customer.telegram_id, survey.id, screen, Priority.BULK, left)
    await tx.surveys.update(survey.id, reminded_at=now, due_at=survey.expires_at)


async def _expire(tx: Tx, surveys: Surveys, survey: Survey) -> None:
    answered = survey.nps is not None
    await tx.surveys.update(
        survey.id,
        status=SurveyStatus.EXPIRED,
        reason="partial" if answered else "no_answer",
        due_at=None,
    )
    await surveys.changed(tx, survey.id)  # a partial answer is a response too (events)
    customer = await tx.customers.get(survey.customer_id)
    if customer is not None and survey.chat_id and survey.message_id:
        t = surveys.core.translator(customer)
        await surveys.core.outbox.send(
            tx,
            EditMessageText(
                chat_id=survey.chat_id, message_id=survey.message_id, text=t("survey.closed")
            ),
            priority=Priority.NORMAL,
        )
