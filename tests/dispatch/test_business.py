"""The shop's own Telegram account as the desk (Telegram Business), at the dispatcher: the
connection told to the owners, customers' messages to the account as complaints, staff answers
out from the account, the owner's own answers and the customer's edits on the card."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from bot.business.accounts import Accounts
from bot.complaints import ladder
from tests.support.helpers import STAFF_CHAT, ManualClock, make_settings
from tests.support.texts import EN
from tests.support.updates import (
    business_connection,
    business_deleted,
    business_message,
    feed,
    message,
    outbox_rows,
    press,
)

OWNER, ACCOUNT, CUSTOMER, STAFF_ID = 7101, 7102, 7103, 501
CARD = 900  # the card's message id in the staff chat, as the sender's hook links it


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


@pytest.fixture
async def offline(tmp_path: Path, clock: ManualClock) -> AsyncIterator[App]:
    settings = make_settings(tmp_path, owner_ids=str(OWNER), staff_ids=str(STAFF_ID))
    app = await create_app(settings, clock=clock)
    yield app
    await app.stop()


def staff_reply(update_id: int, text: str | None, **extra: Any) -> dict[str, Any]:
    """A staff member answers the card in the staff chat."""
    update = message(update_id, STAFF_ID, text, **extra)
    chat = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    card = {"message_id": CARD, "date": 1_700_000_000, "chat": chat, "text": "#1"}
    update["message"]["chat"] = chat
    update["message"]["reply_to_message"] = card
    return update


async def complaint_from_the_account(app: App, rights: dict[str, bool] | None = None) -> None:
    """The account connects the bot; a customer writes to it; the card went out."""
    await feed(app, business_connection(1, ACCOUNT, rights=rights))
    await feed(app, business_message(2, CUSTOMER, "заказ не пришёл", lang="ru"))
    async with app.db.transaction() as tx:
        await tx.complaints.link_staff_message(STAFF_CHAT, CARD, 1)


async def to_customer(app: App) -> list[tuple[str, dict[str, Any]]]:
    return await outbox_rows(app, CUSTOMER)


async def texts_to(app: App, chat: int) -> list[str]:
    return [p["text"] for method, p in await outbox_rows(app, chat) if method == "SendMessage"]


async def test_a_connection_is_stored_and_owners_told_what_the_bot_may_do(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT, rights={"can_reply": True}))
    async with offline.db.read() as tx:
        stored = await tx.business.get("bc-1")
    assert stored is not None and stored.user_id == ACCOUNT and stored.can_reply
    assert stored.connected_at == datetime.fromtimestamp(1_700_000_000, UTC)  # Telegram's date
    for reader in (OWNER, ACCOUNT):
        [told] = await texts_to(offline, reader)
        assert "connected the bot as its chatbot" in told
        assert "The bot may: answer customers from the account" in told
        assert "The bot may not: mark their messages as read" in told
    accounts = offline.wiring.workflow["business"]
    assert isinstance(accounts, Accounts)
    assert accounts.report() == {
        "business_accounts": [
            {"connection": "bc-1", "user_id": ACCOUNT, "enabled": True, "can_reply": True}
        ]
    }


async def test_without_the_reply_right_owners_learn_answers_cannot_go(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT, rights={"can_read_messages": True}))
    [told] = await texts_to(offline, OWNER)
    assert "The bot may not: answer customers from the account" in told
    assert "Without the right to reply" in told


async def test_turning_the_bot_off_is_told_once_and_shown(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT))
    await feed(offline, business_connection(2, ACCOUNT, enabled=False))
    await feed(offline, business_connection(3, ACCOUNT, enabled=False))  # said again: once
    told = await texts_to(offline, OWNER)
    assert len(told) == 2 and "turned the bot off or removed it" in told[-1]
    async with offline.db.read() as tx:
        stored = await tx.business.get("bc-1")
    assert stored is not None and not stored.enabled and not stored.can_reply
    accounts = offline.wiring.workflow["business"]
    assert isinstance(accounts, Accounts)
    assert accounts.report()["business_accounts"][0]["enabled"] is False


async def test_a_customers_message_to_the_account_opens_a_complaint_said_so_on_the_card(
    offline: App,
) -> None:
    await complaint_from_the_account(offline)
    async with offline.db.read() as tx:
        complaint = await tx.complaints.get(1)
    assert complaint is not None and complaint.business_connection_id == "bc-1"
    assert complaint.text == "заказ не пришёл"
    [card] = await texts_to(offline, STAFF_CHAT)
    assert EN("complaint.card.source.business") in card
    assert EN("complaint.card.source.message") not in card
    [(method, acknowledged)] = await to_customer(offline)  # from the account, not the bot
    assert (method, acknowledged["business_connection_id"]) == ("SendMessage", "bc-1")


async def test_thanks_to_the_account_open_nothing_and_more_words_join_the_complaint(
    offline: App,
) -> None:
    await feed(offline, business_connection(1, ACCOUNT))
    await feed(offline, business_message(2, CUSTOMER, "Спасибо!"))
    async with offline.db.read() as tx:
        assert await tx.complaints.get(1) is None
    [(_, welcome)] = await to_customer(offline)
    assert welcome["business_connection_id"] == "bc-1"
    await feed(offline, business_message(3, CUSTOMER, "заказ не пришёл"))
    await feed(offline, business_message(4, CUSTOMER, "номер 1042"))
    assert (await texts_to(offline, STAFF_CHAT))[-1].endswith("\nномер 1042")
    async with offline.db.read() as tx:
        assert await tx.complaints.get(2) is None  # joined #1


async def test_the_owners_own_message_and_commands_open_nothing(offline: App) -> None:
    await feed(offline, business_connection(1, ACCOUNT))
    await feed(offline, business_message(2, CUSTOMER, "Hello, how can I help?", author=ACCOUNT))
    await feed(offline, business_message(3, CUSTOMER, "/start"))
    async with offline.db.read() as tx:
        assert await tx.complaints.get(1) is None
    assert await to_customer(offline) == []


async def test_a_staff_reply_goes_out_from_the_account(offline: App) -> None:
    await complaint_from_the_account(offline)
    await feed(offline, staff_reply(10, "Мы уже разбираемся"))
    method, sent = (await to_customer(offline))[-1]
    assert (method, sent["text"]) == ("SendMessage", "Мы уже разбираемся")
    assert sent["business_connection_id"] == "bc-1"
    photo = [{"file_id": "ph-small", "file_unique_id": "a", "width": 90, "height": 90}]
    photo.append({"file_id": "ph-big", "file_unique_id": "b", "width": 900, "height": 900})
    await feed(offline, staff_reply(11, None, photo=photo, caption="Вот трек-номер"))
    method, sent = (await to_customer(offline))[-1]
    assert (method, sent["photo"], sent["caption"]) == ("SendPhoto", "ph-big", "Вот трек-номер")
    assert sent["business_connection_id"] == "bc-1"
    await feed(offline, staff_reply(12, "!звонил курьеру"))  # a note: never sent
    assert (await to_customer(offline))[-1][1].get("caption") == "Вот трек-номер"


async def test_a_reply_that_cannot_go_from_the_account_is_said_at_once(
    offline: App, clock: ManualClock
) -> None:
    await complaint_from_the_account(offline, {"can_read_messages": True})  # may not reply
    sent_before = len(await to_customer(offline))
    await feed(offline, staff_reply(10, "Мы уже разбираемся"))
    assert (await texts_to(offline, STAFF_CHAT))[-1] == EN(
        "complaint.relay.business_no_reply", number=1
    )
    await feed(offline, business_connection(11, ACCOUNT))  # the right is given now
    clock.advance(timedelta(hours=25))  # but the customer wrote more than 24 hours ago
    await feed(offline, staff_reply(12, "Мы уже разбираемся"))
    assert (await texts_to(offline, STAFF_CHAT))[-1] == EN(
        "complaint.relay.business_window", number=1
    )
    await feed(offline, business_connection(13, ACCOUNT, enabled=False))
    await feed(offline, staff_reply(14, "Мы уже разбираемся"))
    assert (await texts_to(offline, STAFF_CHAT))[-1] == EN(
        "complaint.relay.business_off", number=1
    )
    assert len(await to_customer(offline)) == sent_before  # nothing tried, nothing lost
    async with offline.db.read() as tx:
        history = await tx.complaints.messages(1)
    assert [m.direction for m in history] == ["from_customer"]  # no reply recorded as sent


async def test_the_owners_answer_from_the_app_is_on_the_card_and_takes_it(
    offline: App, clock: ManualClock
) -> None:
    await complaint_from_the_account(offline)
    await feed(offline, business_message(10, CUSTOMER, "Курьер будет завтра", author=ACCOUNT))
    async with offline.db.read() as tx:
        complaint = await tx.complaints.get(1)
        history = await tx.complaints.messages(1)
        steps = await tx.complaints.steps(1)
    assert complaint is not None and complaint.status == "taken"
    assert (complaint.taken_by, complaint.taken_by_name) == (ACCOUNT, "Shop")
    assert [(m.direction, m.text) for m in history][-1] == ("to_customer", "Курьер будет завтра")
    told = EN("complaint.relay.owner", number=1, name="Shop", text="Курьер будет завтра")
    assert told in await texts_to(offline, STAFF_CHAT)
    assert any(s.step == "take" for s in steps)  # it had a take deadline
    clock.advance(timedelta(hours=5))
    async with offline.db.transaction() as tx:  # the tick: the take reminder does not fire
        await ladder.fire_due(tx, offline.complaints)
    assert not any("⏰" in text for text in await texts_to(offline, STAFF_CHAT))


async def test_edits_and_deletions_of_the_customers_words_are_shown_to_staff(
    offline: App,
) -> None:
    await complaint_from_the_account(offline)
    await feed(offline, business_message(10, CUSTOMER, "заказ пришёл", edited=True, message_id=2))
    edited = EN("complaint.relay.edited", number=1, text="заказ пришёл")
    assert (await texts_to(offline, STAFF_CHAT))[-1] == edited
    await feed(offline, business_deleted(11, CUSTOMER, [2, 555]))
    assert (await texts_to(offline, STAFF_CHAT))[-1] == EN(
        "complaint.relay.deleted", number=1, count=1
    )
    before = len(await texts_to(offline, STAFF_CHAT))
    await feed(offline, business_deleted(12, CUSTOMER, [777]))  # not the complaint's: quiet
    assert len(await texts_to(offline, STAFF_CHAT)) == before


def press_in_the_account(update_id: int, data: str, message_id: int) -> dict[str, Any]:
    """The customer presses a button under a message the bot sent from the shop's account."""
    update = press(update_id, CUSTOMER, data)
    update["callback_query"]["message"].update(
        message_id=message_id, business_connection_id="bc-1"
    )
    return update


