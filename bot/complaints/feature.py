"""The complaints feature: unhappy answers and messages become tracked complaints.

Installs: its config (`complaints`) and the staff directory (`staff`) for handlers; the survey
listener that opens a complaint on a low score; the result hooks that remember where a card,
a topic or a relayed message landed (and report what Telegram refused); the tick that posts
due cards, fires SLA steps and rounds up floods.
Handlers: handlers/staff/complaints.py (the staff chat), handlers/customer/complaint.py.
"""

from __future__ import annotations

from functools import partial

from bot.complaints import access, corrective, ladder, moved, posting, relay, topics
from bot.complaints.config import ComplaintConfig
from bot.complaints.opening import on_survey_change
from bot.complaints.staff import StaffDirectory
from bot.jobs import find, job
from bot.surveys.config import SurveyConfig
from bot.wiring import Wiring
from storage.db import Database
from storage.states import Purpose


def install(w: Wiring, surveys: SurveyConfig) -> ComplaintConfig:
    complaints = ComplaintConfig.from_settings(w.settings, surveys)
    surveys.listeners.append(partial(on_survey_change, complaints))
    hooks, failed = w.sender.hooks, w.sender.failure_hooks
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
    w.chat_events.listeners.append(partial(moved.on_chat_moved, complaints))
    w.chat_events.refusal_listeners.append(partial(access.on_refused, complaints))
    reopened: set[tuple[int, int]] = set()  # topics this process reopened once
    w.chat_events.thread_listeners.append(partial(topics.on_thread_refused, complaints, reopened))
    w.every_tick(complaint_tick)
    return complaints


@job
async def complaint_tick(app_id: str) -> None:
    """Post due cards (coalesced in a storm), fire due SLA steps (each exactly once) and round
    up what flooding customers wrote."""
    while (db := find(app_id, Database)) and (complaints := find(app_id, ComplaintConfig)):
        async with db.transaction() as tx:
            posted = await posting.post_due(tx, complaints)
            fired = await ladder.fire_due(tx, complaints)
            rounded = await relay.roundup_due(tx, complaints)
        if posted < posting.BATCH and fired < ladder.BATCH and rounded < relay.ROUNDUP_BATCH:
            return
