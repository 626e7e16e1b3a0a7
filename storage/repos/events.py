"""Events for other systems: written with the change each reports, then delivered to each
EVENTS_URL (a delivery row per event and URL) and served by pull.

Which event a change is and what it says is the features' (bot/complaints/events.py,
bot/events/responses.py), each written in the transaction of the change it reports; this
stores them, reads the facts they are built from, and keeps each receiver's delivery.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.repos.rows import FAILED_TRY, failed_try
from storage.sql import Conn
from storage.states import SurveyStatus
from storage.timefmt import to_db

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


@dataclass(frozen=True)
class Event:
    id: int
    type: str
    occurred_at: str
    data: dict[str, Any]

    def envelope(self) -> dict[str, Any]:
        """What a receiver gets: the POST body, and each item of the pull feed."""
        return {
            "id": self.id,
            "type": self.type,
            "occurred_at": self.occurred_at,
            "data": self.data,
        }


@dataclass(frozen=True)
class Delivery:
    event: Event
    url: str
    attempts: int
    created_at: float  # when the event was written (Unix time): retries stop 72 h after


@dataclass(frozen=True)
class Backlog:
    undelivered: int
    oldest_seconds: float  # age of the oldest undelivered event, 0 without one
    failed: int  # given up after 72 hours


@dataclass(frozen=True)
class ComplaintFacts:
    """A complaint as its events describe it: ids and figures, never what people wrote."""

    customer_id: int
    source: str
    segment: str | None
    taken_by: int | None
    assignee_id: int | None
    reopened: int
    satisfied: bool | None  # the customer's answer about the resolution, if any
    external_id: str | None  # the shop's own id of the customer
    order_id: str | None
    branch: str | None
    nps: int | None  # of the survey it came from


@dataclass(frozen=True)
class SurveyFacts:
    """A survey as its event describes it: scores and ids, never the comment itself."""

    status: SurveyStatus
    nps: int | None
    csat: int | None
    expectation: str | None
    branch: str | None
    segment: str | None
    commented: bool
    customer_id: int
    external_id: str | None
    order_id: str
    aspects: list[str]
    channel: str | None = None  # telegram or web: which answered it


def _event(row: Any) -> Event:
    return Event(int(row[0]), str(row[1]), str(row[2]), json.loads(row[3]))


class EventRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add(
        self,
        type_: str,
        at: datetime,
        data: dict[str, Any],
        *,
        complaint_id: int | None = None,
        customer_id: int | None = None,
        dedupe: str | None = None,
    ) -> int | None:
        """Record an event; None when `dedupe` says it was recorded already."""
        row = await self._conn.fetch_one(
            "INSERT INTO events (type, occurred_at, data, complaint_id, customer_id, dedupe,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING"
            " RETURNING id",
            (
                type_,
                to_db(at),
                json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                complaint_id,
                customer_id,
                dedupe,
                time.time(),
            ),
        )
        return int(row[0]) if row else None

    async def about_complaint(self, complaint_id: int) -> ComplaintFacts | None:
        """What a complaint's events say of it, as the transaction sees it now."""
        row = await self._conn.fetch_one(
            "SELECT c.customer_id, c.source, c.segment, c.taken_by, c.assignee_id, c.reopened,"
            " c.resolution_satisfied, cu.external_id, p.order_id, p.branch, s.nps"
            " FROM complaints c JOIN customers cu ON cu.id = c.customer_id"
            " LEFT JOIN purchases p ON p.id = c.purchase_id"
            " LEFT JOIN surveys s ON s.id = c.survey_id WHERE c.id = ?",
            (complaint_id,),
        )
        if row is None:
            return None
        return ComplaintFacts(
            customer_id=int(row[0]),
            source=str(row[1]),
            segment=row[2] or None,
            taken_by=row[3],
            assignee_id=row[4],
            reopened=int(row[5] or 0),
            satisfied=None if row[6] is None else bool(row[6]),
            external_id=row[7],
            order_id=row[8],
            branch=row[9],
            nps=row[10],
        )

    async def about_survey(self, survey_id: int) -> SurveyFacts | None:
        """What a survey's event says of it, as the transaction sees it now."""
        row = await self._conn.fetch_one(
            "SELECT s.status, s.nps, s.csat, s.expectation, s.branch, s.segment,"
            " s.comment IS NOT NULL, s.customer_id, cu.external_id, p.order_id, s.channel"
            " FROM surveys s"
            " JOIN customers cu ON cu.id = s.customer_id"
            " JOIN purchases p ON p.id = s.purchase_id WHERE s.id = ?",
            (survey_id,),
        )
        if row is None:
            return None
        aspects = await self._conn.fetch_all(
            "SELECT aspect FROM survey_aspects WHERE survey_id = ? ORDER BY aspect", (survey_id,)
        )
        return SurveyFacts(
            status=SurveyStatus(row[0]),
            nps=None if row[1] is None else int(row[1]),
            csat=row[2],
            expectation=row[3],
            branch=row[4],
            segment=row[5] or None,
            commented=bool(row[6]),
            customer_id=int(row[7]),
            external_id=row[8],
            order_id=str(row[9]),
            aspects=[str(a[0]) for a in aspects],
            channel=row[10],
        )

    # -- delivery ---------------------------------------------------------------------------
    async def queue_for(self, url: str, after_id: int) -> int:
        """Deliveries to `url` for every event after `after_id`; the last event id queued."""
        row = await self._conn.fetch_one("SELECT MAX(id) FROM events WHERE id > ?", (after_id,))
        last = int(row[0]) if row and row[0] is not None else after_id
        if last > after_id:
            await self._conn.execute(
                "INSERT INTO event_deliveries (event_id, url, status, attempts, next_at)"
                " SELECT id, ?, ?, 0, created_at FROM events WHERE id > ? AND id <= ?"
                " ON CONFLICT (event_id, url) DO NOTHING",
                (url, PENDING, after_id, last),
            )
        return last

    async def last_id(self, before: float) -> int:
        """The last event written before `before` (Unix time); 0 without one."""
        row = await self._conn.fetch_one(
            "SELECT MAX(id) FROM events WHERE created_at < ?", (before,)
        )
        return int(row[0]) if row and row[0] is not None else 0

    async def due(self, url: str, now: float, limit: int) -> list[Delivery]:
        """Pending deliveries to `url` whose time has come, oldest first, none behind an
        earlier undelivered event of the same complaint (order per complaint)."""
        rows = await self._conn.fetch_all(
            "SELECT e.id, e.type, e.occurred_at, e.data, d.url, d.attempts, e.created_at"
            " FROM event_deliveries d JOIN events e ON e.id = d.event_id"
            " WHERE d.url = ? AND d.status = ? AND d.next_at <= ? AND NOT EXISTS ("
            "  SELECT 1 FROM events e2 JOIN event_deliveries d2"
            "  ON d2.event_id = e2.id AND d2.url = d.url"
            "  WHERE e2.complaint_id = e.complaint_id AND e2.id < e.id AND d2.status = ?)"
            " ORDER BY d.event_id LIMIT ?",
            (url, PENDING, now, PENDING, limit),
        )
        return [Delivery(_event(r), str(r[4]), int(r[5]), float(r[6])) for r in rows]

    async def delivered(self, event_id: int, url: str, now: float) -> None:
        await self._conn.execute(
            "UPDATE event_deliveries SET status = ?, attempts = attempts + 1, done_at = ?,"
            " last_error = NULL WHERE event_id = ? AND url = ?",
            (DELIVERED, now, event_id, url),
        )

    async def failed_once(
        self, event_id: int, url: str, error: str, next_at: float | None, now: float
    ) -> None:
        """A try that failed: again at `next_at`, or given up (None)."""
        await self._conn.execute(
            f"UPDATE event_deliveries SET {FAILED_TRY} WHERE event_id = ? AND url = ?",
            (*failed_try(error, next_at, now, PENDING, FAILED), event_id, url),
        )

    async def replay(self, since_id: int, urls: list[str], now: float) -> int:
        """Deliver again every event after `since_id` to `urls` (same ids); how many."""
        count = 0
        for url in urls:
            await self.queue_for(url, since_id)
            count += await self._conn.execute(
                "UPDATE event_deliveries SET status = ?, attempts = 0, next_at = ?,"
                " done_at = NULL, last_error = NULL WHERE url = ? AND event_id > ?",
                (PENDING, now, url, since_id),
            )
        return count

    async def waiting_at(self, url: str) -> tuple[float, str | None] | None:
        """The oldest event `url` has not accepted yet (when it was written, the receiver's
        last answer), or None when it has them all."""
        row = await self._conn.fetch_one(
            "SELECT e.created_at, d.last_error FROM event_deliveries d"
            " JOIN events e ON e.id = d.event_id WHERE d.url = ? AND d.status = ?"
            " ORDER BY d.event_id LIMIT 1",
            (url, PENDING),
        )
        return None if row is None else (float(row[0]), row[1])

    async def backlog(self, now: float) -> Backlog:
        row = await self._conn.fetch_one(
            "SELECT COUNT(DISTINCT d.event_id), MIN(e.created_at) FROM event_deliveries d"
            " JOIN events e ON e.id = d.event_id WHERE d.status = ?",
            (PENDING,),
        )
        failed = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM event_deliveries WHERE status = ?", (FAILED,)
        )
        pending = int(row[0]) if row else 0
        oldest = float(row[1]) if row and row[1] is not None else now
        return Backlog(pending, round(max(0.0, now - oldest), 1), int(failed[0]) if failed else 0)

    # -- pull, erasure, retention -----------------------------------------------------------
    async def since(self, after_id: int, limit: int) -> list[Event]:
        rows = await self._conn.fetch_all(
            "SELECT id, type, occurred_at, data FROM events WHERE id > ? ORDER BY id LIMIT ?",
            (after_id, limit),
        )
        return [_event(r) for r in rows]

    async def redact(self, customer_id: int) -> None:
        """The person's events keep their ids and figures, not who they were to the shop."""
        rows = await self._conn.fetch_all(
            "SELECT id, data FROM events WHERE customer_id = ?", (customer_id,)
        )
        for event_id, raw in rows:
            data = json.loads(raw)
            if isinstance(data.get("customer"), dict):
                data["customer"]["external_id"] = None
                data["customer"]["erased"] = True
            await self._conn.execute(
                "UPDATE events SET data = ? WHERE id = ?",
                (json.dumps(data, ensure_ascii=False, separators=(",", ":")), event_id),
            )

    async def prune(self, before: float) -> int:
        """Events older than `before` that no receiver still waits for, and their rows."""
        stale = (
            "SELECT id FROM events WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM"
            " event_deliveries d WHERE d.event_id = events.id AND d.status = ?)"
        )
        await self._conn.execute(
            f"DELETE FROM event_deliveries WHERE event_id IN ({stale})", (before, PENDING)
        )
        return await self._conn.execute(
            f"DELETE FROM events WHERE id IN ({stale})", (before, PENDING)
        )
