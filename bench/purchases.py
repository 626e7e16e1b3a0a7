"""Purchases through POST /api/v1/purchases in batches of 1,000: purchases per second.

Run: .venv/bin/python -m bench.purchases [--total 100000]. It starts the real app on a temporary
SQLite file against the fake Bot API and prints one line; `make bench` runs it too.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import aiohttp

from bot.app import create_app
from bot.settings import load_settings
from faketg import FakeTelegramServer

TOKEN = "123456:BENCH-token"


async def run(total: int, batch: int) -> float:
    fake = FakeTelegramServer(token=TOKEN)
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            env_file=None,
            bot_token=TOKEN,
            telegram_api_url=fake.url,
            staff_chat_id=-100,
            database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
            api_port=0,
            api_token="b",
        )
        app = await create_app(settings, poll_timeout=1)
        await app.start()
        await asyncio.wait_for(app.connected.wait(), 10)
        url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
        bodies = [
            {
                "purchases": [
                    {
                        "order_id": f"O-{i}",
                        "amount": 10,
                        "currency": "EUR",
                        "customer": {
                            "external_id": f"c{i % (total // 3 or 1)}",
                            "phone": f"4670{i:07d}",
                        },
                    }
                    for i in range(start, min(start + batch, total))
                ]
            }
            for start in range(0, total, batch)
        ]
        try:
            async with aiohttp.ClientSession(headers={"Authorization": "Bearer b"}) as session:
                began = time.perf_counter()
                for body in bodies:
                    async with session.post(url, json=body) as resp:
                        assert resp.status == 201, await resp.text()
                elapsed = time.perf_counter() - began
        finally:
            await app.stop()
            await fake.stop()
    return total / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.purchases")
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    rate = asyncio.run(run(args.total, args.batch))
    print(
        f"purchases: {args.total} in batches of {args.batch}: {rate:,.0f} purchases/s"
        f" ({rate / 5000:.2f}x the 5,000/s target)"
    )


if __name__ == "__main__":
    main()
