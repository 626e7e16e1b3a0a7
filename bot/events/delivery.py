"""The events sender: each event to each EVENTS_URL as one signed POST, at least once (the
same id on every try), in order per complaint, tried again with growing pauses (at most five
minutes apart) until the receiver answers 2xx or 72 hours have passed. A receiver that is
slow is cut off after ten seconds and holds up nothing but its own later events of the same
complaint; the Telegram outbox never waits for it.

Runs as a tick while this instance leads. Queue times are real time, as the outbox's."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from bot.events.config import GIVE_UP_AFTER, PER_RECEIVER, TIMEOUT, EventsConfig, backoff
from bot.events.signing import HEADER, sign
from bot.jobs import JobContext, job
from storage.db import Database, Tx
from storage.repos.events import Delivery

log = logging.getLogger(__name__)

BATCH = 100
QUEUED = "events.queued:"  # kv: the last event id queued for a URL


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (refused, timed out)
    text: str

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Receivers:
    """The HTTP client events go out with (one connection pool, opened on first use)."""

    def __init__(self, config: EventsConfig, timeout: float = TIMEOUT) -> None:
        self.config = config
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def post(self, url: str, body: bytes) -> Answer:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout)
            )
        headers = {
            "Content-Type": "application/json",
            HEADER: sign(self.config.secret, body, int(time.time())),
            "User-Agent": "feedback-bot-events/1",
        }
        try:
            async with self._session.post(url, data=body, headers=headers) as response:
                return Answer(response.status, (await response.text(errors="replace"))[:500])
        except TimeoutError:
            return Answer(None, f"no answer within {self.timeout:.0f} s")
        except aiohttp.ClientError as exc:
            return Answer(None, f"{type(exc).__name__}: {exc}"[:500])

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def body_of(delivery: Delivery) -> bytes:
    envelope = delivery.event.envelope()
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


@job
async def deliver_events(
    ctx: JobContext,
    db: Database,
    config: EventsConfig,
    receivers: Receivers,
    told: Callable[[Tx], Awaitable[None]],
) -> None:
    """Queue new events for each URL, then send what is due, a batch at a time; `told` says
    to someone when a receiver has stopped taking them."""
    if not config.urls:
        return
    async with db.transaction() as tx:
        await told(tx)
        for url in config.urls:
            queued = await tx.kv.get(QUEUED + url)
            # A URL seen for the first time gets the events since this process started with
            # it in EVENTS_URL (replay sends older ones).
            after = int(queued) if queued is not None else await tx.events.last_id(config.since)
            await tx.kv.set(QUEUED + url, str(await tx.events.queue_for(url, after)))
    while ctx.running:
        async with db.read() as tx:
            due = await tx.events.due(time.time(), BATCH)
        if not due:
            return
        answers = await _send_all(receivers, due)
        now = time.time()
        async with db.transaction() as tx:
            for delivery, answer in zip(due, answers, strict=True):
                event_id, url = delivery.event.id, delivery.url
                if answer.ok:
                    await tx.events.delivered(event_id, url, now)
                    continue
                error = f"{answer.status or 'no answer'}: {answer.text}"
                again = now + backoff(delivery.attempts + 1)
                late = again - delivery.created_at > GIVE_UP_AFTER.total_seconds()
                if late:
                    log.warning("event %d to %s given up after 72 h: %s", event_id, url, error)
                await tx.events.failed_once(event_id, url, error, None if late else again, now)
        if len(due) < BATCH or all(not a.ok for a in answers):
            return  # failures wait for their time; a full batch of successes goes on


async def _send_all(receivers: Receivers, due: list[Delivery]) -> list[Answer]:
    """Every due delivery at once, at most PER_RECEIVER in flight to one URL."""
    limits = {url: asyncio.Semaphore(PER_RECEIVER) for url in {d.url for d in due}}

    async def one(delivery: Delivery) -> Answer:
        async with limits[delivery.url]:
            return await receivers.post(delivery.url, body_of(delivery))

    return list(await asyncio.gather(*(one(d) for d in due)))
