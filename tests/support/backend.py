"""Which database engine the suite runs on: SQLite files (default) or PostgreSQL.

`make test-pg` starts a throwaway PostgreSQL and sets TEST_DATABASE_URL to it; every test
(and every bot process a test starts) then gets a fresh database of its own on that server.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SERVER = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = SERVER.startswith(("postgresql://", "postgres://"))

# Tests that reach into the SQLite file itself (a second process's lock, the file's own write
# lock, raw sqlite3 reads): what they check has its own PostgreSQL counterpart or none.
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="reaches into the SQLite file itself")


def database_url(tmp_path: Path, name: str = "bot") -> str:
    """The test's own database `name`: a file in `tmp_path`, or a PostgreSQL database created
    empty on first use. The same arguments give the same database (a restarted bot finds its
    data again)."""
    if not ON_POSTGRES:
        return f"sqlite:///{tmp_path / name}.db"
    database = "t_" + hashlib.sha1(str(tmp_path / name).encode()).hexdigest()[:20]
    if database not in _created:
        _run(_create(database))
        _created.append(database)
    return urlsplit(SERVER)._replace(path=f"/{database}").geturl()


def drop_created() -> None:
    """Drop the databases made since the last call (each is ~8 MB on disk)."""
    if _created:
        _run(_drop(list(_created)))
        _created.clear()


_created: list[str] = []


async def _drop(databases: list[str]) -> None:
    import asyncpg

    conn = await asyncpg.connect(SERVER)
    try:
        for database in databases:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await conn.close()


async def _create(database: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(SERVER)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            await conn.execute(f'CREATE DATABASE "{database}" TEMPLATE template0')
    finally:
        await conn.close()


def _run(coro: object) -> None:
    """Run a coroutine to the end from sync code, also while a test's loop is running."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 (raised again in the caller's thread)
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
