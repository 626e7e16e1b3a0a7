"""APScheduler jobs: module-level functions that re-read the database on every run.

As arq's jobs take its `ctx`, ours take a `JobContext` first: filled once while the app is
built (the database, liveness, and what each feature's jobs work with, found by its class:
`ctx[Complaints]`), it also says whether the app still runs (a job that loops stops when it
does not). A job's own arguments are ids and plain values, never live objects: a feature adds
its context to the jobs' (`w.jobs.add(...)`) and schedules its jobs (`Wiring.every_tick`,
`Wiring.cron`) when it installs itself.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.faults import log_failure
from bot.liveness import Beat, Liveness
from storage.db import Database
from storage.timefmt import to_db

log = logging.getLogger(__name__)

INBOX_KEEP_SECONDS = 7 * 86400

T = TypeVar("T")
Plain = int | float | str  # what a job is scheduled with besides its context


@dataclass
class JobContext:
    """What every job of one app runs with. `running` is true while the app leads: a job
    still running when the app stops sees it false and returns."""

    db: Database
    liveness: Liveness
    running: bool = False
    _parts: dict[type, object] = field(default_factory=dict, init=False, repr=False)

    def add(self, part: object) -> None:
        """What a feature's jobs work with (its context), found by its class; one of each."""
        kind = type(part)
        if kind in self._parts:
            raise ValueError(f"the jobs have a {kind.__name__} already")
        self._parts[kind] = part

    def __getitem__(self, kind: type[T]) -> T:
        part = self._parts.get(kind)
        if not isinstance(part, kind):
            raise LookupError(f"no {kind.__name__} was added to the jobs' context")
        return part

    def beat_of(self, func: Callable[..., object]) -> Beat | None:
        """The job's beat, if it has one (ticks do)."""
        return self.liveness.beats.get(beat_name(func))


JobFunc = Callable[..., Awaitable[None]]  # (JobContext, ids and plain values...) -> None


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


def prune_every(retention: float) -> float:
    """How often the job that applies DATA_RETENTION runs: hourly, or twice per retention
    when that is shorter."""
    return min(3600.0, max(1.0, retention / 2))


@job
async def prune_old_data(ctx: JobContext, retention: float) -> None:
    """Delivered messages, handled updates, events no receiver still awaits and mail (sent or
    not: an address is personal data), older than
    DATA_RETENTION (`retention` seconds), go (handled updates after a week at most: their
    effects live in the other tables); then SQLite's file gives the space back. Queue times
    are real time, so the cutoff is too."""
    now, db = time.time(), ctx.db
    async with db.transaction() as tx:
        messages = await tx.outbox.prune(now - retention)
        updates = await tx.inbox.prune(now - min(retention, INBOX_KEEP_SECONDS))
        await tx.dashboard.prune(tx.clock() - timedelta(days=1))  # sign-ins over a day ago
        events = await tx.events.prune(now - retention)  # none a receiver awaits
        await tx.mail.prune(now - retention)  # addresses are personal data, sent or not
        # and so is where a complaint's page emails news, once it is closed that long
        await tx.conversations.forget_addresses(to_db(tx.clock() - timedelta(seconds=retention)))
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
