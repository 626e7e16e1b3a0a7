"""The owners' dashboard over real HTTP: signing in both ways (a one-time link from /dashboard,
Telegram's Mini App launch data), who is let in, the session's cookie and CSRF, and the
overview's figures against the stats API's for the same periods."""

from __future__ import annotations

import html
import io
import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import openpyxl

from bot.app import App
from bot.localized import decimal, percent, signed, whole
from bot.reports.render import FEWEST_FOR_A_FIGURE
from faketg import FakeTelegramServer
from storage.repos.business import BusinessConnection
from storage.states import ComplaintSource, ComplaintStatus
from tests.support.helpers import TOKEN, ManualClock, sender_idle
from tests.support.httpclient import Browser
from tests.support.journey import API_TOKEN, MakeApp, wait_new_message
from tests.support.miniapp import telegram_signs
from tests.support.reportdata import add_complaint, add_response
from tests.support.texts import EN

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER, MANAGER, STRANGER = 9401, 9402, 9403


def launch_data(user_id: int, auth_date: float, token: str = TOKEN) -> str:
    """Launch data for this user, as Telegram's client sends it."""
    user = json.dumps({"id": user_id, "first_name": "T"})
    return telegram_signs(token, auth_date=str(int(auth_date)), query_id="AAHq", user=user)


