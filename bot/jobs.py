"""APScheduler jobs: module-level functions that take only the app's id and re-read the DB.

A job finds what it needs of the running app with `find(app_id, Type)`: the app registers its
services at start and removes them at stop, so no live object is ever stored inside a job. A
feature schedules its own jobs when it installs itself (`Wiring.every`, `Wiring.cron`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.faults import log_failure
from bot.liveness import Beat, Liveness
from storage.db import Database

log = logging.getLogger(__name__)

INBOX_KEEP_SECONDS = 7 * 86400

T = TypeVar("T")
JobFunc = Callable[[str], Awaitable[None]]

# app id -> its services by type; an app that stops is removed, and its jobs find nothing.
REGISTRY: dict[str, dict[type, object]] = {}


def register(app_id: str, services: Iterable[object]) -> None:
    REGISTRY[app_id] = {type(service): service for service in services}


def unregister(app_id: str) -> None:
    REGISTRY.pop(app_id, None)


def find(app_id: str, kind: type[T]) -> T | None:
    """The running app's service of this type; None once the app is stopping."""
    found = REGISTRY.get(app_id, {}).get(kind)
    return found if isinstance(found, kind) else None


def beat_name(func: Callable[..., object]) -> str:
    return func.__name__.replace("_", "-")


def _beat(app_id: str, func: JobFunc) -> Beat | None:
    """The job's beat in the running app, if it has one (interval jobs do)."""
    liveness = find(app_id, Liveness)
    return liveness.beats.get(beat_name(func)) if liveness is not None else None


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
        except Exception as exc:  # noqa: BLE001 (log_failure logs it; the schedule runs it again)
            previous = None
            if (beat := _beat(app_id, func)) is not None:
                previous = beat.error
                beat.failed(exc)
            log_failure(log, exc, previous, "%s failed, it runs again", func.__name__)
            return
        if (beat := _beat(app_id, func)) is not None:
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
async def prune_old_data(app_id: str) -> None:
    """Delivered messages and handled updates older than DATA_RETENTION go (handled updates
    after a week at most: their effects live in the other tables); then SQLite's file gives
    the space back. Queue times are real time, so the cutoff is too."""
    db, retention = find(app_id, Database), find(app_id, Retention)
    if db is None or retention is None:
        return
    now = time.time()
    async with db.transaction() as tx:
        messages = await tx.outbox.prune(now - retention.seconds)
        updates = await tx.inbox.prune(now - min(retention.seconds, INBOX_KEEP_SECONDS))
    pages = await db.reclaim_space() if messages or updates else 0
    if messages or updates:
        log.info(
            "retention: %d sent messages and %d handled updates pruned, %d pages freed",
            messages,
            updates,
            pages,
        )


def build_scheduler(app_id: str, timezone: str, retention: Retention) -> AsyncIOScheduler:
    """Jobs come from the database at start; a missed run is coalesced into one, never lost."""
    scheduler = AsyncIOScheduler(
        timezone=timezone, job_defaults={"coalesce": True, "misfire_grace_time": None}
    )
    scheduler.add_job(
        prune_old_data,
        "interval",
        seconds=retention.every,
        args=[app_id],
        id="prune-old-data",
        replace_existing=True,
        max_instances=1,
        next_run_time=datetime.now(UTC),  # at start too
    )
    return scheduler
