"""The digest's "Bring a friend" over a hand-counted table: links, friends joined and bought,
per branch; the top advocates by name; forgetting keeps the counts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.digest import build_digest
from bot.reports.render import render_digest
from bot.timeparse import BusinessHours
from storage.db import Database, Tx
from storage.migrate import migrate
from storage.repos.referrals import ReferralLink
from tests.support.backend import database_url
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
TZ = ZoneInfo("Europe/Stockholm")
DAY = timedelta(days=1)
ALWAYS = BusinessHours(None)


async def refer(tx: Tx, token: str, friend: int, joined: datetime, bought: int | None) -> None:
    link = await tx.referrals.link(token)
    assert link is not None
    await tx.referrals.join(link, friend, joined)
    [pending] = await tx.referrals.unconverted([friend])
    if bought is not None:
        await tx.referrals.convert(pending.referral_id, bought, joined + DAY)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(database_url(tmp_path, "a"))
    await database.connect()
    await migrate(database.conn)
    async with database.transaction() as tx:
        for n in range(1, 6):  # customers, purchases and surveys 1-3 north, 4-5 south
            await add_response(tx.conn, n, START, 10, branch="north" if n <= 3 else "south")
        await tx.referrals.add_link("t1", 1, 1, START + DAY)
        await tx.referrals.add_link("t2", 4, 4, START + 2 * DAY)
        await tx.referrals.add_link("t0", 1, 1, START - 3 * DAY)  # the week before
        await refer(tx, "t1", 2, START + DAY, bought=2)
        await refer(tx, "t1", 3, START + 3 * DAY, bought=None)
        await refer(tx, "t2", 5, START + 2 * DAY, bought=5)
        link = await tx.referrals.link("t2")
        assert link is not None
        await tx.referrals.join(link, 3, START + 4 * DAY)  # a second attribution: ignored
    yield database
    await database.close()


async def test_links_friends_joined_and_bought_per_branch_with_the_top_advocates(
    db: Database,
) -> None:
    async with db.read() as tx:
        everyone = await build_digest(tx, START, END, END, TZ, hours=ALWAYS)
        north = await build_digest(tx, START, END, END, TZ, "north", hours=ALWAYS)
        south = await build_digest(tx, START, END, END, TZ, "south", hours=ALWAYS)
    assert digest_json(everyone)["referrals"] == {
        "links_sent": 2,
        "friends_joined": 3,
        "friends_purchased": 2,
    }
    counts = [(d.referrals.links_sent, d.referrals.friends_joined, d.referrals.friends_purchased)
              for d in (north, south)]  # fmt: skip
    assert counts == [(1, 2, 1), (1, 1, 1)]
    assert everyone.advocates == [("C1", 1), ("C4", 1)]
    text = render_digest(Catalog.load().bind("en"), everyone, TZ)
    assert "👥 Bring a friend: 2 invitation links sent, 3 friends joined, 2 bought" in text
    assert "Top advocates (friends who bought): C1 1, C4 1" in text
    ru = render_digest(Catalog.load().bind("ru"), everyone, TZ)
    assert "пришло друзей — 3, купили — 2" in ru


async def test_a_forgotten_advocate_leaves_the_counts_but_not_their_name(db: Database) -> None:
    async with db.transaction() as tx:
        await tx.privacy.forget(1)
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END, TZ, hours=ALWAYS)
        link = await tx.referrals.link("t1")
    assert (d.referrals.links_sent, d.referrals.friends_joined) == (2, 3)
    assert d.advocates == [("C4", 1)]
    assert link == ReferralLink("t1", None, 1)
