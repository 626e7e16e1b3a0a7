"""Complaint rules at the dispatcher: forged buttons, wrong people, odd messages, no network."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import App, create_app
from bot.complaints import relay, replying
from bot.incoming import Actor, ChatMessage
from tests.support.helpers import STAFF_CHAT, make_settings
from tests.support.texts import EN
from tests.support.updates import STICKER, feed, message, outbox_rows, press

STAFF_ID = 501  # configured in STAFF_IDS: may act without asking Telegram
PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[App]:
    app = await create_app(make_settings(tmp_path, staff_ids=str(STAFF_ID)))
    yield app
    await app.stop()  # never started: closes the session, the database and its lock


async def alerts(app: App) -> list[str | None]:
    return [p.get("text") for _, p in await outbox_rows(app, 0)]


async def status(app: App, number: int) -> tuple[str, int | None]:
    async with app.db.read() as tx:
        c = await tx.complaints.get(number)
    assert c is not None
    return c.status, c.taken_by


async def test_a_message_opens_one_complaint_and_the_next_joins_it(offline: App) -> None:
    await feed(offline, message(1, 80, "The fridge is warm"), message(2, 80, "Still warm"))
    await feed(offline, message(3, 80, "/complaint"))
    texts = [p["text"] for _, p in await outbox_rows(offline, 80)]
    assert texts[0].startswith("Thank you, your message went to our team as request #1.")
    assert texts[1] == "Your request #1 is still open: just write here and it reaches our team."
    staff = await outbox_rows(offline, STAFF_CHAT)
    assert staff[0][1]["text"].startswith("🔴 <b>Complaint #1</b>")
    assert staff[1][1]["text"] == "💬 #1 · Test\nStill warm"


async def test_stickers_and_huge_texts_open_nothing(offline: App) -> None:
    await feed(offline, message(1, 81, None, sticker=STICKER), message(2, 81, "y" * 5000))
    texts = [p["text"] for _, p in await outbox_rows(offline, 81)]
    assert texts[0].startswith("I cannot read this kind of message")
    assert texts[1].startswith("That message is too long for me (5000 characters")
    async with offline.db.read() as tx:
        assert await tx.complaints.get(1) is None


async def test_a_sticker_reaches_an_open_complaint(offline: App) -> None:
    await feed(offline, message(1, 82, "Broken"), message(2, 82, None, sticker=STICKER))
    staff = await outbox_rows(offline, STAFF_CHAT)
    assert [m for m, _ in staff] == ["SendMessage", "CopyMessage"]
    assert "caption" not in staff[1][1]  # stickers take no caption


async def test_staff_buttons_refuse_strangers_forgeries_and_unverifiable_people(
    offline: App,
) -> None:
    await feed(offline, message(1, 83, "Wrong colour"))
    # Telegram is unreachable here, so membership cannot be checked: refused, nothing changes.
    await feed(offline, press(2, 600, "cs:take:1", STAFF_CHAT))
    assert (await alerts(offline))[-1] == (
        "Telegram could not confirm you are staff right now. Please try again in a minute."
    )
    assert await status(offline, 1) == ("open", None)
    await feed(offline, press(3, STAFF_ID, "cs:take:999", STAFF_CHAT))  # no such complaint
    assert (await alerts(offline))[-1] == EN("button.stale")
    await feed(offline, press(4, STAFF_ID, "cs:explode:1", STAFF_CHAT))  # no such action
    assert (await alerts(offline))[-1] == EN("button.stale")
    assert await status(offline, 1) == ("open", None)
    await feed(offline, press(5, STAFF_ID, "cs:take:1", STAFF_CHAT))
    assert await status(offline, 1) == ("taken", STAFF_ID)
    async with offline.db.read() as tx:
        assert await tx.inbox.counts() == {"done": 5}  # every update finished, none stuck


async def test_a_customer_cannot_answer_for_someone_elses_complaint(offline: App) -> None:
    await feed(offline, message(1, 84, "Late"), press(2, STAFF_ID, "cs:resolve:1", STAFF_CHAT))
    assert await status(offline, 1) == ("resolved", STAFF_ID)
    await feed(offline, message(3, 85, "/start"), press(4, 85, "cr:1:no"))  # someone else
    assert (await alerts(offline))[-1] == EN("button.stale")
    await feed(offline, press(5, 84, "cr:1:maybe"))  # forged answer
    assert (await alerts(offline))[-1] == EN("button.stale")
    assert await status(offline, 1) == ("resolved", STAFF_ID)
    await feed(offline, press(6, 84, "cr:1:yes"))
    assert await status(offline, 1) == ("closed", STAFF_ID)


async def test_forget_me_erases_what_the_customer_wrote_in_complaints(offline: App) -> None:
    await feed(offline, message(1, 86, "My address is Made-up Street 1"))
    await feed(offline, message(2, 86, "/forget_me"), press(3, 86, "forget:1:1"))
    async with offline.db.read() as tx:
        c = await tx.complaints.get(1)
        history = await tx.complaints.messages(1)
    assert c is not None and c.text is None
    assert [m.text for m in history] == [None]


async def test_complaint_command_then_the_story_sends_the_card_with_it(offline: App) -> None:
    await feed(offline, message(1, 87, "/complaint"))
    texts = [p["text"] for _, p in await outbox_rows(offline, 87)]
    assert texts[0].startswith("Tell us what happened: write it here")
    assert await outbox_rows(offline, STAFF_CHAT) == []  # no card before the story
    await feed(offline, message(2, 87, None, photo=PHOTO, caption="The lid was cracked"))
    staff = await outbox_rows(offline, STAFF_CHAT)
    assert [m for m, _ in staff] == ["SendMessage", "CopyMessage"]  # the card, then the photo
    assert "«The lid was cracked»" in staff[0][1]["text"]
    assert "The customer opened it with /complaint." in staff[0][1]["text"]
    texts = [p["text"] for _, p in await outbox_rows(offline, 87)]
    assert len(texts) == 2 and texts[1].startswith("Thank you, it has reached our team")
    await feed(offline, message(3, 87, "And the box too"))  # the story goes on: no second thanks
    assert len(await outbox_rows(offline, 87)) == 2


async def test_the_relay_works_on_plain_data_without_telegram_objects(offline: App) -> None:
    """What the handlers do, called the way the API or a script would: no aiogram objects."""
    await feed(offline, message(60, 86, "/start"))
    words = ChatMessage(chat_id=86, message_id=9, kind="text", words="Wrong size", author=None)
    async with offline.db.transaction() as tx:
        customer = await tx.customers.by_telegram_id(86)
        assert customer is not None
        opened = await relay.from_customer(tx, offline.complaints, customer, words)
        sticker = ChatMessage(chat_id=86, message_id=10, kind="sticker", words=None, author=None)
        assert opened is not None
        joined = await relay.from_customer(tx, offline.complaints, customer, sticker)
        assert joined is not None and joined.id == opened.id  # a sticker joins an open one
        await tx.complaints.link_staff_message(STAFF_CHAT, 500, opened.id)
        agent = Actor(id=STAFF_ID, name="Agent")
        reply = ChatMessage(STAFF_CHAT, 501, "text", "We send a new one", agent, reply_to=500)
        found = await replying.about(tx, reply)
        assert found is not None and found.id == opened.id
        assert await replying.about(tx, replace(reply, is_command=True)) is None
        assert await replying.about(tx, replace(reply, reply_to=None)) is None
        assert await relay.from_staff(tx, offline.complaints, found, reply) is None
    assert await status(offline, opened.id) == ("taken", STAFF_ID)  # answering took it
    rows = await outbox_rows(offline, 86)
    assert [m for m, _ in rows][-1] == "CopyMessage"  # the reply reaches the customer


async def test_each_audience_reaches_only_its_own_features(offline: App) -> None:
    """The staff chat's router answers there only; the owners' commands answer owners only."""
    await feed(offline, message(70, 87, "Broken lid"))
    # Even configured staff: a card's button pressed from a private chat is not a staff action.
    await feed(offline, press(71, STAFF_ID, "cs:take:1"))
    assert (await alerts(offline))[-1] == EN("button.stale")
    assert await status(offline, 1) == ("open", None)
    await feed(offline, message(72, STAFF_ID, "/open"), message(73, 88, "/export"))
    staff_texts = [p["text"] for _, p in await outbox_rows(offline, STAFF_ID)]
    assert "#1" not in staff_texts[-1]  # no complaint list outside the staff chat
    assert [p["text"] for _, p in await outbox_rows(offline, 88)][-1] == (
        "This command is for the owners."
    )


async def test_a_refusal_is_in_the_language_of_the_person_refused(offline: App) -> None:
    """Staff write English here (STAFF_LANGUAGE); a Swedish customer is refused in Swedish."""
    await feed(offline, message(80, 89, "/digest", lang="sv"))
    [(_, answer)] = await outbox_rows(offline, 89)
    assert answer["text"] != "This command is for the owners."
    assert answer["text"] == offline.wiring.core.catalog.text("sv", "digest.refused")


async def test_the_history_names_who_answered(offline: App) -> None:
    await feed(offline, message(90, 91, "Where is my parcel?"))
    async with offline.db.transaction() as tx:
        await tx.complaints.link_staff_message(STAFF_CHAT, 700, 1)
    reply = message(
        91,
        STAFF_ID,
        "It left today",
        reply_to_message={
            "message_id": 700,
            "date": 1_700_000_000,
            "chat": {"id": STAFF_CHAT, "type": "supergroup", "title": "t"},
        },
    )
    reply["message"]["chat"] = {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    reply["message"]["from"]["first_name"] = "Kim"
    await feed(offline, reply, press(92, STAFF_ID, "cs:history:1", STAFF_CHAT))
    history = [p["text"] for _, p in await outbox_rows(offline, STAFF_CHAT)][-1]
    assert "Kim: It left today" in history, history
