"""The aiohttp application: health and metrics, plus the routes features add (API, webhook)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.metrics import Metrics
from storage.db import Database

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


MAX_BODY = 4 * 1024 * 1024  # a batch of 1,000 purchases with names fits comfortably


def init_web(
    db: Database, metrics: Metrics, routes: list[tuple[str, str, Handler]]
) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)

    async def healthz(_: web.Request) -> web.Response:
        async with db.read() as tx:
            inbox = await tx.inbox.counts()
            outbox = await tx.outbox.counts()
        return web.json_response(
            {
                "ok": True,
                "inbox_pending": inbox.get("pending", 0),
                "outbox_pending": outbox.get("pending", 0),
            }
        )

    async def prometheus(_: web.Request) -> web.Response:
        async with db.read() as tx:
            inbox = await tx.inbox.counts()
            outbox = await tx.outbox.counts()
        extra = {f"inbox_{k}": float(v) for k, v in inbox.items()}
        extra |= {f"outbox_{k}": float(v) for k, v in outbox.items()}
        return web.Response(text=metrics.render(extra), content_type="text/plain")

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", prometheus)
    for method, path, handler in routes:
        app.router.add_route(method, path, handler)
    return app
