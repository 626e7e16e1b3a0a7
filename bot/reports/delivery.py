"""Scheduled and on-demand digests queued in the outbox: text first, then the chart.

A scheduled digest claims its period in `digests_sent` in the transaction that queues it, so it
goes out once per period: at its cron time, or right after a start that found it missed.
Periods that ended before the bot first ran are not caught up (nobody expects last month's
digest from a bot installed today).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile

from bot.complaints.listing import open_list
from bot.outbox.service import Priority
from bot.reports.chart import render_chart
from bot.reports.config import ReportConfig
from bot.reports.digest import build_digest
from bot.reports.periods import last_period
from bot.reports.render import render_digest
from storage.db import Tx
from storage.timefmt import from_db, to_db

log = logging.getLogger(__name__)

FIRST_RUN = "digests_from"


async def queue_digest(
    tx: Tx,
    cfg: ReportConfig,
    chats: list[int],
    start: datetime,
    end: datetime,
    title: str,
    branch: str | None = None,
) -> None:
    digest = await build_digest(tx, start, end, cfg.now(), branch)
    text = render_digest(cfg.st, digest, cfg.tz, title)
    chart = render_chart(digest, cfg.tz)
    for chat in chats:
        await cfg.outbox.send(tx, SendMessage(chat_id=chat, text=text), priority=Priority.NORMAL)
        photo = BufferedInputFile(chart, filename=f"nps-{end:%Y-%m-%d}.png")
        await cfg.outbox.send(tx, SendPhoto(chat_id=chat, photo=photo), priority=Priority.NORMAL)


async def _due_period(tx: Tx, cfg: ReportConfig, cron: str) -> tuple[datetime, datetime] | None:
    now = cfg.now()
    since = from_db(await tx.kv.get(FIRST_RUN))
    if since is None:
        await tx.kv.set(FIRST_RUN, to_db(now))
        since = now
    period = last_period(cron, cfg.tz, now)
    if period is None or period[1] <= since:
        return None
    return period


async def send_weekly(tx: Tx, cfg: ReportConfig) -> bool:
    period = await _due_period(tx, cfg, cfg.weekly_cron)
    if period is None:
        return False
    start, end = period
    if not await tx.stats.claim_digest("weekly", to_db(start), to_db(end), to_db(cfg.now())):
        return False
    chats = cfg.digest_recipients
    if not chats:
        log.warning("weekly digest: no OWNER_IDS or DIGEST_CHAT_ID to send it to")
        return False
    await queue_digest(tx, cfg, chats, start, end, "weekly")
    log.info("weekly digest for %s..%s queued to %d chats", start, end, len(chats))
    return True


async def send_daily(tx: Tx, cfg: ReportConfig) -> bool:
    period = await _due_period(tx, cfg, cfg.daily_cron)
    if period is None:
        return False
    start, end = period
    if not await tx.stats.claim_digest("daily", to_db(start), to_db(end), to_db(cfg.now())):
        return False
    await cfg.outbox.send(
        tx,
        SendMessage(chat_id=cfg.staff_chat_id, text=await daily_text(tx, cfg), parse_mode="HTML"),
        priority=Priority.NORMAL,
    )
    return True


async def daily_text(tx: Tx, cfg: ReportConfig) -> str:
    """Open and overdue complaints and who holds what, for the staff chat."""
    active, overdue = await tx.complaints.active_counts(to_db(cfg.now()))
    title = cfg.st("digest.daily.title", open=active, overdue=overdue)
    return await open_list(tx, cfg.complaints, None, header=title)


def last_days(now: datetime, days: int = 7) -> tuple[datetime, datetime]:
    return now - timedelta(days=days), now
