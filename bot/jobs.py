"""APScheduler jobs: module-level functions that take only ids and re-read state from the DB.

A job finds the running application through `REGISTRY`, keyed by an id the app registers at
start; no live object is ever stored inside a job.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.complaints import ladder, posting, relay
from bot.complaints.config import ComplaintConfig
from bot.liveness import Beat, Liveness
from bot.reports import delivery
from bot.reports.config import ReportConfig
from bot.surveys.config import SurveyConfig
from bot.surveys.timeline import BATCH, advance_due
from storage.db import Database

log = logging.getLogger(__name__)

INBOX_KEEP_SECONDS = 7 * 86400


# Invitations queued ahead of the sender, at most. Beyond that the survey tick waits for its next
# run: building an invitation costs the event loop ~2-3 ms, and 10,000 built at once (which
# then wait minutes for their turn at 30/s) kept customers' presses waiting 100 ms and more.
INVITE_AHEAD = 300


class Backlog(Protocol):
    @property
    def queued(self) -> int: ...


class JobContext(Protocol):
    db: Database
    surveys: SurveyConfig
    complaints: ComplaintConfig
    reports: ReportConfig
    liveness: Liveness

    @property
    def sender(self) -> Backlog: ...


REGISTRY: dict[str, JobContext] = {}


JobFunc = Callable[[str], Awaitable[None]]


def beat_name(func: Callable[..., object]) -> str:
    return func.__name__.replace("_", "-")


def _beat(app_id: str, func: JobFunc) -> Beat | None:
    """The job's beat in the running app, if it has one (interval jobs do)."""
    app = REGISTRY.get(app_id)
    return app.liveness.beats.get(beat_name(func)) if app is not None else None


def job(func: JobFunc) -> JobFunc:
    """A job cancelled because the app stops has nothing left to do: its transaction rolled
    back, and the database still says what is due, so the next start picks it up. A job that
    fails (a locked database) runs again at its next time; its beat, if it has one, says so."""

    @functools.wraps(func)
    async def run(app_id: str) -> None:
        try:
            await func(app_id)
        except asyncio.CancelledError:
            log.info("%s interrupted by shutdown; it resumes at the next start", func.__name__)
            return
        except Exception as exc:  # logged; the schedule runs it again
            if (beat := _beat(app_id, func)) is not None:
                beat.failed(exc)
            log.error("%s failed (%s); it runs again", func.__name__, type(exc).__name__,
                      exc_info=True)  # fmt: skip
            return
        if (beat := _beat(app_id, func)) is not None:
            beat.ok()

    return run


@job
async def prune_inbox(app_id: str) -> None:
    """Forget processed updates after a week; their effects live in the other tables."""
    app = REGISTRY.get(app_id)
    if app is None:
        return
    async with app.db.transaction() as tx:
        removed = await tx.inbox.prune(time.time() - INBOX_KEEP_SECONDS)
    if removed:
        log.info("pruned %d processed updates", removed)


@job
async def survey_tick(app_id: str) -> None:
    """Invite, remind and expire whatever surveys are due (deadlines live in the surveys table)."""
    while (app := REGISTRY.get(app_id)) is not None:  # gone: the app is stopping
        if app.sender.queued >= INVITE_AHEAD:
            return  # the sender has enough to do; the next tick goes on
        async with app.db.transaction() as tx:
            moved = await advance_due(tx, app.surveys)
        if moved < BATCH:
            return


@job
async def complaint_tick(app_id: str) -> None:
    """Post due cards (coalesced in a storm), fire due SLA steps (each exactly once) and round
    up what flooding customers wrote."""
    while (app := REGISTRY.get(app_id)) is not None:
        async with app.db.transaction() as tx:
            posted = await posting.post_due(tx, app.complaints)
            fired = await ladder.fire_due(tx, app.complaints)
            rounded = await relay.roundup_due(tx, app.complaints)
        if posted < posting.BATCH and fired < ladder.BATCH and rounded < relay.ROUNDUP_BATCH:
            return


@job
async def weekly_digest(app_id: str) -> None:
    """At WEEKLY_DIGEST_CRON, and once at start (a digest missed while down goes out then)."""
    app = REGISTRY.get(app_id)
    if app is not None:
        await delivery.send_weekly(app.db, app.reports)


@job
async def daily_brief(app_id: str) -> None:
    """At DAILY_DIGEST_CRON, and once at start, like the weekly digest."""
    app = REGISTRY.get(app_id)
    if app is not None:
        await delivery.send_daily(app.db, app.reports)


def build_scheduler(
    app_id: str,
    timezone: str,
    tick_seconds: float = 5.0,
    weekly_cron: str = "0 9 * * mon",
    daily_cron: str = "0 9 * * *",
) -> AsyncIOScheduler:
    """Jobs come from the database at start; a missed run is coalesced into one, never lost."""
    scheduler = AsyncIOScheduler(
        timezone=timezone, job_defaults={"coalesce": True, "misfire_grace_time": None}
    )
    scheduler.add_job(
        prune_inbox, "interval", hours=1, args=[app_id], id="prune-inbox", replace_existing=True
    )
    # One short periodic job instead of a date job per survey: a date job due while the process
    # was down would be dropped (misfire), while this one picks up everything overdue at start.
    scheduler.add_job(
        survey_tick,
        "interval",
        seconds=tick_seconds,
        args=[app_id],
        id="survey-tick",
        replace_existing=True,
        max_instances=1,
        next_run_time=datetime.now(UTC),
    )
    scheduler.add_job(
        complaint_tick,
        "interval",
        seconds=tick_seconds,
        args=[app_id],
        id="complaint-tick",
        replace_existing=True,
        max_instances=1,
        next_run_time=datetime.now(UTC),
    )
    # Cron jobs for punctuality; the period and "sent once" live in digests_sent, so the run
    # at start (next_run_time) catches up a missed one and a second run finds nothing to do.
    for func, cron, name in (
        (weekly_digest, weekly_cron, "weekly"),
        (daily_brief, daily_cron, "daily"),
    ):
        scheduler.add_job(
            func,
            CronTrigger.from_crontab(cron, timezone=timezone),
            args=[app_id],
            id=f"{name}-digest",
            replace_existing=True,
            max_instances=1,
            next_run_time=datetime.now(UTC),
        )
    return scheduler
