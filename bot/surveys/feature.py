"""The surveys feature: purchases become invitations, answers become scores.

Installs: its config (`surveys` for handlers), the result hook that remembers each survey
message (to edit it at the next step), and the tick that invites, reminds and expires.
Handlers: handlers/customer/start.py (receipt links, phone), handlers/customer/survey.py
(the buttons), handlers/customer/words.py (a typed comment at the follow-up step).
"""

from __future__ import annotations

from functools import partial

from bot.jobs import JobContext, job
from bot.outbox.sender import Sender
from bot.surveys.config import SurveyConfig, Surveys
from bot.surveys.design_versions import Design
from bot.surveys.phones import renormalize_stored_phones
from bot.surveys.purchases import link_waiting_surveys
from bot.surveys.steps import remember_message
from bot.surveys.timeline import BATCH, advance_due
from bot.wiring import Wiring, at_lead
from storage.db import Tx
from storage.models import Customer
from storage.states import Purpose

# Invitations queued ahead of the sender, at most. Beyond that the survey tick waits for its next
# run: building an invitation costs the event loop ~2-3 ms, and 10,000 built at once (which
# then wait minutes for their turn at 30/s) kept customers' presses waiting 100 ms and more.
INVITE_AHEAD = 300


def install(w: Wiring) -> Surveys:
    design = Design.from_settings(w.settings, w.core.catalog)
    surveys = Surveys(SurveyConfig.from_settings(w.settings), w.core, design)
    w.when.sent[Purpose.SURVEY_MESSAGE] = remember_message
    w.while_leading(at_lead(partial(renormalize_stored_phones, w.db, surveys.config.phone_region)))
    w.provide("surveys", surveys)

    async def first_contact(tx: Tx, customer: Customer) -> None:
        """Purchases registered by their Telegram id waited for this: now we may write first."""
        await link_waiting_surveys(tx, surveys, customer)

    w.when.first_contact.connect(first_contact)
    w.jobs.add(surveys)
    w.every_tick(survey_tick)
    return surveys


@job
async def survey_tick(ctx: JobContext) -> None:
    """Invite, remind and expire whatever surveys are due (deadlines live in the surveys table)."""
    db, surveys, sender = ctx.db, ctx[Surveys], ctx[Sender]
    while ctx.running:
        if sender.pacer.queued >= INVITE_AHEAD:
            return  # the sender has enough to do; the next tick goes on
        async with db.transaction() as tx:
            moved = await advance_due(tx, surveys)
        if moved < BATCH:
            return
