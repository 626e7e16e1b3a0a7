"""History spans the customer's complaints: the button on a new complaint shows the earlier
ones (number, when, how they ended) with what was said, then this one's messages."""

from __future__ import annotations

from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, wait_for
from tests.support.journey import MakeApp, button, started, wait_new_message
from tests.support.staffroom import (
    AGENT,
    card,
    recorded,
    staff_button,
    staff_group,
    wait_for_staff_text,
)


async def test_history_shows_the_customers_earlier_complaints_first(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    await started(world, 7801, "Dana", "en")
    await world.user_sends(7801, "The lid was broken")
    first = await card(world, 1)
    c = await recorded(app, 1)
    await world.user_sends(
        AGENT, "A new lid is on its way", chat_id=STAFF_CHAT, reply_to=c.card_message_id
    )
    await wait_new_message(world, 7801, "new lid")
    await world.user_presses(AGENT, first, staff_button(first, "Resolve"))
    asked = await wait_new_message(world, 7801, "Was your issue resolved?")
    await world.user_presses(7801, asked, button(asked, "Yes, resolved"))
    await wait_for(lambda: "closed" in str(first.text), what="closed")

    await world.user_sends(7801, "Now the handle came off")
    second = await card(world, 2)
    await world.user_presses(AGENT, second, staff_button(second, "History"))
    history = await wait_for_staff_text(world, "History of complaint #2")
    lines = history.splitlines()
    earlier = next(i for i, line in enumerate(lines) if "#1" in line)
    assert "closed" in lines[earlier] and "confirmed resolved" in lines[earlier]
    assert "The lid was broken" in lines[earlier + 1]
    assert "A new lid is on its way" in lines[earlier + 2]
    this = next(i for i, line in enumerate(lines) if "Now the handle came off" in line)
    assert this > earlier + 2 and "#2" in lines[this - 1]
