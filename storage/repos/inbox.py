"""Inbox: raw updates as Telegram sent them, deduplicated by update_id."""

from __future__ import annotations

from collections import Counter

from storage.models import InboxItem
from storage.sql import Conn
from storage.states import InboxStatus


class InboxRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add_many(
        self, items: list[tuple[int, str, int | None, int | None]], now: float
    ) -> int:
        """Store (update_id, payload, chat_id, sender_id) not seen before; return how many
        were new."""
        if not items:
            return 0
        # One statement (at most 100 updates come at once), answering which rows were new.
        new = await self._conn.fetch_all(
            "INSERT INTO inbox (update_id, payload, chat_id, sender_id, received_at) VALUES "
            + ", ".join("(?, ?, ?, ?, ?)" for _ in items)
            + " ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
            [value for item in items for value in (*item, now)],
        )
        return len(new)

    async def pending(self, limit: int, now: float, per_chat: int = 20) -> list[InboxItem]:
        """Updates to handle now: each chat's in order, the chats in turn (`per_chat` of each
        at most), so a flood from one chat does not hold everyone else's back. Those told to
        wait are left for later."""
        rows = await self._conn.fetch_all(
            "SELECT update_id, payload, attempts, chat_id FROM inbox"
            f" WHERE status = '{InboxStatus.PENDING}' AND not_before <= ?"
            " ORDER BY update_id LIMIT ?",
            (now, limit),
        )
        per = Counter(row[3] for row in rows)
        if per and max(per.values()) > per_chat:  # a flood: take turns (costs ~20 ms a batch)
            # The turns are numbered from the index alone; payloads are read only for the
            # batch chosen.
            rows = await self._conn.fetch_all(
                "SELECT i.update_id, i.payload, i.attempts FROM inbox i JOIN ("
                " SELECT update_id, turn FROM ("
                "  SELECT update_id,"
                "   ROW_NUMBER() OVER (PARTITION BY chat_id ORDER BY update_id) AS turn"
                f"  FROM inbox WHERE status = '{InboxStatus.PENDING}' AND not_before <= ?"
                " ) numbered WHERE turn <= ? ORDER BY turn, update_id LIMIT ?"
                ") t ON t.update_id = i.update_id ORDER BY t.turn, i.update_id",
                (now, per_chat, limit),
            )
        return [InboxItem(update_id=row[0], payload=row[1], attempts=row[2]) for row in rows]

    async def defer(self, update_id: int, until: float) -> None:
        """Keep the update pending and handle it again at `until` (or later)."""
        await self._conn.execute(
            "UPDATE inbox SET not_before = ?, attempts = attempts + 1 WHERE update_id = ?",
            (until, update_id),
        )

    async def oldest_pending(self) -> float | None:
        """When the longest-waiting unhandled update arrived (None: nothing waits)."""
        rows = await self._conn.fetch_all(
            f"SELECT MIN(received_at) FROM inbox WHERE status = '{InboxStatus.PENDING}'",
        )
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    async def finish(self, update_id: int, now: float, error: str | None = None) -> None:
        await self._conn.execute(
            "UPDATE inbox SET status = ?, error = ?, processed_at = ? WHERE update_id = ?",
            (InboxStatus.FAILED if error else InboxStatus.DONE, error, now, update_id),
        )

    async def counts(self) -> dict[str, int]:
        return {
            row[0]: row[1]
            for row in await self._conn.fetch_all(
                "SELECT status, COUNT(*) FROM inbox GROUP BY status"
            )
        }

    async def last_update_id(self) -> int | None:
        """The highest update id stored (None: none is)."""
        rows = await self._conn.fetch_all("SELECT MAX(update_id) FROM inbox")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    async def prune(self, before: float) -> int:
        """Forget processed updates older than `before` (their effects live elsewhere)."""
        return await self._conn.execute(
            f"DELETE FROM inbox WHERE status != '{InboxStatus.PENDING}' AND processed_at < ?",
            (before,),
        )
