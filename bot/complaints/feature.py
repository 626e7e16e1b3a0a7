"""The complaints feature: unhappy answers and messages become tracked complaints.

Installs: its config (`complaints`) and the staff directory (`staff`) for handlers; the survey
listener that opens a complaint on a low score; the result hooks that remember where a card,
a topic or a relayed message landed (and report what Telegram refused); the tick that posts
due cards, fires SLA steps and rounds up floods; the search index of earlier complaints.
Handlers: handlers/staff/complaints.py (the staff chat), handlers/customer/complaint.py
(/complaint, "was it resolved?"), handlers/customer/words.py (thanks, words to an open
complaint or a new one).
"""

from __future__ import annotations

import logging
from functools import partial

from bot.complaints import (
    access,
    corrective,
    finding,
    ladder,
    moved,
    posting,
    relay,
    staffchat,
    topics,
)
from bot.complaints.config import ComplaintConfig, Complaints
from bot.complaints.opening import on_survey_change
from bot.complaints.staff import StaffDirectory
from bot.i18n import Catalog, duration
from bot.jobs import JobContext, job
from bot.settings import Settings
from bot.surveys.config import Surveys
from bot.wiring import Wiring, at_lead
from storage.db import Tx
from storage.states import Purpose

log = logging.getLogger(__name__)


def install(w: Wiring, surveys: Surveys) -> Complaints:
    complaints = Complaints(ComplaintConfig.from_settings(w.settings), w.core)
    when = w.when
    when.survey_changed.connect(partial(on_survey_change, complaints, surveys.design))
    when.survey_closing.append(partial(posting.closing_for, complaints))
    hooks, failed = when.sent, when.given_up
    hooks[Purpose.CARD] = partial(posting.on_card_sent, complaints)
    failed[Purpose.CARD] = partial(posting.on_card_failed, complaints)
    failed[Purpose.CARD_EDIT] = partial(posting.on_card_edit_failed, complaints)
    hooks[Purpose.TOPIC] = partial(posting.on_topic_created, complaints)
    failed[Purpose.TOPIC] = partial(posting.on_topic_failed, complaints)
    hooks[Purpose.STAFF_LINK] = partial(posting.on_staff_message, complaints)
    failed[Purpose.TO_CUSTOMER] = partial(relay.on_reply_failed, complaints)
    hooks[Purpose.CAUSE_QUESTION] = partial(corrective.on_question_sent, complaints)
    w.provide("complaints", complaints)
    w.provide("staff", StaffDirectory(w.bot, complaints))
    when.chat_moved.connect(partial(moved.on_chat_moved, complaints))
    when.chat_refused.connect(partial(access.on_refused, complaints))
    reopened: set[tuple[int, int]] = set()  # topics this process reopened once
    when.thread_refused.connect(partial(topics.on_thread_refused, complaints, reopened))

    async def load(tx: Tx) -> None:  # or one that removed the bot
        await access.load(tx, complaints)

    when.started.connect(load)
    w.while_leading(at_lead(partial(log_rules, w.settings, w.core.catalog)))
    when.connected.connect(partial(staffchat.check, w.bot, w.db, complaints, w.chat_events))
    w.jobs.add(complaints)
    w.every_tick(complaint_tick)
    w.every("search-index", 600, finding.index_earlier)
    return complaints


@job
async def complaint_tick(ctx: JobContext) -> None:
    """Post due cards (coalesced in a storm), fire due SLA steps (each exactly once) and round
    up what flooding customers wrote."""
    db, complaints = ctx.db, ctx[Complaints]
    while ctx.running:
        async with db.transaction() as tx:
            posted = await posting.post_due(tx, complaints)
            fired = await ladder.fire_due(tx, complaints)
            rounded = await relay.roundup_due(tx, complaints)
        if posted < posting.BATCH and fired < ladder.BATCH and rounded < relay.ROUNDUP_BATCH:
            return


async def log_rules(settings: Settings, catalog: Catalog) -> None:
    """At every start: the SLA in force, as an operator checks it."""
    rules, english = settings.rules, catalog.bind("en")
    counted = rules.business_hours
    log.info(
        "SLA: take within %s, resolve within %s, counted %s (%s)",
        duration(english, rules.sla_take.total_seconds()),  # never days: 24 business
        duration(english, rules.sla_resolve.total_seconds()),  # hours are not a day
        "round the clock" if counted.week is None else f"in business hours {counted}",
        settings.chats.timezone,
    )
