"""Events for other systems, end to end: a complaint's life reaches a local receiver as
signed POSTs in order, through an outage, an error and a slow answer, each event once
accepted with the same id on every try; the pull feed serves the same events."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from bot.app import App
from bot.events import schemas
from faketg import FakeTelegramServer, World
from tests.support.helpers import STAFF_CHAT, TOKEN, health, wait_for
from tests.support.journey import MakeApp, button, get, started, wait_new_message
from tests.support.processes import STARTING
from tests.support.receiver import Receiver, verify
from tests.support.staffroom import AGENT, OWNER, card, staff_button, staff_group

SECRET = "test-events-secret-0123456789"
ROOT = Path(__file__).resolve().parents[2]
LIFE = ["complaint.opened", "complaint.taken", "complaint.resolved", "complaint.closed"]


async def down_receiver(world: World) -> Receiver:
    """The staff group, and a receiver with a port of its own that is down for now."""
    staff_group(world)
    receiver = Receiver()
    await receiver.start()
    await receiver.stop()
    return receiver


async def test_a_complaints_life_reaches_the_receiver_in_order_through_failures(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    receiver = await down_receiver(world)  # down when the first event is written
    app = await make_app(events_url=receiver.url, events_secret=SECRET)
    app.wiring.workflow["event_receivers"].timeout = 1.0  # the 10 s, scaled down
    await started(world, 7901, "Dana", "en")
    await world.user_sends(7901, "The lid was broken")
    shown = await card(world, 1)
    body = await backlog(app, lambda b: b["events_undelivered"] >= 1)
    assert body["events_failed"] == 0 and body["oldest_undelivered_event_seconds"] >= 0

    receiver.answers = [500]  # back, but the first answer is an error
    receiver.delays = [0, 3.0]  # and the second try is too slow to wait for
    await receiver.start()
    await world.user_presses(AGENT, shown, staff_button(shown, "Take"))
    await wait_for(lambda: "in progress" in str(shown.text))
    await world.user_presses(AGENT, shown, staff_button(shown, "Resolve"))
    asked = await wait_new_message(world, 7901, "Was your issue resolved?")
    await world.user_presses(7901, asked, button(asked, "Yes, resolved"))
    await wait_for(
        lambda: len({e["id"] for e in receiver.accepted()}) >= 4, within=40, what="four events"
    )

    # At least once: a try the bot gave up waiting for may have arrived too. A receiver keeps
    # the first of each id; the order is the complaint's.
    firsts: dict[int, dict[str, Any]] = {}
    for event in receiver.accepted():
        firsts.setdefault(event["id"], event)
    accepted = list(firsts.values())
    assert [e["type"] for e in accepted] == LIFE
    assert [e["id"] for e in accepted] == sorted(e["id"] for e in accepted)
    first = accepted[0]["id"]
    tries = [g for g in receiver.got if g.event["id"] == first]
    assert [g.status for g in tries][:1] == [500] and tries[-1].status == 200
    for g in receiver.got:  # every try signed, checked as a receiver would
        assert verify(SECRET, g.headers["X-Feedback-Signature"], g.body), g.headers
        assert g.headers["Content-Type"] == "application/json"
    validator = Draft202012Validator(schemas.document())
    assert [list(validator.iter_errors(e)) for e in accepted] == [[]] * 4
    opened = accepted[0]
    assert set(opened) == {"id", "type", "occurred_at", "data"}
    assert opened["data"]["complaint_id"] == 1 and opened["data"]["status"] == "open"
    assert "lid" not in str(accepted)  # ids and figures, never what people wrote
    assert accepted[-1]["data"]["confirmed_by_customer"] is True

    status, pulled = await get(app, "/api/v1/events?since=0&limit=100")
    assert status == 200
    assert [e["id"] for e in pulled["events"]] == [e["id"] for e in accepted]
    assert pulled["events"] == accepted and pulled["next_since"] is None
    status, page = await get(app, f"/api/v1/events?since={first}&limit=1")
    assert [e["type"] for e in page["events"]] == ["complaint.taken"]
    assert page["next_since"] == page["events"][0]["id"]
    assert (await get(app, "/api/v1/events?since=-1"))[0] == 422
    assert (await get(app, "/api/v1/events", token="wrong"))[0] == 401
    await backlog(app, lambda b: b["events_undelivered"] == 0)


async def backlog(app: App, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """/healthz once its events figures are as `wanted`."""
    for _ in range(200):
        _, body = await health(app)
        if wanted(body):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"/healthz never showed the events as wanted: {body}")


async def refused_once(app: App) -> None:
    """Until a delivery try has been refused and its error recorded."""
    for _ in range(200):
        async with app.db.read() as tx:
            row = await tx.conn.fetch_one(
                "SELECT COUNT(*) FROM event_deliveries WHERE last_error IS NOT NULL"
            )
        if row is not None and row[0]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("no delivery try was recorded as refused")


async def cli(*args: str, **env: str) -> tuple[int, str, str]:
    """`python -m bot ARGS` in another process, as an operator runs it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EVENTS_", "BOT_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), STARTING)
    return process.returncode or 0, out.decode(), err.decode()


