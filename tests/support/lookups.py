"""Rows a test looks up by what it knows (an order id, a chat), through the repositories'
own batch reads or plain SQL: the product has no use for these one-row lookups."""

from __future__ import annotations

from storage.db import Tx
from storage.models import Purchase, Survey


async def purchase_by_order(tx: Tx, order_id: str) -> Purchase | None:
    return (await tx.purchases.by_order_ids([order_id])).get(order_id)


async def survey_for_purchase(tx: Tx, purchase_id: int) -> Survey | None:
    return (await tx.surveys.for_purchases([purchase_id])).get(purchase_id)


async def outbox_of_chat(tx: Tx, chat_id: int) -> list[tuple[int, str, str]]:
    """(id, method, status) of everything addressed to a chat, oldest first."""
    rows = await tx.conn.fetch_all(
        "SELECT id, method, status FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
    )
    return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]
