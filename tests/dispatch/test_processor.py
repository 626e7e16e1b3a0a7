"""Dispatcher level: stored updates through the real routers and database, no network."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, F
from aiogram.types import Message

from bot.app import App, create_app
from bot.commands import publish_commands
from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, make_settings
from tests.support.texts import EN
from tests.support.updates import STICKER, feed, message, outbox_rows


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def test_start_queues_a_greeting_and_creates_the_customer(offline: App) -> None:
    await feed(offline, message(1, 77, "/start", lang="ru"))
    rows = await outbox_rows(offline, 77)
    assert [m for m, _ in rows] == ["SendMessage", "SendMessage"]
    assert rows[0][1]["text"].startswith("Здравствуйте, Test!")
    assert rows[1][1]["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    async with offline.db.read() as tx:
        assert (await tx.customers.by_telegram_id(77)) is not None
        assert await tx.inbox.counts() == {"done": 1}


async def test_a_redelivered_update_has_no_second_effect(offline: App) -> None:
    update = message(5, 78, "/start")
    await feed(offline, update)
    await feed(offline, update, update)
    assert len(await outbox_rows(offline, 78)) == 2  # the greeting and the phone offer, once


async def test_malformed_and_unknown_updates_change_nothing(offline: App) -> None:
    await feed(
        offline,
        {"update_id": 10, "message": {"message_id": "not a number"}},
        {"update_id": 11, "some_future_update": {"x": 1}},
    )
    await feed(offline, {"no_update_id": True})  # dropped at intake, never stored
    async with offline.db.read() as tx:
        assert await tx.inbox.counts() == {"done": 1, "failed": 1}
        assert await tx.outbox.counts() == {}
        assert await tx.customers.count() == 0


async def test_a_failing_handler_rolls_back_only_its_own_update(offline: App) -> None:
    async def explode(*_: Any, **__: Any) -> None:
        raise RuntimeError("handler bug")

    # The dispatcher's own handlers run before its routers, so this one sees the update first.
    offline.processor.dp.message.register(explode, F.text == "/explode")
    await feed(offline, message(20, 80, "/explode"), message(21, 81, "/start"))
    async with offline.db.read() as tx:
        assert await tx.inbox.counts() == {"done": 1, "failed": 1}
        assert await tx.customers.by_telegram_id(80) is None  # its writes were rolled back
    assert len(await outbox_rows(offline, 81)) == 2


async def test_forged_and_stale_buttons_get_an_answer_and_change_nothing(offline: App) -> None:
    await feed(offline, message(30, 90, "/start"))
    query = {
        "id": "q1",
        "from": {"id": 90, "is_bot": False, "first_name": "Test", "language_code": "en"},
        "chat_instance": "c",
        "message": message(30, 90, "menu")["message"]
        | {"from": {"id": 1, "is_bot": True, "first_name": "Bot"}},
    }
    await feed(
        offline,
        {"update_id": 31, "callback_query": {**query, "id": "q1", "data": "lang:xx"}},
        {"update_id": 32, "callback_query": {**query, "id": "q2", "data": "survey:9:nps:10"}},
        {"update_id": 33, "callback_query": {**query, "id": "q3", "data": "x" * 300}},
    )
    rows = await outbox_rows(offline, 0)
    assert [m for m, _ in rows] == ["AnswerCallbackQuery"] * 3
    assert rows[0][1]["text"] == "That language is not available."
    assert rows[1][1]["text"] == EN("button.stale")
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(90)
    assert customer is not None and customer.language is None


async def test_stickers_and_oversized_texts_get_a_clear_answer(offline: App) -> None:
    await feed(offline, message(40, 91, None, sticker=STICKER), message(41, 91, "y" * 5000))
    texts = [p["text"] for _, p in await outbox_rows(offline, 91)]
    assert texts[0].startswith("I cannot read this kind of message")
    assert "5000 characters" in texts[1]


async def test_blocking_and_unblocking_the_bot_is_tracked(offline: App) -> None:
    await feed(offline, message(50, 95, "/start"))

    def member_update(update_id: int, status: str) -> dict[str, Any]:
        user = {"id": 95, "is_bot": False, "first_name": "Test"}
        bot = {"id": 1, "is_bot": True, "first_name": "Bot"}
        return {
            "update_id": update_id,
            "my_chat_member": {
                "chat": {"id": 95, "type": "private", "first_name": "Test"},
                "from": user,
                "date": 1_700_000_000,
                "old_chat_member": {"status": "member", "user": bot},
                "new_chat_member": {"status": status, "user": bot, "until_date": 0}
                if status == "kicked"
                else {"status": status, "user": bot},
            },
        }

    await feed(offline, member_update(51, "kicked"))
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(95)
    assert customer is not None and customer.unreachable_at is not None
    await feed(offline, member_update(52, "member"))
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(95)
        assert await tx.inbox.counts() == {"done": 3}
    assert customer is not None and customer.unreachable_at is None


async def test_a_direct_send_from_a_handler_fails_loudly(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """Only the outbox sends: a handler calling Telegram itself would bypass pacing, retries and
    crash safety, and wait on the network while holding the database's write lock."""
    app = await create_app(make_settings(tmp_path, fake.url))

    async def answers_directly(message: Message) -> None:
        await message.answer("straight to Telegram")

    async def sends_with_the_bot(message: Message, bot: Bot) -> None:
        await bot.send_message(message.chat.id, "straight to Telegram")

    app.processor.dp.message.register(answers_directly, F.text == "/direct")
    app.processor.dp.message.register(sends_with_the_bot, F.text == "/bot")
    try:
        await feed(app, message(40, 85, "/direct"), message(41, 85, "/bot"))
        async with app.db.read() as tx:
            found = await tx.conn.fetch_all("SELECT status, error FROM inbox ORDER BY update_id")
            rows = [tuple(row) for row in found]
    finally:
        await app.stop()
    assert rows == [("failed", "DirectSendRefused")] * 2
    assert fake.world.sent == []


