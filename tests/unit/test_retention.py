"""DATA_RETENTION at the storage level: which outbox and inbox rows go, which stay, and a
SQLite file that gives the space back (a file from before incremental auto-vacuum too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.db import Database
from storage.migrate import migrate
from storage.repos.outbox import NewMessage, Outcome
from storage.states import OutboxStatus

NOW = 1_800_000_000.0
DAY = 86400.0
SECRET = "the customer's own words"


def message(chat_id: int) -> NewMessage:
    payload = f'{{"chat_id": {chat_id}, "text": "{SECRET}"}}'
    return NewMessage(
        chat_id=chat_id, method="SendMessage", payload=payload, priority=1, not_before=0.0
    )


async def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    async with db.read() as tx:
        return [tuple(row) for row in await tx.conn.fetch_all(sql)]


async def test_old_delivered_rows_go_failed_ones_lose_their_words_pending_ones_stay(
    db: Database,
) -> None:
    async with db.transaction() as tx:
        old_sent = await tx.outbox.add(message(1), NOW - 100 * DAY)
        new_sent = await tx.outbox.add(message(2), NOW - 10 * DAY)
        old_failed = await tx.outbox.add(message(3), NOW - 100 * DAY)
        old_pending = await tx.outbox.add(message(4), NOW - 100 * DAY)
        await tx.outbox.record(
            [
                Outcome(old_sent.id, OutboxStatus.SENT, 1, NOW - 100 * DAY, result='{"r": 1}'),
                Outcome(new_sent.id, OutboxStatus.SENT, 1, NOW - 10 * DAY, result='{"r": 2}'),
                Outcome(
                    old_failed.id,
                    OutboxStatus.FAILED,
                    3,
                    NOW - 100 * DAY,
                    result=SECRET,
                    error="Forbidden: bot was blocked by the user",
                ),
            ]
        )
    async with db.transaction() as tx:
        assert await tx.outbox.prune(NOW - 90 * DAY) == 2  # one deleted, one scrubbed
        assert await tx.outbox.prune(NOW - 90 * DAY) == 0  # nothing left to do
    left = await rows(db, "SELECT id, status, payload, result FROM outbox ORDER BY id")
    assert [r[0] for r in left] == [new_sent.id, old_failed.id, old_pending.id]
    failed = left[1]
    assert failed[1] == OutboxStatus.FAILED and SECRET not in str(failed[2:])  # still counted
    assert SECRET in str(left[2][2])  # a pending message is still to be sent, whole


async def test_handled_updates_older_than_the_cutoff_go_pending_ones_stay(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.inbox.add_many([(1, "{}", 7, 7), (2, "{}", 7, 7), (3, "{}", 7, 7)], NOW)
        await tx.conn.execute(
            "UPDATE inbox SET status = 'done', processed_at = ? WHERE update_id = 1",
            (NOW - 100 * DAY,),
        )
        await tx.conn.execute(
            "UPDATE inbox SET status = 'done', processed_at = ? WHERE update_id = 2", (NOW,)
        )
    async with db.transaction() as tx:
        assert await tx.inbox.prune(NOW - DAY) == 1
    assert [r[0] for r in await rows(db, "SELECT update_id FROM inbox ORDER BY 1")] == [2, 3]


def file_pages(path: Path) -> tuple[int, int, int]:
    """(auto_vacuum mode, pages, free pages) of a SQLite file, read by another connection."""
    with sqlite3.connect(path) as raw:
        mode, pages, free = (
            raw.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("auto_vacuum", "page_count", "freelist_count")
        )
    return int(mode), int(pages), int(free)


async def fill_and_prune(db: Database) -> None:
    async with db.transaction() as tx:
        for n in range(2000):
            item = await tx.outbox.add(message(n), NOW - 100 * DAY)
            await tx.outbox.record(
                [Outcome(item.id, OutboxStatus.SENT, 1, NOW - 100 * DAY, result="x" * 500)]
            )
    async with db.transaction() as tx:
        assert await tx.outbox.prune(NOW) == 2000


async def test_a_new_sqlite_file_gives_pruned_space_back(tmp_path: Path) -> None:
    db = Database(tmp_path / "new.db")
    await db.connect()
    await migrate(db.conn)
    try:
        await fill_and_prune(db)
        assert file_pages(db.path)[2] > 100  # the deleted rows' pages are free, not returned
        freed = await db.reclaim_space()
        mode, _, free = file_pages(db.path)
        assert (mode, free) == (2, 0) and freed > 100  # 2: incremental
    finally:
        await db.close()


async def test_a_file_from_before_auto_vacuum_is_converted_once_when_worth_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as raw:  # as every earlier version created it
        raw.execute("PRAGMA auto_vacuum=NONE")
        raw.execute("CREATE TABLE early (x TEXT)")
    db = Database(path)
    await db.connect()
    await migrate(db.conn)
    try:
        assert file_pages(path)[0] == 0
        assert await db.reclaim_space() == 0  # nothing worth a whole rewrite yet
        assert file_pages(path)[0] == 0
        await fill_and_prune(db)
        _, before, _ = file_pages(path)
        assert await db.reclaim_space() > 100
        mode, after, free = file_pages(path)
        assert (mode, free) == (2, 0) and after < before / 2
    finally:
        await db.close()


async def test_old_events_go_once_no_receiver_awaits_them(db: Database) -> None:
    """Delivered (or given up) events older than the cutoff go with their delivery rows; one a
    receiver still waits for stays, however old; a pull-only event (no EVENTS_URL) goes."""
    async with db.transaction() as tx:
        await tx.conn.execute(
            "INSERT INTO events (id, type, occurred_at, data, created_at) VALUES"
            " (1, 'fix.done', 't', '{}', ?), (2, 'fix.done', 't', '{}', ?),"
            " (3, 'fix.done', 't', '{}', ?), (4, 'fix.done', 't', '{}', ?)",
            (NOW - 100 * DAY, NOW - 100 * DAY, NOW - 100 * DAY, NOW - 10 * DAY),
        )
        await tx.events.queue_for("https://crm.example/hook", 0)
        await tx.events.delivered(1, "https://crm.example/hook", NOW - 99 * DAY)
        await tx.events.delivered(4, "https://crm.example/hook", NOW - 9 * DAY)
        await tx.conn.execute("DELETE FROM event_deliveries WHERE event_id = 3")  # pull only
    async with db.transaction() as tx:
        assert await tx.events.prune(NOW - 90 * DAY) == 2
    assert await rows(db, "SELECT id FROM events ORDER BY id") == [(2,), (4,)]
    assert await rows(db, "SELECT event_id, status FROM event_deliveries ORDER BY 1") == [
        (2, "pending"),
        (4, "delivered"),
    ]
