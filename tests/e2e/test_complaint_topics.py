"""In a forum supergroup every complaint gets its own topic, and the topic is the conversation."""

from __future__ import annotations

from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import (
    AGENT,
    card,
    complaint,
    recorded,
    staff_button,
    staff_group,
    staff_messages,
)

PHOTO = [{"file_id": "ph-2", "file_unique_id": "u-ph-2", "width": 90, "height": 90}]


async def test_a_topic_per_complaint_carries_card_relay_and_state(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world, forum=True)
    app = await make_app()
    world.add_user(7301, "Ivy", "en")
    await world.user_sends(7301, "The blender arrived broken")
    await wait_new_message(world, 7301, "request #1")
    shown = await card(world, 1)
    c = await recorded(app, 1)
    assert c.topic_thread_id is not None
    assert shown.message["message_thread_id"] == c.topic_thread_id
    assert world.topic_names[c.topic_thread_id] == "🔴 #1 Ivy · open"

    await world.user_sends(7301, photo=PHOTO)
    await wait_for(lambda: any(s.method == "copyMessage" for s in staff_messages(world)))
    copied = next(s for s in staff_messages(world) if s.method == "copyMessage")
    assert copied.message["message_thread_id"] == c.topic_thread_id

    # Any message in the topic goes to the customer; no reply needed.
    await world.user_sends(
        AGENT, "Sending a new one today", chat_id=STAFF_CHAT, thread_id=c.topic_thread_id
    )
    await wait_new_message(world, 7301, "Sending a new one today")
    await wait_for(lambda: "in progress" in world.topic_names[c.topic_thread_id or 0])
    assert "Handled by Alex" in str(shown.text)

    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    await wait_new_message(world, 7301, "Was your issue resolved?")
    await wait_for(lambda: "waiting for" in world.topic_names[c.topic_thread_id or 0])
    assert (await complaint(app, 1)).status == "resolved"
    assert world.count(status=429) == 0
