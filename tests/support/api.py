"""The HTTP API as an integrator calls it: purchases, and any resource by method and path."""

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


async def request(
    app: App,
    method: str,
    path: str,
    body: Any = None,
    *,
    data: bytes | None = None,
    auth: bool = True,
) -> tuple[int, Any]:
    """`method` on /api/v1/`path` with the bearer token (or none): the status and the JSON."""
    url = f"http://127.0.0.1:{app.port}/api/v1/{path}"
    headers = {"Authorization": f"Bearer {API_SECRET}"} if auth else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, url, json=body, data=data, headers=headers) as resp,
    ):
        return resp.status, await resp.json(content_type=None)


async def versions(app: App, table: str) -> list[tuple[int, str]]:
    """Every stored version of a definition (`survey_versions`, `theme_versions`): its
    number and who stored it."""
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(f"SELECT version, created_by FROM {table} ORDER BY version")
    return [(int(r[0]), str(r[1])) for r in rows]
