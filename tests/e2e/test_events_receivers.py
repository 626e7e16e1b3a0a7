"""Events to receivers that misbehave, end to end with real local HTTP receivers: one that
redirects, one that never answers, one that answers with a flood or with words of its own.
Each is a failed (or cut short) delivery of that receiver alone: the others get their events
on time, /healthz stays 200 and reports the receiver's state, the owners read its status and
at most a short, marked excerpt."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

from bot.app import App
from faketg import FakeTelegramServer
from tests.e2e.test_events import SECRET, backlog, cli
from tests.support.helpers import STAFF_CHAT, TOKEN, health, wait_for
from tests.support.journey import MakeApp, started, wait_new_message
from tests.support.receiver import Receiver
from tests.support.staffroom import OWNER, staff_group

SCALED_TIMEOUT = 1.0  # the 10 s a receiver has to answer, scaled down


async def receivers(count: int) -> list[Receiver]:
    started_ = [Receiver() for _ in range(count)]
    for receiver in started_:
        await receiver.start()
    return started_


async def events_written(app: App, count: int) -> None:
    """`count` events as the bot writes them (no complaint: none waits for another)."""
    async with app.db.transaction() as tx:
        for n in range(count):
            await tx.events.add("fix.done", tx.clock(), {"complaint_id": n + 1, "cause": None})


async def two_hours_late(app: App) -> None:
    """As if the receiver had refused every event for two hours: the owners are told."""
    async with app.db.transaction() as tx:
        await tx.conn.execute("UPDATE events SET created_at = created_at - 7200")


def outside_code(html: str) -> str:
    """What Telegram would show as ordinary text (where it makes links clickable)."""
    return re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def cli_env(app: App, url: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN,
        "STAFF_CHAT_ID": str(STAFF_CHAT),
        "DATABASE_URL": str(app.settings.storage.database),
        "EVENTS_SECRET": SECRET,
        "EVENTS_URL": url,
    }


async def test_a_redirect_is_a_failed_delivery_retried_and_named_to_the_owners(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    (receiver,) = await receivers(1)
    target = f"http://127.0.0.1:{receiver.port}/hook/"  # an ordinary /hook -> /hook/ redirect
    receiver.redirect = (302, target)
    app = await make_app(events_url=receiver.url, events_secret=SECRET, owner_ids=str(OWNER))
    await started(world, OWNER, "Olive", "en", staff=True)
    await events_written(app, 1)
    await wait_for(lambda: len(receiver.got) >= 2, within=10, what="a try and a retry")
    assert receiver.elsewhere == []  # never followed: the target got nothing, signed or not
    assert (await backlog(app, lambda b: True))["events_undelivered"] == 1  # not delivered

    await two_hours_late(app)
    told = await wait_new_message(world, OWNER, "Events are not reaching")
    assert "302" in str(told.text) and target in str(told.text)
    assert "put it in EVENTS_URL" in str(told.text)  # what to do, in the owners' words

    receiver.redirect = (307, "http://127.0.0.1:9/elsewhere")  # the whole event, elsewhere
    code, out, _ = await cli("events", "test", **cli_env(app, receiver.url))
    assert code == 1
    first, step = out.strip().splitlines()
    assert first == f"{receiver.url} → 307 redirect to http://127.0.0.1:9/elsewhere, not followed"
    assert step.startswith("  what to do: ") and "EVENTS_URL" in step, step
    assert receiver.elsewhere == []
    await receiver.stop()


async def test_the_owners_read_a_receivers_status_not_its_words(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    (receiver,) = await receivers(1)
    receiver.answers = [500] * 1000
    receiver.body = (
        '<a href="https://evil.example/login">Your bot is blocked.</a> Sign in again at'
        " https://evil.example/login or @evil_support within 24 hours, or lose every customer"
    )
    app = await make_app(events_url=receiver.url, events_secret=SECRET, owner_ids=str(OWNER))
    await started(world, OWNER, "Olive", "en", staff=True)
    await events_written(app, 1)
    await wait_for(lambda: len(receiver.got) >= 1, what="a try")
    await two_hours_late(app)
    told = str((await wait_new_message(world, OWNER, "Events are not reaching")).text)
    assert "500" in told
    assert "<a" not in told and "href" not in told  # no HTML of theirs, even quoted
    shown = outside_code(told)  # their words only inside a code span: nothing clickable
    assert "evil" not in shown and "Sign in" not in shown and receiver.url in shown
    assert "customer" not in told  # a short excerpt, not their whole message
    await receiver.stop()


async def test_a_huge_answer_is_read_only_a_few_kilobytes_deep(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    (receiver,) = await receivers(1)
    receiver.body_size = 128 * 1024 * 1024
    app = await make_app(events_url=receiver.url, events_secret=SECRET)
    await events_written(app, 1)
    await backlog(app, lambda b: b["events_undelivered"] == 0)  # a 200: delivered
    await asyncio.sleep(0.5)
    assert receiver.streamed < 32 * 1024 * 1024  # the bot hung up long before the end

    receiver.streamed = 0
    code, out, _ = await cli("events", "test", **cli_env(app, receiver.url))
    assert code == 0 and out.startswith(f"{receiver.url} → 200: «xxx") and len(out) < 300
    assert receiver.streamed < 32 * 1024 * 1024
    await receiver.stop()


async def test_a_hung_receiver_is_reported_and_never_makes_healthz_fail(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    staff_group(fake.world)
    (hung,) = await receivers(1)
    hung.hang = True
    # Stuck after 8 s (the processor looks for work every 5 s when idle: slack for a busy
    # machine); the hung receiver's 32 tries, 4 at once, 2 s each, take twice as long.
    app = await make_app(events_url=hung.url, events_secret=SECRET, health_stall_after="8")
    app.wiring.workflow["event_receivers"].timeout = 2 * SCALED_TIMEOUT
    await events_written(app, 32)
    states: list[list[dict[str, Any]]] = []
    until = time.monotonic() + 10.0  # past the stall limit, several passes
    while time.monotonic() < until:
        status, body = await health(app)
        assert status == 200, json.dumps(body)
        assert body["tasks"]["deliver-events"]["state"] != "stuck", body
        states.append(body["events_receivers"])
        await asyncio.sleep(0.1)
    origin = f"http://127.0.0.1:{hung.port}"
    assert {
        "receiver": origin,
        "state": "failing",
        "last_answer": "no answer within 2 s",
    }.items() <= states[-1][0].items()
    assert hung.url not in str(states)  # the path may be a receiver's secret: the origin only
    await hung.stop()


async def test_a_dead_receiver_holds_up_no_other_and_no_tick(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    staff_group(fake.world)
    hung, healthy = await receivers(2)
    hung.hang = True
    app = await make_app(events_url=f"{hung.url},{healthy.url}", events_secret=SECRET)
    app.wiring.workflow["event_receivers"].timeout = 2 * SCALED_TIMEOUT
    await events_written(app, 20)
    await wait_for(lambda: len(healthy.accepted()) == 20, within=2, what="the first 20")
    beat = app.wiring.liveness.beats["deliver-events"]
    ticks = beat.passes
    began = time.monotonic()
    await events_written(app, 5)  # while the hung one still holds its tries
    await wait_for(lambda: len(healthy.accepted()) == 25, within=5, what="the next 5")
    assert time.monotonic() - began < 3.0  # a tick or two, not the hung one's 10 s
    await asyncio.sleep(1.0)
    assert beat.passes - ticks >= 4  # the scheduler ran its ticks meanwhile (0.2 s each)
    await hung.stop()
    await healthy.stop()
