"""How long the events sender takes to pick its next batch while a receiver is down and
events pile up: `python -m bench.events_backlog` (SQLite; a third as many complaints as events,
every event waiting for one URL). One query per tick, whatever the backlog."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from storage.db import Database
from storage.migrate import migrate

URL = "https://crm.example/hook"
SIZES = (1_000, 5_000, 20_000)


async def measure(folder: Path, waiting: int) -> float:
    db = Database(f"sqlite:///{folder / f'events-{waiting}.db'}")
    await db.connect()
    try:
        await migrate(db.conn)
        async with db.transaction() as tx:
            rows = [
                (n, "complaint.opened", "t", "{}", n % (waiting // 3) + 1, 1.0)
                for n in range(1, waiting + 1)
            ]
            await tx.conn.execute_many(
                "INSERT INTO events (id, type, occurred_at, data, complaint_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            await tx.events.queue_for(URL, 0)
        async with db.read() as tx:
            began = time.perf_counter()
            await tx.events.due(URL, 10.0, 100)
            return time.perf_counter() - began
    finally:
        await db.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for waiting in SIZES:
            took = asyncio.run(measure(Path(tmp), waiting))
            print(
                f"{waiting:>7,} events waiting: next batch of 100 chosen in {took * 1000:.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
