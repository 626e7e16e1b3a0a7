"""Shared test helpers: settings for a temp database and a fake server, polling waits."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bot.app import App
from bot.settings import Settings, load_settings
from faketg.limits import FakeLimits
from storage.sql import DatabaseUrl
from tests.support.backend import database_url

TOKEN = "123456:TEST-token"
# `python -c HOLD_LOCK path/to/bot.db`: another process holding the database's instance lock;
# prints "locked" once it holds it, then waits to be killed (its ten minutes outlast the
# slowest start of the process it refuses: a bot on a loaded machine took over a minute).
HOLD_LOCK = """
import sys, time
from pathlib import Path
from storage.lock import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(600)
"""
STAFF_CHAT = -1001000000001

# Telegram's limits scaled 10x so a test drains in seconds; the same code paths keep the real
# ones (the storm test runs at the real ones).
SCALE: dict[str, Any] = {
    "send_global_per_second": 300,
    "send_private_per_second": 10,
    "send_private_burst": 3,
    "send_group_per_minute": 200,
}
FAKE_SCALE = FakeLimits(
    global_per_second=300,
    global_burst=300,
    private_per_second=10,
    private_burst=4,
    group_per_minute=200,
    group_burst=20,
)


def make_settings(
    tmp_path: Path, api_url: str = "http://127.0.0.1:9", **overrides: Any
) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "telegram_api_url": api_url,
        "database_url": database_url(tmp_path, migrated=True),
        "staff_chat_id": STAFF_CHAT,
        "api_port": 0,
        "business_hours": "24/7",  # deadlines in seconds must not wait for Monday morning
    }
    values.update(overrides)
    return load_settings(env_file=None, **values)


async def health(app: App) -> tuple[int, dict[str, Any]]:
    """GET /healthz of a running app: (status, body)."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}/healthz") as resp,
    ):
        return resp.status, await resp.json()


async def wait_for(predicate: Callable[[], bool], within: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what or predicate}")
        await asyncio.sleep(0.02)


async def sender_idle(app: App, within: float) -> bool:
    """True once the app's sender has nothing queued, in flight or unrecorded."""
    deadline = time.monotonic() + within
    while not app.sender.idle:
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def passes(app: App, count: int = 5, task: str = "complaint-tick") -> None:
    """Wait until `task` has run `count` more times: an absence check ("nothing fired") that
    really gave it the chance, however slow the machine."""
    beat = app.wiring.liveness.beats[task]
    goal = beat.passes + count
    await wait_for(lambda: beat.passes >= goal, within=30, what=f"{count} runs of {task}")


async def start(app: App) -> App:
    """Start the app and wait until it has reached the (fake) Telegram server."""
    await app.start()
    await asyncio.wait_for(app.connected.wait(), 10)
    return app


class ManualClock:
    """A business clock tests move by hand (SLA and survey deadlines); Telegram's is real."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class HeldLock:
    def __init__(self, release: Callable[[], Awaitable[None]]) -> None:
        self.release = release


async def hold_write_lock(url: DatabaseUrl, every_writer: bool = False) -> HeldLock:
    """Another writer holding the database's write lock (as a backup tool or a second process
    would); `release()` lets go.

    SQLite: the file's write lock, taken in a worker thread: the bot in this event loop may be
    in the middle of a transaction it can only finish while the loop runs; waiting in the
    loop's own thread would deadlock both until the busy timeout. PostgreSQL: an EXCLUSIVE
    lock on the tables every update and message is written to (reads still pass), and with
    `every_writer` the writers' lock every write transaction takes."""
    if url.is_sqlite:

        def take() -> sqlite3.Connection:
            conn = sqlite3.connect(
                url.path, isolation_level=None, timeout=60, check_same_thread=False
            )
            conn.execute("BEGIN IMMEDIATE")
            return conn

        held = await asyncio.to_thread(take)

        async def release_file() -> None:
            held.execute("ROLLBACK")
            held.close()

        return HeldLock(release_file)
    import asyncpg

    from storage.sql.postgres import WRITER_KEY

    conn = await asyncpg.connect(url.url)
    await conn.execute("BEGIN")
    await conn.execute("LOCK TABLE inbox, outbox, customers, complaints IN EXCLUSIVE MODE")
    if every_writer:  # the writers' lock too: every write fails, as with SQLite's file lock
        await conn.execute(f"SELECT pg_advisory_xact_lock({WRITER_KEY})")

    async def release_tables() -> None:
        await conn.execute("ROLLBACK")
        await conn.close()

    return HeldLock(release_tables)
