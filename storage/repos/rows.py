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


# Parameters per IN-list: well under SQLite's smallest compiled-in limit (999 before 3.32).
IN_CHUNK = 500


async def fetch_in(
    conn: aiosqlite.Connection, sql: str, values: Iterable[Any], params: tuple[Any, ...] = ()
) -> list[sqlite3.Row]:
    """Rows of `sql` whose `IN ({marks})` takes `values`, in chunks; `params` follow the list."""
    distinct = list(dict.fromkeys(values))
    rows: list[sqlite3.Row] = []
    for start in range(0, len(distinct), IN_CHUNK):
        chunk = distinct[start : start + IN_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows.extend(await conn.execute_fetchall(sql.format(marks=marks), (*chunk, *params)))
    return rows


async def max_id(conn: aiosqlite.Connection, table: str) -> int:
    """The highest id in `table`; inside a write transaction ids above it are free to assign."""
    row = await fetch_one(conn, f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    return int(row[0]) if row else 0
