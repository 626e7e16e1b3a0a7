"""Internal notes stay internal on every path a note can take: a reply to the card, a note in
a complaint's topic, a photo captioned as a note, a reply to a note, a note edited afterwards,
a saved reply typed as a note, a note with spaces before its "!", a reply to a note without
one. After all of them, one real
reply goes through: the customer received exactly that, and nothing else from staff."""

from __future__ import annotations

import time
from typing import Any

import pytest

from faketg import FakeTelegramServer, World
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, started
from tests.support.staffroom import AGENT, AGENT_2, OWNER, card, recorded, staff_group

PHOTO = [{"file_id": "ph-9", "file_unique_id": "u-ph-9", "width": 90, "height": 90}]
SECRET = "scammer"  # every note says it; the customer must never see it


async def edit(world: World, update: dict[str, Any], text: str) -> None:
    """The author edits their message (Telegram sends `edited_message`)."""
    message = {**update["message"], "text": text, "edit_date": int(time.time())}
    await world.push_update({"edited_message": message})


@pytest.mark.parametrize("forum", [False, True], ids=["card replies", "topics"])
async def test_no_note_reaches_the_customer_on_any_path(
    make_app: MakeApp, fake: FakeTelegramServer, forum: bool
) -> None:
    world = fake.world
    staff_group(world, forum=forum)
    app = await make_app(owner_ids=str(OWNER))
    await started(world, OWNER, "Olive", "en", staff=True)
    await started(world, 7701, "Dana", "en")
    await world.user_sends(OWNER, "/saved add refund We refunded you.")
    await wait_for(lambda: len(world.sent_to(OWNER)) >= 2, what="saved")
    await world.user_sends(7701, "Where is my parcel?")
    await card(world, 1)
    c = await recorded(app, 1)
    where: dict[str, Any] = (
        {"thread_id": c.topic_thread_id} if forum else {"reply_to": c.card_message_id}
    )
    received_before = len(world.sent_to(7701))

    note = await world.user_sends(AGENT, f"!{SECRET}: check them", chat_id=STAFF_CHAT, **where)
    await world.user_sends(
        AGENT, caption=f"!{SECRET} photo", photo=PHOTO, chat_id=STAFF_CHAT, **where
    )
    await world.user_sends(AGENT, f"  !{SECRET} with spaces", chat_id=STAFF_CHAT, **where)
    await world.user_sends(AGENT, "!/saved refund", chat_id=STAFF_CHAT, **where)
    await world.user_sends(AGENT, f"! {SECRET} /saved refund", chat_id=STAFF_CHAT, **where)
    await edit(world, note, f"{SECRET}: edited, no longer marked")
    reply_to_note = {"reply_to": note["message"]["message_id"]}
    if forum:
        reply_to_note["thread_id"] = c.topic_thread_id or 0
    await world.user_sends(
        AGENT, f"!{SECRET} replying to the note", chat_id=STAFF_CHAT, **reply_to_note
    )
    await world.user_sends(AGENT_2, f"{SECRET}? agreed", chat_id=STAFF_CHAT, **reply_to_note)
    await world.user_sends(AGENT, "Your parcel leaves today.", chat_id=STAFF_CHAT, **where)

    await wait_for(
        lambda: any("leaves today" in str(s.text) for s in world.sent_to(7701)), what="the reply"
    )
    from_staff = world.sent_to(7701)[received_before:]
    assert [s.method for s in from_staff if "leaves today" in str(s.text)] == ["copyMessage"]
    leaked = [s.text for s in from_staff if SECRET in str(s.text) or "refunded" in str(s.text)]
    assert leaked == []
    async with app.db.read() as tx:
        history = await tx.complaints.messages(1)
    notes = [m.text for m in history if m.direction == "note"]
    assert len(notes) == 7 and all(SECRET in str(n) or "/saved" in str(n) for n in notes)
    sent = [m.text for m in history if m.direction == "to_customer"]
    assert sent == ["Your parcel leaves today."]
