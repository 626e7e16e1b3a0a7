"""The one place that talks to Telegram: drains the outbox through the pacer, records outcomes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.chatevents import ChatEvents, thread_trouble
from bot.learned import Learned
from bot.liveness import Beat
from bot.metrics import Metrics
from bot.outbox.codec import compact_result, decode
from bot.outbox.pacer import Limits, Pacer
from storage.db import Database, Tx
from storage.models import OutboxItem
from storage.repos.outbox import Outcome
from storage.states import OutboxStatus

log = logging.getLogger(__name__)

Clock = Callable[[], float]

_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 60.0
_UNCHANGED = "message is not modified"
_MOVED = "group moved"


class Sender:
    def __init__(
        self,
        db: Database,
        bot: Bot,
        limits: Limits,
        beat: Beat,
        *,
        concurrency: int = 8,
        request_timeout: int = 30,
        metrics: Metrics | None = None,
        clock: Clock = time.time,
        chat_events: ChatEvents | None = None,
    ) -> None:
        self.db = db
        self.chat_events = chat_events or ChatEvents(Learned())
        self.when = self.chat_events.when  # what features do when a purpose's send ends
        self.bot = bot
        self.beat = beat
        self.clock = clock
        self.pacer = Pacer(limits, clock())
        self.metrics = metrics or Metrics()
        self.request_timeout = request_timeout
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._flush_wake = asyncio.Event()
        self._outcomes: list[tuple[Outcome, OutboxItem]] = []
        self._unreachable: dict[int, str] = {}
        self._moved: dict[int, int] = {}  # groups Telegram upgraded, to record
        self._refused: dict[int, str] = {}  # groups that refuse the bot, to report
        self._threads: list[tuple[OutboxItem, Any, str]] = []  # refused by a forum topic
        self._inflight: set[asyncio.Task[None]] = set()
        self._stopping = False
        self._idle = asyncio.Event()

    # -- feeding ---------------------------------------------------------------------------
    async def restore(self) -> int:
        """Queue everything the database still owes Telegram (after a restart or crash)."""
        async with self.db.read() as tx:
            items = await tx.outbox.pending()
        now = self.clock()
        for item in items:
            self.pacer.push(item, now)
        self._wake.set()
        return len(items)

    @property
    def queued(self) -> int:
        """Messages waiting for their turn (not yet handed to Telegram)."""
        return self.pacer.queued

    def notify(self, item: OutboxItem) -> None:
        """A committed outbox row is ready to go."""
        self.pacer.push(item, self.clock())
        self._idle.clear()
        self.beat.busy()
        self._wake.set()

    # -- running ---------------------------------------------------------------------------
    async def run(self) -> None:
        """Send until stopped, then let what is in flight land and record every outcome.

        If the loop itself fails, the supervisor calls `run` again: what is queued stays in
        the pacer and what is in flight records its outcome through the next flusher."""
        flusher = asyncio.create_task(self._flush_loop(), name="outbox-flush")
        try:
            await self._send_loop()
        except BaseException:
            flusher.cancel()  # outcomes it had not recorded stay queued for the next one
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            raise
        if self._inflight:
            await asyncio.wait(self._inflight, timeout=10)
        self._flush_wake.set()
        await flusher

    async def _send_loop(self) -> None:
        while not self._stopping:
            now = self.clock()
            choice = self.pacer.next(now)
            if isinstance(choice, OutboxItem):
                await self._slots.acquire()
                task = asyncio.create_task(self._deliver(choice))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
                continue
            if choice is None and not self._inflight and not self._outcomes:
                self._idle.set()
                self.beat.idle()  # nothing owed: idle is not stuck
            self._wake.clear()
            timeout = None if choice is None else max(0.0, choice - now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    @property
    def idle(self) -> bool:
        """Nothing queued, in flight or waiting to be recorded."""
        return self.pacer.queued == 0 and not self._inflight and not self._outcomes

    # -- one delivery ----------------------------------------------------------------------
    async def _deliver(self, item: OutboxItem) -> None:
        attempts = item.attempts + 1
        try:
            outcome = await self._attempt(item, attempts)
        finally:
            self._slots.release()
        self._outcomes.append((outcome, item))
        self._flush_wake.set()
        self._wake.set()

    async def _attempt(self, item: OutboxItem, attempts: int) -> Outcome:
        now = self.clock
        sent_to: object = None
        try:
            method = decode(item.method, item.payload)
            queued_to = getattr(method, "chat_id", None)
            sent_to = queued_to
            if isinstance(queued_to, int):
                sent_to = self.chat_events.current(queued_to)
            if sent_to != queued_to:  # queued before the group moved
                if getattr(method, "message_id", None) and not hasattr(method, "from_chat_id"):
                    # An edit of a message in the old group: that message is not in the new
                    # one (its card was posted there again). Nothing to send. (A copy's
                    # message_id is in the chat it copies from, which did not move.)
                    return self._failed(item, attempts, f"{_MOVED}: the message stayed behind")
                method = method.model_copy(update={"chat_id": sent_to})
            prepare = self.when.sending.get(item.purpose) if item.purpose else None
            if prepare is not None:
                method = await prepare(item.ref or 0, method)
            with self.metrics.send_seconds.time():
                result = await self.bot(method, request_timeout=self.request_timeout)
        except TelegramRetryAfter as exc:
            self.metrics.inc("outbox_retry_after")
            at = now() + float(exc.retry_after)
            return self._again(item, attempts, at, f"429 retry_after={exc.retry_after}", True)
        except TelegramMigrateToChat as exc:
            # The group became a supergroup: the same message goes to its new id at once.
            old = sent_to if isinstance(sent_to, int) else item.chat_id
            new = exc.migrate_to_chat_id
            self.chat_events.learned.moved[old] = new
            self._moved[old] = new
            return self._again(item, attempts, now(), f"400 group moved to {new}")
        except TelegramForbiddenError as exc:
            if item.chat_id < 0:  # a group: the bot was removed from it
                self._refused[item.chat_id] = exc.message
            elif item.business_connection_id is None:  # the account's chat says nothing of
                self._unreachable[item.chat_id] = exc.message  # the bot's standing with them
            for rest in self.pacer.drop_lane(item, now()):
                failed = self._failed(rest, rest.attempts, "chat unreachable", drop=False)
                self._outcomes.append((failed, rest))
            return self._failed(item, attempts, f"403 {exc.message}", drop=False)
        except TelegramBadRequest as exc:
            if _UNCHANGED in exc.message.lower():
                return self._sent(item, attempts, True)
            if thread_trouble(exc.message) and getattr(method, "message_thread_id", None):
                self._threads.append((item, method, exc.message))  # reopened or replaced
            return self._failed(item, attempts, f"400 {exc.message}")
        except ClientDecodeError as exc:
            if isinstance(exc.data, dict) and exc.data.get("ok") is True:
                # Telegram accepted it; only its answer did not fit aiogram's model. Sending
                # again would duplicate the message.
                log.warning("outbox %s: delivered, answer unreadable: %s", item.id, exc.message)
                return self._sent(item, attempts, exc.data.get("result"))
            return self._transient(item, attempts, exc)
        except (TelegramServerError, TelegramNetworkError) as exc:
            return self._transient(item, attempts, exc)
        except (TelegramAPIError, ValueError) as exc:
            return self._failed(item, attempts, f"{type(exc).__name__}: {exc}"[:300])
        except Exception as exc:  # a bug must not wedge the lane: give the message up, loudly
            log.exception("outbox %s: unexpected error", item.id)
            return self._failed(item, attempts, f"{type(exc).__name__}: {exc}"[:300])
        return self._sent(item, attempts, result)

    def _transient(self, item: OutboxItem, attempts: int, exc: Exception) -> Outcome:
        """5xx, network trouble, an unreadable answer: back off and try again until the
        message's own expiry (never, for most: a relay or an escalation is never pointless)."""
        self.metrics.inc("outbox_transient_errors")
        reason = f"{type(exc).__name__}: {getattr(exc, 'message', exc)}"[:300]
        delay = min(_BACKOFF_CAP, _BACKOFF_BASE * 2 ** min(attempts - 1, 16))
        at = self.clock() + delay * random.uniform(0.8, 1.2)
        if item.expires_at is not None and at > item.expires_at:
            return self._failed(item, attempts, f"expired while Telegram failed: {reason}"[:300])
        return self._again(item, attempts, at, reason)

    def _sent(self, item: OutboxItem, attempts: int, result: Any) -> Outcome:
        now = self.clock()
        self.pacer.done(item, now)
        self.metrics.inc("outbox_sent")
        self.metrics.outbox_delay.observe(max(0.0, now - item.not_before))
        try:
            payload = json.dumps(compact_result(result), ensure_ascii=False)
        except Exception:  # delivered all the same: never sent twice, never left in flight
            log.exception("outbox %s: delivered, answer not kept", item.id)
            payload = "null"
        return Outcome(item.id, OutboxStatus.SENT, attempts, now, item.not_before, payload)

    def _failed(self, item: OutboxItem, attempts: int, error: str, drop: bool = True) -> Outcome:
        now = self.clock()
        if drop:
            self.pacer.done(item, now)
        self.metrics.inc("outbox_failed")
        log.warning("outbox %s to chat %s given up: %s", item.id, item.chat_id, error)
        return Outcome(item.id, OutboxStatus.FAILED, attempts, now, item.not_before, None, error)

    def _again(
        self, item: OutboxItem, attempts: int, at: float, error: str, pause: bool = False
    ) -> Outcome:
        retry = OutboxItem(**{**item.__dict__, "attempts": attempts, "not_before": at})
        self.pacer.retry(retry, at, self.clock(), pause_chat=pause)
        return Outcome(item.id, OutboxStatus.PENDING, attempts, self.clock(), at, None, error)

    # -- recording -------------------------------------------------------------------------
    async def _flush_loop(self) -> None:
        while True:
            await self._flush_wake.wait()
            self._flush_wake.clear()
            await asyncio.sleep(0.01)  # let a burst of outcomes gather into one transaction
            if self._to_record:
                try:
                    await self._flush()
                    self._wake.set()  # the send loop sees whether anything is left to do
                except Exception as exc:  # noqa: BLE001 - keep the outcomes; never lose them
                    delay = self.beat.failed(exc)
                    log.error(
                        "recording delivery outcomes failed (%s); retrying in %.0f s",
                        type(exc).__name__,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    self._flush_wake.set()
            if self._stopping and not self._inflight and not self._outcomes:
                return

    @property
    def _to_record(self) -> bool:
        return any((self._outcomes, self._unreachable, self._moved, self._refused, self._threads))

    async def _flush(self) -> None:
        batch, self._outcomes = self._outcomes, []
        unreachable, self._unreachable = self._unreachable, {}
        moved, self._moved = self._moved, {}
        refused, self._refused = self._refused, {}
        threads, self._threads = self._threads, []
        try:
            async with self.db.transaction() as tx:
                for old, new in moved.items():
                    await self.chat_events.record(tx, old, new)
                for chat_id, reason in refused.items():  # before the failure hooks run
                    await self.chat_events.refused(tx, chat_id, reason)
                for refused_item, method, reason in threads:
                    await self.chat_events.thread_refused(tx, refused_item, method, reason)
                await tx.outbox.record([outcome for outcome, _ in batch])
                if any(outcome.status != OutboxStatus.PENDING for outcome, _ in batch):
                    tx.after_commit(self.beat.ok)  # delivered (or refused for good): progress
                for chat_id, reason in unreachable.items():
                    await tx.customers.mark_unreachable(chat_id, reason)
                for outcome, item in batch:
                    if outcome.status != OutboxStatus.PENDING and item.purpose:
                        await self._run_hook(tx, item, outcome)
        except BaseException:
            self._outcomes[:0] = batch  # back in front, in order, for the next try
            self._unreachable = unreachable | self._unreachable
            self._moved = moved | self._moved
            self._refused = refused | self._refused
            self._threads[:0] = threads
            raise

    async def _run_hook(self, tx: Tx, item: OutboxItem, outcome: Outcome) -> None:
        name = item.purpose
        if name is None:
            return
        if outcome.status == OutboxStatus.FAILED:
            failed = self.when.given_up.get(name)
            if failed is not None:
                await self._guarded(tx, item, failed(tx, item.ref or 0, outcome.error or ""))
            return
        hook = self.when.sent.get(name)
        if hook is None:
            if name not in self.when.given_up and name not in self.when.sending:  # fine alone
                log.warning("outbox %s: no result hook named %r", item.id, item.purpose)
            return
        await self._guarded(
            tx, item, hook(tx, item.ref or 0, json.loads(outcome.result or "null"))
        )

    async def _guarded(self, tx: Tx, item: OutboxItem, call: Awaitable[None]) -> None:
        try:
            async with tx.savepoint():
                await call
        except Exception:  # the delivery is recorded either way; the hook's failure is logged
            log.exception("outbox %s: result hook %r failed", item.id, item.purpose)
