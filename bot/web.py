"""The aiohttp application: health and metrics, plus the routes features add (API, webhook)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from ipaddress import IPv6Address, ip_address
from typing import Any

from aiohttp import web

from bot.liveness import Liveness
from bot.metrics import CONTENT_TYPE, Metrics
from bot.settings import Network
from storage.db import Database
from storage.sql import DatabaseError
from storage.states import InboxStatus, OutboxStatus

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


MAX_BODY = 4 * 1024 * 1024  # a batch of 1,000 purchases with names fits comfortably
# /healthz answers within this even when the database is held by someone else.
DB_ANSWER_TIMEOUT = 2.0
PROBE_KEY = "healthz_probe"  # the kv row a failing leader's /healthz writes


async def queue_state(db: Database) -> dict[str, Any]:
    """Rows by status, the age of the oldest unhandled update and undelivered message, and
    the events other systems have not yet accepted."""
    now = time.time()
    async with asyncio.timeout(DB_ANSWER_TIMEOUT), db.read() as tx:
        inbox = await tx.inbox.counts()
        outbox = await tx.outbox.counts()
        oldest_update = await tx.inbox.oldest_pending()
        oldest_message = await tx.outbox.oldest_pending()
        events = await tx.events.backlog(now)
    return {
        "inbox": inbox,
        "outbox": outbox,
        "events_undelivered": events.undelivered,
        "oldest_undelivered_event_seconds": events.oldest_seconds,
        "events_failed": events.failed,
        "oldest_pending_update_seconds": _age(now, oldest_update) or 0.0,
        "oldest_pending_message_seconds": _age(now, oldest_message) or 0.0,
    }


def _age(now: float, since: float | None) -> float | None:
    """Seconds from `since` to `now`, to a tenth; None if it never happened."""
    return None if since is None else round(max(0.0, now - since), 1)


async def read_queues(db: Database) -> tuple[dict[str, Any] | None, str]:
    try:
        return await queue_state(db), "ok"
    except TimeoutError:
        return None, "busy"  # a long write holds it; the task beats say whether that is stuck
    except DatabaseError as exc:
        log.warning("healthz: database not readable (%s)", type(exc).__name__)
        return None, f"error: {type(exc).__name__}"


async def probe_write(db: Database) -> None:
    """Write one row, to learn whether the database works again: a write that commits ends
    the failure (see `Failing`); one that fails or takes too long leaves it."""
    try:
        async with asyncio.timeout(DB_ANSWER_TIMEOUT), db.transaction() as tx:
            await tx.kv.set(PROBE_KEY, "written by /healthz")
    except TimeoutError:
        log.warning("healthz: a write to the database took over %.0f s", DB_ANSWER_TIMEOUT)
    except DatabaseError as exc:
        log.warning("healthz: the database still refuses a write (%s)", type(exc).__name__)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """Who sent a request: the connecting peer, unless it is a trusted proxy; then the
    rightmost X-Forwarded-For hop that is not one (whatever stands left of it the client
    wrote itself, and may have invented)."""
    if not peer:
        return "?"
    if not forwarded_for or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer  # only proxies: the farthest one


def _trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    if (
        isinstance(ip, IPv6Address) and ip.ipv4_mapped is not None
    ):  # a dual-stack socket's IPv4 peer
        ip = ip.ipv4_mapped
    return any(ip in network for network in trusted)


@web.middleware
async def answers_in_json(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A database that fails is a 503 naming it, anything else a 500: JSON either way, never
    aiohttp's text/plain page, so an integrator's client can read and retry it."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:  # aiohttp's own is a text page
        body = {"error": "the request body is too large"}
        return web.json_response(body, status=413)
    except web.HTTPException:
        raise
    except DatabaseError as exc:
        log.warning("%s %s: the database failed (%s)", request.method, request.path, exc)
        body = {"error": f"database unavailable ({type(exc).__name__}); try again shortly"}
        return web.json_response(body, status=503, headers={"Retry-After": "5"})
    except Exception:
        log.exception("%s %s failed", request.method, request.path)
        return web.json_response({"error": "internal error"}, status=500)


def init_web(
    db: Database,
    metrics: Metrics,
    liveness: Liveness,
    routes: list[tuple[str, str, Handler]],
    role: Callable[[], str] = lambda: "leader",
    chats: Callable[[], dict[str, Any]] = dict,
    db_fail_after: float = 30.0,
) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[answers_in_json])

    async def healthz(_: web.Request) -> web.Response:
        queues, database = await read_queues(db)
        ok = liveness.healthy
        # A standby writes only when the API is called: a read that succeeds (this one, or its
        # campaign's) is the database reached. A leader needs a committed write.
        reads = role() == "standby"
        if not reads and db.failing.for_at_least(db_fail_after):
            await probe_write(db)  # a quiet leader's tasks may not write for 30 s
        if db.failing.for_at_least(db_fail_after, reads_count=reads):
            ok = False  # a restart may help (a new connection), and someone must look
            seconds = db.failing.seconds(reads_count=reads)
            database = f"failing for {seconds:.0f} s: {db.failing.error}"
        body: dict[str, Any] = {"ok": ok, "role": role(), "database": database}
        body["tasks"] = liveness.report()
        body |= chats()  # the staff (and digest) chat: its id now, if Telegram moved it
        body["seconds_since_last_update"] = _age(time.time(), metrics.last_update_at)
        if queues is not None:
            body |= {
                "inbox_pending": queues["inbox"].get(InboxStatus.PENDING, 0),
                "outbox_pending": queues["outbox"].get(OutboxStatus.PENDING, 0),
                "oldest_pending_update_seconds": queues["oldest_pending_update_seconds"],
                "oldest_pending_message_seconds": queues["oldest_pending_message_seconds"],
                "events_undelivered": queues["events_undelivered"],
                "oldest_undelivered_event_seconds": queues["oldest_undelivered_event_seconds"],
                "events_failed": queues["events_failed"],
            }
        return web.json_response(body, status=200 if ok else 503)

    async def prometheus(_: web.Request) -> web.Response:
        queues, _database = await read_queues(db)
        if queues is not None:
            metrics.set_rows(queues["inbox"], queues["outbox"])
            metrics.oldest_update.set(queues["oldest_pending_update_seconds"])
            metrics.oldest_message.set(queues["oldest_pending_message_seconds"])
            metrics.events_undelivered.set(queues["events_undelivered"])
            metrics.oldest_event.set(queues["oldest_undelivered_event_seconds"])
            metrics.events_failed.set(queues["events_failed"])
        metrics.healthy.set(1.0 if liveness.healthy else 0.0)
        staff = chats().get("staff_chat", {})
        metrics.staff_chat_reachable.set(0.0 if staff.get("reachable") is False else 1.0)
        if metrics.last_update_at is not None:
            metrics.since_update.set(time.time() - metrics.last_update_at)
        for beat in liveness:
            metrics.task_age.labels(task=beat.name).set(beat.age())
            metrics.task_stuck.labels(task=beat.name).set(1.0 if beat.stuck else 0.0)
            metrics.task_restarts.labels(task=beat.name).set(float(beat.restarts))
        return web.Response(body=metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", prometheus)
    for method, path, handler in routes:
        app.router.add_route(method, path, handler)
    return app
