"""The staff pulse end to end: a round asks every staff member who started the bot, once;
answers are stored without the person; the owners' digest shows eNPS from 5 answers on, and
"too few answers" below that; a staff member's free text never opens a complaint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import App
from bot.pulse.callbacks import PulsePress
from bot.surveys.rules import BANDS
from faketg import FakeTelegramServer, World
from faketg.world import Sent
from tests.support.helpers import ManualClock, wait_for
from tests.support.journey import MakeApp, button, last_alert, started, wait_new_message
from tests.support.staffroom import OWNER
from tests.support.texts import EN

BEFORE = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # the pulse is switched on
ROUND = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm, the 1st
STAFF = list(range(9401, 9408))  # 9407 never started the bot: cannot be asked
QUESTION = "how likely are you to recommend working here"


def settings(staff: list[int]) -> dict[str, Any]:
    return {
        "timezone": "Europe/Stockholm",
        "owner_ids": str(OWNER),
        "staff_ids": ",".join(map(str, staff)),
        "staff_pulse_cron": "0 10 1 * *",
    }


async def round_asked(
    make_app: MakeApp, world: World, staff: list[int]
) -> tuple[App, ManualClock]:
    """The pulse switched on before the 1st, the bot down across it: the round at start."""
    world.add_user(OWNER, "Olive", "en")
    clock = ManualClock(BEFORE)
    first = await make_app(clock=clock, **settings(staff))
    for user in staff[:-1]:
        await started(world, user, f"Staff {user}", "en", staff=True)
    await first.stop()
    assert not any(QUESTION in str(s.text) for u in staff for s in world.sent_to(u))
    clock.advance(ROUND - BEFORE + timedelta(hours=2))
    app = await make_app(clock=clock, **settings(staff))
    for user in staff[:-1]:
        await wait_new_message(world, user, QUESTION)
    return app, clock


def edited(sent: Sent, needle: str) -> Callable[[], bool]:
    return lambda: needle in str(sent.text)


def question(world: World, user: int) -> Sent:
    return next(s for s in world.sent_to(user) if QUESTION in str(s.text))


async def owners_digest(world: World) -> str:
    await world.user_sends(OWNER, "/digest")
    await wait_for(lambda: any(str(s.text).startswith("📊") for s in world.sent_to(OWNER)))
    return next(str(s.text) for s in world.sent_to(OWNER) if str(s.text).startswith("📊"))


async def test_six_answers_show_enps_and_the_free_text_without_anyone_named(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app, _ = await round_asked(make_app, world, STAFF)
    asked_of = {user: question(world, user) for user in STAFF[:-1]}
    assert not world.sent_to(STAFF[-1])
    scores = dict(zip(STAFF, [10, 10, 9, 8, 6, 3], strict=False))
    for user, score in scores.items():
        asked = asked_of[user]
        await world.user_presses(user, asked, button(asked, str(score)))
        await wait_for(edited(asked, "serving customers easier"))
    first = asked_of[STAFF[0]]
    await world.user_sends(STAFF[0], "A second till at lunchtime")
    await wait_new_message(world, STAFF[0], "stored without your name")
    second = asked_of[STAFF[1]]
    await world.user_presses(STAFF[1], second, button(second, "Skip"))
    await wait_for(lambda: str(second.text).startswith("Thank you!"))

    # Pressing again, a forged round, someone else's copy: refused, nothing stored.
    stale = PulsePress(round=int(ROUND.timestamp()), score=0).pack()
    await world.user_presses(STAFF[0], first, stale)
    await wait_for(lambda: last_alert(world) == "Already answered, thank you!")
    forged = PulsePress(round=12345, score=10).pack()
    await world.user_presses(STAFF[2], first, forged)
    await wait_for(lambda: last_alert(world) == EN("button.stale"))
    await world.user_presses(OWNER, first, stale)
    await wait_for(lambda: last_alert(world) == EN("button.stale"))

    async with app.db.read() as tx:
        result = await tx.pulse.result(ROUND, BANDS)
        complaints = await tx.complaints.counts()
    assert (result.asked, result.scores.n, result.comments) == (
        6,
        6,
        ["A second till at lunchtime"],
    )
    assert complaints == {}  # the staff member's text was the pulse answer, not a complaint
    text = await owners_digest(world)
    # 3 promoters, 2 detractors of 6: eNPS +17, with its margin like the customers' NPS
    assert "🤝 Team pulse (eNPS, round of 01.12.2026): +17 ±" in text and "6 asked" in text
    assert "«A second till at lunchtime»" in text
    assert "Staff 94" not in text
    await app.stop()


async def test_four_answers_show_too_few_and_a_round_is_asked_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    app, clock = await round_asked(make_app, world, STAFF)
    for user in STAFF[:4]:
        asked = question(world, user)
        await world.user_presses(user, asked, button(asked, "9"))
        await wait_for(edited(asked, "serving customers easier"))
    await world.user_sends(STAFF[0], "More staff on Saturdays")
    await wait_new_message(world, STAFF[0], "stored without your name")
    text = await owners_digest(world)
    assert "too few answers to show (4; at least 5 keep them anonymous)" in text
    assert "Saturdays" not in text and "eNPS, round" not in text
    sent_before = {u: len(world.sent_to(u)) for u in STAFF}
    await app.stop()
    again = await make_app(clock=clock, **settings(STAFF))  # the round's job runs at start
    await asyncio.sleep(1.0)
    assert {u: len(world.sent_to(u)) for u in STAFF} == sent_before  # asked once per round
    async with again.db.read() as tx:
        assert (await tx.pulse.result(ROUND, BANDS)).asked == 6
