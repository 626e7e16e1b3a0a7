"""What the app starts it stops in reverse, by construction: a feature's lifespan while
leading is entered on the app's one exit stack, so it stops after everything started later
(the tasks, the scheduler) and before what it needs (the database) closes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.app import create_app
from tests.support.helpers import make_settings


async def test_a_feature_running_while_leading_stops_in_reverse_order(tmp_path: Path) -> None:
    app = await create_app(make_settings(tmp_path))  # Telegram unreachable: it keeps trying
    w = app.wiring
    seen: list[tuple[str, bool, bool]] = []

    async def database_open() -> bool:
        async with app.db.read() as tx:  # raises once the database is closed
            await tx.kv.get("bot_username")
        return True

    @asynccontextmanager
    async def feature() -> AsyncIterator[None]:
        seen.append(("start", w.scheduler.running, await database_open()))
        try:
            yield
        finally:
            seen.append(("stop", w.scheduler.running or w.jobs.running, await database_open()))

    w.while_leading(feature)
    await app.start()
    assert w.scheduler.running and w.jobs.running
    await app.stop()
    # Entered before the scheduler started, left after it stopped, with the database open.
    assert seen == [("start", False, True), ("stop", False, True)]
    assert not w.scheduler.running
