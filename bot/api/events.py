"""GET /api/v1/events?since=ID&limit=N: the events EVENTS_URL receives, for those who pull
(oldest first; `next_since` continues, null when there is nothing more yet)."""

from __future__ import annotations

from typing import Any

from bot.api.http import Handler
from bot.api.stats import paged
from storage.db import Database, Tx


def events_handler(db: Database) -> Handler:
    async def read(tx: Tx, since: int, limit: int) -> list[dict[str, Any]]:
        return [event.envelope() for event in await tx.events.since(since, limit)]

    return paged(db, "events", read)
