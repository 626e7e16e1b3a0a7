"""One serving process per database.

Two bots on one database both poll, both process and both send: replies go out twice and
Telegram's limits are spent twice over. SQLite: `flock` on a file next to the database, which
the kernel releases when the holder dies however it dies, so a SIGKILLed bot never blocks its
own restart. PostgreSQL: a session advisory lock on a connection of its own, which the server
releases when that connection ends (a killed process's connection ends with it).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from storage.sql import DatabaseUrl

if TYPE_CHECKING:
    from storage.sql.postgres import PgConn

# pg_try_advisory_lock key of "the serving process" (any 64-bit number of our own).
SERVING_KEY = 0x626F745F73657276


class ProcessLock(Protocol):
    def release(self) -> None: ...


class AlreadyRunning(Exception):
    def __init__(self, database: object, holder: str) -> None:
        who = f" (pid {holder})" if holder else ""
        super().__init__(
            f"another bot process is already serving {database}{who}; stop it first,"
            " or give this one its own DATABASE_URL"
        )


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning; the file then holds this process's pid."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            raise AlreadyRunning(self.database, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None


class ServerLock:
    """The PostgreSQL counterpart of InstanceLock: held while this process serves."""

    def __init__(self, database: DatabaseUrl) -> None:
        self.database = database
        self._conn: PgConn | None = None

    async def acquire(self) -> None:
        from storage.sql.postgres import PgConn  # the driver only when it is used

        conn = await PgConn.open(self.database.url)
        try:
            row = await conn.fetch_one("SELECT pg_try_advisory_lock(?)", (SERVING_KEY,))
        except BaseException:
            conn.raw.terminate()
            raise
        if row is not None and row[0]:
            self._conn = conn
            return
        await conn.close()
        raise AlreadyRunning(self.database, "")

    def release(self) -> None:
        if self._conn is not None:
            self._conn.raw.terminate()  # the server drops the lock with the connection
            self._conn = None
