"""One SQLite connection, serialised transactions, and the unit of work handed to services."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.repos.complaints import ComplaintRepo
from storage.repos.customers import CustomerRepo
from storage.repos.inbox import InboxRepo
from storage.repos.kv import KvRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.purchases import PurchaseRepo
from storage.repos.requests import ReportRequestRepo
from storage.repos.stats import StatsRepo
from storage.repos.surveys import SurveyRepo

log = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None] | None]


class Tx:
    """A transaction in progress: repositories bound to it and hooks to run once it commits."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self._after_commit: list[AfterCommit] = []
        self._savepoints = 0
        self.customers = CustomerRepo(conn)
        self.inbox = InboxRepo(conn)
        self.outbox = OutboxRepo(conn)
        self.kv = KvRepo(conn)
        self.purchases = PurchaseRepo(conn)
        self.surveys = SurveyRepo(conn)
        self.complaints = ComplaintRepo(conn)
        self.stats = StatsRepo(conn)
        self.report_requests = ReportRequestRepo(conn)

    def after_commit(self, hook: AfterCommit) -> None:
        """Run `hook` once the transaction is durable (never if it rolls back)."""
        self._after_commit.append(hook)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """Nested unit that rolls back alone; its after-commit hooks go with it."""
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        hooks_before = len(self._after_commit)
        await self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            await self.conn.execute(f"ROLLBACK TO {name}")
            await self.conn.execute(f"RELEASE {name}")
            del self._after_commit[hooks_before:]
            raise
        await self.conn.execute(f"RELEASE {name}")

    async def run_after_commit(self) -> None:
        for hook in self._after_commit:
            result = hook()
            if result is not None:
                await result
        self._after_commit.clear()


class Database:
    """The single writer: every transaction takes the lock, so coroutines never interleave."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        if self.path != Path(":memory:"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            # WAL + NORMAL survives a process crash (only an OS crash can lose the last commits).
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            await conn.close()  # its thread would keep the process alive
            raise
        self._conn = conn

    async def close(self) -> None:
        """Close after the transaction in progress, if any, has finished."""
        async with self._lock:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not called")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A write transaction (BEGIN IMMEDIATE); commits on success, rolls back on error."""
        async with self._lock:
            tx = Tx(self.conn)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield tx
                await self.conn.execute("COMMIT")
            except BaseException:
                # Also on cancellation: BEGIN or COMMIT may still run in aiosqlite's thread, and
                # a connection left inside a transaction would break every later one.
                await asyncio.shield(self._rollback())
                raise
        await tx.run_after_commit()

    async def _rollback(self) -> None:
        # Queued behind whatever the thread is doing, so it runs after a pending BEGIN/COMMIT.
        with contextlib.suppress(sqlite3.OperationalError):  # nothing to roll back
            await self.conn.execute("ROLLBACK")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A consistent read: same lock, no write lock on the file."""
        async with self._lock:
            try:
                await self.conn.execute("BEGIN")
                yield Tx(self.conn)
            finally:
                await asyncio.shield(self._rollback())  # a read has nothing to keep
