"""The two resources the app is built on: its database (locked to this process) and its Bot."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import TCPConnector

from bot.outbox.guard import RefuseDirectSends
from bot.outbox.responses import HoldResponseModels
from bot.settings import TelegramSettings
from storage.clock import Clock
from storage.db import Database
from storage.lock import InstanceLock
from storage.migrate import migrate
from storage.sql import DatabaseError, DatabaseUrl

log = logging.getLogger(__name__)


@asynccontextmanager
async def opened_database(url: DatabaseUrl, clock: Clock) -> AsyncIterator[Database]:
    """Lock (SQLite), connect and migrate; closed, then unlocked, on leaving. Raises
    AlreadyRunning when another process serves the SQLite file, and a DatabaseError when the
    database is unusable (read-only, not a database, a server that refuses)."""
    db = Database(url, clock)
    lock = None
    if url.is_sqlite and db.path != Path(":memory:"):  # PostgreSQL: instances elect a leader
        lock = InstanceLock(db.path)
        lock.acquire()
    try:
        try:
            await db.connect()
            await _migrate(db)
            # A read-only or full disk says so now, not at the first update.
            async with db.transaction():
                pass
            yield db
        finally:
            await db.close()
    finally:
        if lock is not None:
            lock.release()


async def _migrate(db: Database) -> None:
    """Migrate; a writers' lock held past its timeout by another instance frozen inside a
    statement (PostgreSQL) is ended and the migration tried again, once: the supervisor of
    a frozen leader's replacement would otherwise restart it into the same wall for ever."""
    try:
        await migrate(db.conn)
    except DatabaseError as exc:
        if "lock timeout" not in str(exc):
            raise
        for pid in await db.conn.end_frozen_peers():
            log.warning("ended another instance's database session %d, frozen mid-statement", pid)
        await migrate(db.conn)


@asynccontextmanager
async def telegram_bot(tg: TelegramSettings) -> AsyncIterator[Bot]:
    """A Bot whose requests made while an update is handled fail (only the outbox sends); its
    session closed on leaving."""
    api = TelegramAPIServer.from_base(tg.telegram_api_url)
    session = AiohttpSession(api=api) if api.base.startswith("https:") else _PlainSession(api=api)
    session.middleware(RefuseDirectSends())
    session.middleware(HoldResponseModels())
    try:
        yield Bot(tg.bot_token.get_secret_value(), session=session)
    finally:
        await session.close()


class _PlainSession(AiohttpSession):
    """A session to a Bot API server on plain http (a local telegram-bot-api): aiogram's close
    waits 250 ms for TLS connections to shut, and there are none; its `__init__` loads the CA
    bundle into a TLS context (~0.05 s of CPU per session, several an app) never used here."""

    def __init__(self, **kwargs: Any) -> None:
        BaseSession.__init__(self, **kwargs)  # what AiohttpSession's does, minus the TLS context
        self._session = None
        self._connector_type = TCPConnector
        self._connector_init = {"limit": 100, "ttl_dns_cache": 3600}
        self._should_reset_connector = True
        self._proxy = None

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
