"""The events sender's bounds: a receiver that answers slowly or not at all is its own state,
while a delivery pass that outlives every bound a receiver can make (the bot's own code
stuck, here a client that ignores its timeout) fails the tick, so /healthz sees it stall."""

from __future__ import annotations

import asyncio

from bot.events.config import EventsConfig
from bot.events.delivery import STUCK_TIMEOUTS, Couriers, EventsSender, deliver_events
from bot.events.receivers import Answer, Receivers, plain
from bot.jobs import JobContext
from bot.liveness import Liveness
from storage.db import Database, Tx
from tests.unit.test_liveness import Clock

URL = "https://crm.example/hook"
TIMEOUT = 0.05


class NeverEnding(Receivers):
    """A try that never returns, whatever its timeout: a bug of the bot's, not a receiver."""

    async def post(self, url: str, body: bytes) -> Answer:
        await asyncio.Event().wait()
        raise AssertionError("never")


class NotAnswering(Receivers):
    """A receiver that never answers: each try is cut off at its timeout."""

    async def post(self, url: str, body: bytes) -> Answer:
        await asyncio.sleep(self.timeout)
        return Answer(None, problem=f"no answer within {self.timeout} s")


async def nobody_told(_: Tx) -> None:
    return None


async def ticks(db: Database, receivers: Receivers, count: int) -> tuple[Liveness, Clock]:
    """`count` ticks of the sender, STUCK_TIMEOUTS timeouts and a bit apart, with one event
    waiting."""
    clock = Clock()
    liveness = Liveness(stall_after=60, clock=clock)
    liveness.beat("deliver-events")
    ctx = JobContext(db, liveness, running=True)
    config = EventsConfig([URL], "s" * 32)
    couriers = Couriers(receivers, config.urls)
    ctx.add(EventsSender(config, couriers, nobody_told))
    async with db.transaction() as tx:
        await tx.events.add("fix.done", tx.clock(), {"complaint_id": 1, "cause": None})
    try:
        for _ in range(count):
            await deliver_events(ctx)
            await asyncio.sleep(STUCK_TIMEOUTS * TIMEOUT + 0.05)
    finally:
        await couriers.close()
    return liveness, clock


async def test_a_delivery_pass_that_never_ends_is_the_bot_stuck(db: Database) -> None:
    config = EventsConfig([URL], "s" * 32)
    liveness, clock = await ticks(db, NeverEnding(config, TIMEOUT), 3)
    clock.now += 61  # past the stall limit since the first tick, the last that succeeded
    assert not liveness.healthy
    report = liveness.report()["deliver-events"]
    assert (report["state"], report["error"]) == ("stuck", "SenderStuck")


async def test_a_receiver_that_never_answers_leaves_the_bot_healthy(db: Database) -> None:
    config = EventsConfig([URL], "s" * 32)
    liveness, _ = await ticks(db, NotAnswering(config, TIMEOUT), 3)
    assert liveness.healthy and liveness.report()["deliver-events"]["error"] is None
    async with db.read() as tx:
        waiting = await tx.events.waiting_at(URL)
    assert waiting is not None and waiting[1] == f"no answer within {TIMEOUT} s"


def test_a_receivers_error_page_is_read_as_its_words() -> None:
    """A framework's HTML 500 page: its heading, not its script or styles."""
    page = (
        "<html><head><title>500</title><style>h1{color:red}</style>"
        "<script>alert(1)</script></head><body><h1>Internal Server Error</h1></body></html>"
    )
    assert plain(page, 60) == "500 Internal Server Error"
