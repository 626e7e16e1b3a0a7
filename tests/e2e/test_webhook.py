"""Webhook mode: the fake server posts updates with the secret header; strangers are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.support.helpers import make_settings, start, wait_for

SECRET = "s3cret_for-tests"


@pytest.fixture
async def hooked(tmp_path: Path, fake: FakeTelegramServer) -> AsyncIterator[App]:
    # The app listens on a free port; the webhook URL is set once that port is known.
    settings = make_settings(
        tmp_path, fake.url, webhook_url="http://127.0.0.1:1/tg/hook", webhook_secret=SECRET
    )
    app = await create_app(settings)
    await start(app)
    fake.world.webhook["url"] = f"http://127.0.0.1:{app.port}/tg/hook"
    yield app
    await app.stop()


async def test_updates_arrive_by_webhook_and_are_answered(
    hooked: App, fake: FakeTelegramServer
) -> None:
    world = fake.world
    assert world.webhook["secret_token"] == SECRET
    world.add_user(601, "Vera", "sv")
    await world.user_sends(601, "/start")
    await wait_for(lambda: len(world.sent_to(601)) == 2, what="greeting via webhook")
    assert str(world.sent_to(601)[0].text).startswith("Hej, Vera!")


async def test_wrong_or_missing_secret_is_refused_and_stores_nothing(hooked: App) -> None:
    url = f"http://127.0.0.1:{hooked.port}/tg/hook"
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 5, "type": "private"},
            "text": "/start",
        },
    }
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(url, json=update, headers=headers) as resp:
                assert resp.status == 401
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with session.post(url, data="not json", headers=good) as resp:
            assert resp.status == 400
        async with session.post(url, json=[1, 2], headers=good) as resp:
            assert resp.status == 400
        for update_id in (2**63, -1, True):  # beyond SQLite's INTEGER, negative, a boolean
            async with session.post(
                url, json={**update, "update_id": update_id}, headers=good
            ) as resp:
                assert resp.status == 400
        deep = "[" * 100_000 + "]" * 100_000
        async with session.post(url, data=deep, headers=good) as resp:
            assert resp.status == 400
    async with hooked.db.read() as tx:
        assert await tx.inbox.counts() == {}
