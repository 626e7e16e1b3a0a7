"""A storm: 200 complaints in well under a minute reach a staff chat limited to 20 messages a
minute, every one of them, with no 429, as a few cards and then coalesced summaries."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from functools import partial

from bot.complaints import relay
from faketg import FakeTelegramServer
from faketg.limits import max_in_window
from faketg.world import Sent
from tests.support.helpers import STAFF_CHAT, ManualClock, wait_for
from tests.support.journey import MakeApp
from tests.support.staffroom import (
    AGENT,
    card,
    cards_of,
    recorded,
    staff_button,
    staff_group,
    staff_messages,
)

COMPLAINTS = 200
NUMBER = re.compile(r"#(\d+)\b")
PHOTO = [{"file_id": "ph-9", "file_unique_id": "u-ph-9", "width": 90, "height": 90}]


async def test_two_hundred_complaints_reach_the_staff_chat_without_a_429(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(real_limits=True, storm_cards_per_minute=4)
    customers = world.add_users(30000, COMPLAINTS)
    for n, user_id in enumerate(customers):
        await world.user_sends(user_id, f"Problem number {n}")
        await asyncio.sleep(0.02)  # about 200 in 5-10 s

    def numbers_seen() -> set[int]:
        seen: set[int] = set()
        for sent in staff_messages(world):
            seen.update(int(n) for n in NUMBER.findall(str(sent.text)))
        return seen

    everyone = set(range(1, COMPLAINTS + 1))
    await wait_for(lambda: everyone <= numbers_seen(), within=90, what="every complaint shown")
    group = staff_messages(world)
    summaries = [s for s in group if "new complaints at once" in str(s.text)]
    assert len(group) <= 15, len(group)  # 4 cards, then about one summary per 25 complaints
    assert summaries and all(s.buttons for s in summaries)
    assert world.count(status=429) == 0
    assert max_in_window([s.at for s in group], 60.0) <= 20
    async with app.db.read() as tx:
        modes = [(await tx.complaints.get(n)) for n in everyone]
    assert all(c is not None and c.card_due_at is None for c in modes)
    await wait_for(
        lambda: all(any("request #" in str(s.text) for s in world.sent_to(u)) for u in customers),
        within=30,
        what="every customer told",
    )

    # A number under a summary opens that complaint's full card on demand.
    summary = summaries[0]
    number = int(NUMBER.findall(str(summary.text))[0])
    await world.user_presses(AGENT, summary, staff_button(summary, f"#{number}"))
    shown = await card(world, number)
    assert "Problem number" in str(shown.text)


async def test_summaries_of_maximum_length_names_split_by_whole_lines(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Names, usernames and comments at Telegram's maximum lengths, full of characters HTML
    escapes: every summary must still parse, fit, and name every complaint."""
    world = fake.world
    staff_group(world)
    await make_app(storm_cards_per_minute=0)  # one card a minute: the rest go into summaries
    customers = list(range(31000, 31050))
    for user_id in customers:
        world.add_user(user_id, ("<&>" * 22)[:64], "en", username=f"u{user_id}".ljust(32, "x"))
        await world.user_sends(user_id, "&<b>" * 1000)

    def summaries() -> list[Sent]:
        return [s for s in staff_messages(world) if "at once" in str(s.text)]

    def numbers() -> set[int]:
        return {int(n) for s in summaries() for n in NUMBER.findall(str(s.text))}

    await wait_for(lambda: numbers() >= set(range(2, 51)), within=45, what="all 50 listed")
    assert cards_of(world, 1)  # the first came alone: its own card
    assert world.count(status=400) == 0
    for summary in summaries():
        listed = {int(n) for n in NUMBER.findall(str(summary.text))}
        pressable = {int(b["text"][1:]) for row in summary.buttons for b in row}
        assert listed == pressable  # each message carries the buttons of what it lists


async def test_one_customers_flood_neither_buries_a_new_complaint_nor_floods_the_chat(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    # The business clock stands still while the flood is handled, however long that takes on
    # a busy machine, so the relay window cannot end in the middle of it; then it is moved past
    # the window for the roundup, instead of waiting for it.
    clock = ManualClock(datetime.now(UTC))
    world = fake.world
    staff_group(world)
    app = await make_app(clock=clock)
    world.add_user(32001, "Flood", "en")
    world.add_user(32002, "Quiet", "en")
    await world.user_sends(32001, "It broke")
    await card(world, 1)
    for n in range(300):
        await world.user_sends(32001, f"again {n}")

    await wait_for(lambda: app.metrics.get("updates_processed") >= 301, 60, "the flood")
    await world.user_sends(32002, "Nobody answers me")
    await card(world, 2)  # within seconds, not behind 300 relays (90 s at this chat's pace)
    clock.advance(relay.HOLD_FOR + timedelta(seconds=1))

    def about_one() -> list[str]:
        return [str(s.text) for s in staff_messages(world) if "#1 · Flood" in str(s.text)]

    await wait_for(lambda: any("more messages" in t for t in about_one()), 40, "the roundup")
    await asyncio.sleep(1)
    texts = about_one()
    assert len(texts) <= 5, texts  # three relayed, then one roundup with the count
    roundup = next(t for t in texts if "more messages" in t)
    assert "again 299" in roundup and "History" in roundup
    async with app.db.read() as tx:
        assert len(await tx.complaints.messages(1)) == 301  # every word kept for History


async def test_staff_asking_the_bot_never_makes_one_complaint_a_storm(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """The bot's answers to /mine and /find use the group's messages, not its cards' budget:
    a lone complaint opened by a photo gets its own card and topic, and the photo follows it
    there (never into the main thread before the card)."""
    world = fake.world
    staff_group(world, forum=True)
    app = await make_app(storm_cards_per_minute=3)

    def answered(count: int) -> bool:
        return len(staff_messages(world)) >= count

    for n, typed in enumerate(("/mine", "/find kettle", "/open", "/find lid", "/mine"), 1):
        await world.user_sends(AGENT, typed, chat_id=STAFF_CHAT)
        await wait_for(partial(answered, n), what=f"answer to {typed}")
    world.add_user(33001, "Vera", "en")
    await world.user_sends(33001, photo=PHOTO, caption="Broken on arrival")

    def shown() -> list[Sent]:
        return cards_of(world, 1) + [s for s in staff_messages(world) if "at once" in str(s.text)]

    await wait_for(lambda: bool(shown()), within=30, what="the complaint in the staff chat")
    assert not [s for s in staff_messages(world) if "at once" in str(s.text)]
    topic = (await recorded(app, 1)).topic_thread_id
    assert topic is not None and shown()[0].message.get("message_thread_id") == topic
    await wait_for(lambda: any(s.method == "copyMessage" for s in staff_messages(world)))
    photo = next(s for s in staff_messages(world) if s.method == "copyMessage")
    assert photo.message.get("message_thread_id") == topic
    assert photo.message_id > shown()[0].message_id  # after its card
