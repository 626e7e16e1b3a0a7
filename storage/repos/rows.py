"""Reading rows in one round trip to aiosqlite's thread.

`async with conn.execute(...) as cur: await cur.fetchone()` costs three hops to the database
thread (execute, fetch, close); `execute_fetchall` costs one. On the hot paths (intake, the
processor) the hops, not SQLite, were most of the time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

import aiosqlite

Params = Iterable[Any] | Mapping[str, Any]


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Params = ()
) -> list[sqlite3.Row]:
    return list(await conn.execute_fetchall(sql, params))


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Params = ()
) -> sqlite3.Row | None:
    rows = await conn.execute_fetchall(sql, params)
    return next(iter(rows), None)
