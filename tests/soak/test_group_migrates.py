"""The staff group migrates to a supergroup mid-storm (make soak): 40 customers complain at
once, more than the group may receive one card each, and an owner turns on Topics while the
cards and summaries are on their way. Every complaint reaches the new chat (as a card or a
summary's line), nothing is given up, the owner is told once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.app import create_app
from faketg import FakeTelegramServer
from tests.support.helpers import FAKE_SCALE, SCALE, make_settings, sender_idle, start, wait_for
from tests.support.staffroom import AGENT, OWNER, staff_group

pytestmark = pytest.mark.soak

OLD, NEW = -4000000077, -1009000000077
COMPLAINERS = range(96_000, 96_040)


async def test_the_staff_group_migrates_mid_storm_and_every_complaint_follows(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.set_limits(FAKE_SCALE)
    staff_group(world)
    world.add_group(OLD, "Support team", [AGENT, OWNER], basic=True)
    settings = make_settings(
        tmp_path, fake.url, staff_chat_id=OLD, owner_ids=str(OWNER), quiet_hours="off", **SCALE
    )
    app = await create_app(settings, poll_timeout=1, tick_seconds=0.5)
    await start(app)
    try:
        for user in COMPLAINERS:
            world.add_user(user, f"P{user}", "en")
            await world.user_sends(user, f"Storm complaint from {user}")
        await asyncio.sleep(1.5)  # some cards and summaries have gone to the old group
        await world.upgrade_group(OLD, NEW, by=OWNER, forum=False)
        numbers = range(1, len(COMPLAINERS) + 1)

        def listed_in_new(number: int) -> bool:
            return any(f"#{number}</b>" in str(s.text) for s in world.sent_to(NEW))

        await wait_for(lambda: all(listed_in_new(n) for n in numbers), 180, "all in NEW")
        assert await sender_idle(app, 60)
        async with app.db.read() as tx:
            failed = await tx.conn.fetch_all(
                "SELECT method, error FROM outbox WHERE status = 'failed'"
            )
        assert [tuple(row) for row in failed] == []
        told = [s for s in world.sent_to(OWNER) if "supergroup" in str(s.text)]
        assert len(told) == 1
        print(
            f"in the old group before the move: {len(world.sent_to(OLD))} messages;"
            f" in the new one: {len(world.sent_to(NEW))}"
        )
    finally:
        await app.stop()
