"""Memory at rest and after many customers, and start-up time with a full schedule.

The bot starts on an empty database (idle RSS), greets `customers` customers (RSS after a fifth
and after all of them: memory must not grow per customer), gets a purchase for each (all
scheduled for tomorrow) and complaints from `complaints` of them; then it is restarted and the
time from spawn to serving (API answering, polling Telegram) is measured, next to the bare echo
bot's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.harness import Product
from bench.throughput import FIRST_USER, echo_process, fake_process, product_process


@dataclass(frozen=True)
class Footprint:
    idle_mb: float
    after_fifth_mb: float
    after_all_mb: float
    customers: int
    open_complaints: int
    startup_s: float
    echo_startup_s: float
    echo_idle_mb: float


async def footprint(
    session: aiohttp.ClientSession, tmp: Path, customers: int, complaints: int = 1000
) -> Footprint:
    db = tmp / "footprint.db"
    fifth = max(1, customers // 5)
    async with fake_process(session) as fake:
        async with echo_process(fake) as echo:
            echo_startup, echo_idle = echo.startup_s, echo.proc.memory_mb("VmRSS")
        users = await fake.users(FIRST_USER, customers)
        async with product_process(fake, db, survey_delay="P1D") as bot:
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
        restarted = Product(fake, db, survey_delay="P1D")
        try:
            startup = await restarted.ready()
        finally:
            restarted.stop()
    return Footprint(
        idle, after_fifth, after_all, customers, complaints, startup, echo_startup, echo_idle
    )
