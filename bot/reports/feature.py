"""The reports feature: the weekly digest and daily brief for owners, and reports on request.

Installs: its config (`reports`) and the on-demand builder (`ondemand`) for handlers; the
digest and brief at their crontab times (and once at start, to catch up a missed one).
Handlers: handlers/owner/reports.py.
"""

from __future__ import annotations

from functools import partial

from bot.complaints.config import Complaints
from bot.jobs import JobContext, job
from bot.reports import delivery
from bot.reports.config import ReportConfig, Reports
from bot.reports.ondemand import OnDemand
from bot.wiring import Wiring
from storage.db import Tx
from storage.states import Purpose


def install(w: Wiring, complaints: Complaints) -> Reports:
    config = ReportConfig.from_settings(w.settings)
    reports = Reports(config, w.core, complaints)
    ondemand = OnDemand(w.db, reports)
    w.while_leading(ondemand.running)
    w.provide("reports", reports)
    w.provide("ondemand", ondemand)
    w.when.sent[Purpose.REPORT_NOTICE] = ondemand.on_notice_sent
    w.when.chat_moved.connect(partial(on_chat_moved, reports))
    w.jobs.add(reports)
    w.cron("weekly-digest", reports.config.weekly_cron, weekly_digest)
    w.cron("daily-digest", reports.config.daily_cron, daily_brief)
    return reports


@job
async def weekly_digest(ctx: JobContext) -> None:
    """At WEEKLY_DIGEST_CRON, and once at start (a digest missed while down goes out then)."""
    await delivery.send_weekly(ctx.db, ctx[Reports])


@job
async def daily_brief(ctx: JobContext) -> None:
    """At DAILY_DIGEST_CRON, and once at start, like the weekly digest."""
    await delivery.send_daily(ctx.db, ctx[Reports])


async def on_chat_moved(reports: Reports, tx: Tx, old: int, new: int) -> None:
    """The digest chat was upgraded by Telegram: digests follow it; the owners are told."""
    setting, learned = reports.config.digest_chat_setting, reports.core.learned
    if setting is None or old not in learned.chain(setting):
        return
    if old in learned.chain(reports.complaints.config.staff_chat_setting):
        return  # the staff chat's own notice told them
    text = reports.staff_t("chat.moved.digest", old=str(old), new=str(new))
    await reports.core.outbox.to_each(tx, reports.core.roles.owners, text)
