"""Inbox: raw updates as Telegram sent them, deduplicated by update_id."""

from __future__ import annotations

import aiosqlite

from storage.models import InboxItem
from storage.repos.rows import fetch_all


class InboxRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def add_many(self, items: list[tuple[int, str]], now: float) -> int:
        """Store updates not seen before; return how many were new."""
        before = self._conn.total_changes
        await self._conn.executemany(
            "INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
            [(update_id, payload, now) for update_id, payload in items],
        )
        return self._conn.total_changes - before

    async def pending(self, limit: int) -> list[InboxItem]:
        return [
            InboxItem(row[0], row[1])
            for row in await fetch_all(
                self._conn,
                "SELECT update_id, payload FROM inbox WHERE status = 'pending'"
                " ORDER BY update_id LIMIT ?",
                (limit,),
            )
        ]

    async def finish(self, update_id: int, now: float, error: str | None = None) -> None:
        await self._conn.execute(
            "UPDATE inbox SET status = ?, error = ?, processed_at = ? WHERE update_id = ?",
            ("failed" if error else "done", error, now, update_id),
        )

    async def counts(self) -> dict[str, int]:
        return {
            row[0]: row[1]
            for row in await fetch_all(
                self._conn, "SELECT status, COUNT(*) FROM inbox GROUP BY status"
            )
        }

    async def prune(self, before: float) -> int:
        """Forget processed updates older than `before` (their effects live elsewhere)."""
        cur = await self._conn.execute(
            "DELETE FROM inbox WHERE status != 'pending' AND processed_at < ?", (before,)
        )
        return cur.rowcount
