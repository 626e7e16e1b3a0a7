"""Saved replies: a text per name and language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.search import END
from storage.sql import Conn
from storage.timefmt import to_db


@dataclass(frozen=True)
class SavedReply:
    name: str
    language: str
    text: str


class SavedRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def put(self, reply: SavedReply, by: int, at: datetime) -> bool:
        """Store (or replace) it; True if it replaced one."""
        old = await self._conn.fetch_one(
            "SELECT 1 FROM saved_replies WHERE name = ? AND language = ?",
            (reply.name, reply.language),
        )
        await self._conn.execute(
            "INSERT INTO saved_replies (name, language, text, saved_by, saved_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name, language) DO UPDATE SET"
            " text = excluded.text, saved_by = excluded.saved_by, saved_at = excluded.saved_at",
            (reply.name, reply.language, reply.text, by, to_db(at)),
        )
        return old is not None

    async def delete(self, name: str, language: str | None) -> int:
        """Remove one language's text, or every language's (None); how many were removed."""
        if language is None:
            return await self._conn.execute("DELETE FROM saved_replies WHERE name = ?", (name,))
        return await self._conn.execute(
            "DELETE FROM saved_replies WHERE name = ? AND language = ?", (name, language)
        )

    async def named(self, name: str) -> list[SavedReply]:
        return await self._many("WHERE name = ?", (name,))

    async def starting(self, prefix: str, limit: int) -> list[SavedReply]:
        """Those whose name starts with `prefix` (every one for ""), by name."""
        return await self._many(
            "WHERE name >= ? AND name < ? ORDER BY name, language LIMIT ?",
            (prefix, prefix + END, limit),
        )

    async def _many(self, where: str, params: tuple[object, ...]) -> list[SavedReply]:
        rows = await self._conn.fetch_all(
            f"SELECT name, language, text FROM saved_replies {where}", params
        )
        return [SavedReply(str(r[0]), str(r[1]), str(r[2])) for r in rows]
