"""What owners, managers and staff read first: their own greeting and help."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, create_app
from tests.support.helpers import STAFF_CHAT, make_settings
from tests.support.updates import feed, message, outbox_rows

OWNER, MANAGER = 501, 502
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    settings = make_settings(tmp_path, owner_ids=str(OWNER), manager_ids=str(MANAGER))
    app = await create_app(settings)
    yield app
    await app.stop()


async def test_an_owners_first_start_says_what_the_bot_does_for_owners(offline: App) -> None:
    await feed(offline, message(1, OWNER, "/start", lang="ru"))
    rows = await outbox_rows(offline, OWNER)
    assert len(rows) == 1  # no offer to share a phone to find purchases
    text = rows[0][1]["text"]
    assert "После покупки я задам" not in text  # not the customer greeting
    assert "владел" in text and "/digest" in text and "/dashboard" in text, text


async def test_a_managers_first_start_names_the_managers_commands(offline: App) -> None:
    await feed(offline, message(2, MANAGER, "/start"))
    [(_, sent)] = await outbox_rows(offline, MANAGER)
    text = sent["text"]
    assert "After a purchase I will ask" not in text
    assert "/dashboard" in text and "/saved" in text and "/digest" not in text, text


async def test_staff_help_mentions_the_assign_button(offline: App) -> None:
    update = message(3, 7001, "/help")
    update["message"]["chat"] = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    await feed(offline, update)
    [(_, sent)] = await outbox_rows(offline, STAFF_CHAT)
    assert "Assign" in sent["text"], sent["text"]


def test_the_russian_catalog_has_no_gendered_slash_forms() -> None:
    """«назначил(а)» reads as a form to fill in: neutral wording instead."""
    text = (ROOT / "bot" / "locales" / "ru.ftl").read_text("utf-8")
    assert re.findall(r".*[а-яё]\((?:а|ла|ась|ов|ой)\).*", text) == []


async def test_mydata_lists_the_persons_complaints_and_counts_their_messages(
    offline: App,
) -> None:
    await feed(offline, message(10, 900, "/start", lang="ru"))
    async with offline.db.transaction() as tx:
        customer = await tx.customers.by_telegram_id(900)
        assert customer is not None
        await tx.conn.execute(
            "INSERT INTO complaints (id, customer_id, source, status, segment, text,"
            " created_at, updated_at) VALUES (7, ?, 'command', 'taken', '',"
            " 'Курьер опоздал на два часа', '2026-11-25T10:00:00+00:00',"
            " '2026-11-25T10:00:00+00:00')",
            (customer.id,),
        )
        for n in range(2):
            await tx.conn.execute(
                "INSERT INTO complaint_messages (complaint_id, direction, kind, text,"
                " created_at) VALUES (7, 'from_customer', 'text', ?, '2026-11-25T10:05:00')",
                (f"ещё {n}",),
            )
    await feed(offline, message(11, 900, "/mydata", lang="ru"))
    text = (await outbox_rows(offline, 900))[-1][1]["text"]
    assert "№7" in text and "25.11.2026" in text and "в работе" in text, text
    assert "Курьер опоздал на два часа" in text
    assert "Сообщений в поддержку: 2" in text


async def test_while_there_are_no_owners_a_start_logs_the_id_to_set(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram shows nobody their numeric id: the shop's first /start is where to find it."""
    app = await create_app(make_settings(tmp_path))
    try:
        with caplog.at_level("WARNING"):
            await feed(app, message(1, 777, "/start"))
    finally:
        await app.stop()
    said = [r.getMessage() for r in caplog.records if "OWNER_IDS" in r.getMessage()]
    assert said == [
        "OWNER_IDS is empty: Telegram user 777 started the bot; if that was you, the owner,"
        " set OWNER_IDS=777 and restart"
    ], said


async def test_mydata_dates_a_complaint_in_the_shops_time_zone(tmp_path: Path) -> None:
    """Opened at 01:30 in Moscow on the 26th (22:30 UTC on the 25th): /mydata says the day the
    customer and every other place in the shop's time zone call it."""
    app = await create_app(make_settings(tmp_path, timezone="Europe/Moscow"))
    try:
        await feed(app, message(10, 901, "/start", lang="ru"))
        async with app.db.transaction() as tx:
            customer = await tx.customers.by_telegram_id(901)
            assert customer is not None
            await tx.conn.execute(
                "INSERT INTO complaints (id, customer_id, source, status, segment, text,"
                " created_at, updated_at) VALUES (8, ?, 'command', 'taken', '', 'Нет заказа',"
                " '2026-11-25T22:30:00+00:00', '2026-11-25T22:30:00+00:00')",
                (customer.id,),
            )
        await feed(app, message(11, 901, "/mydata", lang="ru"))
        text = (await outbox_rows(app, 901))[-1][1]["text"]
    finally:
        await app.stop()
    assert "№8 от 26.11.2026" in text, text
