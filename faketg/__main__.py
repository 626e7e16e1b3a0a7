"""`python -m faketg [--port 8081] [--token T]`: run the fake Bot API server on its own."""

from __future__ import annotations

import argparse
import asyncio

from faketg.server import FakeTelegramServer


async def _serve(port: int, token: str) -> None:
    server = FakeTelegramServer(token=token, port=port)
    await server.start()
    print(f"fake Telegram Bot API on {server.url} (token {token}); control API under /_fake/")
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m faketg")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-token")
    args = parser.parse_args()
    asyncio.run(_serve(args.port, args.token))


main()
