"""The digest as the dashboard's overview shows it: the page gives the NPS in its own headline,
the branches and segments in tables and links to the fixes owed, so the digest's lines and the
chart leave those out there (and only there: Telegram's digest keeps them all)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib.pyplot as plt
import pytest

from bot.i18n import Catalog
from bot.reports.chart import draw
from bot.reports.digest import Digest, build_digest
from bot.reports.render import headline, nps_text, render_digest
from bot.timeparse import BusinessHours
from storage.db import Database
from storage.migrate import migrate
from storage.timefmt import to_db
from tests.support.backend import database_url
from tests.support.reportdata import add_complaint, add_response

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
TZ = ZoneInfo("Europe/Moscow")
RU = Catalog.load().bind("ru")


@pytest.fixture
async def digest(tmp_path: Path) -> AsyncIterator[Digest]:
    db = Database(database_url(tmp_path, "o"))
    await db.connect()
    await migrate(db.conn)
    async with db.transaction() as tx:
        for n, score in enumerate([10, 9, 9, 3, 8, 6, 10], start=1):
            branch = "Арбат" if n % 2 else "Тверская"
            await add_response(tx.conn, n, START + timedelta(hours=n), score, branch=branch)
        await add_complaint(tx.conn, 1, 4, START + timedelta(hours=5), taken_after=timedelta(1))
        marked = to_db(START + timedelta(hours=6))
        await tx.conn.execute(
            "INSERT INTO corrective_actions (complaint_id, asked_at, cause, fix_needed_at)"
            " VALUES (1, ?, 'delivery', ?)",
            (marked, marked),
        )
        found = await build_digest(
            tx, START, END, END, TZ, hours=BusinessHours(None)
        )  # fmt: skip
    await db.close()
    yield found


def test_the_page_leaves_out_what_it_shows_apart(digest: Digest) -> None:
    telegram = render_digest(RU, digest, TZ, "report")
    page = render_digest(RU, digest, TZ, "report", on_page=True)
    figure = nps_text(RU, digest.nps)
    owed = RU("fixed.open", count=1)
    branches = RU("digest.by_branch", groups="")
    assert figure in telegram and owed in telegram and branches in telegram
    assert figure not in page and owed not in page and branches not in page
    assert "/actions" not in page
    # Everything else is the same.
    kept = [line for line in telegram.splitlines() if line in page.splitlines()]
    assert len(kept) == len(page.splitlines())


def test_the_pages_chart_has_no_headline_of_its_own(digest: Digest) -> None:
    for titled, texts in ((True, [headline(digest.nps, RU)]), (False, [])):
        figure = draw(digest, TZ, RU, titled=titled)
        try:
            assert [x.get_text() for x in figure.texts][: len(texts)] == texts
            if not titled:
                assert not any("NPS" in x.get_text() for x in figure.texts)
        finally:
            plt.close(figure)
