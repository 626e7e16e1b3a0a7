"""Whether a survey goes from the shop's Telegram account the customer wrote to (the rule in
bot/business/reach.py): the account they last wrote to, on, with the right to reply, and
their last message there under 23 hours old; else the bot's own chat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.business.reach import reachable_through
from storage.db import Database
from storage.repos.business import BusinessConnection

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
CUSTOMER = 7701
REPLYING = {"can_reply": True, "can_read_messages": True}


async def shop(db: Database, id_: str, rights: dict[str, bool], enabled: bool = True) -> None:
    async with db.transaction() as tx:
        await tx.business.put(BusinessConnection(id_, 1, "Shop", rights, enabled), NOW)


async def wrote(db: Database, id_: str, ago: timedelta) -> None:
    async with db.transaction() as tx:
        await tx.business.heard(id_, CUSTOMER, NOW - ago)


async def through(db: Database) -> str | None:
    async with db.read() as tx:
        return await reachable_through(tx, CUSTOMER, NOW)


async def test_the_account_they_last_wrote_to_while_it_may_answer(db: Database) -> None:
    assert await through(db) is None  # never wrote to any account: the bot
    await shop(db, "bc-1", REPLYING)
    await shop(db, "bc-2", REPLYING)
    await wrote(db, "bc-1", timedelta(hours=5))
    await wrote(db, "bc-2", timedelta(hours=2))
    assert await through(db) == "bc-2"  # the latest
    await wrote(db, "bc-2", timedelta(hours=23))
    assert await through(db) == "bc-1"
    await wrote(db, "bc-1", timedelta(hours=23, minutes=1))  # an hour short of Telegram's 24
    assert await through(db) is None


async def test_not_without_the_reply_right_or_with_the_bot_off(db: Database) -> None:
    await shop(db, "bc-1", {"can_read_messages": True})
    await wrote(db, "bc-1", timedelta(minutes=5))
    assert await through(db) is None
    await shop(db, "bc-1", REPLYING, enabled=False)
    assert await through(db) is None
    await shop(db, "bc-1", REPLYING)
    assert await through(db) == "bc-1"
