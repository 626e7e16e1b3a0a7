"""Migrations and repositories on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
import pytest
from aiogram.methods import SendMessage

from bot.outbox.codec import decode
from bot.outbox.service import Outbox
from bot.updates.poller import to_inbox_rows
from storage.db import Database
from storage.migrate import applied_versions, available, migrate
from storage.models import Customer, OutboxItem
from storage.repos.outbox import NewMessage, Outcome
from storage.states import OutboxStatus
from tests.support.backend import ON_POSTGRES, database_url
from tests.support.upgrades import migrate_until


async def open_db(tmp_path: Path) -> Database:
    db = Database(database_url(tmp_path, "t"))
    await db.connect()
    await migrate(db.conn)
    return db


async def test_migrations_apply_once_and_are_numbered(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    try:
        assert await applied_versions(db.conn) == {m.version for m in available(db.conn.engine)}
        assert await migrate(db.conn) == []
        if db.url.is_sqlite:
            row = await db.conn.fetch_one("PRAGMA journal_mode")
            assert row is not None and row[0] == "wal"
    finally:
        await db.close()


async def test_pending_updates_take_turns_between_chats_in_order_within_each(
    tmp_path: Path,
) -> None:
    """A chat with a thousand updates waiting does not keep another chat's one behind them."""
    db = await open_db(tmp_path)
    try:
        async with db.transaction() as tx:
            flood = [(n, "{}", 7, None) for n in range(1, 1001)]
            await tx.inbox.add_many([*flood, (1001, "{}", 8, None), (1002, "{}", None, None)], 0.0)
        async with db.read() as tx:
            first = [i.update_id for i in await tx.inbox.pending(50, time.time(), per_chat=5)]
        assert first[:3] == [1, 1001, 1002]  # each chat's first, then each chat's second...
        assert [u for u in first if u <= 1000] == [1, 2, 3, 4, 5]  # the flood keeps its order
    finally:
        await db.close()


