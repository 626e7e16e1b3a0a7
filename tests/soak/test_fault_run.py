"""The fault run (make soak): faults short of a crash, one after another, while people write.

Proxy HTML 502 pages while 300 customers answer; a 90 s outage of Telegram; a 10 s write lock
held by another process; getChatMember failing while staff reply; one customer sending 5,000
messages while others complain. Through all of it: every answer is stored once, every reply and
relay is delivered, new complaints reach the staff chat within a minute, and /healthz says 503
while a task is stuck and 200 once it is not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from faketg.limits import Faults
from tests.support.helpers import (
    FAKE_SCALE,
    SCALE,
    STAFF_CHAT,
    hold_write_lock,
    make_settings,
    sender_idle,
    start,
    wait_for,
)
from tests.support.journey import button
from tests.support.staffroom import AGENT, card, staff_group, staff_messages

pytestmark = pytest.mark.soak

CUSTOMERS = 300
FIRST = 90_000
COMPLAINERS = 95_000  # people who are not in a survey: what they write is a complaint
FLOODER = 99_000
API_TOKEN = "fault-token"


class HealthLog:
    """/healthz sampled twice a second for the whole run."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.samples: list[tuple[float, int]] = []
        self._task = asyncio.create_task(self._sample())

    async def _sample(self) -> None:
        url = f"http://127.0.0.1:{self.app.port}/healthz"
        async with aiohttp.ClientSession() as session:
            while True:
                async with session.get(url) as resp:
                    self.samples.append((time.monotonic(), resp.status))
                await asyncio.sleep(0.5)

    def between(self, start: float, end: float) -> set[int]:
        return {status for at, status in self.samples if start <= at <= end}

    async def stop(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


@pytest.fixture
async def app(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    fake.world.set_limits(FAKE_SCALE)
    settings = make_settings(
        tmp_path,
        fake.url,
        api_token=API_TOKEN,
        survey_delay="1",
        quiet_hours="off",
        health_stall_after="5",
        **SCALE,
    )
    application = await create_app(settings, poll_timeout=1, tick_seconds=0.5)
    await start(application)
    yield application
    await application.stop()


async def register(app: App, users: range) -> None:
    body = {"purchases": [{"order_id": f"F-{u}", "customer": {"telegram_id": u}} for u in users]}
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=body, headers=headers) as r,
    ):
        assert r.status == 201, await r.text()


async def rows(app: App, sql: str) -> list[tuple[object, ...]]:
    async with app.db.read() as tx:
        return [tuple(row) for row in await tx.conn.fetch_all(sql)]


async def test_faults_short_of_a_crash_lose_nothing_and_health_tells_the_truth(
    app: App, fake: FakeTelegramServer, tmp_path: Path
) -> None:
    world = fake.world
    staff_group(world)
    health = HealthLog(app)
    users = range(FIRST, FIRST + CUSTOMERS)
    for user in users:
        world.add_user(user, f"C{user}", "en")
        await world.user_sends(user, "/start")
    await register(app, users)
    invites = {}
    await wait_for(
        lambda: all(any(s.buttons for s in world.sent_to(u)) for u in users), 120, "invitations"
    )
    for user in users:
        invites[user] = next(s for s in world.sent_to(user) if s.buttons)

    # 1. Proxy HTML pages on every method while everyone answers 9.
    world.faults = Faults(html_502=40)
    for user, sent in invites.items():
        await world.user_presses(user, sent, button(sent, "9"))
    await wait_for(lambda: all(s.edits >= 1 for s in invites.values()), 120, "answers replied")
    assert world.tally["getupdates 502"] + world.tally["editmessagetext 502"] > 0

    # 2. Telegram unreachable for 90 s while a tenth of them answer the next question.
    outage_start = time.monotonic()
    await fake.outage(90)
    await asyncio.sleep(85)
    for user in list(users)[:30]:
        await world.user_presses(user, invites[user], button(invites[user], "Skip"))
    await asyncio.sleep(6)
    outage_end = time.monotonic()
    await wait_for(
        lambda: all(s.edits >= 2 for u, s in invites.items() if u < FIRST + 30), 120, "after"
    )
    assert 503 in health.between(outage_start + 10, outage_end)

    # 3. Another process holds the write lock for 10 s while ten customers complain.
    other = await hold_write_lock(app.db.url)
    for n in range(10):
        world.add_user(COMPLAINERS + n, f"P{n}", "en")
        await world.user_sends(COMPLAINERS + n, f"Complaint {n} during the lock")
    await asyncio.sleep(10)
    await other.release()
    for number in range(1, 11):
        await card(world, number)

    # 4. getChatMember failing while a staff member (not in STAFF_IDS) answers five of them.
    world.faults = Faults(method_errors={"getchatmember": 500})
    for number in range(1, 6):
        shown = await card(world, number)
        await world.user_sends(
            AGENT, f"Reply {number}", chat_id=STAFF_CHAT, reply_to=shown.message_id
        )
    await asyncio.sleep(5)
    world.faults = Faults()
    complainers = range(COMPLAINERS, COMPLAINERS + 5)
    await wait_for(
        lambda: all(any("Reply" in str(s.text) for s in world.sent_to(u)) for u in complainers),
        60,
        "every staff reply relayed",
    )

    # 5. One customer sends 5,000 messages; three others complain meanwhile.
    world.add_user(FLOODER, "Flood", "en")
    before = app.metrics.get("updates_processed")
    for n in range(5000):
        await world.user_sends(FLOODER, f"flood {n}")
    flood_sent = time.monotonic()
    for n in range(10, 13):
        world.add_user(COMPLAINERS + n, f"P{n}", "en")
        await world.user_sends(COMPLAINERS + n, "Please help")

    def listed(number: int) -> bool:  # as a card, or a line in a storm summary
        return any(f"#{number}</b>" in str(s.text) for s in staff_messages(world))

    try:
        await wait_for(lambda: all(listed(n) for n in (12, 13, 14)), 60, "new complaints shown")
    finally:
        processed = app.metrics.get("updates_processed")
        print(f"after {time.monotonic() - flood_sent:.1f} s: {processed:.0f} updates processed")
    flood_done = before + 5000 + 3
    await wait_for(lambda: app.metrics.get("updates_processed") >= flood_done, 300, "flood")

    # Afterwards: all done once, nothing given up, and healthy again.
    await wait_for(lambda: health.samples[-1][1] == 200, 60, "healthy again")
    await health.stop()
    assert await sender_idle(app, 60)
    assert (
        await rows(app, "SELECT status, COUNT(*) FROM inbox WHERE status != 'done' GROUP BY 1")
        == []
    )
    assert await rows(app, "SELECT COUNT(*) FROM surveys WHERE nps = 9") == [(CUSTOMERS,)]
    assert await rows(app, "SELECT COUNT(*) FROM complaint_messages WHERE complaint_id = 11") == [
        (5000,)
    ]
    failed = await rows(app, "SELECT method, error FROM outbox WHERE status = 'failed'")
    assert failed == [], failed
    flooded = [s for s in staff_messages(world) if "#11 · Flood" in str(s.text)]
    assert len(flooded) < 30, len(flooded)  # a few relays, then one roundup a minute