async def test_events_test_pings_and_replay_sends_the_same_events_again(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    receiver = Receiver()
    await receiver.start()
    app = await make_app(events_url=receiver.url, events_secret=SECRET)
    await started(world, 7902, "Bo", "en")
    await world.user_sends(7902, "Wrong size")
    await wait_for(lambda: len(receiver.accepted()) == 1, what="complaint.opened")
    env = {
        "BOT_TOKEN": TOKEN,
        "STAFF_CHAT_ID": str(STAFF_CHAT),
        "DATABASE_URL": str(app.settings.storage.database),
        "EVENTS_SECRET": SECRET,
    }
    dead = Receiver()
    await dead.start()
    await dead.stop()
    code, out, _ = await cli("events", "test", EVENTS_URL=f"{receiver.url},{dead.url}", **env)
    assert code == 1  # one receiver did not answer
    lines = out.splitlines()
    assert lines[0] == f'{receiver.url} → 200: «{{"ok": true}}»'
    assert lines[1].startswith(f"{dead.url} → no answer: cannot connect to 127.0.0.1:"), lines
    assert lines[1].endswith("(connection refused)"), lines
    assert lines[2].startswith("  what to do: ") and "running" in lines[2], lines
    ping = receiver.got[-1]
    assert ping.event["type"] == "ping" and ping.event["id"] == 0
    assert verify(SECRET, ping.headers["X-Feedback-Signature"], ping.body)
    assert not list(Draft202012Validator(schemas.document()).iter_errors(ping.event))

    first = receiver.accepted()[0]
    code, out, _ = await cli("events", "replay", "--since", "0", EVENTS_URL=receiver.url, **env)
    assert (code, out.strip()) == (0, "queued again: 1 delivery to 1 URL; the bot sends it")
    await wait_for(lambda: len(receiver.accepted()) == 3, what="the replay")  # ping, again
    assert receiver.accepted()[-1] == first  # the same event, the same id
    assert (await cli("events", "test", **env))[0] == 2  # no EVENTS_URL: said so


async def test_owners_are_told_when_a_receiver_stops_taking_events_and_when_it_is_back(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    receiver = await down_receiver(world)
    app = await make_app(events_url=receiver.url, events_secret=SECRET, owner_ids=str(OWNER))
    await started(world, OWNER, "Olive", "en", staff=True)
    await started(world, 7903, "Cy", "en")
    await world.user_sends(7903, "Broken")
    await backlog(app, lambda b: b["events_undelivered"] == 1)
    await refused_once(app)  # else the owners could be told before any try, truly, "—"
    async with app.db.transaction() as tx:  # as if the receiver had been down for two hours
        await tx.conn.execute("UPDATE events SET created_at = created_at - 7200")
    told = await wait_new_message(world, OWNER, "Events are not reaching")
    assert receiver.url in str(told.text) and "waited 2 h" in str(told.text)
    assert "connection refused" in str(told.text)  # what the receiver did, in plain words
    await receiver.start()
    back = await wait_new_message(world, OWNER, "Events reach")
    assert receiver.url in str(back.text)
    await backlog(app, lambda b: b["events_undelivered"] == 0)
    assert sum("Events are not reaching" in str(s.text) for s in world.sent_to(OWNER)) == 1
