"""The stats API's `themes` on a real database (either engine): per theme and period, the
mentions and who they came from by the answer's score, the NPS of the answers behind them with
its change judged against the noise, the previous period's mentions, and the newest quotes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.digest import build_digest
from bot.reports.render import render_digest
from bot.reports.themes import theme_figures
from bot.themes import stored
from bot.timeparse import BusinessHours
from storage.db import Database
from storage.states import ComplaintSource
from tests.support.reportdata import add_response

START = datetime(2026, 11, 16, tzinfo=UTC)
END = START + timedelta(days=7)
BEFORE = START - timedelta(days=7)
ZONE = ZoneInfo("UTC")


async def shop(db: Database) -> None:
    async with db.transaction() as tx:
        day = START + timedelta(days=1)
        await add_response(tx.conn, 1, day, 3, comment="The courier was rude")
        await add_response(tx.conn, 2, day + timedelta(hours=1), 5, comment="courier lost it")
        await add_response(tx.conn, 3, day + timedelta(hours=2), 10, comment="Nice courier")
        await add_response(tx.conn, 4, day, 8, branch="south", comment="курьер молодец")
        await add_response(tx.conn, 5, BEFORE + timedelta(days=1), 2, comment="courier, never")
        await add_response(tx.conn, 6, day, 9, comment=None)
        # a complaint opened with a message, no survey behind it: a mention with no score
        await tx.complaints.add(
            6, ComplaintSource.MESSAGE, "", day + timedelta(hours=3), day, text="Courier again"
        )
    await stored.retag_step(db, await stored.load(db))  # written raw: the job tags them


async def test_each_theme_counts_mentions_by_category_with_its_nps(db: Database) -> None:
    await shop(db)
    async with db.read() as tx:
        figures = await theme_figures(tx, START, END, BEFORE)
    assert [f.theme for f in figures][:1] == ["delivery"]
    delivery = figures[0]
    assert delivery.mentions == 5  # four comments and the complaint's text
    assert (delivery.detractors, delivery.passives, delivery.promoters) == (2, 1, 1)
    assert delivery.nps.n == 4 and delivery.nps.score == -25.0  # (1 - 2) / 4 answers
    assert delivery.previous == 1 and delivery.previous_nps.score == -100.0
    assert delivery.change is not None and delivery.change.delta == 75.0
    assert not delivery.change.significant  # four answers against one: within the noise
    assert delivery.quotes == ["Courier again", "Nice courier", "courier lost it"]  # newest


async def test_one_branch_counts_its_own_texts(db: Database) -> None:
    await shop(db)
    async with db.read() as tx:
        south = await theme_figures(tx, START, END, BEFORE, "south")
    assert [(f.theme, f.mentions, f.passives, f.quotes) for f in south] == [
        ("delivery", 1, 1, ["курьер молодец"])
    ]


async def test_an_erased_customer_is_neither_counted_nor_quoted(db: Database) -> None:
    await shop(db)
    async with db.transaction() as tx:
        await tx.privacy.forget(3)
    async with db.read() as tx:
        delivery = (await theme_figures(tx, START, END, BEFORE))[0]
    assert delivery.mentions == 4 and delivery.promoters == 0
    assert "Nice courier" not in delivery.quotes


async def test_the_stats_json_carries_the_themes(db: Database) -> None:
    await shop(db)
    async with db.read() as tx:
        digest = await build_digest(tx, START, END, END, ZONE, hours=BusinessHours(None))
    delivery = digest_json(digest)["themes"][0]
    assert delivery["theme"] == "delivery" and delivery["name"]["en"] == "Delivery"
    assert delivery["mentions"] == 5 and delivery["previous"] == 1
    assert delivery["nps"]["nps"] == -25.0 and delivery["nps"]["too_few_answers"] is True
    assert delivery["change"]["delta"] == 75.0 and delivery["change"]["beyond_noise"] is False


async def test_the_digest_says_what_detractors_talk_about_in_each_language(
    db: Database,
) -> None:
    await shop(db)
    async with db.transaction() as tx:  # one more detractor this week, about the staff
        await add_response(tx.conn, 7, START + timedelta(days=2), 0)
        await tx.surveys.update(7, comment="rude staff")
    async with db.read() as tx:
        digest = await build_digest(tx, START, END, END, ZONE, hours=BusinessHours(None))
    catalog = Catalog.load()
    said = {lang: render_digest(catalog.bind(lang), digest, ZONE) for lang in ("en", "ru", "sv")}
    # delivery: 2 detractors against 1 the week before; staff: 2 (rude courier, rude staff)
    assert "Detractors talk most about: Delivery 2 (+1), Staff 2 (+2)" in said["en"]
    assert "О чём чаще всего пишут критики: Доставка 2 (+1), Персонал 2 (+2)" in said["ru"]
    assert "Kritikerna skriver mest om: Leverans 2 (+1), Personal 2 (+2)" in said["sv"]


async def test_a_score_given_after_the_text_counts_its_mentions_under_it(db: Database) -> None:
    """Tags keep their answer's score to be counted fast: a score given or changed later
    (a web answer after the comment, say) moves its mentions with it."""
    await shop(db)
    async with db.transaction() as tx:
        await tx.surveys.update(1, nps=10)  # "The courier was rude": a detractor's, until now
    async with db.read() as tx:
        delivery = (await theme_figures(tx, START, END, BEFORE))[0]
    assert (delivery.detractors, delivery.passives, delivery.promoters) == (1, 1, 2)
    assert delivery.nps.n == 4 and delivery.nps.score == 25.0
