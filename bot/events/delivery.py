"""The events sender: each event to each EVENTS_URL as one signed POST, at least once (the
same id on every try), in order per complaint, tried again with growing pauses (at most five
minutes apart) until the receiver answers 2xx or 72 hours have passed.

Receivers are independent. A tick (while this instance leads) queues new events and starts,
for each receiver that has none under way, a pass of its own: its due events, at most
PER_RECEIVER at once, each try cut off after TIMEOUT. A pass starts no new try once one has
failed (the rest wait for their time) or once it has run PASS_TIMEOUTS timeouts, so it ends
within a bounded time whatever the receiver does. A slow or dead receiver therefore holds up
only its own events: never another receiver's, nor the tick, nor the Telegram outbox; its
trouble is its state on /healthz, not the instance's health. Only a pass that outlives every
bound (the bot's own code stuck, not a receiver) fails the tick, so /healthz sees it stall.

Queue times are real time, as the outbox's."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.events.config import PER_RECEIVER, RETRIES, EventsConfig
from bot.events.receivers import Answer, Receivers, origin
from bot.faults import log_failure
from bot.jobs import JobContext, job
from storage.db import Database, Tx
from storage.repos.events import Delivery

log = logging.getLogger(__name__)

BATCH = 100
QUEUED = "events.queued:"  # kv: the last event id queued for a URL
PASS_TIMEOUTS = 3  # a pass starts no try after this many timeouts; ends one timeout later
STUCK_TIMEOUTS = PASS_TIMEOUTS + 3  # a pass still running after this many: the bot is stuck


class SenderStuck(RuntimeError):
    """A delivery pass has outlived every bound its receiver's tries have."""


@dataclass
class ReceiverState:
    """What one receiver did lately, for /healthz (monotonic times)."""

    origin: str
    last: Answer | None = None
    failing_since: float | None = None
    pass_since: float | None = None
    error: str | None = None  # the bot's own failure in its last pass (a database's)

    def heard(self, answers: list[Answer]) -> None:
        if not answers:
            return
        failed = [a for a in answers if not a.ok]
        self.last = failed[0] if failed else answers[-1]
        if not failed:
            self.failing_since = None
        elif self.failing_since is None:
            self.failing_since = time.monotonic()

    def report(self) -> dict[str, Any]:
        now = time.monotonic()
        state = "idle" if self.last is None else "ok" if self.last.ok else "failing"
        body: dict[str, Any] = {
            "receiver": self.origin,
            "state": state,
            "last_answer": self.last.summary() if self.last else None,
        }
        if self.failing_since is not None:
            body["failing_for_seconds"] = round(now - self.failing_since, 1)
        if self.pass_since is not None:
            body["sending_for_seconds"] = round(now - self.pass_since, 1)
        return body


class Couriers:
    """One delivery pass per receiver at a time, each in a task of its own."""

    def __init__(self, receivers: Receivers, urls: list[str]) -> None:
        self.receivers = receivers
        self.states = {url: ReceiverState(origin(url)) for url in urls}
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def busy(self, url: str) -> bool:
        task = self._tasks.get(url)
        return task is not None and not task.done()

    def start(self, url: str, run: Callable[[], Awaitable[None]]) -> None:
        state = self.states[url]
        state.pass_since = time.monotonic()

        async def supervised() -> None:
            try:
                await run()
            except Exception as exc:  # noqa: BLE001 (a database's: the next pass tries again)
                log_failure(log, exc, state.error, "sending events to %s failed", state.origin)
                state.error = type(exc).__name__
            else:
                state.error = None
            finally:
                state.pass_since = None

        self._tasks[url] = asyncio.create_task(supervised(), name=f"events {state.origin}")

    def overdue(self) -> list[str]:
        """Receivers whose pass has run longer than any receiver could make it."""
        limit = STUCK_TIMEOUTS * self.receivers.timeout
        now = time.monotonic()
        return [
            s.origin
            for url, s in self.states.items()
            if self.busy(url) and s.pass_since is not None and now - s.pass_since > limit
        ]

    def report(self) -> dict[str, Any]:
        return {"events_receivers": [s.report() for s in self.states.values()]}

    async def close(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()


@dataclass(frozen=True)
class EventsSender:
    """What the events tick works with: the receivers' settings, their passes, and who is
    told when a receiver stops taking events."""

    config: EventsConfig
    couriers: Couriers
    told: Callable[[Tx], Awaitable[None]]


def body_of(delivery: Delivery) -> bytes:
    envelope = delivery.event.envelope()
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


@job
async def deliver_events(ctx: JobContext) -> None:
    """Queue new events for each URL and start a pass for each receiver without one; someone
    is told when a receiver has stopped taking them."""
    sending = ctx[EventsSender]
    config, couriers = sending.config, sending.couriers
    if not config.urls:
        return
    async with ctx.db.transaction() as tx:
        await sending.told(tx)
        for url in config.urls:
            queued = await tx.kv.get(QUEUED + url)
            # A URL seen for the first time gets the events since this process started with
            # it in EVENTS_URL (replay sends older ones).
            after = int(queued) if queued is not None else await tx.events.last_id(config.since)
            await tx.kv.set(QUEUED + url, str(await tx.events.queue_for(url, after)))
    for url in config.urls:
        if not couriers.busy(url):
            couriers.start(url, partial(deliver_to, ctx, couriers, url))
    stuck = couriers.overdue()  # the others' passes started all the same
    if stuck:
        raise SenderStuck(f"sending events to {', '.join(stuck)} does not end")


async def deliver_to(ctx: JobContext, couriers: Couriers, url: str) -> None:
    """One pass to one receiver: what is due, a batch at a time, until nothing is due, a try
    fails or the pass has run its time."""
    db, receivers = ctx.db, couriers.receivers
    until = time.monotonic() + PASS_TIMEOUTS * receivers.timeout
    while ctx.running and time.monotonic() < until:
        async with db.read() as tx:
            due = await tx.events.due(url, time.time(), BATCH)
        if not due:
            return
        tried = await _send(ctx, receivers, due, until)
        couriers.states[url].heard([answer for _, answer in tried])
        await _record(db, tried)
        if len(tried) < BATCH or not all(answer.ok for _, answer in tried):
            return  # failures wait for their time; a full batch of successes goes on


async def _send(
    ctx: JobContext, receivers: Receivers, due: list[Delivery], until: float
) -> list[tuple[Delivery, Answer]]:
    """At most PER_RECEIVER tries at once; none started after one failed or past `until`."""
    limit = asyncio.Semaphore(PER_RECEIVER)
    tried: list[tuple[Delivery, Answer]] = []

    async def one(delivery: Delivery) -> None:
        async with limit:
            failed = any(not answer.ok for _, answer in tried)
            if failed or not ctx.running or time.monotonic() >= until:
                return
            tried.append((delivery, await receivers.post(delivery.url, body_of(delivery))))

    await asyncio.gather(*(one(d) for d in due))
    return tried


async def _record(db: Database, tried: list[tuple[Delivery, Answer]]) -> None:
    now = time.time()
    async with db.transaction() as tx:
        for delivery, answer in tried:
            event_id, url = delivery.event.id, delivery.url
            if answer.ok:
                await tx.events.delivered(event_id, url, now)
                continue
            error = answer.summary()
            again = RETRIES.next_try(delivery.attempts, delivery.created_at, now)
            if again is None:
                log.warning("event %d to %s given up after 72 h: %s", event_id, url, error)
            await tx.events.failed_once(event_id, url, error, again, now)
