"""Customers: who they are in Telegram, their language, and whether we may still write to them."""

from __future__ import annotations

from datetime import UTC, datetime

import aiosqlite

from storage.models import Customer

_COLUMNS = (
    "id, telegram_id, name, username, tg_language, language, segment, opted_out_at, unreachable_at"
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _row(row: aiosqlite.Row) -> Customer:
    return Customer(**dict(row))


class CustomerRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def by_telegram_id(self, telegram_id: int) -> Customer | None:
        async with self._conn.execute(
            f"SELECT {_COLUMNS} FROM customers WHERE telegram_id = ?", (telegram_id,)
        ) as cur:
            row = await cur.fetchone()
        return _row(row) if row else None

    async def touch_from_telegram(
        self, telegram_id: int, name: str | None, username: str | None, tg_language: str | None
    ) -> Customer:
        """Create the customer on first contact, refresh their Telegram profile afterwards."""
        now = _now()
        await self._conn.execute(
            "INSERT INTO customers (telegram_id, name, username, tg_language, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (telegram_id) DO UPDATE SET name = excluded.name,"
            " username = excluded.username, tg_language = excluded.tg_language,"
            " updated_at = excluded.updated_at"
            " WHERE customers.forgotten_at IS NULL AND (customers.name IS NOT excluded.name"
            " OR customers.username IS NOT excluded.username"
            " OR customers.tg_language IS NOT excluded.tg_language)",
            (telegram_id, name, username, tg_language, now, now),
        )
        customer = await self.by_telegram_id(telegram_id)
        assert customer is not None
        return customer

    async def set_language(self, telegram_id: int, language: str) -> None:
        await self._conn.execute(
            "UPDATE customers SET language = ?, updated_at = ? WHERE telegram_id = ?",
            (language, _now(), telegram_id),
        )

    async def mark_unreachable(self, telegram_id: int, reason: str) -> bool:
        """Record that Telegram refuses delivery (403); True if this is news."""
        cur = await self._conn.execute(
            "UPDATE customers SET unreachable_at = ?, unreachable_reason = ?, updated_at = ?"
            " WHERE telegram_id = ? AND unreachable_at IS NULL",
            (_now(), reason[:200], _now(), telegram_id),
        )
        return cur.rowcount > 0

    async def clear_unreachable(self, telegram_id: int) -> None:
        """The customer wrote to us again, so Telegram will deliver to them again."""
        await self._conn.execute(
            "UPDATE customers SET unreachable_at = NULL, unreachable_reason = NULL"
            " WHERE telegram_id = ? AND unreachable_at IS NOT NULL",
            (telegram_id,),
        )

    async def count(self) -> int:
        async with self._conn.execute("SELECT COUNT(*) FROM customers") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0
