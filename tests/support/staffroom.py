"""The staff side of the complaint journeys: a staff group in the fake, its cards and buttons."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app import App
from faketg import World
from faketg.world import Sent
from storage.models import Complaint
from storage.states import OutboxStatus
from tests.support.helpers import STAFF_CHAT, wait_for

STATUSES = ("open", "in progress", "waiting for the customer's confirmation", "closed")
AGENT = 9001
AGENT_2 = 9002
STRANGER = 9100
MANAGER = 9200
OWNER = 9300

# The pacer at Telegram's own limits, against a fake that enforces them.
REAL_LIMITS: dict[str, Any] = {
    "send_global_per_second": 30,
    "send_private_per_second": 1,
    "send_group_per_minute": 20,
}


def staff_group(world: World, forum: bool = False) -> None:
    world.add_user(AGENT, "Alex", "en", username="alex_support")
    world.add_user(AGENT_2, "Sam", "en")
    world.add_user(STRANGER, "Mallory", "en")
    world.add_user(MANAGER, "Morgan", "en")
    world.add_user(OWNER, "Olive", "en")
    world.add_group(STAFF_CHAT, "Support team", [AGENT, AGENT_2, MANAGER], forum=forum)


def staff_messages(world: World) -> list[Sent]:
    return world.sent_to(STAFF_CHAT)


def cards_of(world: World, number: int, chat: int = STAFF_CHAT) -> list[Sent]:
    """Every card of complaint `number` posted in `chat`, oldest first."""
    title = f"Complaint #{number}"
    return [
        s
        for s in world.sent_to(chat)
        if s.buttons
        and str(s.text)
        .split("\n")[0]
        .endswith(tuple(f"{title}</b> · {status}" for status in STATUSES))
    ]


async def card(world: World, number: int) -> Sent:
    """The card of complaint `number` once it is in the staff chat."""

    def find() -> Sent | None:
        found = cards_of(world, number)
        return found[-1] if found else None

    await wait_for(lambda: find() is not None, within=15, what=f"card of #{number}")
    found = find()
    assert found is not None
    return found


async def complaint(app: App, number: int) -> Complaint:
    async with app.db.read() as tx:
        found = await tx.complaints.get(number)
    assert found is not None
    return found


async def recorded(app: App, number: int) -> Complaint:
    """The complaint once the bot has recorded its card's message id (replies need it)."""
    for _ in range(500):
        found = await complaint(app, number)
        if found.card_message_id is not None:
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"the card of #{number} was never recorded")


def staff_button(sent: Sent, label: str) -> str:
    return str(next(b for row in sent.buttons for b in row if b["text"] == label)["callback_data"])


def alert_for(world: World, update: dict[str, Any]) -> str | None:
    answer = world.callbacks[update["callback_query"]["id"]]
    return answer["answer"].get("text") if answer["answered"] else None


async def wait_for_staff_text(world: World, needle: str) -> str:
    """The text of the first staff-chat message containing `needle`, once there is one."""
    await wait_for(
        lambda: any(needle in str(s.text) for s in staff_messages(world)), what=repr(needle)
    )
    return next(str(s.text) for s in staff_messages(world) if needle in str(s.text))


async def failed_sends(app: App) -> int:
    """Outbox rows given up: a staff-chat event must not cost any."""
    async with app.db.read() as tx:
        row = await tx.conn.fetch_one(
            "SELECT COUNT(*) FROM outbox WHERE status = ?", (str(OutboxStatus.FAILED),)
        )
    assert row is not None
    return int(row[0])


QUESTION = "What was done about it?"


async def question(world: World, number: int) -> Sent:
    def find() -> Sent | None:
        return next(
            (
                s
                for s in staff_messages(world)
                if f"Complaint #{number} is resolved. {QUESTION}" in str(s.text)
            ),
            None,
        )

    await wait_for(lambda: find() is not None, what=f"the question about #{number}")
    found = find()
    assert found is not None
    return found


async def alert(world: World, user: int, sent: Sent, data: str) -> str | None:
    pressed = await world.user_presses(user, sent, data)
    await wait_for(lambda: alert_for(world, pressed) is not None, what="the alert")
    return alert_for(world, pressed)
