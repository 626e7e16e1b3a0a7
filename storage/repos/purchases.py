"""Purchases: one per order_id, each with the unguessable token of its deep link."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from storage.models import Purchase
from storage.repos.rows import fetch_in
from storage.sql import Conn
from storage.timefmt import to_db

_COLUMNS = "id, order_id, customer_id, amount, currency, branch, purchased_at, link_token"


class PurchaseRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def get(self, purchase_id: int) -> Purchase | None:
        return await self._one("id", purchase_id)

    async def by_token(self, token: str) -> Purchase | None:
        return await self._one("link_token", token)

    async def _one(self, column: str, value: object) -> Purchase | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM purchases WHERE {column} = ?", (value,)
        )
        return Purchase(**dict(row)) if row else None

    async def by_order_ids(self, order_ids: Iterable[str]) -> dict[str, Purchase]:
        rows = await fetch_in(
            self._conn,
            f"SELECT {_COLUMNS} FROM purchases WHERE order_id {{one_of}}",
            order_ids,
        )
        return {row["order_id"]: Purchase(**dict(row)) for row in rows}

    async def new_ids(self, count: int) -> list[int]:
        """Ids for purchases about to be added with `add_many` (the database hands them out)."""
        return await self._conn.reserve_ids("purchases", count)

    async def add_many(self, purchases: Sequence[Purchase], created_at: datetime) -> None:
        """Insert purchases whose ids came from `new_ids`."""
        at = to_db(created_at)
        await self._conn.insert_many(
            "purchases",
            (
                "id",
                "order_id",
                "customer_id",
                "amount",
                "currency",
                "branch",
                "purchased_at",
                "link_token",
                "created_at",
            ),
            [
                (
                    p.id,
                    p.order_id,
                    p.customer_id,
                    p.amount,
                    p.currency,
                    p.branch,
                    to_db(p.purchased_at),
                    p.link_token,
                    at,
                )
                for p in purchases
            ],
        )

    async def latest_for(self, customer_id: int, since: datetime) -> Purchase | None:
        """The customer's latest purchase made at or after `since` (context for a complaint)."""
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM purchases WHERE customer_id = ? AND purchased_at >= ?"
            " ORDER BY purchased_at DESC, id DESC LIMIT 1",
            (customer_id, to_db(since)),
        )
        return Purchase(**dict(row)) if row else None

    async def move(self, purchase_id: int, customer_id: int) -> None:
        """The purchase (its survey, and the complaints about it) now belongs to another
        customer."""
        for table, column in (
            ("purchases", "id"),
            ("surveys", "purchase_id"),
            ("complaints", "purchase_id"),
        ):
            await self._conn.execute(
                f"UPDATE {table} SET customer_id = ? WHERE {column} = ?",
                (customer_id, purchase_id),
            )

    async def first_for(self, customer_id: int) -> Purchase | None:
        """The customer's first purchase registered."""
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM purchases WHERE customer_id = ? ORDER BY id LIMIT 1",
            (customer_id,),
        )
        return Purchase(**dict(row)) if row else None

    async def count_for(self, customer_id: int) -> int:
        row = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM purchases WHERE customer_id = ?", (customer_id,)
        )
        return int(row[0]) if row else 0
