"""The real app, polling a fake Bot API server over HTTP."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.support.helpers import TOKEN, health, make_settings, wait_for


async def test_start_greets_in_the_customers_language(app: App, fake: FakeTelegramServer) -> None:
    world = fake.world
    world.add_user(501, "Anna", "ru")
    world.add_user(502, "Bob", "en-GB")
    await world.user_sends(501, "/start")
    await world.user_sends(502, "/start")
    await wait_for(lambda: len(world.sent) == 4, what="two greetings with phone offers")
    assert str(world.sent_to(501)[0].text).startswith("Здравствуйте, Anna!")
    assert str(world.sent_to(502)[0].text).startswith("Hello, Bob!")
    async with app.db.read() as tx:
        assert await tx.customers.count() == 2
        anna = await tx.customers.by_telegram_id(501)
    assert anna is not None and anna.tg_language == "ru"


async def test_starts_while_telegram_is_down_and_connects_when_it_is_back(
    tmp_path: Path,
) -> None:
    with socket.socket() as probe:  # a port where nothing listens yet
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = await create_app(make_settings(tmp_path, f"http://127.0.0.1:{port}"), poll_timeout=1)
    await app.start()  # does not wait for Telegram
    fake = FakeTelegramServer(token=TOKEN, port=port)
    try:
        status, _ = await health(app)
        assert status == 200  # the HTTP side serves while Telegram is away
        assert not app.connected.is_set()
        await fake.start()
        await asyncio.wait_for(app.connected.wait(), 15)
        fake.world.add_user(801, "Rita", "en")
        await fake.world.user_sends(801, "/start")
        await wait_for(lambda: len(fake.world.sent_to(801)) == 2, what="greeting once back")
    finally:
        await app.stop()
        await fake.stop()
