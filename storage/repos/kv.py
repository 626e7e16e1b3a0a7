"""Small named values the process must remember across restarts."""

from __future__ import annotations

from storage.sql import Conn


class KvRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def get(self, key: str) -> str | None:
        row = await self._conn.fetch_one("SELECT value FROM kv WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set(self, key: str, value: str) -> None:
        await self._conn.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete(self, key: str) -> bool:
        return await self._conn.execute("DELETE FROM kv WHERE key = ?", (key,)) > 0
