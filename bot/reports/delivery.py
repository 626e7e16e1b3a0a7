"""Scheduled and on-demand digests queued in the outbox: text first, then the chart.

The numbers are read in a read transaction and the chart is drawn in a worker thread, so a
digest never holds the write lock or the event loop while it computes; only queuing it takes a
(short) write transaction. A scheduled digest claims its period in `digests_sent` in the
transaction that queues it, so it goes out once per period: at its cron time, or right after a
start that found it missed. Periods that ended before the bot first ran are not caught up
(nobody expects last month's digest from a bot installed today).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile

from bot.complaints.listing import open_list
from bot.complaints.sla import late_at
from bot.i18n import TEXT_LIMIT, clip
from bot.outbox.service import Priority
from bot.reports.config import Reports
from bot.reports.digest import Digest, build_digest, worth_a_chart
from bot.reports.periods import last_period
from bot.reports.render import render_digest
from bot.reports.team import team_lines
from storage.db import Database, Tx
from storage.timefmt import from_db, to_db

log = logging.getLogger(__name__)

FIRST_RUN = "digests_from"


@dataclass(frozen=True)
class Rendered:
    """A digest ready to queue."""

    text: str
    chart: bytes | None  # None: no answers to draw
    end: datetime
    team: tuple[str, ...] = ()  # per-person lines, for owners' own chats only

    def text_for(self, chat: int, owners: list[int]) -> str:
        if chat not in owners or not self.team:
            return self.text
        return clip("\n".join([self.text, *self.team]), TEXT_LIMIT)


async def prepare(
    db: Database,
    reports: Reports,
    start: datetime,
    end: datetime,
    title: str,
    branch: str | None = None,
) -> Rendered:
    config = reports.config
    async with db.read() as tx:
        now = reports.core.now()
        digest = await build_digest(tx, start, end, now, config.tz, branch, hours=config.hours)
    chart = None
    if worth_a_chart(digest):
        chart = await asyncio.to_thread(_draw, digest, reports)
    text = render_digest(reports.staff_t, digest, reports.config.tz, title)
    return Rendered(text, chart, end, tuple(team_lines(reports.staff_t, digest.team)))


async def queue(tx: Tx, reports: Reports, chats: list[int], digest: Rendered) -> None:
    for chat in chats:
        await reports.core.outbox.send(
            tx,
            SendMessage(chat_id=chat, text=digest.text_for(chat, reports.core.roles.owners)),
            priority=Priority.NORMAL,
        )
        if digest.chart is None:
            continue
        photo = BufferedInputFile(digest.chart, filename=f"nps-{digest.end:%Y-%m-%d}.png")
        await reports.core.outbox.send(
            tx, SendPhoto(chat_id=chat, photo=photo), priority=Priority.NORMAL
        )


async def _due_period(
    db: Database, reports: Reports, kind: str, cron: str
) -> tuple[datetime, datetime] | None:
    async with db.transaction() as tx:
        period = await due_period(tx, FIRST_RUN, cron, reports.config.tz, reports.core.now())
        if period is None or await tx.stats.digest_sent(kind, period):
            return None
    return period


async def due_period(
    tx: Tx, first_run: str, cron: str, tz: ZoneInfo, now: datetime
) -> tuple[datetime, datetime] | None:
    """The latest period of `cron` (previous fire, latest fire ≤ now), unless it ended before
    the first run this kv key remembers (set now when missing): nobody expects last month's
    digest, or last month's staff pulse, from a bot installed or switched on today."""
    since = from_db(await tx.kv.get(first_run))
    if since is None:
        await tx.kv.set(first_run, to_db(now))
        since = now
    period = last_period(cron, tz, now)
    return None if period is None or period[1] <= since else period


async def send_weekly(db: Database, reports: Reports) -> bool:
    period = await _due_period(db, reports, "weekly", reports.config.weekly_cron)
    if period is None:
        return False
    chats = reports.digest_recipients
    start, end = period
    rendered = await prepare(db, reports, start, end, "weekly") if chats else None
    async with db.transaction() as tx:
        if not await tx.stats.claim_digest("weekly", start, end, reports.core.now()):
            return False  # another run got there first
        if rendered is None:
            log.warning("weekly digest: no OWNER_IDS or DIGEST_CHAT_ID to send it to")
            return False
        await queue(tx, reports, chats, rendered)
    log.info("weekly digest for %s..%s queued to %d chats", start, end, len(chats))
    return True


async def send_daily(db: Database, reports: Reports) -> bool:
    period = await _due_period(db, reports, "daily", reports.config.daily_cron)
    if period is None:
        return False
    start, end = period
    async with db.transaction() as tx:
        if not await tx.stats.claim_digest("daily", start, end, reports.core.now()):
            return False
        text = await daily_text(tx, reports)
        await reports.core.outbox.send(
            tx,
            SendMessage(chat_id=reports.staff_chat_id, text=text, parse_mode="HTML"),
            priority=Priority.NORMAL,
        )
    return True


async def daily_text(tx: Tx, reports: Reports) -> str:
    """Open and overdue complaints and who holds what, for the staff chat."""
    active, overdue = await tx.complaints.active_counts(late_at(reports.core.now()))
    title = reports.staff_t("digest.daily.title", open=active, overdue=overdue)
    return await open_list(tx, reports.complaints, None, header=title)


def _draw(digest: Digest, reports: Reports) -> bytes:
    """In a worker thread: matplotlib (~0.7 s and ~40 MB to import) is loaded by the first
    chart, not at start, and not on the event loop."""
    from bot.reports.chart import render_chart

    return render_chart(digest, reports.config.tz, reports.staff_t)
