"""Events for other systems: written with the change each reports, then delivered to each
EVENTS_URL (a delivery row per event and URL) and served by pull.

What an event says is built here, from the rows as the transaction sees them, so every path
that changes a complaint reports it the same way: ids and what a receiver needs to act (the
shop's own customer and order ids, scores, the state), never what people wrote.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.sql import Conn
from storage.states import ComplaintStatus
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

    async def complaint_changed(
        self, complaint_id: int, status: ComplaintStatus, before: str | None, at: datetime
    ) -> None:
        """The event a complaint's state change is, if any: opened, taken, resolved, closed,
        reopened (back to open or taken after a resolution)."""
        kind = _complaint_event(status, before)
        if kind is None:
            return
        row = await self._conn.fetch_one(
            "SELECT c.customer_id, c.source, c.segment, c.taken_by, c.assignee_id, c.reopened,"
            " c.resolution_satisfied, c.survey_id, cu.external_id, p.order_id, p.branch,"
            " s.nps FROM complaints c JOIN customers cu ON cu.id = c.customer_id"
            " LEFT JOIN purchases p ON p.id = c.purchase_id"
            " LEFT JOIN surveys s ON s.id = c.survey_id WHERE c.id = ?",
            (complaint_id,),
        )
        if row is None:
            return
        data = {
            "complaint_id": complaint_id,
            "status": str(status),
            "source": row[1],
            "customer": {"id": int(row[0]), "external_id": row[8], "segment": row[2] or None},
            "order_id": row[9],
            "branch": row[10],
            "nps": row[11],
            "taken_by": row[3],
            "assigned_to": row[4],
            "reopened": int(row[5] or 0),
        }
        if kind == "complaint.closed":
            data["confirmed_by_customer"] = None if row[6] is None else bool(row[6])
        await self.add(kind, at, data, complaint_id=complaint_id, customer_id=int(row[0]))

    async def survey_completed(self, survey_id: int, at: datetime) -> None:
        """A survey answered to its end, or expired part-way with its score given: once."""
        row = await self._conn.fetch_one(
            "SELECT s.status, s.nps, s.csat, s.expectation, s.branch, s.segment,"
            " s.comment IS NOT NULL, s.customer_id, cu.external_id, p.order_id FROM surveys s"
            " JOIN customers cu ON cu.id = s.customer_id"
            " JOIN purchases p ON p.id = s.purchase_id WHERE s.id = ?",
            (survey_id,),
        )
        if row is None or row[1] is None or row[0] not in ("answered", "expired"):
            return
        aspects = await self._conn.fetch_all(
            "SELECT aspect FROM survey_aspects WHERE survey_id = ? ORDER BY aspect", (survey_id,)
        )
        nps = int(row[1])
        data = {
            "survey_id": survey_id,
            "customer": {"id": int(row[7]), "external_id": row[8], "segment": row[5] or None},
            "order_id": row[9],
            "branch": row[4],
            "nps": nps,
            "category": "promoter" if nps >= 9 else "passive" if nps >= 7 else "detractor",
            "csat": row[2],
            "expectation": row[3],
            "aspects": [str(a[0]) for a in aspects],
            "commented": bool(row[6]),
            "finished": row[0] == "answered",
        }
        await self.add(
            "response.completed",
            at,
            data,
            customer_id=int(row[7]),
            dedupe=f"response.completed:{survey_id}",
        )

    async def sla_breached(
        self, complaint_id: int, deadline: str, due_at: datetime, at: datetime
    ) -> None:
        """A complaint's deadline passed with nobody taking it (take) or resolving it."""
        row = await self._conn.fetch_one(
            "SELECT customer_id, segment, taken_by FROM complaints WHERE id = ?", (complaint_id,)
        )
        if row is None:
            return
        data = {
            "complaint_id": complaint_id,
            "deadline": deadline,
            "due_at": to_db(due_at),
            "segment": row[1] or None,
            "taken_by": row[2],
        }
        await self.add(
            "sla.breached",
            at,
            data,
            complaint_id=complaint_id,
            customer_id=int(row[0]),
            dedupe=f"sla.breached:{complaint_id}:{deadline}:{to_db(due_at)}",
        )

    async def fix_done(self, complaint_id: int, cause: str | None, at: datetime) -> None:
        """The business fixed what a complaint showed (an owner marked it done)."""
        row = await self._conn.fetch_one(
            "SELECT customer_id FROM complaints WHERE id = ?", (complaint_id,)
        )
        data = {"complaint_id": complaint_id, "cause": cause}
        await self.add(
            "fix.done",
            at,
            data,
            complaint_id=complaint_id,
            customer_id=int(row[0]) if row else None,
            dedupe=f"fix.done:{complaint_id}",
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
            "UPDATE event_deliveries SET attempts = attempts + 1, last_error = ?, next_at = ?,"
            " status = ?, done_at = ? WHERE event_id = ? AND url = ?",
            (
                error[:500],
                now if next_at is None else next_at,
                FAILED if next_at is None else PENDING,
                now if next_at is None else None,
                event_id,
                url,
            ),
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


def _complaint_event(status: ComplaintStatus, before: str | None) -> str | None:
    if before is None:
        return "complaint.opened" if status == ComplaintStatus.OPEN else None
    if before in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED) and status in (
        ComplaintStatus.OPEN,
        ComplaintStatus.TAKEN,
    ):
        return "complaint.reopened"
    if status == ComplaintStatus.TAKEN and before == ComplaintStatus.OPEN:
        return "complaint.taken"
    if status == ComplaintStatus.RESOLVED and before != ComplaintStatus.RESOLVED:
        return "complaint.resolved"
    if status == ComplaintStatus.CLOSED and before != ComplaintStatus.CLOSED:
        return "complaint.closed"
    return None
