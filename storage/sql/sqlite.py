"""SQLite through aiosqlite: one connection, its own thread, WAL."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import aiosqlite

from storage.sql.conn import Params, Row

_INCREMENTAL = 2  # PRAGMA auto_vacuum's answer


class SqliteConn:
    engine = "sqlite"
    # Parameters per IN-list: well under SQLite's smallest compiled-in limit (999 before 3.32).
    list_limit = 500

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw
        self.writes = 0  # statements run through execute* since the transaction began

    @classmethod
    async def open(cls, path: Path) -> SqliteConn:
        if path != Path(":memory:"):
            path.parent.mkdir(parents=True, exist_ok=True)
        raw = await aiosqlite.connect(path, isolation_level=None)
        raw.row_factory = aiosqlite.Row
        try:
            # Freed pages can be given back to the file system (a new file; see reclaim_space).
            await raw.execute("PRAGMA auto_vacuum=INCREMENTAL")
            # WAL + NORMAL survives a process crash (only an OS crash can lose the last commits).
            await raw.execute("PRAGMA journal_mode=WAL")
            await raw.execute("PRAGMA synchronous=NORMAL")
            # After a burst the WAL is cut back to this at the next checkpoint (32 MiB).
            await raw.execute("PRAGMA journal_size_limit=33554432")
            await raw.execute("PRAGMA busy_timeout=5000")
            await raw.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            await raw.close()  # its thread would keep the process alive
            raise
        return cls(raw)

    # Each call is one hop to aiosqlite's thread (`execute_fetchall`, not execute + fetch +
    # close): on the hot paths (intake, the processor) the hops were most of the time.

    async def execute(self, sql: str, params: Params = ()) -> int:
        self.writes += 1
        cur = await self.raw.execute(sql, params)
        return cur.rowcount

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.writes += 1
        await self.raw.executemany(sql, rows)

    async def insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        self.writes += 1
        marks = ", ".join("?" for _ in columns)
        await self.raw.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return cast(list[Row], list(await self.raw.execute_fetchall(sql, params)))

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.raw.execute_fetchall(sql, params)
        return cast(Row | None, next(iter(rows), None))

    async def stream(self, sql: str, size: int) -> AsyncIterator[list[Row]]:
        async with self.raw.execute(sql) as cursor:
            while rows := await cursor.fetchmany(size):
                yield cast(list[Row], list(rows))

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        return [str(row[0]) for row in rows]

    async def script(self, sql: str) -> None:
        for statement in split_statements(sql):
            await self.raw.execute(statement)

    async def begin(self, *, write: bool) -> None:
        # IMMEDIATE takes the write lock now: a writer never fails halfway on "locked".
        self.writes = 0
        await self.raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    async def commit(self) -> None:
        await self.raw.execute("COMMIT")

    async def rollback(self) -> None:
        # Queued behind whatever the thread is doing, so it runs after a pending BEGIN/COMMIT.
        with contextlib.suppress(sqlite3.OperationalError):  # nothing to roll back
            await self.raw.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    async def close(self) -> None:
        await self.raw.close()

    async def reserve_ids(self, table: str, count: int) -> list[int]:
        if count <= 0:
            return []
        # One writer at a time (BEGIN IMMEDIATE): the ids above the highest are free.
        row = await self.fetch_one(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        top = int(row[0]) if row else 0
        return list(range(top + 1, top + 1 + count))

    async def sync_ids(self, table: str) -> None:
        return None  # an INTEGER PRIMARY KEY always continues above the highest id

    async def try_session_lock(self, key: int) -> bool:
        return True  # one process per file: the lock file next to it

    async def end_frozen_peers(self) -> list[int]:
        return []  # one process per file

    async def reclaim_space(self) -> int:
        free = await self._pragma("freelist_count")
        if await self._pragma("auto_vacuum") == _INCREMENTAL:
            if free:
                # It frees a page per step; only a script runs it to its end from Python.
                await self.raw.executescript("PRAGMA incremental_vacuum;")
            return free - await self._pragma("freelist_count")
        # A file created before incremental auto-vacuum: one full rewrite converts it (the
        # mode was asked for at open), but only once a quarter of it is free: it locks the
        # file for as long as it takes and needs its size again on disk meanwhile.
        if free < max(100, await self._pragma("page_count") // 4):
            return 0
        await self.raw.execute("VACUUM")
        return free - await self._pragma("freelist_count")

    async def _pragma(self, name: str) -> int:
        row = await self.fetch_one(f"PRAGMA {name}")
        return int(row[0]) if row else 0

    def on_reconnect(self, hook: Callable[[], Awaitable[None]]) -> None:
        return None  # a file connection is never lost

    def differ(self, left: str, right: str) -> str:
        return f"{left} IS NOT {right}"  # IS DISTINCT FROM only since SQLite 3.39

    def one_of(self, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        return f"IN ({', '.join('?' for _ in values)})", tuple(values)

    def contains(self, column: str) -> str:
        return f"instr({column}, ?) > 0"

    def group_concat(self, expression: str) -> str:
        return f"group_concat({expression}, ',')"


def split_statements(sql: str) -> list[str]:
    """Split on ';' at line ends; migrations keep one statement per ';'-terminated block."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