async def test_stop_and_forget_me_typed_to_the_account_apply_as_in_the_bots_chat(
    offline: App,
) -> None:
    """Surveys stop and the data goes as when the customer asks the bot; the answers come
    from the account they wrote to. The account's owner typing the same in the customer's
    chat asks for nothing, and other commands there get no answer (no menu, nothing staff)."""
    await feed(offline, business_connection(1, ACCOUNT))
    await feed(offline, business_message(2, CUSTOMER, "/forget_me", author=ACCOUNT))
    await feed(offline, business_message(3, CUSTOMER, "/stop", author=ACCOUNT))
    for update_id, command in ((4, "/help"), (5, "/open"), (6, "/start"), (7, "/mine")):
        await feed(offline, business_message(update_id, CUSTOMER, command))
    assert await to_customer(offline) == []
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(CUSTOMER)
    assert customer is not None and customer.opted_out_at is None

    await feed(offline, business_message(8, CUSTOMER, "/stop"))
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(CUSTOMER)
    assert customer is not None and customer.opted_out_at is not None
    [(method, stopped)] = await to_customer(offline)
    assert stopped["business_connection_id"] == "bc-1"
    assert stopped["text"] == EN("stop.done_account")

    await feed(offline, business_message(9, CUSTOMER, "/forget_me"))
    _, asked = (await to_customer(offline))[-1]
    assert asked["business_connection_id"] == "bc-1"
    assert asked["text"] == EN("forget.confirm")
    yes = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await feed(offline, press_in_the_account(10, yes, message_id=77))
    async with offline.db.read() as tx:
        customer = await tx.customers.by_telegram_id(CUSTOMER)
    assert customer is None or customer.forgotten_at is not None
    method, done = (await to_customer(offline))[-1]
    assert (method, done["message_id"]) == ("EditMessageText", 77)
    assert done["business_connection_id"] == "bc-1"


