"""The same benchmarks on PostgreSQL and on SQLite, in one run: the ratio between them.

PostgreSQL runs as a throwaway local cluster (`pgtemp`) with its default durability (every
commit flushed to disk), which is more than SQLite's WAL + synchronous=NORMAL (safe from a
crash of the process, not of the machine): the comparison does not flatter PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiohttp
import asyncpg

from bench import purchases, throughput


@dataclass(frozen=True)
class EnginePair:
    sqlite: float
    postgres: float
    unflushed: float = 0.0  # PostgreSQL with synchronous_commit=off, where measured

    @property
    def ratio(self) -> float:
        return self.postgres / self.sqlite


async def fresh_database(server_url: str, name: str, *settings: str) -> str:
    """A new empty database; `settings` ("name = value") apply to every session in it."""
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        for setting in settings:
            await conn.execute(f'ALTER DATABASE "{name}" SET {setting}')
    finally:
        await conn.close()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


async def presses(session: aiohttp.ClientSession, tmp: Path, n: int, url: str) -> EnginePair:
    """Inbound presses on SQLite, on PostgreSQL, and on PostgreSQL whose COMMIT does not wait
    for the disk (what the flush costs, apart from the round trips)."""
    sqlite, _ = await throughput.product_presses(session, tmp / "presses.db", n)
    postgres, _ = await throughput.product_presses(
        session, await fresh_database(url, "presses"), n
    )
    unflushed, _ = await throughput.product_presses(
        session, await fresh_database(url, "unflushed", "synchronous_commit = off"), n
    )
    return EnginePair(sqlite, postgres, unflushed)


async def two_instances(session: aiohttp.ClientSession, n: int, url: str) -> tuple[float, float]:
    """(presses per second with one instance, with a second one standing by), PostgreSQL."""
    one, _ = await throughput.product_presses(session, await fresh_database(url, "one"), n)
    two, _ = await throughput.product_presses(
        session, await fresh_database(url, "two"), n, standby=True
    )
    return one, two


async def intake(session: aiohttp.ClientSession, tmp: Path, total: int, url: str) -> EnginePair:
    sqlite = await purchases.run(session, tmp, total, 1000)
    postgres = await purchases.run(
        session, tmp, total, 1000, await fresh_database(url, "purchases")
    )
    return EnginePair(sqlite, postgres)
