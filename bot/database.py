"""The database the app is built on, locked to this process, connected and migrated.

Apart from the Bot (`bot/resources.py`): it imports no aiogram, so `python -m bot run` checks
the database before paying the seconds aiogram's import takes (`bot/cli.py`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
