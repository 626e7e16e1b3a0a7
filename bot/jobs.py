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


@job
async def prune_inbox(app_id: str) -> None:
    """Forget processed updates after a week; their effects live in the other tables."""
    db = find(app_id, Database)
    if db is None:
        return
    async with db.transaction() as tx:
        removed = await tx.inbox.prune(time.time() - INBOX_KEEP_SECONDS)
    if removed:
        log.info("pruned %d processed updates", removed)


def build_scheduler(app_id: str, timezone: str) -> AsyncIOScheduler:
    """Jobs come from the database at start; a missed run is coalesced into one, never lost."""
    scheduler = AsyncIOScheduler(
        timezone=timezone, job_defaults={"coalesce": True, "misfire_grace_time": None}
    )
    scheduler.add_job(
        prune_inbox, "interval", hours=1, args=[app_id], id="prune-inbox", replace_existing=True
    )
    return scheduler