async def test_each_audience_gets_its_own_command_menu(tmp_path: Path) -> None:
    """Customers, the staff group and each owner see their own commands under "/", in every
    catalog language."""
    app = await create_app(make_settings(tmp_path, owner_ids="7001,7002", manager_ids="7003,7001"))
    try:
        await publish_commands(app.db, app.outbox, app.wiring.core.catalog, app.complaints)
        menus: dict[tuple[str, int | None, str | None], list[str]] = {}
        for _, payload in await outbox_rows(app, 0):
            scope = payload["scope"]
            key = (scope["type"], scope.get("chat_id"), payload.get("language_code"))
            menus[key] = [c["command"] for c in payload["commands"]]
    finally:
        await app.stop()
    assert menus[("all_private_chats", None, None)][:2] == ["start", "help"]
    assert menus[("chat", STAFF_CHAT, "ru")] == ["open", "mine", "find", "saved", "help"]
    for owner in (7001, 7002):  # 7001 is also a manager: the owner's menu holds both
        assert {"digest", "report", "export", "help"} <= set(menus[("chat", owner, "sv")])
    manager = menus[("chat", 7003, "ru")]
    assert "dashboard" in manager and "digest" not in manager  # the dashboard lets them in
    assert len(menus) == 5 * 4  # (customers, staff, two owners, a manager) x 4 languages


async def test_help_in_the_staff_chat_and_for_owners_says_what_they_can_do(
    offline: App,
) -> None:
    staff_help = message(50, 501, "/help")
    staff_help["message"]["chat"] = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    await feed(offline, staff_help)
    [(_, said)] = await outbox_rows(offline, STAFF_CHAT)
    assert "/open" in said["text"] and "/mine" in said["text"]


@pytest.mark.parametrize(("lang", "told"), [("ru", "Telegram для бизнеса"), ("en", "Business")])
async def test_an_owners_help_says_how_to_make_the_shops_account_the_desk(
    tmp_path: Path, lang: str, told: str
) -> None:
    """Owners learn in their own language that the shop's Telegram account can be the desk,
    and where Telegram keeps the switch."""
    app = await create_app(make_settings(tmp_path, owner_ids="7001"))
    try:
        await feed(app, message(70, 7001, "/help", lang=lang))
        text = (await outbox_rows(app, 7001))[-1][1]["text"]
    finally:
        await app.stop()
    assert told in text and "/digest" in text


async def test_mydata_says_everything_in_words_of_the_customers_language(offline: App) -> None:
    await feed(offline, message(60, 93, "/start", lang="ru"))
    async with offline.db.transaction() as tx:
        customer = await tx.customers.by_telegram_id(93)
        assert customer is not None
        await tx.customers.fill(customer.id, {"phone": "79161234567"})
        await tx.conn.execute(
            "INSERT INTO purchases (id, order_id, customer_id, purchased_at, link_token,"
            " created_at) VALUES (1, 'A-1', ?, '2026-11-01T10:00:00+00:00', 't', '')",
            (customer.id,),
        )
        await tx.conn.execute(
            "INSERT INTO surveys (id, purchase_id, customer_id, status, step, nps, csat,"
            " expectation, created_at, updated_at)"
            " VALUES (1, 1, ?, 'answered', 'done', 9, 4, 'worse', '', '')",
            (customer.id,),
        )
    await feed(offline, message(61, 93, "/mydata", lang="ru"))
    text = (await outbox_rows(offline, 93))[-1][1]["text"]
    assert "Язык: Русский" in text
    assert "Телефон: +7 916 123-45-67" in text  # as people write it, not 79161234567
    assert "ответы получены" in text and "хуже ожиданий" in text
    assert "answered" not in text and "worse" not in text
