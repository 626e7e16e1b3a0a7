"""Telegram upgrades the staff group to a supergroup (an owner turned on Topics): the bot follows
it to the new id, from the 400 with `migrate_to_chat_id` or from the service messages, posts
the open cards there again, tells the owners once, and nothing a customer wrote is lost; the
move survives a restart."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from aiogram.methods import EditMessageText

from bot.app import App
from faketg import FakeTelegramServer, World
from faketg.world import Sent
from storage.states import Purpose
from tests.support.helpers import health, sender_idle, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.processes import STARTING
from tests.support.staffroom import AGENT, OWNER, cards_of, complaint, failed_sends, staff_group

ROOT = Path(__file__).resolve().parents[2]
OLD = -4000000001  # a basic group: ids without the -100 prefix
NEW = -1009000000002


def basic_staff_group(world: World) -> None:
    staff_group(world)  # the people
    world.add_group(OLD, "Support team", [AGENT, OWNER], basic=True)


def card_in(world: World, chat: int, number: int) -> Sent | None:
    found = cards_of(world, number, chat)
    return found[-1] if found else None


async def wait_card(world: World, chat: int, number: int) -> Sent:
    await wait_for(lambda: card_in(world, chat, number) is not None, what=f"card #{number}")
    found = card_in(world, chat, number)
    assert found is not None
    return found


def owner_notices(world: World) -> list[str]:
    return [str(s.text) for s in world.sent_to(OWNER) if "supergroup" in str(s.text)]


async def test_the_staff_group_upgraded_under_the_bot_is_followed_from_the_refusal(
    make_app: MakeApp, fake: FakeTelegramServer, tmp_path: Path
) -> None:
    world = fake.world
    basic_staff_group(world)
    settings = {"staff_chat_id": OLD, "owner_ids": str(OWNER)}
    app = await make_app(**settings)
    world.add_user(7201, "Dana", "en")
    world.add_user(7202, "Eli", "en")
    await world.user_sends(7201, "My order never arrived")
    await wait_card(world, OLD, 1)
    await card_recorded_in(app, 1, OLD)

    # An owner turns on Topics: Telegram moves the group; here the bot misses the service
    # messages and learns it from the next send's refusal.
    await world.upgrade_group(OLD, NEW, by=OWNER, announce=False)
    await world.user_sends(7202, "The box came crushed")
    second = await wait_card(world, NEW, 2)
    first = await wait_card(world, NEW, 1)  # the open complaint's card, posted again
    assert "My order never arrived" in str(first.text) and "crushed" in str(second.text)
    await wait_for(lambda: len(owner_notices(world)) == 1, what="the owner told")
    notice = owner_notices(world)[0]
    assert f"STAFF_CHAT_ID={NEW}" in notice and str(OLD) in notice
    assert "the card of the 1 open complaint was posted there again" in notice
    await card_recorded_in(app, 1, NEW)
    await card_recorded_in(app, 2, NEW)

    # Staff work in the new chat: a reply to the reposted card reaches the customer, and the
    # customer's next words reach the new chat.
    await world.user_sends(AGENT, "We are on it, Dana", chat_id=NEW, reply_to=first.message_id)
    await wait_new_message(world, 7201, "We are on it, Dana")
    await world.user_sends(7201, "Thanks, waiting")
    await wait_for(lambda: any("Thanks, waiting" in str(s.text) for s in world.sent_to(NEW)))
    assert world.count(status=400) >= 1
    assert await failed_sends(app) == 0  # nothing given up: the refused card went to NEW

    # An edit of the old card queued before the move: that message stayed in the old group,
    # so nothing is sent, and the complaint keeps its one card in the new chat.
    old_card = card_in(world, OLD, 1)
    assert old_card is not None
    async with app.db.transaction() as tx:
        edit = EditMessageText(chat_id=OLD, message_id=old_card.message_id, text="stale")
        await app.outbox.send(tx, edit, purpose=Purpose.CARD_EDIT, ref=1)
    assert await sender_idle(app, 10)
    assert len(cards_of(world, 1, NEW)) == 1

    # After a restart the bot goes straight to the new chat.
    await app.stop()
    refusals = world.count(status=400)
    app = await make_app(**settings)
    world.add_user(7203, "Fay", "en")
    await world.user_sends(7203, "Wrong size")
    await wait_card(world, NEW, 3)
    assert world.count(status=400) == refusals
    assert len(owner_notices(world)) == 1
    assert card_in(world, OLD, 3) is None
    status, body = await health(app)
    assert status == 200
    assert body["staff_chat"] == {"id": NEW, "setting": OLD, "reachable": True}

    # check-config says which id to write.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BOT_TOKEN": "1:made-up"}
    env |= {"STAFF_CHAT_ID": str(OLD), "DATABASE_URL": app.db.url.url}
    env |= {"OWNER_IDS": str(OWNER), "API_TOKEN": "made-up"}  # ready: no warnings
    env |= {"PUBLIC_URL": "https://shop.example"}
    result = await asyncio.to_thread(check_config, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"the bot uses {NEW} (set STAFF_CHAT_ID={NEW})" in result.stdout


async def test_the_service_messages_move_the_bot_before_any_send_fails(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    basic_staff_group(world)
    app = await make_app(staff_chat_id=OLD, owner_ids=str(OWNER))
    await world.upgrade_group(OLD, NEW, by=OWNER, forum=True)
    await wait_for(lambda: len(owner_notices(world)) == 1, what="the owner told")
    assert "posted there again" not in owner_notices(world)[0]  # nothing was open
    world.add_user(7204, "Gus", "en")
    await world.user_sends(7204, "Nobody answers the phone")
    card = await wait_card(world, NEW, 1)
    assert card.message.get("message_thread_id") is not None  # Topics on: a topic of its own
    assert world.count(status=400) == 0
    await card_recorded_in(app, 1, NEW)
    assert (await complaint(app, 1)).topic_thread_id is not None


def check_config(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check-config"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=STARTING,
        check=False,
    )


async def card_recorded_in(app: App, number: int, chat: int) -> None:
    for _ in range(500):
        c = await complaint(app, number)
        if c.card_chat_id == chat and c.card_message_id is not None:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the card of #{number} was never recorded in {chat}")
