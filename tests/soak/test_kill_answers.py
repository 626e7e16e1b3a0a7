"""SIGKILL the bot again and again while 2,000 customers answer their surveys (make soak).

Every press is stored exactly once (one NPS per survey, one edit queued per survey), every
reply reaches Telegram, and the only duplicates are messages whose delivery a kill left
unrecorded, bounded per kill.
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from faketg import FakeTelegramServer, World
from faketg.limits import FakeLimits
from faketg.world import Sent
from tests.support.backend import database_url
from tests.support.helpers import wait_for
from tests.support.processes import bot_env, db_rows, free_port, start_bot, stop_when

pytestmark = pytest.mark.soak

CUSTOMERS = 2000
KILLS = 4
FIRST = 80_000
API_TOKEN = "soak-token"


def invitations(world: World) -> dict[int, Sent]:
    """Each customer's survey invitation (the message with the 0-10 buttons)."""
    found: dict[int, Sent] = {}
    for sent in world.sent:
        if FIRST <= sent.chat_id < FIRST + CUSTOMERS and any(
            b.get("text") == "9" for row in sent.buttons for b in row
        ):
            found[sent.chat_id] = sent
    return found


def answered(world: World) -> int:
    return sum(bool(q["answered"]) for q in world.callbacks.values())


def answered_at_least(world: World, goal: int) -> Callable[[], bool]:
    return lambda: answered(world) >= goal


async def register(port: int) -> None:
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        for start in range(FIRST, FIRST + CUSTOMERS, 1000):
            body = {
                "purchases": [
                    {"order_id": f"S-{u}", "customer": {"telegram_id": u}}
                    for u in range(start, min(start + 1000, FIRST + CUSTOMERS))
                ]
            }
            url = f"http://127.0.0.1:{port}/api/v1/purchases"
            for _ in range(100):  # the API comes up a moment after the process starts
                try:
                    async with session.post(url, json=body) as resp:
                        assert resp.status == 201, await resp.text()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.2)


async def test_kills_during_2000_answers_lose_and_double_nothing(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.set_limits(FakeLimits(enabled=False))
    world.add_users(FIRST, CUSTOMERS)
    db = database_url(tmp_path)
    port = free_port()
    env = bot_env(fake, db) | {
        "API_PORT": str(port),
        "API_TOKEN": API_TOKEN,
        "SURVEY_DELAY": "1",
        "QUIET_HOURS": "off",
        "SEND_GLOBAL_PER_SECOND": "1000",
        "SEND_PRIVATE_PER_SECOND": "100",
    }
    proc = await start_bot(env)
    for user in range(FIRST, FIRST + CUSTOMERS):
        await world.user_sends(user, "/start")
    await register(port)
    await wait_for(
        lambda: len(invitations(world)) == CUSTOMERS, within=300, what="every invitation"
    )
    for user, sent in invitations(world).items():  # the stream: everyone answers 9
        data = next(b["callback_data"] for row in sent.buttons for b in row if b["text"] == "9")
        await world.user_presses(user, sent, str(data))
    rng = random.Random(6)
    for _ in range(KILLS):  # hard kills at random moments while the answers are handled
        await wait_for(
            answered_at_least(world, answered(world) + 50),
            within=60,
            what="answers being handled",
        )
        await asyncio.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        proc = await start_bot(env)
    await stop_when(
        proc,
        lambda: all(s.edits >= 1 for s in invitations(world).values()),
        300,
        "every answer replied to",
    )
    inbox = dict(await db_rows(db, "SELECT status, COUNT(*) FROM inbox GROUP BY status"))
    assert inbox == {"done": 2 * CUSTOMERS}
    assert await db_rows(db, "SELECT nps, COUNT(*) FROM surveys GROUP BY nps") == [(9, CUSTOMERS)]
    edits = await db_rows(
        db, "SELECT chat_id, COUNT(*) FROM outbox WHERE method = 'EditMessageText' GROUP BY 1"
    )
    assert len(edits) == CUSTOMERS and all(count == 1 for _, count in edits)
    unsent = await db_rows(
        db,
        "SELECT method, COUNT(*) FROM outbox WHERE status != 'sent'"
        " AND method != 'AnswerCallbackQuery' GROUP BY 1",
    )
    assert unsent == []
    # As in test_crash: a kill between Telegram's answer and our record of it resends what was
    # in flight or unrecorded; an answered callback sent again is refused by Telegram (400).
    duplicates = sum(s.edits - 1 for s in invitations(world).values())
    assert duplicates <= KILLS * (8 + 10)
