"""Assignment end to end against the fake: the card's "Assign" list, the assignee on the card,
in /mine, told in private and mentioned by the take reminder; reassigning; forged and
stranger presses; and the round robin with a cap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.complaints.callbacks import AssignPress
from faketg import FakeTelegramServer, World
from faketg.world import Sent
from tests.support.helpers import STAFF_CHAT, ManualClock, wait_for
from tests.support.journey import MakeApp, started, wait_new_message
from tests.support.staffroom import (
    AGENT,
    AGENT_2,
    MANAGER,
    OWNER,
    STRANGER,
    alert,
    card,
    complaint,
    staff_button,
    staff_group,
    staff_messages,
)
from tests.support.texts import EN

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def labels(sent: Sent) -> list[list[str]]:
    return [[str(b["text"]) for b in row] for row in sent.buttons]


def answered(world: World, count: int) -> Callable[[], bool]:
    return lambda: len(staff_messages(world)) >= count


async def seen_working(world: World, *people: int) -> None:
    """Each says /open in the staff chat: the bot learns they are staff, and their names."""
    for n, person in enumerate(people, start=1):
        before = len(staff_messages(world))
        await world.user_sends(person, "/open", chat_id=STAFF_CHAT)
        await wait_for(answered(world, before + 1), what=f"/open {n}")


async def test_assign_from_the_card_names_tells_and_lists_the_assignee(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    clock = ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=STOCKHOLM))  # a Monday
    app = await make_app(
        clock=clock, timezone="Europe/Stockholm", sla_take="PT15M", manager_ids=str(MANAGER)
    )
    await started(world, AGENT_2, "Sam", "en")  # Sam started the bot: he can be told
    await seen_working(world, AGENT, AGENT_2)
    await started(world, 7401, "Dana", "en")
    await world.user_sends(7401, "The lid is broken")
    shown = await card(world, 1)
    assert labels(shown) == [["Take", "Resolve", "History"], ["Assign"]]

    said = await alert(world, STRANGER, shown, staff_button(shown, "Assign"))
    assert said == EN("complaint.alert.not_staff")
    said = await alert(world, AGENT, shown, staff_button(shown, "Assign"))
    assert said == EN("complaint.assign.choose", number=1)
    await wait_for(lambda: labels(shown)[-1] == ["← Back"], what="the list of staff")
    assert labels(shown)[0] == ["Alex · 0", "Sam · 0"]

    said = await alert(world, AGENT, shown, staff_button(shown, "Sam · 0"))
    assert said == EN("complaint.assign.done", number=1, name="Sam")
    await wait_for(lambda: "Assigned to Sam" in str(shown.text), what="the card names Sam")
    assert labels(shown) == [["Take", "Resolve", "History"], ["Assign"]]
    c = await complaint(app, 1)
    assert (c.status, c.assignee_id, c.taken_by) == ("open", AGENT_2, None)
    told = await wait_new_message(world, AGENT_2, "assigned complaint #1")
    assert "Alex assigned complaint #1 (Dana) to you" in str(told.text)

    before = len(staff_messages(world))
    await world.user_sends(AGENT_2, "/mine", chat_id=STAFF_CHAT)
    await wait_for(lambda: len(staff_messages(world)) > before)
    assert "#1" in str(staff_messages(world)[before].text)

    forged = AssignPress(complaint_id=1, user_id=STRANGER).pack()  # not on staff
    assert await alert(world, AGENT, shown, forged) == EN("button.stale")
    assert (await complaint(app, 1)).assignee_id == AGENT_2

    clock.now = datetime(2026, 11, 23, 10, 16, tzinfo=STOCKHOLM)
    reminder = await wait_for_text(world, "nobody has taken it")
    assert f'Assigned: <a href="tg://user?id={AGENT_2}">Sam</a>.' in reminder

    # Alex takes it after all: he holds it, and handing it back to Sam moves it.
    await alert(world, AGENT, shown, staff_button(shown, "Take"))
    await wait_for(lambda: "Handled by Alex" in str(shown.text))
    await alert(world, AGENT, shown, staff_button(shown, "Assign"))
    await wait_for(lambda: labels(shown)[-1] == ["← Back"])
    assert labels(shown)[0] == ["✓ Alex · 1", "Sam · 0"]
    await alert(world, AGENT, shown, staff_button(shown, "Sam · 0"))
    await wait_for(lambda: "Handled by Sam" in str(shown.text), what="handed over")
    c = await complaint(app, 1)
    assert (c.status, c.taken_by, c.assignee_id) == ("taken", AGENT_2, AGENT_2)

    await alert(world, AGENT, shown, staff_button(shown, "Assign"))
    await wait_for(lambda: labels(shown)[-1] == ["← Back"])
    await world.user_presses(AGENT, shown, staff_button(shown, "← Back"))  # a silent answer
    await wait_for(lambda: labels(shown) == [["Resolve", "History"], ["Assign"]])


async def wait_for_text(world: World, needle: str) -> str:
    await wait_for(lambda: any(needle in str(s.text) for s in staff_messages(world)), what=needle)
    return next(str(s.text) for s in staff_messages(world) if needle in str(s.text))


async def test_round_robin_takes_turns_and_skips_whoever_is_at_the_cap(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app(
        assign_mode="round_robin", agent_max_open="1", staff_ids=f"{AGENT},{AGENT_2}"
    )
    await seen_working(world, AGENT, AGENT_2)
    for n, customer in enumerate((7501, 7502, 7503), start=1):
        await started(world, customer, f"C{n}", "en")
        await world.user_sends(customer, f"Problem number {n}")
        await card(world, n)
    assigned = [(await complaint(app, n)).assignee_id for n in (1, 2, 3)]
    assert assigned == [AGENT, AGENT_2, None]  # both at the cap of 1: the third waits
    assert "Assigned to Alex" in str((await card(world, 1)).text)
    assert "Assigned to" not in str((await card(world, 3)).text)


async def test_on_day_one_the_list_has_the_groups_administrators_and_staff_ids(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Nobody seen working yet: the list still has the group's administrators (the bot, an
    administrator too, left out) and STAFF_IDS, not only whoever pressed; an administrator
    can be chosen."""
    world = fake.world
    staff_group(world)
    world.make_admin(STAFF_CHAT, OWNER, creator=True)  # Olive made the group
    world.make_admin(STAFF_CHAT, MANAGER)  # Morgan
    world.bot_admin_in.add(STAFF_CHAT)
    app = await make_app(staff_ids=str(AGENT_2))
    await started(world, AGENT_2, "Sam", "en", staff=True)
    await started(world, 7601, "Dana", "en")
    await world.user_sends(7601, "The lid is broken")
    shown = await card(world, 1)
    said = await alert(world, AGENT, shown, staff_button(shown, "Assign"))
    assert said == EN("complaint.assign.choose", number=1)
    await wait_for(lambda: labels(shown)[-1] == ["← Back"], what="the list of staff")
    assert labels(shown)[:-1] == [["Alex · 0", "Morgan · 0"], ["Olive · 0", "Sam · 0"]]
    said = await alert(world, AGENT, shown, staff_button(shown, "Morgan · 0"))
    assert said == EN("complaint.assign.done", number=1, name="Morgan")
    assert (await complaint(app, 1)).assignee_id == MANAGER