def png_width(png: bytes) -> int:
    """A PNG's width in pixels, from its header."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(png[16:20], "big")


def figures(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="figures">(.*?)</script>', page, re.S)
    assert found, page[:500]
    return dict(json.loads(found.group(1)))


async def stats(app: App, query: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    async with (
        aiohttp.ClientSession() as s,
        s.get(f"http://127.0.0.1:{app.port}/api/v1/stats{query}", headers=headers) as r,
    ):
        assert r.status == 200
        return dict(await r.json())


async def dashboard_app(make_app: MakeApp, fake: FakeTelegramServer) -> App:
    app = await make_app(
        ManualClock(NOW),
        owner_ids=str(OWNER),
        manager_ids=str(MANAGER),
        public_url="http://127.0.0.1",  # the links' paths are what the tests open
    )
    for user in (OWNER, MANAGER, STRANGER):
        fake.world.add_user(user, f"U{user}", "en")
    async with app.db.transaction() as tx:
        for n, (days, nps, branch) in enumerate(
            [
                (1, 10, "north"),
                (2, 9, "north"),
                (2, 3, "south"),
                (3, 8, "south"),
                (12, 6, "north"),
                (4, 7, "Café & Co #2"),  # a name that must be escaped in a link
            ]
        ):
            await add_response(
                tx.conn, 200 + n, NOW - timedelta(days=days), nps, csat=4, branch=branch
            )
    return app


async def test_a_link_from_dashboard_signs_an_owner_in_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await dashboard_app(make_app, fake)
    browser = Browser(app)
    try:
        status, page, answer = await browser.get("/app")
        assert status == 401 and EN("dashboard.signin.how")[:40] in page
        assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["Cache-Control"] == "no-store"

        await fake.world.user_sends(OWNER, "/dashboard")
        sent = await wait_new_message(fake.world, OWNER, "/app/login?token=")
        link = re.search(r"/app/login\?token=[\w-]+", str(sent.text))
        assert link
        status, _, answer = await browser.sign_in(link.group(0))
        assert status == 303 and answer.headers["Location"] == "/app"
        cookie = answer.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/app" in cookie

        status, page, _ = await browser.get("/app")
        assert status == 200
        assert figures(page) == await stats(app, "")  # the last 7 days, the same numbers
        # One tap: this week runs from Monday 23 November (NOW is Wednesday the 25th).
        assert "/app?from=2026-11-23&amp;to=2026-11-25&amp;branch=" in page
        for query in (
            "?from=2026-11-01&to=2026-11-30",
            "?from=2026-11-01&to=2026-11-30&branch=north",
        ):
            status, page, _ = await browser.get("/app" + query)
            assert status == 200 and figures(page) == await stats(app, query), query
        status, _, chart = await browser.get("/app/chart.png")
        assert status == 200 and chart.headers["Content-Type"] == "image/png"
        # The page draws its charts as SVG; the PNG is for whoever links it, narrow (its
        # words a readable size on a phone) or wide.
        assert '<svg class="chart split"' in page
        async with browser.session.get(browser.base + "/app/chart.png?width=narrow") as r:
            small = await r.read()
        async with browser.session.get(browser.base + "/app/chart.png") as r:
            wide = await r.read()
        assert png_width(small) == 510 and png_width(wide) == 900
        status, page, _ = await browser.get("/app?from=2026-11-01&to=2026-11-30")
        row = re.search(r'<a href="([^"]+)">Café &amp; Co #2</a>', page)
        assert row, "the branch table links each branch"
        href = row.group(1).replace("&amp;", "&")
        status, page, _ = await browser.get(href)
        query = "?from=2026-11-01&to=2026-11-30&branch=Caf%C3%A9+%26+Co+%232"
        assert status == 200 and figures(page) == await stats(app, query)
        assert figures(page)["branch"] == "Café & Co #2"
        exported = re.search(r'href="(/app/export/responses\?[^"]+)"', page)
        assert exported, "the overview links the period's spreadsheets"
        async with browser.session.get(
            browser.base + exported.group(1).replace("&amp;", "&")
        ) as r:
            assert r.status == 200 and "attachment" in r.headers["Content-Disposition"]
            sheet = openpyxl.load_workbook(io.BytesIO(await r.read()), read_only=True)
            rows = list(sheet.worksheets[0].iter_rows(values_only=True))
        assert len(rows) == 1 + 6  # the titles and November's answers (the whole shop's)
        status, _, _ = await browser.get("/app/export/passwords")
        assert status == 404

        stranger = Browser(app)
        status, page, _ = await stranger.get(link.group(0))  # the same link again
        assert status == 401 and EN("dashboard.link_used") in page
        await stranger.close()

        await fake.world.user_sends(MANAGER, "/dashboard")  # managers may sign in too
        await wait_new_message(fake.world, MANAGER, "/app/login?token=")
        await fake.world.user_sends(STRANGER, "/dashboard")
        await wait_new_message(fake.world, STRANGER, EN("digest.refused"))
        assert not any("token=" in str(s.text) for s in fake.world.sent_to(STRANGER))
    finally:
        await browser.close()


def _tiles(page: str) -> dict[str, tuple[str, list[str]]]:
    """Each key figure's tile on the page: its value and its notes, by the API field."""
    found = {}
    tiles = page[: page.index("</section>")].split('data-tile="')[1:]
    for tile in tiles:
        value = re.search(r'<div class="value"[^>]*>([^<]+)<', tile)
        assert value, tile
        notes = re.findall(r'<div class="note">([^<]+)<', tile)
        found[tile[: tile.index('"')]] = (html.unescape(value.group(1)), notes)
    return found


