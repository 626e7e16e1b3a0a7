"""The survey editor on the dashboard over real HTTP: an owner reads the current survey as a
form, changes it, and saves a new version through the same check as PUT /api/v1/survey;
anything wrong comes back beside its field in the owners' language with nothing stored."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape
from typing import Any

from bot.app import App
from faketg import FakeTelegramServer
from tests.support.api import versions
from tests.support.forms import form_of
from tests.support.helpers import ManualClock
from tests.support.httpclient import Browser
from tests.support.journey import SHOP_SURVEY, MakeApp, put_survey
from tests.support.texts import EN

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER, MANAGER = 9601, 9602


async def signed_in(make_app: MakeApp, fake: FakeTelegramServer, user: int = OWNER) -> Browser:
    app = await make_app(ManualClock(NOW), owner_ids=str(OWNER), manager_ids=str(MANAGER))
    return await browser_of(app, fake, user)


async def browser_of(app: App, fake: FakeTelegramServer, user: int) -> Browser:
    fake.world.add_user(user, "Owner", "en")
    async with app.db.transaction() as tx:
        link = await app.wiring.workflow["dashboard"].link(tx, user)
    browser = Browser(app)
    status, _, _ = await browser.sign_in(link)
    assert status == 303
    return browser


async def editor(browser: Browser) -> tuple[str, dict[str, str]]:
    status, page, _ = await browser.get("/app/survey")
    assert status == 200, page[:300]
    fields, _ = form_of(page, "/app/survey")
    return page, fields


async def press(
    browser: Browser, fields: dict[str, str], action: str, **changed: str
) -> tuple[int, str, Any]:
    return await browser.post("/app/survey", data={**fields, **changed, "action": action})


async def test_the_form_of_todays_survey_saved_unchanged_stores_nothing(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    browser = await signed_in(make_app, fake)
    try:
        page, fields = await editor(browser)
        assert fields["questions[1].id"] == "aspect" and fields["version"] == "0"
        assert fields["questions[5].min"] == "1" and fields["questions[5].max"] == "5"
        status, _, answer = await press(browser, fields, "save")
        assert status == 303, _
        assert answer.headers["Location"] == "/app/survey?saved=0"
        status, page, _ = await browser.get(answer.headers["Location"])
        assert EN("dashboard.survey.same", version=0) in unescape(page)
    finally:
        await browser.close()
