"""DATA_RETENTION under a steady stream (make soak): 100 customers write once a second each for
200 s (20,000 updates, each answered), with a 30 s retention. The SQLite file (with its WAL)
stops growing once the retention job starts deleting: its size over the last third of the run
stays within a quarter of its size over the middle third, while without pruning every update
would have added its rows for good."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.support.helpers import FAKE_SCALE, SCALE, make_settings, start, wait_for

pytestmark = pytest.mark.soak

WRITERS = range(97_000, 97_100)
SECONDS = 200


def file_size(app: App) -> int:
    path = app.db.path
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


async def test_the_database_levels_off_under_a_steady_stream(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    world = fake.world
    world.set_limits(FAKE_SCALE)
    settings = make_settings(
        tmp_path, fake.url, quiet_hours="off", data_retention="PT30S", **SCALE
    )
    app = await create_app(settings, poll_timeout=1, tick_seconds=0.5)
    await start(app)
    samples: list[tuple[float, int]] = []
    try:
        for user in WRITERS:
            world.add_user(user, f"W{user}", "en")
        began = time.monotonic()
        for second in range(SECONDS):
            for user in WRITERS:
                await world.user_sends(user, "/help")
            samples.append((time.monotonic() - began, file_size(app)))
            await asyncio.sleep(max(0.0, began + second + 1 - time.monotonic()))
        total = len(WRITERS) * SECONDS
        await wait_for(lambda: len(world.sent) >= total, 120, "every update answered")
        async with app.db.read() as tx:
            kept = await tx.conn.fetch_all("SELECT status, COUNT(*) FROM outbox GROUP BY 1")
    finally:
        await app.stop()
    middle = max(size for at, size in samples if SECONDS / 3 <= at < 2 * SECONDS / 3)
    last = max(size for at, size in samples if at >= 2 * SECONDS / 3)
    print(
        f"{total} updates answered; file (with WAL) at 30 s {samples[30][1] / 1e6:.1f} MB,"
        f" middle third max {middle / 1e6:.1f} MB, last third max {last / 1e6:.1f} MB;"
        f" outbox rows left {[tuple(r) for r in kept]}"
    )
    assert last <= 1.25 * middle
