"""DATA_RETENTION on the running bot: delivered messages and handled updates older than it are
deleted by the retention job; a message Telegram refused keeps only what the digest counts;
what is still owed stays. Both engines (under make test-pg)."""

from __future__ import annotations

import asyncio
import time

from faketg import FakeTelegramServer
from tests.support.helpers import wait_for
from tests.support.journey import MakeApp, post

GREETED, BLOCKER = 7601, 7602
NAME = "Quillon"


async def test_old_delivered_messages_and_handled_updates_are_deleted(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app = await make_app(data_retention="PT3S")
    world.add_user(GREETED, NAME, "en")
    world.add_user(BLOCKER, NAME, "en")
    await world.user_sends(GREETED, "/start")
    await world.user_sends(BLOCKER, "/start")
    await wait_for(lambda: bool(world.sent_to(GREETED) and world.sent_to(BLOCKER)), 10, "hi")
    world.blocked.add(BLOCKER)
    status, _ = await post(app, {"order_id": "R-1", "customer": {"telegram_id": BLOCKER}})
    assert status == 201

    async def table(sql: str) -> list[tuple[object, ...]]:
        async with app.db.read() as tx:
            return [tuple(row) for row in await tx.conn.fetch_all(sql)]

    async def settled() -> bool:
        refused = await table("SELECT payload, result FROM outbox WHERE status = 'failed'")
        sent = await table("SELECT id FROM outbox WHERE status = 'sent'")
        handled = await table("SELECT update_id FROM inbox WHERE status != 'pending'")
        return refused == [("{}", None)] and not sent and not handled

    deadline = time.monotonic() + 20  # the job runs every 1.5 s with a 3 s retention
    while not await settled():
        assert time.monotonic() < deadline, await table("SELECT id, status, payload FROM outbox")
        await asyncio.sleep(0.1)
    assert world.count(status=403) == 1  # Telegram refused it: it was tried
    if app.db.url.is_sqlite:
        assert (await table("PRAGMA auto_vacuum")) == [(2,)]  # incremental: the file shrinks
