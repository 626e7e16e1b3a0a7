"""Due surveys move on: invitations go out, one reminder follows, unanswered ones expire."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from aiogram.methods import EditMessageReplyMarkup, EditMessageText

from bot.business.reach import reachable_through
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
    # From the shop's account they wrote to, while it may; a customer who blocked the bot
    # can still be asked there.
    through = await reachable_through(tx, customer.telegram_id, now)
    unreachable = customer.unreachable_at is not None and through is None
    reason = skip_reason(customer.opted_out_at is not None, unreachable)
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
    await send_screen(
        tx, surveys, customer.telegram_id, survey.id, screen, Priority.BULK, expiry, through
    )
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
        business_connection_id=through,
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
    through = await reachable_through(tx, customer.telegram_id, now)
    unreachable = customer.unreachable_at is not None and through is None
    if survey.reminded_at is not None or customer.opted_out_at or unreachable:
        await tx.surveys.update(survey.id, due_at=survey.expires_at)
        return
    t = surveys.core.translator(customer)
    screen = await current_screen(tx, surveys, t, survey, reminder=True)
    if survey.chat_id and survey.message_id and through == survey.business_connection_id:
        # One set of live buttons: the reminder's. (A message in the account's chat can no
        # longer be changed once its window closed: its buttons stay, and still count.)
        await surveys.core.outbox.send(
            tx,
            EditMessageReplyMarkup(
                chat_id=survey.chat_id,
                message_id=survey.message_id,
                business_connection_id=through,
            ),
            priority=Priority.BULK,
        )
    left = expires - now
    await send_screen(
        tx, surveys, customer.telegram_id, survey.id, screen, Priority.BULK, left, through
    )
    await tx.surveys.update(survey.id, business_connection_id=through)
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
    if customer is None or not survey.chat_id or not survey.message_id:
        return
    through = survey.business_connection_id
    if through is not None and through != await reachable_through(
        tx, survey.chat_id, surveys.core.now()
    ):
        return  # the account's message can no longer be changed: its buttons say it is over
    t = surveys.core.translator(customer)
    await surveys.core.outbox.send(
        tx,
        EditMessageText(
            chat_id=survey.chat_id,
            message_id=survey.message_id,
            text=t("survey.closed"),
            business_connection_id=through,
        ),
        priority=Priority.NORMAL,
    )
