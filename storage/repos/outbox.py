"""Outbox: every Telegram call the bot decided to make, until it is delivered or given up."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import OutboxItem
from storage.sql import Conn
from storage.states import OutboxStatus, Purpose

_COLUMNS = (
    "id, chat_id, method, payload, priority, attempts, not_before, purpose, ref, expires_at,"
    " business_connection_id"
)


@dataclass(frozen=True)
class NewMessage:
    chat_id: int
    method: str
    payload: str
    priority: int
    not_before: float
    purpose: Purpose | None = None
    ref: int | None = None
    expires_at: float | None = None
    status: OutboxStatus = OutboxStatus.PENDING  # WAITING: sent only once released
    business_connection_id: str | None = None  # sent from the shop's account (its own lane)


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery attempt; written in batches by the sender."""

    id: int
    status: OutboxStatus  # pending: try again later
    attempts: int
    at: float
    not_before: float = 0.0
    result: str | None = None
    error: str | None = None


class OutboxRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add(self, message: NewMessage, now: float) -> OutboxItem:
        row = await self._conn.fetch_one(
            "INSERT INTO outbox (chat_id, method, payload, priority, not_before, purpose, ref,"
            " expires_at, created_at, status, business_connection_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                message.chat_id,
                message.method,
                message.payload,
                message.priority,
                message.not_before,
                message.purpose,
                message.ref,
                message.expires_at,
                now,
                message.status,
                message.business_connection_id,
            ),
        )
        assert row is not None
        return OutboxItem(
            id=int(row[0]),
            chat_id=message.chat_id,
            method=message.method,
            payload=message.payload,
            priority=message.priority,
            attempts=0,
            not_before=message.not_before,
            purpose=message.purpose,
            ref=message.ref,
            expires_at=message.expires_at,
            business_connection_id=message.business_connection_id,
        )

    async def pending(self) -> list[OutboxItem]:
        return [
            OutboxItem(**dict(row))
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM outbox WHERE status = '{OutboxStatus.PENDING}'"
                " ORDER BY priority, id",
            )
        ]

    async def waiting_for(self, ref: int) -> list[OutboxItem]:
        """Rows waiting for their place that name `ref`, oldest first."""
        return [
            OutboxItem(**dict(row))
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM outbox WHERE status = '{OutboxStatus.WAITING}'"
                " AND ref = ? ORDER BY id",
                (ref,),
            )
        ]

    async def release(self, item: OutboxItem) -> None:
        """A waiting row becomes pending with its place filled in (`item.payload`)."""
        await self._conn.execute(
            f"UPDATE outbox SET status = '{OutboxStatus.PENDING}', payload = ?, not_before = ?"
            f" WHERE id = ? AND status = '{OutboxStatus.WAITING}'",
            (item.payload, item.not_before, item.id),
        )

    async def record(self, outcomes: list[Outcome]) -> None:
        await self._conn.execute_many(
            "UPDATE outbox SET status = ?, attempts = ?, not_before = ?, result = ?, error = ?,"
            f" sent_at = CASE WHEN ? = '{OutboxStatus.SENT}' THEN ? ELSE sent_at END WHERE id = ?",
            [
                (o.status, o.attempts, o.not_before, o.result, o.error, o.status, o.at, o.id)
                for o in outcomes
            ],
        )

    async def counts(self) -> dict[str, int]:
        return {
            row[0]: row[1]
            for row in await self._conn.fetch_all(
                "SELECT status, COUNT(*) FROM outbox GROUP BY status"
            )
        }

    async def oldest_pending(self) -> float | None:
        """When the longest-waiting undelivered message was queued (None: nothing owed)."""
        rows = await self._conn.fetch_all(
            f"SELECT MIN(created_at) FROM outbox WHERE status = '{OutboxStatus.PENDING}'",
        )
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    async def result(self, outbox_id: int) -> str | None:
        """What Telegram answered for a delivered row (JSON), None while it is not sent."""
        row = await self._conn.fetch_one(
            f"SELECT result FROM outbox WHERE id = ? AND status = '{OutboxStatus.SENT}'",
            (outbox_id,),
        )
        return str(row[0]) if row and row[0] is not None else None

    async def prune(self, before: float) -> int:
        """DATA_RETENTION: delivered rows sent before `before` go; given-up rows created before
        it keep only what the digest counts (method, status, time), not the words. Pending rows
        stay whole: they are still owed. Returns how many rows were deleted or emptied."""
        deleted = await self._conn.execute(
            f"DELETE FROM outbox WHERE status = '{OutboxStatus.SENT}' AND sent_at < ?",
            (before,),
        )
        emptied = await self._conn.execute(
            "UPDATE outbox SET payload = '{}', result = NULL"
            f" WHERE status = '{OutboxStatus.FAILED}' AND created_at < ?"
            " AND (payload != '{}' OR result IS NOT NULL)",
            (before,),
        )
        return deleted + emptied
