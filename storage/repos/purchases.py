"""Purchases: one per order_id, each with the unguessable token of its deep link."""

from __future__ import annotations

import aiosqlite

from storage.models import Purchase
from storage.repos.rows import fetch_one

_COLUMNS = "id, order_id, customer_id, amount, currency, branch, purchased_at, link_token"


class PurchaseRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def get(self, purchase_id: int) -> Purchase | None:
        return await self._one("id", purchase_id)

    async def by_order_id(self, order_id: str) -> Purchase | None:
        return await self._one("order_id", order_id)

    async def by_token(self, token: str) -> Purchase | None:
        return await self._one("link_token", token)

    async def _one(self, column: str, value: object) -> Purchase | None:
        row = await fetch_one(
            self._conn, f"SELECT {_COLUMNS} FROM purchases WHERE {column} = ?", (value,)
        )
        return Purchase(**dict(row)) if row else None

    async def add(
        self,
        order_id: str,
        customer_id: int,
        amount: str | None,
        currency: str | None,
        branch: str | None,
        purchased_at: str,
        link_token: str,
        created_at: str,
    ) -> Purchase:
        values = (order_id, customer_id, amount, currency, branch, purchased_at, link_token)
        cur = await self._conn.execute(
            "INSERT INTO purchases (order_id, customer_id, amount, currency, branch,"
            " purchased_at, link_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, created_at),
        )
        assert cur.lastrowid is not None
        return Purchase(cur.lastrowid, *values)

    async def latest_for(self, customer_id: int, since: str) -> Purchase | None:
        """The customer's latest purchase made at or after `since` (context for a complaint)."""
        row = await fetch_one(
            self._conn,
            f"SELECT {_COLUMNS} FROM purchases WHERE customer_id = ? AND purchased_at >= ?"
            " ORDER BY purchased_at DESC, id DESC LIMIT 1",
            (customer_id, since),
        )
        return Purchase(**dict(row)) if row else None

    async def count_for(self, customer_id: int) -> int:
        row = await fetch_one(
            self._conn, "SELECT COUNT(*) FROM purchases WHERE customer_id = ?", (customer_id,)
        )
        return int(row[0]) if row else 0
