"""The owners' dashboard seen from the chat: what /dashboard sends, and /forget_me ending the
person's dashboard sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.dashboard.access import UNMINTED, Dashboard
from tests.support.helpers import make_settings
from tests.support.texts import EN
from tests.support.updates import feed, message, outbox_rows, press

OWNER = 9501


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, owner_ids=str(OWNER)))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def test_an_owners_forget_me_ends_their_dashboard_sessions(offline: App) -> None:
    dashboard: Dashboard = offline.wiring.workflow["dashboard"]
    async with offline.db.transaction() as tx:
        link = await dashboard.link(tx, OWNER)
    signed_in = await dashboard.from_link(link.split("token=", 1)[1])
    assert signed_in is not None
    async with offline.db.transaction() as tx:
        unused = await dashboard.link(tx, OWNER)
    await feed(offline, message(1, OWNER, "/start"), message(2, OWNER, "/forget_me"))
    assert await dashboard.session(signed_in.cookie) is not None  # only asked, not confirmed
    await feed(offline, press(4, OWNER, "forget:1:1"))
    assert await dashboard.session(signed_in.cookie) is None
    assert await dashboard.from_link(unused.split("token=", 1)[1]) is None


async def test_without_a_public_address_dashboard_says_what_to_set(offline: App) -> None:
    await feed(offline, message(1, OWNER, "/dashboard"))
    [(_, sent)] = await outbox_rows(offline, OWNER)
    assert sent["text"] == EN("dashboard.no_address")
    assert "PUBLIC_URL" in sent["text"] and "127.0.0.1" not in sent["text"]
    assert "reply_markup" not in sent


async def test_dashboard_links_are_built_on_public_url(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, owner_ids=str(OWNER), public_url="https://shop.example/")
    app = await create_app(settings)
    try:
        await feed(app, message(1, OWNER, "/dashboard"))
        [(_, sent)] = await outbox_rows(app, OWNER)
        # Only a placeholder is stored: the sender makes the link as it sends the message.
        assert f"https://shop.example/app/login?token={UNMINTED}" in sent["text"]
        [[button]] = sent["reply_markup"]["inline_keyboard"]
        assert button["web_app"] == {"url": "https://shop.example/app"}
    finally:
        await app.stop()
