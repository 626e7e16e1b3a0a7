"""Numbered SQL migrations, applied once each, in order, on either engine.

SQLite's are storage/migrations/NNNN_name.sql; PostgreSQL's are the same numbers and names in
storage/migrations/postgresql/ (the same tables and columns, in PostgreSQL's types: BIGINT
for Telegram's ids, identity keys, DOUBLE PRECISION for Unix times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from storage.sql import Conn

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available(engine: str = "sqlite") -> list[Migration]:
    folder = resources.files("storage.migrations")
    if engine == "postgresql":
        folder = folder / "postgresql"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration numbers: {versions}")
    return found


async def applied_versions(conn: Conn) -> set[int]:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {int(row[0]) for row in await conn.fetch_all("SELECT version FROM schema_migrations")}


async def migrate(conn: Conn) -> list[Migration]:
    """Apply every pending migration, each in its own transaction; return those applied.

    Each one is a write transaction (one writer at a time, on either engine) that looks again
    at what is applied, so two processes starting at once never apply one twice."""
    applied = []
    for migration in available(conn.engine):
        try:
            await conn.begin(write=True)  # may fail on the writers' lock: rolled back below
            if migration.version in await applied_versions(conn):
                await conn.rollback()
                continue
            await conn.script(migration.sql)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
        except BaseException:
            await conn.rollback()
            raise
        await conn.commit()
        applied.append(migration)
    return applied
