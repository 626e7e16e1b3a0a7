"""Telegram Business connections: a shop's own account that connected the bot as its chatbot."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storage.sql import Conn
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class BusinessConnection:
    id: str
    user_id: int  # the business account, whose private chat with the bot has the same id
    user_name: str | None
    rights: dict[str, bool]  # BusinessBotRights as Telegram gave them (absent: False)
    enabled: bool
    changed_at: datetime | None = None
    connected_at: datetime | None = None  # when Telegram says it was established

    def may(self, right: str) -> bool:
        return bool(self.rights.get(right))

    @property
    def can_reply(self) -> bool:
        """The bot may answer customers for the account (within Telegram's 24-hour window)."""
        return self.enabled and self.may("can_reply")


class BusinessRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def get(self, connection_id: str) -> BusinessConnection | None:
        found = await self._many("WHERE id = ?", (connection_id,))
        return found[0] if found else None

    async def all(self) -> list[BusinessConnection]:
        return await self._many("ORDER BY changed_at, id", ())

    async def put(self, connection: BusinessConnection, at: datetime) -> BusinessConnection | None:
        """Store what Telegram says of the connection now; the previous state, if any."""
        before = await self.get(connection.id)
        await self._conn.execute(
            "INSERT INTO business_connections (id, user_id, user_name, rights, enabled,"
            " changed_at, connected_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
            " SET user_id = excluded.user_id, user_name = excluded.user_name,"
            " rights = excluded.rights, enabled = excluded.enabled,"
            " changed_at = excluded.changed_at,"
            " connected_at = COALESCE(excluded.connected_at, business_connections.connected_at)",
            (
                connection.id,
                connection.user_id,
                connection.user_name,
                json.dumps(connection.rights, sort_keys=True),
                int(connection.enabled),
                to_db(at),
                None if connection.connected_at is None else to_db(connection.connected_at),
            ),
        )
        return before

    async def heard(self, connection_id: str, chat_id: int, at: datetime) -> None:
        """The customer `chat_id` wrote to the account: the bot may write there for 24 hours."""
        await self._conn.execute(
            "INSERT INTO business_chats (connection_id, chat_id, heard_at) VALUES (?, ?, ?)"
            " ON CONFLICT (connection_id, chat_id) DO UPDATE SET heard_at = excluded.heard_at",
            (connection_id, chat_id, to_db(at)),
        )

    async def last_heard(self, chat_id: int) -> tuple[BusinessConnection, datetime] | None:
        """The connection the customer last wrote to, on and allowed to reply, and when."""
        row = await self._conn.fetch_one(
            "SELECT b.connection_id, b.heard_at FROM business_chats b"
            " JOIN business_connections c ON c.id = b.connection_id"
            " WHERE b.chat_id = ? ORDER BY b.heard_at DESC LIMIT 1",
            (chat_id,),
        )
        if row is None:
            return None
        connection = await self.get(str(row[0]))
        at = from_db(row[1])
        return None if connection is None or at is None else (connection, at)

    async def forget_chats(self, chat_id: int) -> None:
        """The customer asked to be forgotten: when they wrote to the accounts goes too."""
        await self._conn.execute("DELETE FROM business_chats WHERE chat_id = ?", (chat_id,))

    async def _many(self, where: str, params: tuple[object, ...]) -> list[BusinessConnection]:
        rows = await self._conn.fetch_all(
            "SELECT id, user_id, user_name, rights, enabled, changed_at, connected_at"
            f" FROM business_connections {where}",
            params,
        )
        return [
            BusinessConnection(
                id=str(r[0]),
                user_id=int(r[1]),
                user_name=None if r[2] is None else str(r[2]),
                rights={str(k): bool(v) for k, v in json.loads(str(r[3])).items()},
                enabled=bool(r[4]),
                changed_at=from_db(r[5]),
                connected_at=from_db(r[6]),
            )
            for r in rows
        ]
