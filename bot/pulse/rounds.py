"""A pulse round: at STAFF_PULSE_CRON (and once at start, for a round missed while down), every
staff member who has started the bot in private is asked, once per round.

Staff: STAFF_IDS, MANAGER_IDS, and everyone seen acting in the staff chat as a member. The round
is claimed in `digests_sent` in the transaction that queues the questions, as digests are.
Rounds that fired before the pulse was first switched on are not caught up."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.pulse.callbacks import PulsePress
from bot.pulse.config import Pulse
from bot.reports.delivery import due_period
from bot.reports.metrics import PULSE_MIN_ANSWERS
from storage.db import Database, Tx
from storage.models import Customer

log = logging.getLogger(__name__)

FIRST_RUN = "pulse_from"
KIND = "staff_pulse"


async def send_round(db: Database, pulse: Pulse) -> int:
    """Ask everyone due in the latest round; how many were asked now."""
    now = pulse.core.now()
    async with db.transaction() as tx:
        period = await due_period(tx, FIRST_RUN, pulse.config.cron, pulse.config.tz, now)
        if period is None:
            return 0
        start = period[1]
        if not await tx.stats.claim_digest(KIND, start, start, now):
            return 0  # asked already (or by another instance)
        asked = await ask_round(tx, pulse, start)
    log.info("staff pulse of %s: %d asked", start, asked)
    return asked


async def ask_round(tx: Tx, pulse: Pulse, start: datetime) -> int:
    """Ask every staff member not yet asked in the round starting at `start`."""
    asked = 0
    for person in await recipients(tx, pulse):
        if await tx.pulse.ask(start, _user(person)):
            await question(tx, pulse, person, start)
            asked += 1
    return asked


def _user(person: Customer) -> int:
    assert person.telegram_id is not None
    return person.telegram_id


async def recipients(tx: Tx, pulse: Pulse) -> list[Customer]:
    """Staff who started the bot in private and can be written to."""
    roles = pulse.core.roles  # STAFF_IDS and MANAGER_IDS; also those seen working
    people = dict.fromkeys([*roles.staff, *roles.managers, *await tx.pulse.staff_seen()])
    found = []
    for user_id in people:
        person = await tx.customers.by_telegram_id(user_id)
        if (
            person is not None
            and person.started_at is not None
            and person.forgotten_at is None
            and person.unreachable_at is None
            and person.opted_out_at is None
        ):
            found.append(person)
    return found


async def question(tx: Tx, pulse: Pulse, person: Customer, start: datetime) -> None:
    t = pulse.core.translator(person)
    await pulse.core.outbox.send(
        tx,
        SendMessage(
            chat_id=_user(person),
            text=t("pulse.question", minimum=PULSE_MIN_ANSWERS),
            reply_markup=score_buttons(t, start),
        ),
    )


def score_buttons(t: Translator, start: datetime) -> InlineKeyboardMarkup:
    stamp = int(start.astimezone(UTC).timestamp())

    def button(score: int) -> InlineKeyboardButton:
        data = PulsePress(round=stamp, score=score).pack()
        return InlineKeyboardButton(text=str(score), callback_data=data)

    return InlineKeyboardMarkup(
        inline_keyboard=[[button(n) for n in range(6)], [button(n) for n in range(6, 11)]]
    )
