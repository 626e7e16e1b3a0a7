"""Which instance does the work when several share one PostgreSQL database.

Every instance serves the HTTP API, `/healthz` and (in webhook mode) Telegram's updates; one
of them, the leader, also polls Telegram, processes the stored updates, sends, and runs the
ticks, digests and reports. The leader is the holder of a session advisory lock on its main
database connection, the same connection every one of its writes goes through:

- a leader that is SIGKILLed, or whose host goes away, loses its connection and with it the
  lock; a standby tries for the lock every `period` seconds and takes over;
- the server ends a session idle for `IDLE_SESSION_TIMEOUT` (the leader touches it every
  `period`), so a frozen leader's lock is freed too; a process frozen between the messages of
  one statement is 'active' to the server, which never ends it: every instance, every
  `period`, ends such sessions of the others once they have waited that long;
- a leader whose connection was lost never writes again as leader: when the connection is
  opened again it must take the lock first, and if another instance has it, it exits at once
  (its supervisor restarts it as a standby). Until then it can still send what it had in
  hand, the same in-flight bound as a crash.

SQLite has one process per file (the lock file): it is always the leader.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

from bot.liveness import Beat
from storage.db import Database

log = logging.getLogger(__name__)

LEADER_KEY = 0x626F745F6C656164  # pg advisory lock key of "the leader" (any 64-bit number)
PERIOD = 1.0
TAKEOVER_PAUSE = 1.0  # a new leader waits out the old one's last second of sends
EXIT_LOST = 75  # EX_TEMPFAIL: the supervisor should start it again (as a standby)


def _exit_now() -> None:
    logging.shutdown()
    os._exit(EXIT_LOST)


class Leadership:
    def __init__(
        self, db: Database, period: float = PERIOD, on_lost: Callable[[], None] = _exit_now
    ) -> None:
        self.db = db
        self.period = period
        self.on_lost = on_lost
        self.leading = False

    @property
    def role(self) -> str:
        return "leader" if self.leading else "standby"

    async def try_lead(self) -> bool:
        """Take the lead if no one has it; True if this instance leads now."""
        if self.leading:
            return True
        async with self.db.read() as tx:
            won = await tx.conn.try_session_lock(LEADER_KEY)
        if won:
            self.leading = True
            self.db.conn.on_reconnect(self._reconnected)
            log.info("this instance leads: polling, processing, sending and scheduling here")
        return self.leading

    async def _reconnected(self) -> None:
        """The connection was lost, so was the lock: take it again or stop at once. (Runs
        inside the transaction's start, with the connection to itself.)"""
        if not await self.db.conn.try_session_lock(LEADER_KEY):
            log.critical("lost the lead to another instance while disconnected; exiting")
            self.on_lost()

    async def campaign(self, beat: Beat) -> None:
        """A standby's loop: try for the lead every `period` until it is ours. Each try is
        progress for /healthz (a standby that cannot reach the database is stuck)."""
        while True:
            await self.end_frozen_peers()
            if await self.try_lead():
                return
            beat.ok()
            await asyncio.sleep(self.period)

    async def end_frozen_peers(self) -> None:
        async with self.db.read() as tx:
            ended = await tx.conn.end_frozen_peers()
        for pid in ended:
            log.warning(
                "ended another instance's database session %d, frozen inside a statement", pid
            )

    async def keep(self, beat: Beat) -> None:
        """The leader's loop (PostgreSQL): every `period`, end frozen sessions of others
        (which also touches the connection, so the server sees it alive); a lost connection
        is opened again (and the lock retaken, or given up) within a second even when
        nothing else uses it."""
        while True:
            await self.end_frozen_peers()  # a frozen standby's write blocks every writer
            beat.ok()
            await asyncio.sleep(self.period)
