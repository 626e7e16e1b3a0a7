"""The mail outbox: each message as it will be sent, until the SMTP server accepts it, a
refusal or 72 hours give it up, or retention or the addressee's erasure removes it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from storage.repos.rows import FAILED_TRY, failed_try
from storage.sql import Conn

PENDING, SENT, FAILED = "pending", "sent", "failed"


@dataclass(frozen=True)
class Mail:
    """One message, the same on every try (its Message-ID and Date too)."""

    to: str
    subject: str
    text: str
    html: str
    message_id: str
    unsubscribe: str | None = None
    customer_id: int | None = None


@dataclass(frozen=True)
class QueuedMail:
    id: int
    mail: Mail
    attempts: int
    created_at: float  # Unix time: the Date header, and retries stop 72 h after


@dataclass(frozen=True)
class MailBacklog:
    pending: int
    oldest_seconds: float  # age of the oldest unsent message, 0 without one
    last_error: str | None  # the SMTP server's (or the network's) last word on it
    failed: int  # given up


_COLUMNS = (
    "id, to_address, subject, text_body, html_body, message_id, unsubscribe, customer_id,"
    " attempts, created_at"
)


def _queued(row: Any) -> QueuedMail:
    mail = Mail(
        to=str(row[1]),
        subject=str(row[2]),
        text=str(row[3]),
        html=str(row[4]),
        message_id=str(row[5]),
        unsubscribe=row[6],
        customer_id=row[7],
    )
    return QueuedMail(int(row[0]), mail, int(row[8]), float(row[9]))


class MailRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add(self, mail: Mail) -> int:
        """Queue a message in the caller's transaction: it leaves once that commits."""
        now = time.time()
        row = await self._conn.fetch_one(
            "INSERT INTO mail_outbox (customer_id, to_address, subject, text_body, html_body,"
            " message_id, unsubscribe, status, attempts, next_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
            (
                mail.customer_id,
                mail.to,
                mail.subject,
                mail.text,
                mail.html,
                mail.message_id,
                mail.unsubscribe,
                PENDING,
                now,
                now,
            ),
        )
        assert row is not None
        return int(row[0])

    async def due(self, now: float, limit: int) -> list[QueuedMail]:
        rows = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM mail_outbox WHERE status = ? AND next_at <= ?"
            " ORDER BY next_at, id LIMIT ?",
            (PENDING, now, limit),
        )
        return [_queued(r) for r in rows]

    async def sent(self, mail_id: int, now: float) -> None:
        await self._conn.execute(
            "UPDATE mail_outbox SET status = ?, attempts = attempts + 1, done_at = ?,"
            " last_error = NULL WHERE id = ? AND status = ?",
            (SENT, now, mail_id, PENDING),
        )

    async def failed_once(
        self, mail_id: int, error: str, next_at: float | None, now: float
    ) -> None:
        """A try that failed: again at `next_at`, or given up (None)."""
        await self._conn.execute(
            f"UPDATE mail_outbox SET {FAILED_TRY} WHERE id = ? AND status = ?",
            (*failed_try(error, next_at, now, PENDING, FAILED), mail_id, PENDING),
        )

    async def backlog(self, now: float) -> MailBacklog:
        row = await self._conn.fetch_one(
            "SELECT COUNT(*), MIN(created_at) FROM mail_outbox WHERE status = ?", (PENDING,)
        )
        oldest = await self._conn.fetch_one(
            "SELECT last_error FROM mail_outbox WHERE status = ? ORDER BY created_at, id LIMIT 1",
            (PENDING,),
        )
        failed = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM mail_outbox WHERE status = ?", (FAILED,)
        )
        pending = int(row[0]) if row else 0
        first = float(row[1]) if row and row[1] is not None else now
        return MailBacklog(
            pending,
            round(max(0.0, now - first), 1),
            None if oldest is None else oldest[0],
            int(failed[0]) if failed else 0,
        )

    async def failed_since(self, after_id: int) -> list[tuple[int, str]]:
        """(id, last error) of mail given up with an id above `after_id` (who was told
        stops there)."""
        rows = await self._conn.fetch_all(
            "SELECT id, last_error FROM mail_outbox WHERE status = ? AND id > ? ORDER BY id",
            (FAILED, after_id),
        )
        return [(int(row[0]), str(row[1] or "")) for row in rows]

    async def prune(self, before: float) -> int:
        """Mail written before `before` (Unix time), whatever became of it: the address is
        personal data, kept no longer than DATA_RETENTION."""
        return await self._conn.execute("DELETE FROM mail_outbox WHERE created_at < ?", (before,))
