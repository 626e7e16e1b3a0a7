"""A customer's "thank you" after a survey, a staff reply or /stop gets a warm answer and opens
nothing (no card, no reminder, no escalation to the owner); a problem still opens a complaint,
and while a complaint is open, thanks go on to the staff as part of the conversation."""

from __future__ import annotations

from faketg import FakeTelegramServer
from tests.support.helpers import STAFF_CHAT, sender_idle, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import OWNER, card, staff_group

BORIS = 7601


async def test_thanks_open_nothing_and_a_problem_still_does(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(owner_ids=str(OWNER), sla_take="1", sla_resolve="2")
    world.add_user(BORIS, "Борис", "ru")
    await world.user_sends(BORIS, "Спасибо!")
    await wait_new_message(world, BORIS, "Пожалуйста! 😊")
    await world.user_sends(BORIS, "/stop")
    await world.user_sends(BORIS, "👍")
    await wait_for(lambda: sum("Пожалуйста!" in str(s.text) for s in world.sent_to(BORIS)) == 2)
    assert await sender_idle(app, 5)
    async with app.db.read() as tx:
        assert await tx.complaints.counts() == {}
    assert not world.sent_to(STAFF_CHAT)

    await world.user_sends(BORIS, "Спасибо, но заказ так и не пришёл")
    await wait_new_message(world, BORIS, "обращение №1")
    await card(world, 1)
    await world.user_sends(BORIS, "Спасибо, жду")  # the open complaint's conversation
    await wait_for(lambda: any("Спасибо, жду" in str(s.text) for s in world.sent_to(STAFF_CHAT)))
