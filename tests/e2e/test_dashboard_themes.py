"""Themes where owners act on them, over real HTTP: the comment list filtered by score,
theme, branch and words (each comment linked to the complaint it opened), the responses API
filtered by theme, and words in no theme added to one with a tap."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import aiohttp

from bot.app import App
from faketg import FakeTelegramServer
from storage.states import ComplaintSource, TextSource
from tests.e2e.test_dashboard import NOW, OWNER, dashboard_app
from tests.support.httpclient import Browser
from tests.support.journey import API_TOKEN, MakeApp
from tests.support.reportdata import add_response

COMMENTS = [  # (nps, branch, comment)
    (2, "north", "The courier was rude and late"),
    (10, "north", "Lovely staff, quick checkout"),
    (7, "south", "Prices are a bit high"),
    (3, "south", "Dirty floor near the entrance"),
    (4, "north", "No parking anywhere near"),
    (8, "south", "Parking was full"),
]


async def with_comments(make_app: MakeApp, fake: FakeTelegramServer) -> tuple[App, Browser]:
    app = await dashboard_app(make_app, fake)
    async with app.db.transaction() as tx:
        for n, (nps, branch, comment) in enumerate(COMMENTS):
            await add_response(
                tx.conn, 300 + n, NOW - timedelta(hours=n + 1), nps, branch=branch,
                comment=comment,
            )  # fmt: skip
            await tx.themes.tag(TextSource.COMMENT, 300 + n)  # written raw: tagged here
        # the detractor's answer opened a complaint
        await tx.complaints.add(
            300, ComplaintSource.LOW_SCORE, "", NOW - timedelta(hours=1), NOW, survey_id=300
        )
        link = await app.wiring.workflow["dashboard"].link(tx, OWNER)
    browser = Browser(app)
    await browser.sign_in(link[link.index("/app/login") :])
    return app, browser


async def api(app: App, path: str) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    async with (
        aiohttp.ClientSession() as s,
        s.get(f"http://127.0.0.1:{app.port}{path}", headers=headers) as r,
    ):
        return r.status, await r.json()


async def test_the_comment_list_filters_by_score_theme_branch_and_words(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    _, browser = await with_comments(make_app, fake)
    try:
        status, page, _ = await browser.get("/app/comments")
        assert status == 200 and all(c in page for _, _, c in COMMENTS)
        assert 'href="/app/complaints/1"' in page  # the detractor's comment opened #1
        at = [page.index(c) for _, _, c in COMMENTS]  # written an hour apart, newest first
        assert at == sorted(at)
        for query, shown in [
            ("?score=detractor", {0, 3, 4}),
            ("?score=promoter", {1}),
            ("?score=passive", {2, 5}),
            ("?theme=delivery", {0}),
            ("?theme=cleanliness&score=detractor", {3}),
            ("?branch=south", {2, 3, 5}),
            ("?q=COURIER", {0}),
            ("?q=prices", {2}),
            ("?theme=payment", set()),
        ]:
            status, page, _ = await browser.get("/app/comments" + query)
            found = {i for i, (_, _, c) in enumerate(COMMENTS) if c in page}
            assert status == 200 and found == shown, query
    finally:
        await browser.close()


async def test_the_responses_api_lists_one_themes_answers(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app, browser = await with_comments(make_app, fake)
    await browser.close()
    status, body = await api(app, "/api/v1/responses?theme=price")
    assert status == 200
    assert [r["comment"] for r in body["responses"]] == ["Prices are a bit high"]
    status, body = await api(app, "/api/v1/responses?theme=parking")
    assert status == 422 and body["fields"][0]["field"] == "theme"


async def test_a_word_in_no_theme_is_added_to_one_with_a_tap(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app, browser = await with_comments(make_app, fake)
    try:
        status, page, _ = await browser.get("/app")
        assert status == 200 and "Not in a theme yet" in page
        word = re.search(r'<li data-word="parking">(.*?)</li>', page, re.S)
        assert word, page[page.find("Not in a theme") :][:1500]
        assert '<span class="count">2</span>' in word.group(1)  # two comments say it
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert csrf
        form = {"word": "parking", "language": "en", "theme": "cleanliness", "back": "/app"}
        assert (await browser.post("/app/themes/words", data=form))[0] == 403  # no token
        form["csrf"] = csrf.group(1)
        bad = {**form, "theme": "nope"}
        assert (await browser.post("/app/themes/words", data=bad))[0] == 422
        status, _, answer = await browser.post("/app/themes/words", data=form)
        assert status == 303
        assert answer.headers["Location"] == "/app?added=parking&added_to=cleanliness"

        status, themes = await api(app, "/api/v1/themes")
        cleanliness = next(t for t in themes if t["theme"] == "cleanliness")
        assert status == 200 and cleanliness["words"]["en"][-1] == "parking"
        async with app.db.read() as tx:
            stored = await tx.themes.current()
        assert stored is not None and stored.created_by == "dashboard"
        status, page, _ = await browser.get("/app")
        assert 'data-word="parking"' not in page  # in a theme now
        for _ in range(250):  # the past is tagged again: "Parking was full" is cleanliness
            if await _comments_about(app, "cleanliness"):
                break
            await asyncio.sleep(0.04)
        else:
            raise AssertionError("the past was not tagged again")
    finally:
        await browser.close()


async def _comments_about(app: App, theme: str) -> bool:
    status, body = await api(app, f"/api/v1/responses?theme={theme}")
    return status == 200 and "Parking was full" in {r["comment"] for r in body["responses"]}


async def test_adding_a_word_says_what_went_where_and_stores_its_lemma(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The tap gave no feedback and stored the word as written ("курьерам"): it stores the
    lemma every form matches and the page says what was added to which theme."""
    app, browser = await with_comments(make_app, fake)
    try:
        async with app.db.transaction() as tx:
            for n, text in enumerate(("Пакеты рвутся", "Пакетов нет", "Пакеты рвутся опять")):
                await add_response(tx.conn, 400 + n, NOW - timedelta(minutes=n + 1), 5,
                                   comment=text)  # fmt: skip
                await tx.themes.tag(TextSource.COMMENT, 400 + n)
        status, page, _ = await browser.get("/app")
        word = re.search(r'<li data-word="пакеты">(.*?)</li>', page, re.S)
        assert word, page[page.find("Not in a theme") :][:1500]
        assert '<span class="count">3</span>' in word.group(1)
        hidden = re.search(r'name="word" value="([^"]+)"', word.group(1))
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert hidden and csrf
        form = {"word": hidden.group(1), "language": "ru", "theme": "quality", "back": "/app"}
        status, _, answer = await browser.post(
            "/app/themes/words", data={**form, "csrf": csrf.group(1)}
        )
        assert status == 303
        status, page, _ = await browser.get(answer.headers["Location"])
        said = re.search(r'role="status">([^<]*)<', page)
        assert said and "“пакет” added to the theme “Quality”" in said.group(1), said
        status, themes = await api(app, "/api/v1/themes")
        quality = next(t for t in themes if t["theme"] == "quality")
        assert quality["words"]["ru"][-1] == "пакет"
    finally:
        await browser.close()


async def test_the_comment_list_filters_by_a_question_of_the_survey(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Comments to one text question: the promoters' "what did you like most?" alone."""
    app, browser = await with_comments(make_app, fake)
    try:
        async with app.db.transaction() as tx:
            await tx.surveys.answer(301, "liked_most", text=COMMENTS[1][2])
            await tx.surveys.answer(300, "comment", text=COMMENTS[0][2])
        status, page, _ = await browser.get("/app/comments")
        picker = re.search(r'<select name="question">(.*?)</select>', page, re.S)
        assert status == 200 and picker, page[:2000]
        options = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', picker.group(1)))
        assert {"comment", "make_it_ten", "liked_most"} <= set(options)
        assert options["liked_most"].startswith("Wonderful! What did you like most?")
        status, page, _ = await browser.get("/app/comments?question=liked_most")
        found = {i for i, (_, _, c) in enumerate(COMMENTS) if c in page}
        assert status == 200 and found == {1}
        assert 'value="liked_most" selected' in page
    finally:
        await browser.close()
