"""Webhook endpoint: checks Telegram's secret header, stores the update, then answers 200."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.metrics import Metrics
from bot.updates.poller import store_updates, to_inbox_rows
from storage.db import Database

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_handler(
    db: Database, secret: str, metrics: Metrics, on_stored: Callable[[], None]
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.json_response({"ok": False, "error": "wrong secret token"}, status=401)
        try:
            body = await request.json()
        except (ValueError, RecursionError):
            return web.json_response({"ok": False, "error": "body is not JSON"}, status=400)
        rows = to_inbox_rows([body]) if isinstance(body, dict) else []
        if not rows:
            return web.json_response(
                {"ok": False, "error": "expected an Update object with an integer update_id"},
                status=400,
            )
        await store_updates(db, rows, metrics, on_stored)
        return web.json_response({"ok": True})

    return handle
