"""The real app, polling a fake Bot API server over HTTP."""

from __future__ import annotations

from bot.app import App
from faketg import FakeTelegramServer
from tests.helpers import wait_for


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
