"""APScheduler jobs: module-level functions that take only ids and re-read state from the DB.

A job finds the running application through `REGISTRY`, keyed by an id the app registers at
start; no live object is ever stored inside a job.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from storage.db import Database

log = logging.getLogger(__name__)

INBOX_KEEP_SECONDS = 7 * 86400


class JobContext(Protocol):
    db: Database


REGISTRY: dict[str, JobContext] = {}


async def prune_inbox(app_id: str) -> None:
    """Forget processed updates after a week; their effects live in the other tables."""
    app = REGISTRY.get(app_id)
    if app is None:
        return
    async with app.db.transaction() as tx:
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
