"""Purchases through POST /api/v1/purchases in batches of 1,000: purchases per second.

A realistic mix: 80% of the purchases name a customer by the Telegram id of someone who has
started the bot (so the first purchase of each plans an invitation and later ones meet the
cooldown), 20% name a customer by phone only (a survey waits for the link). Every process is
separate, as in the other benchmarks: the fake Bot API, the product (`python -m bot run` on a
fresh SQLite file, default settings, QUIET_HOURS off), and this client.

Run: .venv/bin/python -m bench.purchases [--total 100000].
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.harness import API_TOKEN
from bench.throughput import FIRST_USER, fake_process, product_process

MIX = "80% by the Telegram id of a started customer, 20% by phone only"


def bodies(total: int, batch: int, started: list[int]) -> list[dict[str, object]]:
    rng = random.Random(3)
    phones = max(1, total // 20)  # each phone-only customer buys about four times
    items = []
    for i in range(total):
        customer: dict[str, object]
        if rng.random() < 0.8:
            customer = {"telegram_id": rng.choice(started)}
        else:
            customer = {"phone": f"+4670{rng.randrange(phones):07d}"}
        items.append(
            {
                "order_id": f"O-{i}",
                "amount": rng.randrange(100, 5000),
                "currency": "SEK",
                "branch": rng.choice(("north", "south", "airport")),
                "customer": customer,
            }
        )
    return [{"purchases": items[k : k + batch]} for k in range(0, total, batch)]


async def run(
    session: aiohttp.ClientSession,
    tmp: Path,
    total: int,
    batch: int,
    database: str | None = None,
) -> float:
    """Purchases per second, on a fresh SQLite file in `tmp` (or the `database` URL)."""
    started = max(100, total // 10)  # each started customer buys about eight times
    async with (
        fake_process(session) as fake,
        product_process(fake, database or tmp / "purchases.db", survey_delay="PT2H") as bot,
    ):
        users = await fake.users(FIRST_USER, started)
        await fake.push([{"user_id": u, "text": "/start"} for u in users])
        await bot.idle(within=1800)
        payloads = bodies(total, batch, users)
        headers = {"Authorization": f"Bearer {API_TOKEN}"}
        url = f"{bot.base}/api/v1/purchases"
        began = time.perf_counter()
        for body in payloads:
            async with session.post(url, json=body, headers=headers) as resp:
                if resp.status != 201:
                    raise RuntimeError(f"purchases refused: {resp.status} {await resp.text()}")
        elapsed = time.perf_counter() - began
    return total / elapsed


async def _main(total: int, batch: int) -> float:
    async with aiohttp.ClientSession() as session:
        with tempfile.TemporaryDirectory() as tmp:
            return await run(session, Path(tmp), total, batch)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.purchases")
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    rate = asyncio.run(_main(args.total, args.batch))
    print(
        f"purchases: {args.total} in batches of {args.batch} ({MIX}): {rate:,.0f} purchases/s"
        f" ({rate / 5000:.2f}x the 5,000/s target)"
    )


if __name__ == "__main__":
    main()
