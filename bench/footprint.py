"""Memory at rest and after many customers; start-up as a customer feels it.

Start-up is spawn → first reply to a message that was already waiting in the fake: for the
bare echo bot, for the product on an empty database, and for the product restarted on one
holding `customers` scheduled invitations and `complaints` open complaints. In between, the
product greets `customers` customers (RSS after a fifth and after all of them: memory must not
grow per customer), gets a purchase for each (all scheduled for tomorrow) and complaints from
`complaints` of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.harness import Product, first_reply_s
from bench.throughput import FIRST_USER, UNLIMITED, echo_process, fake_process, product_process

PROBES = 900_000  # users whose waiting message each start-up answers first


@dataclass(frozen=True)
class Footprint:
    idle_mb: float
    after_fifth_mb: float
    after_all_mb: float
    customers: int
    open_complaints: int
    fresh_startup_s: float
    loaded_startup_s: float
    echo_startup_s: float
    echo_idle_mb: float


async def footprint(
    session: aiohttp.ClientSession, tmp: Path, customers: int, complaints: int = 1000
) -> Footprint:
    db = tmp / "footprint.db"
    fifth = max(1, customers // 5)
    async with fake_process(session) as fake:
        echo_probe, fresh_probe, loaded_probe = await fake.users(PROBES, 3)
        await fake.push([{"user_id": echo_probe, "text": "/start"}])
        async with echo_process(fake) as echo:
            echo_startup = await first_reply_s(fake, echo.proc, echo_probe)
            echo_idle = echo.proc.memory_mb("VmRSS")
        users = await fake.users(FIRST_USER, customers)
        await fake.push([{"user_id": fresh_probe, "text": "/start"}])
        async with product_process(fake, db, survey_delay="P1D") as bot:
            fresh_startup = await first_reply_s(fake, bot.proc, fresh_probe)
            await bot.idle()
            idle = after_fifth = bot.proc.memory_mb("VmRSS")
            for start in range(0, customers, fifth):
                batch = users[start : start + fifth]
                await fake.push([{"user_id": u, "text": "/start"} for u in batch])
                await bot.idle(within=3600)
                if start == 0:
                    after_fifth = bot.proc.memory_mb("VmRSS")
            after_all = bot.proc.memory_mb("VmRSS")
            await bot.purchases(users, "ORDER")
            await fake.push([{"user_id": u, "text": "It broke"} for u in users[:complaints]])
            await bot.idle(within=600)
        await fake.push([{"user_id": loaded_probe, "text": "/start"}])
        restarted = Product(fake, db, **{**UNLIMITED, "survey_delay": "P1D"})
        try:
            loaded_startup = await first_reply_s(fake, restarted.proc, loaded_probe)
        finally:
            restarted.stop()
    return Footprint(
        idle,
        after_fifth,
        after_all,
        customers,
        complaints,
        fresh_startup,
        loaded_startup,
        echo_startup,
        echo_idle,
    )
