"""`python -m bot copy-data`: a shop's SQLite file into another, empty database, whole."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from storage.copy import TABLES
from storage.db import Database
from storage.migrate import migrate
from storage.repos.outbox import NewMessage
from storage.states import ComplaintSource
from tests.support.backend import database_url
from tests.support.reportdata import add_complaint, add_response

SENT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


async def fill(url: str) -> None:
    """A little of everything: answers with aspects, complaints with their states and steps,
    the queues, remembered values."""
    db = Database(url)
    await db.connect()
    await migrate(db.conn)
    try:
        async with db.transaction() as tx:
            for n in range(1, 31):
                await add_response(
                    tx.conn, n, SENT + timedelta(hours=n), n % 11, aspects=("price",)
                )
            for n in range(1, 6):
                await add_complaint(tx.conn, n, n, SENT, taken_after=timedelta(minutes=n))
            await tx.complaints.link_staff_message(-100, 7, 1)
            await tx.inbox.add_many([(901, '{"update_id": 901}', 5, 5)], 1.0)
            await tx.outbox.add(NewMessage(5, "SendMessage", '{"text": "hi"}', 0, 0.0), 1.0)
            await tx.kv.set("bot_username", "shop_bot")
    finally:
        await db.close()


async def dump(url: str) -> dict[str, list[dict[str, object]]]:
    """Every row as column → value (PostgreSQL may hold the columns in another order)."""
    db = Database(url)
    await db.connect()
    try:
        async with db.read() as tx:
            return {
                table: [
                    dict(row)
                    for row in await tx.conn.fetch_all(f"SELECT * FROM {table} ORDER BY {key}")
                ]
                for table, key in TABLES.items()
            }
    finally:
        await db.close()


async def open_a_complaint(url: str) -> int:
    db = Database(url)
    await db.connect()
    try:
        async with db.transaction() as tx:
            at = datetime.fromisoformat("2026-11-03T10:00:00+00:00")
            complaint = await tx.complaints.add(1, ComplaintSource.MESSAGE, "", at, at)
        return int(complaint.id)
    finally:
        await db.close()


def test_a_shop_moves_whole_and_a_second_copy_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{tmp_path / 'shop.db'}"
    target = database_url(tmp_path, "target")  # PostgreSQL under `make test-pg`
    asyncio.run(fill(source))

    assert main(["copy-data", "--from", source, "--to", target]) == 0
    out, err = capsys.readouterr()
    assert "surveys" in out and "DIFFERENT" not in out and "counts equal" in err
    before, after = asyncio.run(dump(source)), asyncio.run(dump(target))
    assert after == before  # every row of every table, value for value
    assert len(after["survey_aspects"]) == 30 and len(after["complaint_states"]) == 10
    # New rows continue above the copied ids (PostgreSQL's sequences were moved on).
    assert asyncio.run(open_a_complaint(target)) == 6

    assert main(["copy-data", "--from", source, "--to", target]) == 2
    _, err = capsys.readouterr()
    assert "refused, nothing written" in err and "is not empty" in err
    assert len(asyncio.run(dump(target))["complaints"]) == 6


def test_nonsense_urls_and_one_database_twice_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["copy-data", "--from", same, "--to", same]) == 2
    assert main(["copy-data", "--from", "mysql://x/y", "--to", same]) == 2
    err = capsys.readouterr().err
    assert "the same database" in err and "sqlite:///data/bot.db or postgresql://" in err
