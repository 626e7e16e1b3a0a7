"""The bot removed from the staff group: the owners and managers are told at once, in private;
complaints keep coming in and wait; what customers write is kept; take reminders reach the
leads in private; /healthz says the chat is unreachable without asking for a restart; when the
bot is added back, what waited is posted there. Also when Telegram's 403 is the first sign, and
a STAFF_CHAT_ID the bot cannot use at start."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.app import App
from faketg import FakeTelegramServer, World
from tests.support.helpers import STAFF_CHAT, ManualClock, health, sender_idle, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import MANAGER, OWNER, card, failed_sends, recorded, staff_group

LEADS = (OWNER, MANAGER)


def told(world: World, person: int, needle: str) -> list[str]:
    return [str(s.text) for s in world.sent_to(person) if needle in str(s.text)]


async def each_lead_told(world: World, needle: str, times: int) -> None:
    for lead in LEADS:

        def seen(lead: int = lead) -> bool:
            return len(told(world, lead, needle)) == times

        await wait_for(seen, what=f"{lead} told {needle!r} {times}x")


async def metrics_text(app: App) -> str:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}/metrics") as resp,
    ):
        return await resp.text()


def settings() -> dict[str, object]:
    return {"owner_ids": str(OWNER), "manager_ids": str(MANAGER), "sla_take": "PT15M"}


async def test_removed_from_the_staff_group_the_leads_are_told_and_nothing_is_lost(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    clock = ManualClock(datetime.now(UTC))
    app = await make_app(clock=clock, **settings())
    world.add_user(7301, "Dana", "en")
    world.add_user(7302, "Eli", "en")
    await world.user_sends(7301, "The handle broke off")
    await card(world, 1)
    await recorded(app, 1)

    await world.remove_bot(STAFF_CHAT, by=OWNER)
    await each_lead_told(world, "cannot write", 1)
    assert "Add the bot back to the group" in told(world, OWNER, "cannot write")[0]
    status, body = await health(app)
    assert status == 200 and body["staff_chat"]["reachable"] is False
    assert "removed from the group" in body["staff_chat"]["problem"]
    assert "feedbackbot_staff_chat_reachable 0.0" in await metrics_text(app)

    sent_before = len(world.sent_to(STAFF_CHAT))
    await world.user_sends(7302, "Two weeks late")
    await wait_new_message(world, 7302, "request #2")  # the customer is answered as usual
    await world.user_sends(7301, "Any news about the handle?")
    clock.advance(timedelta(minutes=16))  # past the take deadline: the leads, in private
    await each_lead_told(world, "nobody has taken it", 2)
    assert len(world.sent_to(STAFF_CHAT)) == sent_before  # nothing tried where nobody reads
    assert len(told(world, OWNER, "cannot write")) == 1  # told once

    await world.add_bot_back(STAFF_CHAT, by=OWNER)
    await wait_for(lambda: len(told(world, OWNER, "back in the staff chat")) == 1)
    assert "1 complaint that waited" in told(world, OWNER, "back in the staff chat")[0]
    second = await card(world, 2)
    assert "Two weeks late" in str(second.text)
    await wait_for(
        lambda: any("Any news about the handle?" in str(s.text) for s in world.sent_to(STAFF_CHAT))
    )
    status, body = await health(app)
    assert body["staff_chat"]["reachable"] is True
    assert await failed_sends(app) == 0


async def test_a_refused_card_is_the_first_sign_and_it_waits_for_the_bot_to_return(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(**settings())
    world.updates.clear()
    await world.remove_bot(STAFF_CHAT, by=OWNER)
    world.updates.clear()  # the bot misses the my_chat_member update (it was down, say)
    world.add_user(7303, "Fay", "en")
    await world.user_sends(7303, "Wrong colour")
    await wait_for(lambda: len(told(world, OWNER, "cannot write")) == 1, what="owner told")
    assert "bot was kicked from the supergroup chat" in told(world, OWNER, "cannot write")[0]
    async with app.db.read() as tx:
        waiting = await tx.complaints.get(1)
    assert waiting is not None and waiting.card_due_at is not None  # it waits to be posted

    await world.add_bot_back(STAFF_CHAT, by=OWNER)
    shown = await card(world, 1)
    assert "Wrong colour" in str(shown.text)


async def test_a_staff_chat_the_bot_cannot_use_is_reported_at_start(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(staff_chat_id=-1009999999999, **settings())  # a typo in the id
    await each_lead_told(world, "cannot write", 1)
    assert "chat not found" in told(world, MANAGER, "cannot write")[0]
    status, body = await health(app)
    assert status == 200 and body["staff_chat"]["reachable"] is False


async def test_leads_named_after_the_chat_was_lost_are_told_at_their_start(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """A new shop keeps .env.example's STAFF_CHAT_ID and no OWNER_IDS at first: the chat is
    lost with nobody to tell. The owner set afterwards is told at the next start (not never),
    and a take reminder says that staff cannot see the complaint."""
    world = fake.world
    staff_group(world)
    wrong = {"staff_chat_id": -1001234567890, "sla_take": "PT15M"}
    first = await make_app(**wrong)
    await wait_for(lambda: first.wiring.core.learned.staff_chat_lost is not None, what="lost")
    await first.stop()
    clock = ManualClock(datetime.now(UTC))
    world.add_user(OWNER, "Olive", "en")
    await make_app(clock=clock, owner_ids=str(OWNER), **wrong)
    await wait_for(lambda: len(told(world, OWNER, "cannot write")) == 1, what="the owner told")
    assert ".env.example" in told(world, OWNER, "cannot write")[0]  # what is wrong, said
    world.add_user(7303, "Fay", "en")
    await world.user_sends(7303, "The lid does not close")
    await wait_new_message(world, 7303, "request #1")
    clock.advance(timedelta(minutes=16))
    await wait_for(lambda: len(told(world, OWNER, "nobody has taken it")) == 1, what="reminder")
    assert "staff cannot see it" in told(world, OWNER, "nobody has taken it")[0]
    assert len(told(world, OWNER, "cannot write")) == 1  # told once


async def test_privacy_mode_in_a_forum_the_bot_is_no_admin_of_is_told_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world, forum=True)
    world.privacy_mode = True
    app = await make_app(**settings())
    await each_lead_told(world, "privacy mode is on", 1)
    await app.stop()
    app = await make_app(**settings())
    await asyncio.wait_for(app.connected.wait(), 10)  # the check is done by then
    assert await sender_idle(app, 5)
    assert len(told(world, OWNER, "privacy mode is on")) == 1  # once, not at every start
    await app.stop()
    world.bot_admin_in.add(STAFF_CHAT)  # an administrator sees everything
    world.sent.clear()
    app = await make_app(**settings())
    await asyncio.wait_for(app.connected.wait(), 10)
    assert await sender_idle(app, 5)
    assert not told(world, OWNER, "privacy mode")


async def test_a_group_the_bot_is_added_to_logs_its_id_for_the_settings(
    make_app: MakeApp, fake: FakeTelegramServer, caplog: pytest.LogCaptureFixture
) -> None:
    world = fake.world
    staff_group(world)
    await make_app(**settings())
    other = -1007770000001
    world.add_group(other, "The real staff group", [OWNER])
    await world.remove_bot(other, by=OWNER)
    with caplog.at_level(logging.INFO, logger="handlers.chats"):
        await world.add_bot_back(other, by=OWNER)
        await wait_for(lambda: f"set STAFF_CHAT_ID={other}" in caplog.text)
    assert "The real staff group" not in caplog.text  # ids only
