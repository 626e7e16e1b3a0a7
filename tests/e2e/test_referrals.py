"""Bring a friend end to end: a promoter's personal link, a friend attributed once, the friend's
first purchase converting it; self, forged and known-customer links refused; forgetting."""

from __future__ import annotations

from bot.app import App
from faketg import FakeTelegramServer, World
from faketg.world import Sent
from tests.support.helpers import wait_for
from tests.support.journey import (
    MakeApp,
    button,
    get,
    post,
    started,
    wait_new_message,
)

OFFER = "10% off your first order with the code FRIEND"
ADA, BEN, CAL, DEE = 7301, 7302, 7303, 7304


async def finish_as_promoter(world: World, user: int) -> Sent:
    invite = await wait_new_message(world, user, "recommend us")
    await world.user_presses(user, invite, button(invite, "10"))
    await wait_for(lambda: "What did you like most" in str(invite.text))
    await world.user_presses(user, invite, button(invite, "Skip"))
    await wait_for(lambda: "How satisfied" in str(invite.text))
    await world.user_presses(user, invite, button(invite, "5"))
    await wait_for(lambda: "Compared with" in str(invite.text))
    await world.user_presses(user, invite, button(invite, "Better"))
    await wait_for(lambda: str(invite.text).startswith("Thank you"))
    return invite


async def referrals(app: App) -> list[tuple[object, ...]]:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT advocate_id, friend_id, purchased_at IS NOT NULL FROM referrals ORDER BY id"
        )
    return [tuple(row) for row in rows]


async def customer_id(app: App, telegram_id: int) -> int:
    async with app.db.read() as tx:
        found = await tx.customers.by_telegram_id(telegram_id)
    assert found is not None
    return found.id


async def test_a_promoters_link_brings_a_friend_whose_first_purchase_converts(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app = await make_app(
        referral_offer=OFFER, referral_url="https://shop.example/ref", shop_name="Corner Books"
    )
    await started(world, ADA, "Ada", "en")
    await started(world, DEE, "Dee", "en")  # a customer already
    assert (await post(app, {"order_id": "A-1", "customer": {"telegram_id": ADA}}))[0] == 201
    thanks = await finish_as_promoter(world, ADA)
    assert "Forward them the next message" in str(thanks.text)
    assert "shop.example/ref" not in str(thanks.text)  # the personal link takes its place
    invitation = await wait_new_message(world, ADA, "I recommend Corner Books.")  # SHOP_NAME
    assert OFFER in str(invitation.text)
    link = str(invitation.text).split("Here is the link: ")[1].strip()
    assert link.startswith("https://t.me/") and "?start=ref_" in link
    share = invitation.buttons[0][0]
    assert share["text"] == "Share with a friend"
    assert share["url"].startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2F")
    payload = link.split("?start=")[1]

    # Her own link, a forged one, a known customer: no attribution.
    await world.user_sends(ADA, f"/start {payload}")
    await wait_new_message(world, ADA, "That is your own invitation link")
    world.add_user(CAL, "Cal", "en")
    await world.user_sends(CAL, "/start ref_NotARealToken")
    await wait_for(lambda: len(world.sent_to(CAL)) == 2, what="Cal greeted")
    assert not any("A friend invited you" in str(s.text) for s in world.sent_to(CAL))
    await world.user_sends(DEE, f"/start {payload}")
    await wait_for(lambda: len(world.sent_to(DEE)) == 4, what="Dee greeted again")
    assert not any("A friend invited you" in str(s.text) for s in world.sent_to(DEE))
    assert await referrals(app) == []

    # A new friend: welcomed with the offer, attributed once.
    world.add_user(BEN, "Ben", "en")
    await world.user_sends(BEN, f"/start {payload}")
    welcome = await wait_new_message(world, BEN, "A friend invited you")
    assert OFFER in str(welcome.text)
    await world.user_sends(BEN, f"/start {payload}")
    await wait_for(lambda: len(world.sent_to(BEN)) == 4, what="Ben greeted again")
    ada, ben = await customer_id(app, ADA), await customer_id(app, BEN)
    assert await referrals(app) == [(ada, ben, False)]

    # The friend's first purchase converts it; the advocate is thanked once.
    assert (await post(app, {"order_id": "B-1", "customer": {"telegram_id": BEN}}))[0] == 201
    await wait_new_message(world, ADA, "A friend you invited has made their first purchase")
    assert await referrals(app) == [(ada, ben, True)]
    assert (await post(app, {"order_id": "B-2", "customer": {"telegram_id": BEN}}))[0] == 201
    ben_invite = await wait_new_message(world, BEN, "recommend us")
    await world.user_presses(BEN, ben_invite, button(ben_invite, "8"))
    await wait_for(lambda: "make it a 10" in str(ben_invite.text))
    thanked = [s for s in world.sent_to(ADA) if "first purchase" in str(s.text)]
    assert len(thanked) == 1

    status, stats = await get(app, "/api/v1/stats")
    assert status == 200
    assert stats["referrals"] == {"links_sent": 1, "friends_joined": 1, "friends_purchased": 1}
    _, page = await get(app, "/api/v1/responses")
    assert {r["order_id"]: r["referred"] for r in page["responses"]} == {"A-1": 0, "B-1": 1}

    # Ada asks to be forgotten: the attribution loses her, the counts stay.
    await world.user_sends(ADA, "/forget_me")
    confirm = await wait_new_message(world, ADA, "This cannot be undone.")
    await world.user_presses(ADA, confirm, button(confirm, "Yes, erase"))
    await wait_for(lambda: "Yes, erase" not in str(confirm.buttons))
    await wait_for(lambda: fake.world.count() > 0)
    async with app.db.read() as tx:
        gone = await tx.customers.get(ada)
    assert gone is not None and gone.forgotten_at is not None
    assert await referrals(app) == [(None, ben, True)]
    _, stats = await get(app, "/api/v1/stats")
    assert stats["referrals"] == {"links_sent": 1, "friends_joined": 1, "friends_purchased": 1}
    assert world.count(status=429) == 0