async def test_each_tile_says_the_stats_apis_figure_for_the_same_period(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The overview's key figures are the stats API's, for the last 7 days, a month and one
    branch: never a second computation that could disagree."""
    app = await dashboard_app(make_app, fake)
    async with app.db.transaction() as tx:
        await add_complaint(tx.conn, 1, 200, NOW - timedelta(hours=30))  # untaken: overdue
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    browser = Browser(app)
    try:
        await browser.sign_in(link[link.index("/app/login") :])
        month = "?from=2026-11-01&to=2026-11-30"
        for query in ("", month, month + "&branch=north"):
            status, page, _ = await browser.get("/app" + query)
            api = await stats(app, query)
            tiles = _tiles(page)
            assert status == 200 and len(tiles) == 4, (query, page[:600])
            figure = api["nps"]
            shown = f"{signed(figure['nps'], 'en')} ±{whole(figure['margin_95'], 'en')}"
            if figure["n"] < FEWEST_FOR_A_FIGURE:  # the API's figure, too few to print
                shown = "—"
            assert tiles["nps.nps"][0] == shown, query
            assert tiles["response_rate"][0] == percent(api["response_rate"], "en"), query
            assert tiles["csat_mean"][0] == decimal(api["csat_mean"], "en"), query
            complaints = api["complaints"]
            assert tiles["complaints.still_open"][0] == str(complaints["still_open"]), query
            assert f"{complaints['overdue']} overdue" in tiles["complaints.still_open"][1]
            if not query:  # the shop's (a complaint in no branch), untaken for 30 h
                assert complaints["overdue"] == 1
    finally:
        await browser.close()


async def test_a_link_fetched_for_a_preview_or_by_a_scanner_stays_good_for_its_owner(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Telegram fetches a link to show its preview, mail and chat scanners fetch links: a
    plain GET only shows the sign-in button, and the message asks for no preview."""
    app = await dashboard_app(make_app, fake)
    await fake.world.user_sends(OWNER, "/dashboard")
    sent = await wait_new_message(fake.world, OWNER, "/app/login?token=")
    assert sent.preview_disabled
    found = re.search(r"/app/login\?token=[\w-]+", str(sent.text))
    assert found
    link = found.group(0)
    preview, owner = Browser(app), Browser(app)
    try:
        for _ in range(2):  # the preview, then a scanner (neither runs the page's script)
            status, page, answer = await preview.get(
                link, headers={"User-Agent": "TelegramBot (like TwitterBot)"}
            )
            assert status == 200 and "Set-Cookie" not in answer.headers
            assert (
                'method="post" action="/app/login"' in page and EN("dashboard.signin.go") in page
            )
        assert (await preview.get("/app"))[0] == 401
        status, _, answer = await owner.sign_in(link)
        assert status == 303 and answer.headers["Location"] == "/app"
        assert (await owner.get("/app"))[0] == 200
        status, page, _ = await preview.sign_in(link)  # once: the link is used now
        assert status == 401 and EN("dashboard.link_used") in page
        token = link.split("token=")[1]
        cross_site = {"Sec-Fetch-Site": "cross-site"}  # another site's form posting a link
        status, _, _ = await preview.post("/app/login", data={"token": token}, headers=cross_site)
        assert status == 403
    finally:
        await preview.close()
        await owner.close()


async def test_signing_out_needs_the_csrf_token_and_ends_the_session(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await dashboard_app(make_app, fake)
    browser = Browser(app)
    try:
        launch = launch_data(OWNER, time.time() - 30)
        status, body, _ = await browser.post("/app/session", json={"init_data": launch})
        assert status == 200 and json.loads(body) == {"role": "owner"}
        status, page, _ = await browser.get("/app")
        assert status == 200
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert csrf and csrf.group(1)
        status, page, _ = await browser.get("/app?from=2026-13-01&to=2026-11-30")
        assert status == 422 and 'role="alert"' in page  # says what is wrong with the dates
        assert EN("dashboard.signin.how")[:40] not in page  # and not "sign in"

        status, _, _ = await browser.post("/app/logout", data={"csrf": "forged"})
        assert status == 403
        assert (await browser.get("/app"))[0] == 200  # still signed in
        status, _, _ = await browser.post("/app/logout", data={"csrf": csrf.group(1)})
        assert status == 303
        async with app.db.read() as tx:
            row = await tx.conn.fetch_one(
                "SELECT COUNT(*) FROM dashboard_sessions WHERE revoked_at IS NOT NULL"
            )
        assert row is not None and row[0] == 1
    finally:
        await browser.close()


async def test_mini_app_launch_data_lets_owners_and_managers_in_and_no_one_else(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await dashboard_app(make_app, fake)
    now = time.time()
    cases = [
        (launch_data(MANAGER, now), 200),
        (launch_data(STRANGER, now), 403),  # Telegram's, but not an owner or manager
        (launch_data(OWNER, now, token="654321:OTHER-bot"), 401),  # another bot's
        (launch_data(OWNER, now - 2 * 86400), 401),  # two days old
        (launch_data(OWNER, now).replace(f"%22id%22%3A%20{OWNER}", "%22id%22%3A%201"), 401),
    ]
    for launch, expected in cases:
        browser = Browser(app)
        status, body, answer = await browser.post("/app/session", json={"init_data": launch})
        assert status == expected, (launch, body)
        assert ("Set-Cookie" in answer.headers) == (expected == 200)
        await browser.close()
    browser = Browser(app)
    try:
        as_json = {"Content-Type": "application/json"}
        assert (await browser.post("/app/session", data=b"not", headers=as_json))[0] == 400
        for _ in range(10):  # the limit counts every attempt from one address
            await browser.post("/app/session", json={"init_data": "x"})
        status, _, _ = await browser.post("/app/session", json={"init_data": "x"})
        assert status == 429
    finally:
        await browser.close()


async def test_behind_a_tls_proxy_the_cookie_is_secure_and_crosses_into_telegram(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """DASHBOARD_URL is https while the proxy speaks http to the bot: the cookie must still be
    Secure, and SameSite=None so that Telegram's web clients, which frame the page, send it."""
    app = await make_app(owner_ids=str(OWNER), public_url="https://shop.example")
    fake.world.add_user(OWNER, "Olive", "en")
    await fake.world.user_sends(OWNER, "/dashboard")
    sent = await wait_new_message(fake.world, OWNER, "https://shop.example/app/login?token=")
    [[button]] = sent.buttons  # opens the page inside Telegram, as a Mini App
    assert button["web_app"] == {"url": "https://shop.example/app"}
    browser = Browser(app)
    try:
        data = launch_data(OWNER, time.time())
        status, _, answer = await browser.post("/app/session", json={"init_data": data})
        cookie = answer.headers["Set-Cookie"]
        assert status == 200 and "Secure" in cookie and "SameSite=None" in cookie
    finally:
        await browser.close()


async def test_owners_see_each_persons_figures_for_the_period(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await dashboard_app(make_app, fake)
    opened = NOW - timedelta(days=2)
    async with app.db.transaction() as tx:
        for number, (taken, resolved) in enumerate([(10, 120), (30, None)], start=1):
            c = await tx.complaints.add(200 + number, ComplaintSource.MESSAGE, "", opened, opened)
            at = opened + timedelta(minutes=taken)
            await tx.complaints.set_status(
                c.id, ComplaintStatus.TAKEN, at, taken_at=at, taken_by=77, taken_by_name="Al <b>"
            )
            if resolved is not None:
                done = opened + timedelta(minutes=resolved)
                await tx.complaints.set_status(
                    c.id, ComplaintStatus.RESOLVED, done, resolved_at=done
                )
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    browser = Browser(app)
    try:
        await browser.sign_in(link)
        status, page, _ = await browser.get("/app")
        assert status == 200
        table = page[page.index('class="team sortable"') :]
        row = re.search(r"<tr><td>Al &lt;b&gt;</td>(.*?)</tr>", table)
        assert row, table[:600]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        assert cells == ["2", "1", "20 min", "2 h", "0 / 0"]  # by the clock: 24/7 here
    finally:
        await browser.close()


async def test_owners_see_the_shops_telegram_accounts_the_bot_serves(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Who connected the bot (Telegram Business), what it may do there, whether it is on,
    and since when; nothing about it when no account ever connected."""
    app = await dashboard_app(make_app, fake)
    browser = Browser(app)
    try:
        async with app.db.transaction() as tx:
            link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
        await browser.sign_in(link)
        _, page, _ = await browser.get("/app")
        assert 'class="accounts' not in page
        since = NOW - timedelta(days=3)
        async with app.db.transaction() as tx:
            for id_, user, name, rights, on in (
                (
                    "bc-1",
                    9501,
                    "Cake <Shop>",
                    {"can_reply": True, "can_read_messages": True},
                    True,
                ),
                ("bc-2", 9502, "Old desk", {"can_read_messages": True}, False),
            ):
                connection = BusinessConnection(id_, user, name, rights, on, connected_at=since)
                await tx.business.put(connection, NOW)
        status, page, _ = await browser.get("/app")
        assert status == 200
        table = page[page.index('class="accounts') :]
        rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", table)
        assert [name for name, _ in rows[:2]] == ["Cake &lt;Shop&gt;", "Old desk"]
        first = re.findall(r"<td[^>]*>(.*?)</td>", rows[0][1])
        assert first == [
            "; ".join([EN("business.right.can_reply"), EN("business.right.can_read_messages")]),
            EN("dashboard.accounts.on"),
            f"{since:%d.%m.%Y}",
        ]
        second = re.findall(r"<td[^>]*>(.*?)</td>", rows[1][1])
        assert second[:2] == [EN("business.right.can_read_messages"), EN("dashboard.accounts.off")]
    finally:
        await browser.close()


async def test_leads_keep_saved_replies_on_the_dashboard_too(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await dashboard_app(make_app, fake)
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, MANAGER)
    browser = Browser(app)
    try:
        await browser.sign_in(link)
        status, page, _ = await browser.get("/app/saved")
        assert status == 200 and EN("saved.none") in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        form = {"csrf": csrf.group(1), "name": "Late", "language": "ru", "text": "Простите <b>!"}
        status, page, _ = await browser.post("/app/saved", data=form)
        assert status == 200 and "Saved «late» (ru)" in page
        assert '<td>late</td><td>ru</td><td class="text">Простите &lt;b&gt;!</td>' in page
        status, page, _ = await browser.post("/app/saved", data={**form, "name": "a b"})
        assert status == 422 and "A name is one word" in page, page[page.index("<main") :][:400]
        status, _, _ = await browser.post("/app/saved", data={**form, "csrf": "forged"})
        assert status == 403
        gone = {"csrf": csrf.group(1), "name": "late", "language": "ru", "delete": "1"}
        status, page, _ = await browser.post("/app/saved", data=gone)
        assert status == 200 and EN("saved.none") in page
        async with app.db.read() as tx:
            assert await tx.saved.starting("", 10) == []
    finally:
        await browser.close()


async def test_a_telegram_sign_in_takes_json_only_and_each_launch_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """A form or text/plain body is what a cross-site page can post (a login CSRF): refused
    with 415; an oversized body gets JSON like every other refusal; a launch opens one
    session, however often it is posted."""
    app = await dashboard_app(make_app, fake)
    browser = Browser(app)
    try:
        launch = launch_data(OWNER, time.time() - 30)
        as_text = json.dumps({"init_data": launch})
        for kw in (
            {"data": as_text, "headers": {"Content-Type": "text/plain"}},
            {"data": {"init_data": launch}},  # a form
        ):
            status, body, answer = await browser.post("/app/session", **kw)
            assert status == 415 and "Set-Cookie" not in answer.headers, body
            assert answer.content_type == "application/json" and "error" in json.loads(body)
        huge = json.dumps({"init_data": "x" * (5 * 1024 * 1024)})
        status, body, answer = await browser.post(
            "/app/session", data=huge, headers={"Content-Type": "application/json"}
        )
        assert status == 413 and answer.content_type == "application/json", body
        assert "error" in json.loads(body)
        headers = {"Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/json"}
        status, body, answer = await browser.post("/api/v1/purchases", data=huge, headers=headers)
        assert status == 413 and answer.content_type == "application/json", body  # aiohttp's

        status, _, _ = await browser.post("/app/session", json={"init_data": launch})
        assert status == 200
        again = Browser(app)  # the same signed launch, replayed from elsewhere
        status, body, answer = await again.post("/app/session", json={"init_data": launch})
        await again.close()
        assert status == 401 and "Set-Cookie" not in answer.headers, body
        async with app.db.read() as tx:
            row = await tx.conn.fetch_one("SELECT COUNT(*) FROM dashboard_sessions")
        assert row is not None and row[0] == 1
    finally:
        await browser.close()


async def test_bad_sign_ins_lock_out_their_own_address_only_and_never_a_valid_one(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Behind the recommended proxy every request comes from the proxy: with TRUSTED_PROXIES
    the limit counts the client X-Forwarded-For names; a valid link or launch always works."""
    app = await make_app(owner_ids=str(OWNER), trusted_proxies="127.0.0.1")
    dashboard = app.wiring.workflow["dashboard"]
    attacker, owner = {"X-Forwarded-For": "203.0.113.5"}, {"X-Forwarded-For": "198.51.100.7"}
    browser = Browser(app)
    try:
        for _ in range(10):
            status, _, _ = await browser.get("/app/login?token=guess", headers=attacker)
            assert status == 401
        assert (await browser.get("/app/login?token=guess", headers=attacker))[0] == 429
        assert (await browser.get("/app/login?token=guess", headers=owner))[0] == 401
        async with app.db.transaction() as tx:
            link = await dashboard.link(tx, OWNER)
        path = link[link.index("/app/login") :]
        status, _, _ = await browser.sign_in(path, headers=attacker)  # even from that address
        assert status == 303
        launch = launch_data(OWNER, time.time())
        status, _, _ = await browser.post(
            "/app/session", json={"init_data": launch}, headers=attacker
        )
        assert status == 200
    finally:
        await browser.close()


async def test_without_trusted_proxies_a_forged_forwarded_for_evades_nothing(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(owner_ids=str(OWNER))
    browser = Browser(app)
    try:
        for n in range(10):
            forged = {"X-Forwarded-For": f"192.0.2.{n}"}
            assert (await browser.get("/app/login?token=guess", headers=forged))[0] == 401
        forged = {"X-Forwarded-For": "192.0.2.99"}
        assert (await browser.get("/app/login?token=guess", headers=forged))[0] == 429
        async with app.db.transaction() as tx:
            link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
        assert (await browser.sign_in(link))[0] == 303
    finally:
        await browser.close()


async def test_a_copy_of_the_database_holds_no_usable_sign_in_link(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The /dashboard message goes through the outbox like every message: what the database
    keeps of it (and of the link) must open nothing, before or after it was sent."""
    app = await make_app(owner_ids=str(OWNER), public_url="https://shop.example")
    fake.world.add_user(OWNER, "Olive", "en")
    await fake.world.user_sends(OWNER, "/dashboard")
    sent = await wait_new_message(fake.world, OWNER, "https://shop.example/app/login?token=")
    assert await sender_idle(app, 10)
    found = re.search(r"/app/login\?token=([\w-]+)", str(sent.text))
    assert found
    token = found.group(1)
    stored: list[str] = []
    async with app.db.read() as tx:
        for table in await tx.conn.tables():
            stored += [
                str(tuple(row)) for row in await tx.conn.fetch_all(f"SELECT * FROM {table}")
            ]
    assert not [row for row in stored if token in row]
    browser = Browser(app)
    try:
        for copied in re.findall(r"token=([\w-]+)", "\n".join(stored)):
            status, _, _ = await browser.get(f"/app/login?token={copied}")
            assert status == 401, copied
        status, _, _ = await browser.sign_in(found.group(0))  # the one Telegram delivered
        assert status == 303
    finally:
        await browser.close()
