"""Events across SIGKILLs of the real bot process: every complaint opened while the bot was
killed again and again has exactly one complaint.opened event (none lost, none invented: they
are written in the transaction that opens the complaint), and the receiver got each of them,
by id, at least once, the same event every time."""

from __future__ import annotations

import asyncio
import json
import random
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from faketg import FakeTelegramServer
from faketg.limits import FakeLimits
from tests.support.backend import database_url
from tests.support.helpers import wait_for
from tests.support.processes import STARTING, bot_env, db_rows, start_bot, stop_when
from tests.support.receiver import Receiver, verify
from tests.support.staffroom import staff_group

CUSTOMERS = 120
KILLS = 3
SECRET = "crash-test-events-secret-42"


def arrived(receiver: Receiver, count: int) -> Callable[[], bool]:
    return lambda: len(receiver.got) >= count


async def test_events_survive_sigkills_once_each_by_id(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.set_limits(FakeLimits(global_per_second=100, global_burst=100, private_per_second=10))
    staff_group(world)
    for i in range(CUSTOMERS):
        world.add_user(60_000 + i, f"C{i}", "en")
    receiver = Receiver()
    await receiver.start()
    db = database_url(tmp_path)
    env = {
        **bot_env(fake, db),
        "EVENTS_URL": receiver.url,
        "EVENTS_SECRET": SECRET,
        "SEND_GROUP_PER_MINUTE": "1000",
        "STORM_CARDS_PER_MINUTE": "20",
    }

    async def stream() -> None:
        for i in range(CUSTOMERS):
            await world.user_sends(60_000 + i, f"Order {i} arrived broken")
            await asyncio.sleep(0.3)  # a stream across all the kills (~8 s a start)

    streaming = asyncio.create_task(stream())
    rng = random.Random(7)
    for _ in range(KILLS):
        proc = await start_bot(env)
        try:  # killed whatever happens: a failed wait must not leave a bot running
            await wait_for(
                arrived(receiver, len(receiver.got) + 2), within=STARTING, what="events flowing"
            )
            await asyncio.sleep(rng.uniform(0.0, 0.3))
        finally:
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
    await streaming

    def all_received() -> bool:
        opened = {e["data"]["complaint_id"] for e in receiver.accepted()}
        return len(opened) == CUSTOMERS

    await stop_when(await start_bot(env), all_received, 90, "every complaint.opened received")
    stored = await db_rows(db, "SELECT type, COUNT(*) FROM events GROUP BY type")
    complaints = await db_rows(db, "SELECT 'all', COUNT(*) FROM complaints")
    assert complaints == [("all", CUSTOMERS)]
    assert dict(stored) == {"complaint.opened": CUSTOMERS}  # one each: none lost, none doubled
    seen: dict[int, dict[str, Any]] = {}
    for got in receiver.got:
        assert verify(SECRET, got.headers["X-Feedback-Signature"], got.body)
        event = json.loads(got.body)
        assert seen.setdefault(event["id"], event) == event  # a repeat is the same event
    ids = {e["id"] for e in receiver.accepted()}
    assert len(ids) == CUSTOMERS
    repeats = len(receiver.accepted()) - CUSTOMERS
    assert repeats <= KILLS * 100  # at most what was in flight at each kill (one batch)
