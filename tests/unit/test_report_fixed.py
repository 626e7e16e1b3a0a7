"""The digest's "What we fixed" over a hand-counted table: causes against the previous period,
fixes made and owed, the top recurring cause; the stats JSON; a branch filter; en, ru, sv."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.digest import build_digest
from bot.reports.fixed import fixed_lines
from bot.reports.render import render_digest
from bot.timeparse import BusinessHours
from storage.db import Database
from storage.migrate import migrate
from tests.support.backend import database_url
from tests.support.reportdata import add_complaint, add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # Monday 09:00 in Stockholm
END = START + timedelta(days=7)
TZ = ZoneInfo("Europe/Stockholm")
DAY = timedelta(days=1)
ALWAYS = BusinessHours(None)
# complaint: (resolved on, cause; None: the question was never answered), 1-5 north, 6-7 south
RESOLVED = {
    1: (START + DAY, "delivery"),
    2: (START + 2 * DAY, "delivery"),
    3: (START + 3 * DAY, "delivery"),
    4: (START + 3 * DAY, "skipped"),
    5: (START - 3 * DAY, "delivery"),
    6: (START - 2 * DAY, "quality"),
    7: (START + 4 * DAY, None),
}


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(database_url(tmp_path, "f"))
    await database.connect()
    await migrate(database.conn)
    async with database.transaction() as tx:
        for n, (resolved, cause) in RESOLVED.items():
            opened = resolved - timedelta(hours=5)
            await add_response(tx.conn, n, opened, 3, branch="north" if n <= 5 else "south")
            await add_complaint(
                tx.conn,
                n,
                n,
                opened,
                taken_after=timedelta(hours=1),
                resolved_after=timedelta(hours=5),
            )
            await tx.corrective.ask(n, resolved)
            if cause is not None:
                await tx.corrective.update(n, cause=cause, cause_by_name="Alex")
        await tx.conn.execute("UPDATE complaints SET purchase_id = id")
        # #2: a fix marked before, done this week; #3: marked, still owed; #6: done last week.
        await tx.corrective.update(
            2,
            action="Moved to the faster courier",
            fix_needed_at=START - DAY,
            fix_by_name="Alex",
            fix_done_at=START + 5 * DAY,
            fix_done_by_name="Olive",
        )
        await tx.corrective.update(3, fix_needed_at=START + 3 * DAY, fix_by_name="Sam")
        await tx.corrective.update(
            6, fix_needed_at=START - 2 * DAY, fix_done_at=START - DAY, fix_done_by_name="Olive"
        )
    yield database
    await database.close()


async def test_causes_against_the_previous_period_and_fixes_made_and_owed(db: Database) -> None:
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END, TZ, hours=ALWAYS)
    causes = [(c.cause, c.complaints, c.previous) for c in d.causes]
    assert causes == [
        ("delivery", 3, 1),
        ("skipped", 1, 0),
        ("unrecorded", 1, 0),
        ("quality", 0, 1),
    ]
    assert d.fixes_open == 1 and [r.complaint_id for r in d.fixes_done] == [2]
    data = digest_json(d)
    assert data["causes"][0] == {"cause": "delivery", "complaints": 3, "previous": 1}
    assert data["actions"] == {"open": 1, "done": 1}

    text = render_digest(Catalog.load().bind("en"), d, TZ)
    assert "🛠 What we fixed" in text
    assert (
        "Resolved complaints by cause: Delivery 3 (up from 1) · skipped 1 (up from 0)"
        " · not recorded 1 (up from 0)"
    ) in text
    assert "Top recurring cause: Delivery, 3 complaints, up from 1." in text
    assert "✅ Fixed in the business: #2 Delivery «Moved to the faster courier»" in text
    assert "🔧 Fixes still owed: 1 (/actions)" in text

    ru = render_digest(Catalog.load().bind("ru"), d, TZ)
    assert "🛠 Что мы исправили" in ru
    assert "Самая частая причина: Доставка, 3 обращения, рост с 1." in ru
    assert "Ещё нужно исправить: 1 (/actions)" in ru
    sv = render_digest(Catalog.load().bind("sv"), d, TZ)
    assert "Vanligaste orsaken: Leverans, 3 ärenden, upp från 1." in sv


async def test_a_branch_sees_its_own_complaints_causes_and_fixes(db: Database) -> None:
    async with db.read() as tx:
        south = await build_digest(tx, START, END, END, TZ, "south", hours=ALWAYS)
        north = await build_digest(tx, START, END, END, TZ, "north", hours=ALWAYS)
    assert [(c.cause, c.complaints, c.previous) for c in south.causes] == [
        ("unrecorded", 1, 0),
        ("quality", 0, 1),
    ]
    assert (south.fixes_open, south.fixes_done) == (0, [])
    assert [(c.cause, c.complaints) for c in north.causes][:2] == [("delivery", 3), ("skipped", 1)]
    assert north.fixes_open == 1 and len(north.fixes_done) == 1
    text = render_digest(Catalog.load().bind("en"), south, TZ)
    assert "Top recurring cause" not in text  # one unrecorded complaint is no recurring cause


async def test_nothing_resolved_and_no_fixes_adds_no_section(db: Database) -> None:
    async with db.read() as tx:
        d = await build_digest(tx, START, END, END, TZ, hours=ALWAYS)
    t = Catalog.load().bind("en")
    assert fixed_lines(t, replace(d, causes=[], fixes_done=[], fixes_open=0)) == []
    assert fixed_lines(t, replace(d, causes=[], fixes_done=[]))[1:] == [
        "🔧 Fixes still owed: 1 (/actions)"
    ]
