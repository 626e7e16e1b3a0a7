"""Invitations at Telegram's limits, and how fast a press is answered while they go out.

Set-up runs with the fake's limits off (greeting everyone at 1 message/s per chat would take
hours); the measured phase restarts the bot on the same database with its default send limits
against a fake that enforces Telegram's, the global one strictly (at most 30 sends in any
1-second window, counted on arrival: no saved-up burst), registers the purchases and lets the
invitations go out while probe customers press buttons (every fifth a 0, which posts a
complaint card).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.harness import STAFF_CHAT, Fake, Product, until
from bench.throughput import FIRST_USER, fake_process, product_process

LIMITED = ("sendmessage", "editmessagetext", "copymessage", "sendphoto", "senddocument")


@dataclass(frozen=True)
class Outbound:
    invitations: int
    sends_per_second: float
    refused_429: int
    busiest_group_minute: int
    p50_ms: float
    p95_ms: float
    probes: int


async def invitations_under_limits(
    session: aiohttp.ClientSession, tmp: Path, n: int, probes: int = 150
) -> Outbound:
    db = tmp / "outbound.db"
    async with fake_process(session) as fake:
        customers = await fake.users(FIRST_USER, n)
        probers = await fake.users(FIRST_USER + n, probes)
        async with product_process(fake, db) as bot:
            await fake.push([{"user_id": u, "text": "/start"} for u in customers + probers])
            await bot.idle()
            sent = await fake.tally("sendmessage 200")
            await bot.purchases(probers, "PROBE")
            await until(
                lambda: fake.tallied("sendmessage 200", sent + probes), 300, "probe invitations"
            )
            await bot.idle()
        await fake.limits(True, strict_window=True)  # at most 30 in any second, on arrival
        # Detractors' cards go out 2 s after their answer, during the sending, and must keep
        # the staff chat's 20 a minute however many arrive.
        bot = Product(fake, db, survey_delay="PT1S", complaint_settle="PT2S")
        try:
            await bot.ready()
            await bot.purchases(customers, "ORDER")
            latencies_from = await fake.answered()
            began = await until(
                lambda: fake.tallied("sendmessage 200", sent + probes + 1), 60, "sending"
            )
            before = await _limited_sends(fake)
            for k, user in enumerate(probers):
                score = "0" if k % 5 == 0 else "9"
                await fake.push([{"user_id": user, "button": score}])
                await asyncio.sleep(0.2)
            await until(
                lambda: fake.tallied("sendmessage 200", sent + probes + n),
                3 * n / 25 + 120,
                "invitations",
            )
            finished = time.perf_counter()
            sends = await _limited_sends(fake) - before
            times = (await fake.get("/_fake/bulk/callbacks", times=1))["times"][latencies_from:]
            stats = (await fake.get("/_fake/stats"))["tally"]
            group = await fake.get("/_fake/bulk/busiest", chat_id=STAFF_CHAT, seconds=60)
        finally:
            bot.stop()
    waits = sorted((answered - pressed) * 1000 for pressed, answered in times)
    return Outbound(
        n,
        sends / (finished - began),
        sum(count for key, count in stats.items() if key.endswith(" 429")),
        int(group["max"]),
        statistics.median(waits),
        waits[int(0.95 * (len(waits) - 1))],
        len(waits),
    )


async def _limited_sends(fake: Fake) -> int:
    tally = (await fake.get("/_fake/stats"))["tally"]
    return sum(int(tally.get(f"{method} 200", 0)) for method in LIMITED)
