"""/find in the staff chat, end to end against the fake: complaints by words, name, number or
phone, newest first, linked to their cards; usage when empty; strangers get nothing."""

from __future__ import annotations

from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, started
from tests.support.staffroom import (
    AGENT,
    STRANGER,
    card,
    recorded,
    staff_group,
    staff_messages,
)
from tests.support.texts import EN


async def answer_to(fake: FakeTelegramServer, user: int, typed: str) -> str:
    world = fake.world
    before = len(staff_messages(world))
    await world.user_sends(user, typed, chat_id=STAFF_CHAT)
    await wait_for(lambda: len(staff_messages(world)) > before, what=f"answer to {typed!r}")
    return str(staff_messages(world)[before].text)


async def test_find_lists_matching_complaints_newest_first_with_links(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    await started(world, 7301, "Dana", "en")
    await started(world, 7302, "Boris", "en")
    await world.user_sends(7301, "The blender arrived with a cracked jug")
    await card(world, 1)
    first = await recorded(app, 1)
    await world.user_sends(7302, "Courier was two hours late")
    await card(world, 2)
    await world.user_sends(7302, "And the jug is cracked too")  # his complaint's history
    await wait_for(lambda: any("jug is cracked" in str(s.text) for s in staff_messages(world)))

    found = await answer_to(fake, AGENT, "/find Cracked")
    assert found.startswith(EN("complaint.find.title", query="Cracked"))
    lines = found.split("\n")[1:]
    assert [line.split("#")[1].split("<")[0] for line in lines] == ["2", "1"]  # newest first
    link = f"https://t.me/c/{str(STAFF_CHAT)[4:]}/{first.card_message_id}"
    assert f'<a href="{link}">#1</a>' in lines[1]
    assert "Dana" in lines[1] and "cracked jug" in lines[1]

    assert "#1" in await answer_to(fake, AGENT, "/find dana")
    assert "Boris" in await answer_to(fake, AGENT, "/find #2")
    nothing = await answer_to(fake, AGENT, "/find refund")
    assert nothing == EN("complaint.find.none", query="refund")
    assert await answer_to(fake, AGENT, "/find") == EN("complaint.find.usage")

    asked = len(staff_messages(world))
    await world.user_sends(STRANGER, "/find dana", chat_id=STAFF_CHAT)
    await world.user_sends(AGENT, "/open", chat_id=STAFF_CHAT)  # answered after the stranger
    await wait_for(lambda: len(staff_messages(world)) > asked)
    assert len(staff_messages(world)) == asked + 1
    assert "Open complaints" in str(staff_messages(world)[-1].text)
