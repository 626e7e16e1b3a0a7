"""A database as an earlier release left it, for tests of what an upgrade does to real data."""

from __future__ import annotations

from collections.abc import Iterable

from storage.migrate import applied_versions, available
from storage.sql import Conn


async def migrate_until(conn: Conn, last: int, also: Iterable[int] = ()) -> None:
    """The schema as the release whose last migration is `last` left it, plus the migrations
    `also` names (later features' tables that the upgrade under test leaves alone)."""
    extra = set(also)
    await applied_versions(conn)  # its table
    for step in available(conn.engine):
        if step.version > last and step.version not in extra:
            continue
        await conn.begin(write=True)
        await conn.script(step.sql)
        await conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (step.version, step.name, "2026-01-01T00:00:00+00:00"),
        )
        await conn.commit()
