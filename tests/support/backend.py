"""Which database engine the suite runs on: SQLite files (default) or PostgreSQL.

`make test-pg` starts a throwaway PostgreSQL and sets TEST_DATABASE_URL to it; every test
(and every bot process a test starts) then gets a fresh database of its own on that server.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from storage.db import Database
from storage.migrate import available, migrate

SERVER = os.environ.get("TEST_DATABASE_URL", "")
ON_POSTGRES = SERVER.startswith(("postgresql://", "postgres://"))

# Tests that reach into the SQLite file itself (a second process's lock, the file's own write
# lock, raw sqlite3 reads): what they check has its own PostgreSQL counterpart or none.
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="reaches into the SQLite file itself")
# Tests that start the product on a SQLite file of their own whatever the engine (the CLI on a
# fresh machine, the demo, the sandbox): under `make test-pg` they would repeat, step for step,
# what `make test` ran.
own_sqlite = pytest.mark.skipif(ON_POSTGRES, reason="runs on a SQLite file of its own")


def database_url(tmp_path: Path, name: str = "bot", *, migrated: bool = False) -> str:
    """The test's own database `name`: a file in `tmp_path`, or a PostgreSQL database created
    on first use. The same arguments give the same database (a restarted bot finds its data
    again). Empty, or with `migrated` already at the latest schema: a copy of one database
    migrated once per process (per server on PostgreSQL), for tests that would migrate it
    first thing anyway (migrating takes 0.3 s on SQLite and 1.3 s on PostgreSQL, per test)."""
    if not ON_POSTGRES:
        path = tmp_path / f"{name}.db"
        if migrated and not path.exists():
            tmp_path.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_sqlite_template(), path)
        return f"sqlite:///{path}"
    database = "t_" + hashlib.sha1(str(tmp_path / name).encode()).hexdigest()[:20]
    if database not in _created:
        _run(_create(database, _postgres_template() if migrated else "template0"))
        _created.append(database)
    return urlsplit(SERVER)._replace(path=f"/{database}").geturl()


def _fingerprint(engine: str) -> str:
    """Which migrations a template holds: a changed or added one makes a new template."""
    text = "".join(f"{m.version}{m.name}{m.sql}" for m in available(engine))
    return hashlib.sha1(text.encode()).hexdigest()[:12]


@functools.cache
def _sqlite_template() -> Path:
    folder = tempfile.mkdtemp(prefix="migrated-")
    atexit.register(shutil.rmtree, folder, True)
    path = Path(folder) / f"{_fingerprint('sqlite')}.db"
    _run(_migrate(f"sqlite:///{path}"))
    return path  # closed, so checkpointed: the copy is the whole database


@functools.cache
def _postgres_template() -> str:
    name = f"template_{_fingerprint('postgresql')}"
    _run(_create_template(name))
    return name


async def _migrate(url: str) -> None:
    database = Database(url)
    await database.connect()
    try:
        await migrate(database.conn)
    finally:
        await database.close()


async def _create_template(name: str) -> None:
    """Once per server, whichever worker comes first (the others wait on the lock)."""
    import asyncpg

    conn = await asyncpg.connect(SERVER)
    try:
        await conn.execute("SELECT pg_advisory_lock(hashtext($1))", name)
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            building = f"{name}_building"  # renamed when whole: a crash leaves no half template
            await conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{building}" TEMPLATE template0')
            await _migrate(urlsplit(SERVER)._replace(path=f"/{building}").geturl())
            await conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    finally:
        await conn.close()  # the session's advisory lock goes with it


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


async def _create(database: str, template: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(SERVER)
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            await conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
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
