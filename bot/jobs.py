"""APScheduler jobs: module-level functions that re-read the database on every run.

A job is scheduled with what it works on (`Wiring.every_tick`, `Wiring.cron`) and runs with a
`JobContext` first: whether the app still runs (a job that loops stops when it does not) and
where its beat is. A feature schedules its own jobs when it installs itself.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.faults import log_failure
from bot.liveness import Beat, Liveness
from storage.db import Database

log = logging.getLogger(__name__)

INBOX_KEEP_SECONDS = 7 * 86400


@dataclass
class JobContext:
    """What every job of one app runs with. `running` is true while the app leads: a job
    still running when the app stops sees it false and returns."""

    liveness: Liveness
    running: bool = False

    def beat_of(self, func: Callable[..., object]) -> Beat | None:
        """The job's beat, if it has one (ticks do)."""
        return self.liveness.beats.get(beat_name(func))


JobFunc = Callable[..., Awaitable[None]]  # (JobContext, what it works on...) -> None


def beat_name(func: Callable[..., object]) -> str:
    return func.__name__.replace("_", "-")


def job(func: JobFunc) -> JobFunc:
    """A job cancelled because the app stops has nothing left to do: its transaction rolled
    back, and the database still says what is due, so the next start picks it up. A job that
    fails (a locked database) runs again at its next time; its beat, if it has one, says so."""

    @functools.wraps(func)
    async def run(ctx: JobContext, *args: Any) -> None:
        if not ctx.running:
            return
        beat = ctx.beat_of(func)
        try:
            await func(ctx, *args)
        except asyncio.CancelledError:
            log.info("%s interrupted by shutdown; it resumes at the next start", func.__name__)
            return
        except Exception as exc:  # noqa: BLE001 (log_failure logs it; the schedule runs it again)
            previous = None
            if beat is not None:
                previous = beat.error
                beat.failed(exc)
            log_failure(log, exc, previous, "%s failed, it runs again", func.__name__)
            return
        if beat is not None:
            beat.ok()

    return run


@dataclass(frozen=True)
class Retention:
    """DATA_RETENTION, for the job that applies it."""

    seconds: float

    @property
    def every(self) -> float:
        """How often the job runs: hourly, or twice per retention when that is shorter."""
        return min(3600.0, max(1.0, self.seconds / 2))


@job
async def prune_old_data(_: JobContext, db: Database, retention: Retention) -> None:
    """Delivered messages, handled updates and events no receiver still awaits, older than
    DATA_RETENTION, go (handled updates after a week at most: their effects live in the other
    tables); then SQLite's file gives the space back. Queue times are real time, so the cutoff
    is too."""
    now = time.time()
    async with db.transaction() as tx:
        messages = await tx.outbox.prune(now - retention.seconds)
        updates = await tx.inbox.prune(now - min(retention.seconds, INBOX_KEEP_SECONDS))
        await tx.dashboard.prune(tx.clock() - timedelta(days=1))  # sign-ins over a day ago
        events = await tx.events.prune(now - retention.seconds)  # none a receiver awaits
    pages = await db.reclaim_space() if messages or updates or events else 0
    if messages or updates or events:
        log.info(
            "retention: %d sent messages, %d handled updates and %d events pruned, %d pages freed",
            messages,
            updates,
            events,
            pages,
        )


def build_scheduler(timezone: str) -> AsyncIOScheduler:
    """Jobs come from the database at start; a missed run is coalesced into one, never lost."""
    return AsyncIOScheduler(
        timezone=timezone, job_defaults={"coalesce": True, "misfire_grace_time": None}
    )


def at_start() -> datetime:
    """A job's first run: at start, to catch up what is due."""
    return datetime.now(UTC)
