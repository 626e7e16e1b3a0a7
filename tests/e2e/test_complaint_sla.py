"""The SLA ladder on a hand-moved business clock: right time, once, also across a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from faketg import FakeTelegramServer, World
from tests.support.helpers import ManualClock, passes, wait_for
from tests.support.journey import MakeApp, wait_new_message
from tests.support.staffroom import (
    AGENT,
    MANAGER,
    OWNER,
    card,
    staff_button,
    staff_group,
    staff_messages,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LADDER = {
    "timezone": "Europe/Stockholm",
    "business_hours": "mon-fri 09:00-18:00",
    "sla_take": "PT15M",
    "sla_resolve": "PT2H",
    "manager_ids": str(MANAGER),
    "owner_ids": str(OWNER),
}
TICKS = 5  # complaint-tick runs: enough for a step to fire twice if it could


def local(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=STOCKHOLM)


def reminders(world: World) -> list[str]:
    return [str(s.text) for s in staff_messages(world) if "nobody has taken it" in str(s.text)]


def escalations(world: World, chat: int) -> list[str]:
    return [str(s.text) for s in world.sent_to(chat) if "was not resolved by" in str(s.text)]


async def test_reminder_and_escalation_fire_once_at_business_hours_deadlines(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    clock = ManualClock(local(20, 17, 50))  # a Friday, ten minutes before closing
    app = await make_app(clock=clock, **LADDER)
    world.add_user(7201, "Gus", "en")
    await world.user_sends(7201, "Wrong size delivered")
    told = await wait_new_message(world, 7201, "request #1")
    assert "by 23.11.2026 09:05" in str(told.text)  # Monday, after the weekend
    await card(world, 1)
    async with app.db.read() as tx:
        steps = {s.step: s.due_at for s in await tx.complaints.steps(1)}
    assert steps == {
        "take": local(23, 9, 5).astimezone(UTC),
        "resolve": local(23, 10, 50).astimezone(UTC),  # 10 min on Friday + 1 h 50 on Monday
    }

    clock.now = local(23, 9, 4)
    await passes(app, TICKS)
    assert reminders(world) == []
    clock.now = local(23, 9, 6)
    await wait_for(lambda: len(reminders(world)) == 1, what="take reminder")
    assert f'<a href="tg://user?id={MANAGER}">duty manager</a>' in reminders(world)[0]
    assert escalations(world, MANAGER) == []

    clock.now = local(23, 10, 51)
    await wait_for(lambda: len(escalations(world, OWNER)) == 1, what="owner escalation")
    await wait_for(lambda: len(escalations(world, MANAGER)) == 1, what="manager escalation")
    assert "Handled by: nobody" in escalations(world, OWNER)[0]
    await passes(app, TICKS)
    assert (len(reminders(world)), len(escalations(world, OWNER))) == (1, 1)

    # Resolved, but the customer never answers "was it resolved?": it closes when that lapses.
    shown = await card(world, 1)
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    await wait_new_message(world, 7201, "Was your issue resolved?")
    clock.advance(timedelta(hours=73))  # SURVEY_EXPIRY, 72 h by default
    await wait_for(lambda: "closed" in str(shown.text).split("\n")[0], what="lapsed, closed")
    async with app.db.read() as tx:
        closed = await tx.complaints.get(1)
    assert closed is not None and closed.resolution_satisfied is None


async def test_an_overdue_step_fires_once_after_downtime(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    clock = ManualClock(datetime.now(UTC) + timedelta(days=1))
    first = await make_app(clock=clock, sla_take="PT15M")
    world.add_user(7202, "Hana", "en")
    await world.user_sends(7202, "Charged twice")
    await card(world, 1)
    await first.stop()

    clock.advance(timedelta(hours=3))  # down across the take deadline
    second = await make_app(clock=clock, sla_take="PT15M")
    await wait_for(lambda: len(reminders(world)) == 1, what="overdue reminder after start")
    await second.stop()
    third = await make_app(clock=clock, sla_take="PT15M")
    await passes(third, TICKS)
    assert len(reminders(world)) == 1
    async with third.db.read() as tx:
        fired = next(s for s in await tx.complaints.steps(1) if s.step == "take").fired_at
    assert fired is not None
