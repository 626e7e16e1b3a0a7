"""Two real bot processes on one PostgreSQL: the leader SIGKILLed twice while customers write.

The standby takes over each time; the killed one is started again (as its supervisor would)
and stands by. Afterwards every update was handled once, every customer got their replies,
Telegram saw no 429 and never two pollers at once.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from faketg import FakeTelegramServer
from faketg.limits import FakeLimits
from tests.support.backend import ON_POSTGRES, database_url
from tests.support.helpers import wait_for
from tests.support.processes import (
    assert_each_greeted_once,
    bot_env,
    free_port,
    start_bot,
    stop_when,
)

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="instances share PostgreSQL only")

USERS = 200
KILLS = 2
FIRST = 60_000


async def role(port: int) -> str | None:
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                f"http://127.0.0.1:{port}/healthz", timeout=aiohttp.ClientTimeout(2)
            ) as resp,
        ):
            return str((await resp.json())["role"])
    except (aiohttp.ClientError, TimeoutError):
        return None  # not listening (yet, or any more)


async def becomes(port: int, wanted: str, within: float) -> float:
    """Seconds until the instance on `port` says it is `wanted`."""
    start = time.monotonic()
    while (await role(port)) != wanted:
        assert time.monotonic() - start < within, f"port {port} never became {wanted}"
        await asyncio.sleep(0.1)
    return time.monotonic() - start


async def test_the_leader_killed_twice_mid_stream_is_replaced_and_nothing_is_lost(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.set_limits(FakeLimits(global_per_second=100, global_burst=100, private_per_second=10))
    for i in range(USERS):
        world.add_user(FIRST + i, f"U{i}", "en")
    db = database_url(tmp_path)
    ports = [free_port(), free_port()]
    envs = [bot_env(fake, db) | {"API_PORT": str(port)} for port in ports]
    procs = [await start_bot(envs[0])]
    await becomes(ports[0], "leader", 60)
    procs.append(await start_bot(envs[1]))
    await becomes(ports[1], "standby", 60)

    # Customers write in KILLS + 1 parts; a part waits until the instance killed before it
    # is back as a standby, so every kill falls mid-stream however slowly processes start
    # (a slow start-up once let the whole stream be answered before the second kill).
    restarted = [asyncio.Event() for _ in range(KILLS)]
    part = USERS // (KILLS + 1)

    async def stream() -> None:
        for i in range(USERS):
            if i and i % part == 0 and i // part <= KILLS:
                await restarted[i // part - 1].wait()
            await world.user_sends(FIRST + i, "/start")
            await asyncio.sleep(0.05)

    def sends_after(moment: float) -> list[float]:
        return [
            at
            for at, name, _, status in world.log
            if at > moment and name == "sendmessage" and status == 200
        ]

    streaming = asyncio.create_task(stream())
    takeovers = []
    for kill in range(KILLS):
        goal = len(world.sent) + 20
        await wait_for(lambda: len(world.sent) >= goal, 60, "the leader at work")  # noqa: B023
        leader = 0 if await role(ports[0]) == "leader" else 1
        procs[leader].send_signal(signal.SIGKILL)
        killed = time.time()
        await procs[leader].wait()
        await becomes(ports[1 - leader], "leader", 30)
        await wait_for(lambda: sends_after(killed) != [], 30, "a message from the new leader")  # noqa: B023
        takeovers.append(round(min(sends_after(killed)) - killed, 2))
        procs[leader] = await start_bot(envs[leader])  # its supervisor starts it again
        await becomes(ports[leader], "standby", 60)
        restarted[kill].set()
    await streaming
    leader = 0 if await role(ports[0]) == "leader" else 1
    procs[1 - leader].send_signal(signal.SIGTERM)
    await stop_when(
        procs[leader],
        lambda: all(len(world.sent_to(FIRST + i)) >= 2 for i in range(USERS)),
        90,
        "the replies to every customer",
    )
    await procs[1 - leader].wait()

    duplicates = sum(len(world.sent_to(FIRST + i)) - 2 for i in range(USERS))
    print(f"seconds from a kill to the next message sent: {takeovers}; sent twice: {duplicates}")
    assert all(t < 10 for t in takeovers), takeovers  # the bound the README gives
    await assert_each_greeted_once(db, USERS)
    refused = {k: n for k, n in world.tally.items() if k.endswith(" 429")}
    assert refused == {}
    assert world.tally["getupdates overlap"] == 0
    # As for a crash: what was in flight when the leader died may go twice (see test_crash).
    assert duplicates <= KILLS * (8 + 10)
