"""The surveys feature: purchases become invitations, answers become scores.

Installs: its config (`surveys` for handlers), the result hook that remembers each survey
message (to edit it at the next step), and the tick that invites, reminds and expires.
Handlers: handlers/customer/start.py (receipt links, phone), handlers/customer/survey.py.
"""

from __future__ import annotations

from functools import partial

from bot.jobs import find, job
from bot.outbox.sender import Sender
from bot.surveys.config import SurveyConfig
from bot.surveys.phones import renormalize_stored_phones
from bot.surveys.steps import remember_message
from bot.surveys.timeline import BATCH, advance_due
from bot.wiring import Wiring
from storage.db import Database
from storage.states import Purpose

# Invitations queued ahead of the sender, at most. Beyond that the survey tick waits for its next
# run: building an invitation costs the event loop ~2-3 ms, and 10,000 built at once (which
# then wait minutes for their turn at 30/s) kept customers' presses waiting 100 ms and more.
INVITE_AHEAD = 300


def install(w: Wiring) -> SurveyConfig:
    surveys = SurveyConfig.from_settings(w.settings, w.catalog, w.outbox, w.learned, w.clock)
    w.sender.hooks[Purpose.SURVEY_MESSAGE] = remember_message
    w.on_start.append(partial(renormalize_stored_phones, w.db, surveys.phone_region))
    w.provide("surveys", surveys)
    w.every_tick(survey_tick)
    return surveys


@job
async def survey_tick(app_id: str) -> None:
    """Invite, remind and expire whatever surveys are due (deadlines live in the surveys table)."""
    while (
        (db := find(app_id, Database))
        and (surveys := find(app_id, SurveyConfig))
        and (sender := find(app_id, Sender))
    ):  # gone: the app is stopping
        if sender.pacer.queued >= INVITE_AHEAD:
            return  # the sender has enough to do; the next tick goes on
        async with db.transaction() as tx:
            moved = await advance_due(tx, surveys)
        if moved < BATCH:
            return
