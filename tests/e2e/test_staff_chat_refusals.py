"""What members do in the staff chat that makes Telegram refuse the bot's messages.

A complaint's topic closed or deleted: the bot reopens a closed one and sends again; where it
cannot, or the topic is gone, the complaint gets a new topic (or a card in the main thread when
the bot may not make topics) and the refused message, with whatever else was queued for the
old topic, follows the new card there. A card deleted: the next change posts a fresh one.
Nothing the customer wrote is lost, and later messages find the complaint's new place."""

from __future__ import annotations

from bot.app import App
from faketg import FakeTelegramServer, World
from tests.support.helpers import STAFF_CHAT, sender_idle, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import AGENT, cards_of, complaint, staff_group

CUSTOMER = 7401


def in_staff_chat(world: World, text: str) -> list[dict[str, object]]:
    return [s.message for s in world.sent_to(STAFF_CHAT) if text in str(s.text)]


async def wait_relayed(world: World, text: str) -> dict[str, object]:
    await wait_for(lambda: bool(in_staff_chat(world, text)), what=f"relay of {text!r}")
    return in_staff_chat(world, text)[-1]


async def complaint_in_its_topic(make_app: MakeApp, world: World, words: str) -> tuple[App, int]:
    """A forum staff chat, and complaint #1 from the customer's `words`: (the app, its topic)."""
    staff_group(world, forum=True)
    app = await make_app()
    world.add_user(CUSTOMER, "Dana", "en")
    await world.user_sends(CUSTOMER, words)
    await wait_new_message(world, CUSTOMER, "request #1")
    await wait_for(lambda: bool(in_staff_chat(world, words)))
    thread = (await complaint(app, 1)).topic_thread_id
    assert thread is not None
    return app, thread


async def test_closed_then_deleted_topics_never_swallow_what_the_customer_wrote(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app, first = await complaint_in_its_topic(make_app, world, "The lid does not close")

    # Closed by a member: reopened, and the message lands in the same topic.
    world.close_topic(first)
    await world.user_sends(CUSTOMER, "Any news?")
    relayed = await wait_relayed(world, "Any news?")
    assert relayed.get("message_thread_id") == first and first not in world.closed_topics
    assert world.count("reopenforumtopic", 200) == 1

    # Closed again, and the bot lost the right to manage topics: a card in the main thread
    # (no new topic can be made), and the message goes out there too.
    world.bot_manages_topics = False
    world.close_topic(first)
    await world.user_sends(CUSTOMER, "Hello? Anyone?")
    relayed = await wait_relayed(world, "Hello? Anyone?")
    assert relayed.get("message_thread_id") is None
    await wait_for(lambda: len(cards_of(world, 1)) == 2, what="a fresh card")
    c = await complaint(app, 1)
    assert c.topic_thread_id is None

    # A reply in the main thread to the fresh card reaches the customer.
    fresh = cards_of(world, 1)
    await world.user_sends(
        AGENT, "Sorry, sending a new lid", chat_id=STAFF_CHAT, reply_to=fresh[-1].message_id
    )
    await wait_new_message(world, CUSTOMER, "sending a new lid")


async def test_a_deleted_topic_is_replaced_by_a_new_one(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app, old = await complaint_in_its_topic(make_app, world, "Scratched screen")
    world.delete_topic(old)
    await world.user_sends(CUSTOMER, "Photo attached soon")
    await wait_for(lambda: len(cards_of(world, 1)) == 2, what="a fresh card in a new topic")
    new = (await complaint(app, 1)).topic_thread_id
    assert new is not None and new != old and new in world.topic_names
    refused = await wait_relayed(world, "Photo attached soon")  # followed the card there
    assert refused.get("message_thread_id") == new
    await world.user_sends(CUSTOMER, "Here it is")
    relayed = await wait_relayed(world, "Here it is")
    assert relayed.get("message_thread_id") == new


async def test_what_was_queued_for_a_closed_topic_follows_the_complaint_to_its_new_one(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app, old = await complaint_in_its_topic(make_app, world, "The kettle leaks")
    world.close_topic(old)
    world.faults.method_errors["reopenforumtopic"] = 400  # the bot may not reopen it
    await world.user_sends(CUSTOMER, "Any news?")
    await world.user_sends(CUSTOMER, "I sent a photo too")

    await wait_for(lambda: len(cards_of(world, 1)) == 2, what="a fresh card in a new topic")
    new = (await complaint(app, 1)).topic_thread_id
    assert new is not None and new != old
    for words in ("Any news?", "I sent a photo too"):
        relayed = await wait_relayed(world, words)
        assert relayed.get("message_thread_id") == new, words
    assert cards_of(world, 1)[-1].message.get("message_thread_id") == new
    assert await sender_idle(app, 10)
    async with app.db.read() as tx:
        counts = await tx.outbox.counts()
    assert counts.get("pending", 0) == counts.get("waiting", 0) == 0, counts