def reads(rows: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, int]]:
    return [
        (p["business_connection_id"], p["message_id"])
        for m, p in rows
        if m == "ReadBusinessMessage"
    ]


async def test_taking_or_answering_marks_the_customers_messages_read_in_the_account(
    offline: App,
) -> None:
    """The customer sees in the account's chat that the shop read them, once staff took
    the complaint or answered it (the account gave the bot the right to mark them read)."""
    await complaint_from_the_account(offline)
    assert reads(await to_customer(offline)) == []
    await feed(offline, press(10, STAFF_ID, "cs:take:1", STAFF_CHAT))
    assert reads(await to_customer(offline)) == [("bc-1", 2)]
    await feed(offline, business_message(11, CUSTOMER, "и ещё: коробка мятая", lang="ru"))
    await feed(offline, staff_reply(12, "Заменим коробку"))
    assert reads(await to_customer(offline)) == [("bc-1", 2), ("bc-1", 11)]


async def test_without_the_right_to_mark_read_nothing_is_marked(offline: App) -> None:
    await complaint_from_the_account(offline, {"can_reply": True})
    await feed(offline, press(10, STAFF_ID, "cs:take:1", STAFF_CHAT))
    await feed(offline, staff_reply(11, "Заменим коробку"))
    rows = await to_customer(offline)
    assert reads(rows) == [] and rows[-1][1]["text"] == "Заменим коробку"


async def test_was_it_resolved_is_asked_from_the_account_and_words_there_join_it(
    offline: App,
) -> None:
    """The closing question goes from the account the customer wrote to; what they write
    there after it joins the complaint for staff, as words in the bot's chat do."""
    await complaint_from_the_account(offline)
    await feed(offline, press(10, STAFF_ID, "cs:take:1", STAFF_CHAT))
    await feed(offline, press(11, STAFF_ID, "cs:resolve:1", STAFF_CHAT))
    _, asked = [row for row in await to_customer(offline) if row[0] == "SendMessage"][-1]
    assert asked["business_connection_id"] == "bc-1"
    assert asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith("cr:")
    await feed(offline, business_message(12, CUSTOMER, "коробку так и не заменили", lang="ru"))
    async with offline.db.read() as tx:
        history = await tx.complaints.messages(1)
    assert history[-1].text == "коробку так и не заменили"
    assert any("коробку так и не заменили" in text for text in await texts_to(offline, STAFF_CHAT))
