"""Feeds stored updates to the dispatcher, each inside the transaction that marks it done.

The handler's writes, the outbox rows it queues and the inbox row's 'done' commit together, so
an update is processed exactly once even if the process dies at any point: a crash rolls the
whole batch back and it is processed again after restart. Replies leave only after the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.faults import log_failure
from bot.liveness import Beat
from bot.metrics import Metrics
from bot.outbox.guard import processing
from bot.updates.lookup import NeedsLookup, TryLater
from storage.db import Database, Tx
from storage.models import InboxItem

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = 10.0
RETRY_CAP = 30.0  # an update waiting for Telegram is tried again at least this often


class Processor:
    def __init__(
        self,
        db: Database,
        dispatcher: Dispatcher,
        bot: Bot,
        metrics: Metrics,
        beat: Beat,
        batch: int = 50,
        max_hold: float = 0.05,
        idle_check: float = 5.0,
    ) -> None:
        self.beat = beat
        self.db = db
        self.dp = dispatcher
        self.bot = bot
        self.metrics = metrics
        self.batch = batch
        self.max_hold = max_hold
        self.idle_check = idle_check  # when nothing woke it, look for stored updates anyway
        self._wake = asyncio.Event()
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                handled = await self.process_pending()
            except Exception as exc:  # noqa: BLE001 (log_failure logs it)
                previous = self.beat.error
                delay = self.beat.failed(exc)
                log_failure(
                    log,
                    exc,
                    previous,
                    "processing stored updates failed, retrying in %.0f s",
                    delay,
                )
                await asyncio.sleep(delay)
                continue
            self.beat.ok()
            if handled:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.idle_check)

    async def process_pending(self) -> int:
        """Handle up to one batch of stored updates in update_id order; return how many.

        A batch also ends after `max_hold` seconds: the sender records delivery outcomes through
        the same lock, and every outcome not yet recorded is a message a crash would resend.
        """
        handled = 0
        started = time.monotonic()
        lookup: NeedsLookup | None = None
        async with self.db.transaction() as tx:
            for item in await tx.inbox.pending(self.batch, time.time()):
                lookup = await self._handle(tx, item)
                if lookup is not None:
                    break  # commit what is done, look up with no lock held, then go on
                handled += 1
                if time.monotonic() - started > self.max_hold:
                    break
        if lookup is not None:
            try:
                await asyncio.wait_for(lookup.fetch(), LOOKUP_TIMEOUT)
            except Exception:  # the handler sees the answer is missing and says so
                log.warning("a lookup for a stored update failed", exc_info=True)
            return handled + 1  # not idle: run again
        return handled

    async def _handle(self, tx: Tx, item: InboxItem) -> NeedsLookup | None:
        error: str | None = None
        try:
            async with tx.savepoint():
                raw = json.loads(item.payload)
                update = Update.model_validate(raw, context={"bot": self.bot})
                with processing():
                    await self.dp.feed_update(self.bot, update, tx=tx)
        except NeedsLookup as lookup:  # rolled back to the savepoint; handled again after
            return lookup
        except TryLater:  # rolled back; the update stays pending and comes back after a pause
            delay = min(RETRY_CAP, 2.0**item.attempts)
            await tx.inbox.defer(item.update_id, time.time() + delay)
            log.info("update %s waits %.0f s for Telegram", item.update_id, delay)
            return None
        except Exception as exc:  # one bad update must not stop the others; it is kept
            error = f"{type(exc).__name__}"
            # Ids only: exception texts can quote what the customer wrote.
            log.error(
                "update %s failed: %s",
                item.update_id,
                error,
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            self.metrics.inc("updates_failed")
        await tx.inbox.finish(item.update_id, time.time(), error)
        self.metrics.inc("updates_processed")
        return None