async def test_inbox_deduplicates_by_update_id(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    try:
        async with db.transaction() as tx:
            assert await tx.inbox.add_many([(1, "{}", 5, 5), (2, "{}", 5, 5)], 0.0) == 2
            assert await tx.inbox.add_many([(2, "{}", 5, 5), (3, "{}", None, None)], 0.0) == 1
            await tx.inbox.finish(1, 1.0)
            await tx.inbox.finish(2, 1.0, error="ValueError")
        async with db.read() as tx:
            assert [i.update_id for i in await tx.inbox.pending(10, time.time())] == [3]
            assert await tx.inbox.counts() == {"done": 1, "failed": 1, "pending": 1}
    finally:
        await db.close()


async def test_rollback_discards_writes_and_after_commit_hooks(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    fired: list[str] = []
    try:
        try:
            async with db.transaction() as tx:
                await tx.customers.touch_from_telegram(7, "A", None, "en")
                tx.after_commit(lambda: fired.append("x"))
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        async with db.transaction() as tx:
            await tx.customers.touch_from_telegram(8, "B", None, "en")
            tx.after_commit(lambda: fired.append("y"))
        async with db.read() as tx:
            assert await tx.customers.by_telegram_id(7) is None
            assert await tx.customers.by_telegram_id(8) is not None
        assert fired == ["y"]
    finally:
        await db.close()


async def test_outbox_rows_and_outcomes(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    try:
        async with db.transaction() as tx:
            a = await tx.outbox.add(NewMessage(5, "SendMessage", "{}", 2, 0.0), 0.0)
            b = await tx.outbox.add(NewMessage(5, "SendMessage", "{}", 0, 0.0), 0.0)
            await tx.outbox.record(
                [Outcome(a.id, OutboxStatus.SENT, 1, 1.0, result='{"message_id": 1}')]
            )
        async with db.read() as tx:
            assert [i.id for i in await tx.outbox.pending()] == [b.id]
            assert await tx.outbox.counts() == {"pending": 1, "sent": 1}
    finally:
        await db.close()


async def test_a_held_message_waits_and_is_released_in_order_to_its_place(db: Database) -> None:
    """A message about a complaint before its card: not sent (not even after a restart) until
    released, then with the place filled in, in the order the messages were queued."""
    notified: list[OutboxItem] = []
    outbox = Outbox(SimpleNamespace(notify=notified.append))
    async with db.transaction() as tx:
        for text in ("first", "second"):
            await outbox.hold(tx, SendMessage(chat_id=-100, text=text), until=7)
        await outbox.hold(tx, SendMessage(chat_id=-100, text="other"), until=8)
    async with db.read() as tx:
        assert await tx.outbox.pending() == [] and notified == []
    async with db.transaction() as tx:
        assert await outbox.release(tx, 7, {"message_thread_id": 42}) == 2
    sent = [decode(i.method, i.payload) for i in notified]
    assert [(m.text, m.message_thread_id) for m in sent] == [("first", 42), ("second", 42)]  # type: ignore[attr-defined]
    async with db.read() as tx:
        assert [i.id for i in await tx.outbox.pending()] == [i.id for i in notified]
        assert (await tx.outbox.counts())["waiting"] == 1


async def test_unreachable_is_recorded_once_and_cleared(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    try:
        async with db.transaction() as tx:
            await tx.customers.touch_from_telegram(9, "C", None, "ru")
            assert await tx.customers.mark_unreachable(9, "bot was blocked by the user")
            assert not await tx.customers.mark_unreachable(9, "again")
            customer = await tx.customers.by_telegram_id(9)
            assert customer is not None and customer.unreachable_at is not None
            await tx.customers.clear_unreachable(9)
            customer = await tx.customers.by_telegram_id(9)
            assert customer is not None and customer.unreachable_at is None
    finally:
        await db.close()


async def test_cancelled_transactions_leave_the_connection_usable(tmp_path: Path) -> None:
    """A task cancelled at any point (even mid-BEGIN or mid-COMMIT) must not wedge the writer."""
    import asyncio
    import random

    db = await open_db(tmp_path)
    rng = random.Random(1)

    async def writer(i: int) -> None:
        async with db.transaction() as tx:
            await tx.kv.set(f"k{i}", "v")
            await asyncio.sleep(rng.choice([0, 0, 0.001]))

    try:
        for i in range(200):
            task = asyncio.create_task(writer(i))
            await asyncio.sleep(rng.choice([0, 0, 0.0002, 0.0005, 0.002]))
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        async with db.transaction() as tx:  # would fail: "cannot start a transaction within..."
            await tx.kv.set("after", "ok")
        async with db.read() as tx:
            assert await tx.kv.get("after") == "ok"
        assert not db.conn.in_transaction
    finally:
        await db.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="a server that ends sessions: PostgreSQL")
async def test_a_connection_the_server_ended_is_replaced_at_the_next_transaction(
    db: Database,
) -> None:
    """Ended while idle (idle_session_timeout, a restart of the server): the next transaction
    opens a new one instead of failing."""
    pid = db.conn.raw.get_server_pid()  # type: ignore[attr-defined]
    other = await asyncpg.connect(db.url.url)
    try:
        await other.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await other.close()
    async with db.transaction() as tx:
        await tx.kv.set("after", "ok")
    async with db.read() as tx:
        assert await tx.kv.get("after") == "ok"


async def test_a_nul_in_what_a_customer_wrote_is_stored_and_forgotten_on_both_engines(
    db: Database,
) -> None:
    """PostgreSQL's text cannot hold NUL (it is dropped there); its JSON must still be read."""
    payload = '{"update_id": 1, "message": {"from": {"id": 77}, "text": "a\\u0000b"}}'
    async with db.transaction() as tx:
        await tx.kv.set("said", "a\x00b")
        await tx.inbox.add_many(to_inbox_rows([json.loads(payload)]), 0.0)
        await tx.inbox.finish(1, 1.0)
        customer, _ = await tx.customers.touch_from_telegram(77, "N\x00", None, "en")
        await tx.privacy.forget(customer.id)  # reads the stored updates' JSON
    async with db.read() as tx:
        assert await tx.kv.get("said") in ("a\x00b", "ab")
        assert await tx.inbox.counts() == {}  # the update they sent is gone


async def test_reserved_ids_are_the_batchs_own(db: Database) -> None:
    """Ids reserved for a bulk write: the next reservation and a row the database numbers
    itself both land above them."""
    async with db.transaction() as tx:
        first = await tx.customers.new_ids(3)
        await tx.customers.add_many([Customer(id=i, telegram_id=None) for i in first])
        second = await tx.customers.new_ids(2)
        await tx.customers.add_many([Customer(id=i, telegram_id=None) for i in second])
        made, _ = await tx.customers.touch_from_telegram(91, "T", None, "en")
    assert len(set(first)) == 3 and len(set(second)) == 2
    assert max(first) < min(second) < max(second) < made.id
    async with db.read() as tx:
        assert await tx.customers.count() == 6


async def test_database_failures_are_cleared_only_by_a_write_that_commits(db: Database) -> None:
    """A full disk still lets an empty transaction (an idle tick) commit: that is not the
    database working again. /healthz reads this to say 503 after HEALTH_DB_FAIL_AFTER."""
    db.failing.saw(sqlite3.OperationalError("database or disk is full"))
    db.failing.saw(ValueError("a bug, not the database"))
    async with db.transaction():
        pass
    assert db.failing.since is not None and "disk is full" in str(db.failing.error)
    assert db.failing.for_at_least(0) and not db.failing.for_at_least(3600)
    async with db.transaction() as tx:
        await tx.kv.set("written", "1")
    assert db.failing.since is None and not db.failing.for_at_least(0)


async def test_scrubbing_thousands_of_words_stays_within_the_engines_limits(db: Database) -> None:
    """A customer who flooded the chat wrote thousands of messages: erasing them must not
    exceed SQLite's or PostgreSQL's limit on parameters in one statement."""
    needles = [f"flood message number {n}" for n in range(5000)]
    async with db.transaction() as tx:
        await tx.privacy.scrub(needles, chat_id=77, complaint_ids=[1, 2], update_id=5)


async def test_telegram_names_leave_the_shops_name_column_at_the_upgrade(tmp_path: Path) -> None:
    """Before 0027 every customer who had written held Telegram's name in `name`: it moves to
    `tg_name`, so the shop's next file fills `name` again; a name only the shop gave stays."""
    db = Database(database_url(tmp_path, "names"))
    await db.connect()
    conn = db.conn
    try:
        await migrate_until(conn, 26)
        await conn.begin(write=True)
        for number, name, started in ((1, "Аня", "2026-01-02"), (2, "Борис Котов", None)):
            await conn.execute(
                "INSERT INTO customers (id, telegram_id, name, started_at, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, '2026-01-01', '2026-01-01')",
                (number, 100 + number, name, started),
            )
        await conn.commit()
        await migrate(conn)
        rows = await conn.fetch_all("SELECT name, tg_name FROM customers ORDER BY id")
        assert [tuple(r) for r in rows] == [(None, "Аня"), ("Борис Котов", None)]
    finally:
        await db.close()


async def test_a_returning_customer_is_read_once_and_written_only_when_changed(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every update from a customer passes here first: one who shows Telegram what the row
    already says costs one read; a new name is still written."""
    async with db.transaction() as tx:
        made, first = await tx.customers.touch_from_telegram(5, "Ann", "ann", "en", starting=True)
    assert first
    async with db.transaction() as tx:
        statements: list[str] = []
        for name in ("execute", "fetch_one", "fetch_all"):
            real = getattr(tx.conn, name)

            async def counted(sql: str, *args: object, real: Any = real) -> Any:
                statements.append(sql)
                return await real(sql, *args)

            monkeypatch.setattr(tx.conn, name, counted)
        same, first = await tx.customers.touch_from_telegram(5, "Ann", "ann", "en")
        assert (same, first, len(statements)) == (made, False, 1)
        renamed, _ = await tx.customers.touch_from_telegram(5, "Ann B", "ann", "en")
    assert renamed.tg_name == "Ann B" and renamed.id == made.id
