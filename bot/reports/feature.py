"""The reports feature: the weekly digest and daily brief for owners, and reports on request.

Installs: its config (`reports`) and the on-demand builder (`ondemand`) for handlers; the
digest and brief at their crontab times (and once at start, to catch up a missed one).
Handlers: handlers/owner/reports.py.
"""

from __future__ import annotations

from bot.complaints.config import ComplaintConfig
from bot.jobs import find, job
from bot.reports import delivery
from bot.reports.config import ReportConfig
from bot.reports.ondemand import OnDemand
from bot.wiring import Wiring
from storage.db import Database


def install(w: Wiring, complaints: ComplaintConfig) -> ReportConfig:
    reports = ReportConfig.from_settings(w.settings, complaints)
    ondemand = OnDemand(w.db, reports)
    w.on_start.append(ondemand.start)  # what the previous process left pending
    w.on_stop.append(ondemand.stop)
    w.provide("reports", reports)
    w.provide("ondemand", ondemand)
    w.cron("weekly-digest", reports.weekly_cron, weekly_digest)
    w.cron("daily-digest", reports.daily_cron, daily_brief)
    return reports


@job
async def weekly_digest(app_id: str) -> None:
    """At WEEKLY_DIGEST_CRON, and once at start (a digest missed while down goes out then)."""
    if (db := find(app_id, Database)) and (reports := find(app_id, ReportConfig)):
        await delivery.send_weekly(db, reports)


@job
async def daily_brief(app_id: str) -> None:
    """At DAILY_DIGEST_CRON, and once at start, like the weekly digest."""
    if (db := find(app_id, Database)) and (reports := find(app_id, ReportConfig)):
        await delivery.send_daily(db, reports)
