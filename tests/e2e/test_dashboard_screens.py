"""What the dashboard's pages say, as an owner of a Russian shop reads them (the HTML over real
HTTP; how the pages look is `test_dashboard_browser.py`): the overview gives the NPS once and
points to the fixes owed on its own page (not a Telegram command), the complaint list names
whom a complaint is assigned to, a complaint's timeline says when a fix was asked for and by
whom, and every page signs out from its navigation."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from bot.app import App
from bot.i18n import Catalog
from faketg import FakeTelegramServer
from storage.timefmt import to_db
from tests.support.helpers import ManualClock
from tests.support.httpclient import Browser
from tests.support.journey import MakeApp
from tests.support.reportdata import add_complaint, add_response
from tests.support.texts import Strict

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER = 9601
RU = Strict(Catalog.load(), "ru")


async def shop(make_app: MakeApp, fake: FakeTelegramServer) -> App:
    """A Russian shop's week: eight answers, three complaints (one assigned but not taken
    yet, one taken, one resolved with a fix the business still owes)."""
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), staff_language="ru")
    fake.world.add_user(OWNER, "Owner", "ru")
    async with app.db.transaction() as tx:
        for n, nps in enumerate([10, 9, 3, 8, 10, 6, 9, 10]):
            await add_response(tx.conn, 400 + n, NOW - timedelta(days=1 + n % 5), nps, csat=4)
        for number in (1, 2, 3):
            await add_complaint(
                tx.conn,
                number,
                400 + number,
                NOW - timedelta(hours=10 * number),
                taken_after=timedelta(minutes=5) if number > 1 else None,
                resolved_after=timedelta(hours=2) if number == 3 else None,
            )
        await tx.conn.execute(
            "UPDATE complaints SET assignee_id = 77, assignee_name = 'Пётр' WHERE id = 1"
        )
        await tx.conn.execute(
            "UPDATE complaints SET taken_by = 78, taken_by_name = 'Мария' WHERE id IN (2, 3)"
        )
        marked = to_db(NOW - timedelta(hours=20))
        await tx.conn.execute(
            "INSERT INTO corrective_actions (complaint_id, asked_at, cause, action,"
            " fix_needed_at, fix_by_name) VALUES (3, ?, 'delivery', 'Новый курьер', ?, 'Мария')",
            (marked, marked),
        )
    return app


async def signed_in(app: App) -> Browser:
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    browser = Browser(app)
    await browser.sign_in(link)
    return browser


def shown(page: str) -> str:
    """The page's words as a reader meets them: the body's text, tags and data left out."""
    body = page[page.index("<body>") :]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


async def test_the_overview_gives_the_nps_once_and_links_the_fixes_owed(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await shop(make_app, fake)
    browser = await signed_in(app)
    try:
        status, page, _ = await browser.get("/app")
        assert status == 200
        figure = re.search(r'data-figure="nps">([^<]+)<', page)
        assert figure, page[:800]
        words = shown(page)
        assert words.count(figure.group(1)) == 1, words  # not again in the lines under it
        # The fixes owed: a link to the page that lists them, not a Telegram command.
        assert "/actions" not in words
        links = re.findall(r'<a href="/app/fixes"[^>]*>([^<]+)</a>', page)
        assert RU("dashboard.fixes_owed", count=1) in [html.unescape(x) for x in links]
    finally:
        await browser.close()


async def test_the_list_names_the_assignee_and_the_timeline_dates_the_fix(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await shop(make_app, fake)
    browser = await signed_in(app)
    try:
        status, page, _ = await browser.get("/app/complaints")
        assert status == 200
        rows = {
            number: shown(f"<body>{row}")
            for number, row in re.findall(r'href="/app/complaints/(\d+)">(.*?)</tr>', page, re.S)
        }
        assert RU("complaint.card.assigned_to", name="Пётр") in rows["1"], rows["1"]
        assert "Мария" in rows["2"]
        # The holder filter finds an assigned complaint by its assignee's name too.
        status, page, _ = await browser.get("/app/complaints?holder=Пётр")
        assert 'href="/app/complaints/1"' in page and 'href="/app/complaints/2"' not in page

        status, page, _ = await browser.get("/app/complaints/1")
        assert f"<dt>{RU('dashboard.assigned')}</dt><dd>Пётр</dd>" in page

        status, page, _ = await browser.get("/app/complaints/3")
        assert status == 200
        timeline = [shown(f"<body>{li}") for li in re.findall(r"<li[^>]*>(.*?)</li>", page, re.S)]
        marked = RU("dashboard.timeline.fix_needed", name="Мария")
        # When, what and who: "24.11.2026 16:00 UTC 🔧 Нужно исправить … (отметка: Мария)"
        assert [line for line in timeline if marked in line] == [f"24.11.2026 16:00 UTC {marked}"]
        assert RU("export.column.fix_needed_at") not in shown(page)  # "Доработка нужна с"
    finally:
        await browser.close()


async def test_every_page_signs_out_from_its_navigation(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await shop(make_app, fake)
    browser = await signed_in(app)
    try:
        for path in ("/app", "/app/complaints", "/app/complaints/1", "/app/fixes", "/app/saved"):
            status, page, _ = await browser.get(path)
            assert status == 200, path
            nav = re.search(r"<nav>(.*?)</nav>", page, re.S)
            assert nav and 'action="/app/logout"' in nav.group(1), path
            assert page.count('action="/app/logout"') == 1, path  # nowhere else
    finally:
        await browser.close()


async def test_a_complaints_page_has_every_survey_answer_and_the_missed_deadlines(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """What the staff card shows of the survey (what went wrong, against expectations) is on
    the owners' page too, and so is each reminder and escalation that fired."""
    app = await shop(make_app, fake)
    async with app.db.transaction() as tx:
        survey = await add_response(
            tx.conn,
            450,
            NOW - timedelta(hours=30),
            3,
            csat=1,
            expectation="worse",
            aspects=("delivery", "quality"),
        )
        await tx.conn.execute("UPDATE complaints SET survey_id = ? WHERE id = 1", (survey,))
        due, fired = NOW - timedelta(hours=9), NOW - timedelta(hours=9) + timedelta(seconds=4)
        await tx.conn.execute(
            "UPDATE sla_steps SET due_at = ?, fired_at = ?"
            " WHERE complaint_id = 1 AND step = 'take'",
            (to_db(due), to_db(fired)),
        )  # the reminder fired; the escalation is still to come
    browser = await signed_in(app)
    try:
        status, page, _ = await browser.get("/app/complaints/1")
        assert status == 200
        said = shown(page)
        assert (
            f"{RU('export.column.aspects')} {RU('aspect.delivery')}, {RU('aspect.quality')}"
            in (said)
        ), said
        assert (
            f"{RU('export.column.expectation')} {RU('complaint.card.expectation.worse')}" in said
        )
        timeline = [shown(f"<body>{li}") for li in re.findall(r"<li[^>]*>(.*?)</li>", page, re.S)]
        reminded = RU("dashboard.timeline.take", due="25.11.2026 03:00 UTC")
        assert [line for line in timeline if reminded in line] == [
            f"25.11.2026 03:00 UTC {reminded}"
        ], timeline
        assert not any(RU("dashboard.timeline.resolve", due="x")[:6] in li for li in timeline)
    finally:
        await browser.close()


async def test_the_cause_filter_offers_each_cause_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """SURVEY_ASPECTS holds "other" already: the filter offered it twice."""
    app = await shop(make_app, fake)
    browser = await signed_in(app)
    try:
        status, page, _ = await browser.get("/app/complaints")
        assert status == 200
        causes = re.findall(
            r'<option value="([a-z_]+)"', page.split('name="cause"')[1].split("</select>")[0]
        )
        assert causes and len(causes) == len(set(causes)), causes
    finally:
        await browser.close()
