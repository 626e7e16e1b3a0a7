"""The sender against a fake server that enforces limits and injects faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram.methods import SendMessage

from bot.app import App, create_app
from bot.outbox.service import Priority
from faketg import FakeTelegramServer, World
from faketg.limits import Faults, max_in_window
from faketg.methods import METHODS
from tests.support.helpers import (
    FAKE_SCALE,
    SCALE,
    STAFF_CHAT,
    make_settings,
    sender_idle,
    start,
    wait_for,
)
from tests.support.lookups import outbox_of_chat


@pytest.fixture
async def paced(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    fake.world.set_limits(FAKE_SCALE)
    app = await create_app(make_settings(tmp_path, fake.url, **SCALE), poll_timeout=1)
    await start(app)
    yield app
    await app.stop()


async def queue(app: App, messages: list[tuple[int, str]], priority: Priority) -> None:
    async with app.db.transaction() as tx:
        for chat_id, text in messages:
            await app.outbox.send(tx, SendMessage(chat_id=chat_id, text=text), priority=priority)


async def message_counts(app: App) -> dict[str, int]:
    """Outbox rows by status for chat messages (start-up also queues the command menus)."""
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT status, COUNT(*) FROM outbox WHERE chat_id != 0 GROUP BY status"
        )
    return {row[0]: row[1] for row in rows}


async def test_draining_1000_messages_meets_every_limit(
    paced: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.add_users(10_000, 200)
    world.add_group(STAFF_CHAT, "Staff", members=[])
    batch = [(10_000 + i % 200, f"m{i}") for i in range(960)]
    batch += [(STAFF_CHAT, f"g{i}") for i in range(40)]
    await queue(paced, batch, Priority.BULK)
    await wait_for(lambda: len(world.sent) == 1000, within=60, what="1000 deliveries")
    assert world.count(status=429) == 0
    group_times = [s.at for s in world.sent_to(STAFF_CHAT)]
    assert max_in_window(group_times, 6.0) <= 20  # 20/min at 10x speed
    for i in range(200):  # each chat got its messages in order
        texts = [s.text for s in world.sent_to(10_000 + i)]
        assert texts == sorted(texts, key=lambda t: int(str(t)[1:]))
    assert await sender_idle(paced, 15)
    assert await message_counts(paced) == {"sent": 1000}


async def test_every_message_is_delivered_through_429s_and_5xx(
    paced: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.add_users(20_000, 50)
    world.faults = Faults(error_rate=0.15, burst_429=10, seed=7)
    await queue(paced, [(20_000 + i % 50, f"m{i}") for i in range(300)], Priority.NORMAL)
    assert await sender_idle(paced, 60)  # queue drained, nothing in flight or unrecorded
    assert world.count(status=500) > 10 and world.count(status=429) >= 10
    delivered = {str(s.text) for s in world.sent}
    assert delivered == {f"m{i}" for i in range(300)}
    assert await message_counts(paced) == {"sent": 300}


async def test_blocked_customer_is_marked_unreachable_and_not_retried(
    paced: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.add_user(30_001, "Gone", "en")
    await world.user_sends(30_001, "/start")
    await wait_for(lambda: len(world.sent_to(30_001)) == 2)
    world.blocked.add(30_001)
    await queue(paced, [(30_001, "one"), (30_001, "two"), (30_001, "three")], Priority.BULK)
    assert await sender_idle(paced, 10)
    assert world.count("sendmessage", 403) == 1  # the rest were given up without asking again
    async with paced.db.read() as tx:
        customer = await tx.customers.by_telegram_id(30_001)
        assert customer is not None and customer.unreachable_at is not None
        assert [s for _, _, s in await outbox_of_chat(tx, 30_001)] == ["sent"] * 2 + ["failed"] * 3


async def test_interactive_reply_overtakes_a_bulk_backlog(
    paced: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.add_users(40_000, 1000)
    world.add_user(49_999, "Asker", "en")
    await queue(paced, [(40_000 + i, "invite") for i in range(1000)], Priority.BULK)
    await wait_for(lambda: len(world.sent) >= 30)
    await world.user_sends(49_999, "/help")
    await wait_for(lambda: len(world.sent_to(49_999)) == 1, within=10)
    assert len(world.sent) < 900  # answered while most of the backlog was still queued


async def test_lost_answers_are_retried_and_counted(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """Telegram did the work but its answer never came: the sender retries after its timeout."""
    world = fake.world
    world.add_users(60_000, 20)
    world.faults = Faults(timeout_rate=0.2, timeout_delay=3.0, seed=5)
    app = await create_app(
        make_settings(tmp_path, fake.url, send_timeout=1, **SCALE), poll_timeout=1
    )
    await start(app)
    try:
        await queue(app, [(60_000 + i, f"m{i}") for i in range(20)], Priority.NORMAL)
        assert await sender_idle(app, 60)
        assert await message_counts(app) == {"sent": 20}
        async with app.db.read() as tx:
            row = await tx.conn.fetch_one(
                "SELECT SUM(attempts) - COUNT(*), SUM(attempts - 1) FILTER (WHERE chat_id != 0)"
                " FROM outbox"
            )
        assert row is not None
        all_retries, retried = int(row[0]), int(row[1])  # the menus (chat 0) may be retried too
        delivered = [str(s.text) for s in world.sent]
        assert set(delivered) == {f"m{i}" for i in range(20)}
        assert retried >= 1
        assert len(delivered) - 20 == retried  # each lost answer cost exactly one duplicate
        assert app.metrics.get("outbox_transient_errors") == all_retries
    finally:
        await app.stop()


async def test_an_accepted_message_with_an_unreadable_answer_is_not_sent_again(
    paced: App, fake: FakeTelegramServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram said ok but its result does not parse (a newer API shape): it was delivered."""
    world = fake.world
    world.add_user(30_002, "Odd", "en")
    real = METHODS["sendmessage"]

    async def odd(w: World, params: dict[str, Any]) -> Any:
        await real(w, params)
        return {"surprise": True}  # not a Message

    monkeypatch.setitem(METHODS, "sendmessage", odd)
    await queue(paced, [(30_002, "once")], Priority.INTERACTIVE)
    assert await sender_idle(paced, 10)
    assert len(world.sent_to(30_002)) == 1
    async with paced.db.read() as tx:
        assert [s for _, _, s in await outbox_of_chat(tx, 30_002)] == ["sent"]


async def test_5xx_are_retried_until_the_message_expires_and_no_longer(
    paced: App, fake: FakeTelegramServer
) -> None:
    """An invitation is pointless after its survey expires; a relay never is."""
    world = fake.world
    world.add_users(61_000, 2)
    world.faults = Faults(error_rate=1.0)  # Telegram answers 500 to everything
    async with paced.db.transaction() as tx:
        await paced.outbox.send(
            tx, SendMessage(chat_id=61_000, text="invite"), expires_at=time.time() + 2
        )
        await paced.outbox.send(tx, SendMessage(chat_id=61_001, text="relay"))
    await wait_for(lambda: world.count("sendmessage", 500) >= 6, within=20, what="retries")
    await asyncio.sleep(2)
    async with paced.db.read() as tx:
        invite = await outbox_of_chat(tx, 61_000)
        relay = await outbox_of_chat(tx, 61_001)
    assert [s for _, _, s in invite] == ["failed"] and [s for _, _, s in relay] == ["pending"]
    world.faults = Faults()
    await wait_for(lambda: len(world.sent_to(61_001)) == 1, within=70, what="the relay")
    assert not world.sent_to(61_000)
