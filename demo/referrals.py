"""The demo's "bring a friend" act: a promoter's personal link, a friend who joins and buys."""

from __future__ import annotations

import aiohttp

from bot.app import App
from demo.complaints import say, wait_until
from demo.surveys import DEMO_API_TOKEN, NAMES
from faketg import World
from faketg.world import Sent

FRIEND = 9150  # made-up new customer "Vera"


def _invitation(world: World) -> tuple[int, Sent] | None:
    """The first promoter's personal invitation message, if any promoter finished."""
    for user in range(9100, 9100 + len(NAMES)):
        for sent in world.sent_to(user):
            if "?start=ref_" in str(sent.text):
                return user, sent
    return None


async def referral_act(app: App, world: World) -> None:
    print("\n6. A promoter's personal invitation brings a friend, whose first purchase counts")
    found = _invitation(world)
    if found is None:
        print("   (no promoter finished a survey this time)")
        return
    advocate, invitation = found
    name = NAMES[advocate - 9100]
    say(f"bot→{name}", str(invitation.text))
    print(f"  {'':>10} │ {[b['text'] for row in invitation.buttons for b in row]}")
    link = str(invitation.text).split()[-1]
    world.add_user(FRIEND, "Vera", "en")
    payload = link.split("?start=")[1]
    await world.user_sends(FRIEND, f"/start {payload}")
    say("Vera", f"(forwarded the message, taps the link) /start {payload}")
    await wait_until(
        lambda: any("A friend invited you" in str(s.text) for s in world.sent_to(FRIEND))
    )
    welcome = next(s for s in world.sent_to(FRIEND) if "A friend invited you" in str(s.text))
    say("bot→Vera", str(welcome.text).split("\n\n")[0])
    before = len(world.sent_to(advocate))
    body = {"order_id": "DEMO-FRIEND-1", "amount": 80, "currency": "EUR", "branch": "north",
            "customer": {"telegram_id": FRIEND, "name": "Vera"}}  # fmt: skip
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{app.port}/api/v1/purchases",
            json=body,
            headers={"Authorization": f"Bearer {DEMO_API_TOKEN}"},
        ) as resp,
    ):
        print(f"   POST /api/v1/purchases (Vera's first order) → {resp.status}")
    await wait_until(lambda: len(world.sent_to(advocate)) > before)
    say(f"bot→{name}", str(world.sent_to(advocate)[-1].text))
    async with app.db.read() as tx:
        row = await tx.conn.fetch_one("SELECT COUNT(*), COUNT(purchased_at) FROM referrals")
    assert row is not None
    print(f"   referrals now: {row[0]} friend joined, {row[1]} bought")
