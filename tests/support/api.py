"""POST /api/v1/purchases as an integrator calls it."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.app import App

API_SECRET = "api-secret"


async def call(
    app: App,
    data: bytes | None = None,
    body: Any = None,
    auth: str | None = f"Bearer {API_SECRET}",
) -> tuple[int, Any]:
    headers = {"Authorization": auth} if auth else {}
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=data, json=body, headers=headers) as resp,
    ):
        return resp.status, await resp.json()


async def stored(app: App) -> int:
    async with app.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT COUNT(*) FROM purchases")
    return int(row[0]) if row else 0
