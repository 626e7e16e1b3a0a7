"""Faults short of a crash: the bot keeps working through them and /healthz tells the truth."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from faketg.limits import Faults
from storage.db import Failing
from storage.lock import AlreadyRunning
from tests.support.backend import sqlite_only
from tests.support.helpers import (
    STAFF_CHAT,
    TOKEN,
    health,
    hold_write_lock,
    make_settings,
    passes,
    sender_idle,
    wait_for,
)
from tests.support.journey import API_TOKEN, MakeApp, post
from tests.support.staffroom import AGENT, card, complaint, recorded, staff_group

STALL = "5"  # seconds without progress before /healthz calls a task stuck (slack for CI)


async def greeted(fake: FakeTelegramServer, user_id: int, within: float = 15) -> None:
    world = fake.world
    world.add_user(user_id, f"U{user_id}", "en")
    await world.user_sends(user_id, "/start")
    await wait_for(lambda: len(world.sent_to(user_id)) >= 1, within, f"{user_id} greeted")


async def test_proxy_html_pages_on_get_updates_leave_the_bot_listening(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(health_stall_after=STALL)
    fake.world.faults = Faults(html_502=3, html_methods=("getupdates",))
    await greeted(fake, 1101)
    assert fake.world.tally["getupdates 502"] == 3
    status, body = await health(app)
    assert status == 200 and body["ok"] is True, json.dumps(body)
    assert body["tasks"]["poller"]["state"] == "running"
    assert 0 <= body["seconds_since_last_update"] < 10


async def test_a_proxy_page_on_get_me_at_start_is_retried(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    fake.world.faults = Faults(html_502=2, html_methods=("getme",))
    app = await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    await app.start()
    try:
        await asyncio.wait_for(app.connected.wait(), 15)
        await greeted(fake, 1102)
        assert fake.world.tally["getme 502"] == 2
    finally:
        await app.stop()


async def test_a_write_lock_held_by_another_process_stalls_then_everything_resumes(
    make_app: MakeApp, fake: FakeTelegramServer, tmp_path: Path
) -> None:
    app = await make_app(health_stall_after=STALL)
    await greeted(fake, 1103)
    other = await hold_write_lock(app.db.url)
    try:
        world = fake.world
        world.add_user(1104, "Late", "en")
        await world.user_sends(1104, "/start")
        await wait_for(lambda: fake.world.tally["getupdates 200"] > 0)
        await asyncio.sleep(6)  # past the 5 s busy/lock timeout: every writer has failed once

        async def unhealthy() -> bool:
            status, body = await health(app)
            return status == 503 and body["ok"] is False

        deadline = asyncio.get_running_loop().time() + 10
        while not await unhealthy():
            assert asyncio.get_running_loop().time() < deadline, "healthz never said 503"
            await asyncio.sleep(0.5)
    finally:
        await other.release()
    await wait_for(lambda: len(fake.world.sent_to(1104)) >= 1, 40, "answered after the lock")
    status, body = await wait_healthy(app)
    assert status == 200, body


async def wait_healthy(app: App, within: float = 40) -> tuple[int, dict[str, Any]]:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        status, body = await health(app)
        if status == 200 or asyncio.get_running_loop().time() > deadline:
            return status, body
        await asyncio.sleep(0.3)


async def test_an_outage_longer_than_the_old_retry_budget_loses_no_message(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    app = await make_app(health_stall_after=STALL)
    world = fake.world
    ids = world.add_users(1200, 10)
    for user in ids:
        await world.user_sends(user, "/start")
    await fake.outage(25)  # open connections cut, then nothing listens
    await asyncio.sleep(23)
    status, body = await health(app)
    assert status == 503 and body["tasks"]["poller"]["state"] == "stuck"
    await wait_for(lambda: all(world.sent_to(u) for u in ids), 90, "every greeting")
    async with app.db.read() as tx:
        counts = await tx.outbox.counts()
    assert counts.get("failed", 0) == 0
    status, body = await wait_healthy(app)
    assert status == 200, body


@sqlite_only  # on PostgreSQL a second instance stands by: test_instances.py
async def test_a_second_process_on_the_same_database_refuses_to_start(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    first = await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    await first.start()
    try:
        with pytest.raises(AlreadyRunning):  # before it migrates, polls or sends anything
            await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    finally:
        await first.stop()
    again = await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    await again.stop()  # the first one's lock went with it


async def test_a_staff_reply_waits_out_a_get_chat_member_outage_and_is_relayed_once(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    world = fake.world
    staff_group(world)
    app = await make_app()
    world.add_user(7301, "Ivy", "en")
    await world.user_sends(7301, "The parcel was empty")
    shown = await card(world, 1)
    await recorded(app, 1)
    world.faults = Faults(method_errors={"getchatmember": 500})  # cold cache, Telegram failing
    await world.user_sends(
        AGENT, "We'll send a new one", chat_id=STAFF_CHAT, reply_to=shown.message_id
    )
    await wait_for(lambda: world.tally["getchatmember 500"] >= 1, what="the lookup failing")
    await asyncio.sleep(1)
    assert not any("new one" in str(s.text) for s in world.sent_to(7301))
    async with app.db.read() as tx:
        assert (await tx.inbox.counts()).get("pending") == 1  # kept, not marked done
    world.faults = Faults()  # Telegram answers again
    await wait_for(
        lambda: any("new one" in str(s.text) for s in world.sent_to(7301)), 30, "the relay"
    )
    await sender_idle(app, 10)
    assert sum("new one" in str(s.text) for s in world.sent_to(7301)) == 1
    assert (await complaint(app, 1)).taken_by == AGENT


async def test_another_poller_with_the_same_token_is_survived(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Telegram ends a getUpdates with 409 when another one starts: the bot keeps polling."""
    await make_app()
    url = f"{fake.url}/bot{TOKEN}/getUpdates"
    async with aiohttp.ClientSession() as session:
        for _ in range(5):  # someone else's process polling now and then
            async with session.post(url, json={"timeout": 0}) as resp:
                assert resp.status in (200, 409)
            await asyncio.sleep(0.3)
    assert fake.world.tally["getupdates 409"] >= 1
    assert fake.world.tally["getupdates overlap"] >= 1  # the fake tells live pollers apart
    await greeted(fake, 1105)


async def test_a_customer_who_never_started_the_bot_is_not_written_to_first(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Telegram refuses (403) to write first to a user; the invitation waits for /start."""
    world = fake.world
    world.strict_start = True
    app = await make_app()
    world.add_user(1106, "New", "en")
    status, _ = await post(app, {"order_id": "N-1", "customer": {"telegram_id": 1106}})
    assert status == 201
    await passes(app, 5, "survey-tick")
    assert world.count(status=403) == 0 and not world.sent_to(1106)
    await world.user_sends(1106, "/start")
    await wait_for(
        lambda: any(s.buttons and "recommend" in str(s.text) for s in world.sent_to(1106)),
        what="the invitation after /start",
    )
    assert world.count(status=403) == 0


async def test_a_failing_database_is_a_503_with_its_reason_and_json_answers(
    make_app: MakeApp, fake: FakeTelegramServer
) -> None:
    """Writes failing for HEALTH_DB_FAIL_AFTER: /healthz says 503 and why, whatever the tasks'
    beats say; the API answers JSON 503 naming the cause, never a text/plain 500."""
    app = await make_app(health_db_fail_after="2")
    other = await hold_write_lock(app.db.url, every_writer=True)
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                f"http://127.0.0.1:{app.port}/api/v1/purchases",
                json={"order_id": "DB-1", "customer": {"telegram_id": 1150}},
                headers={"Authorization": f"Bearer {API_TOKEN}"},
            ) as resp,
        ):
            assert resp.status == 503 and resp.content_type == "application/json"
            assert "database" in (await resp.json())["error"]
        await asyncio.sleep(2.5)
        status, body = await health(app)
        assert status == 503 and body["ok"] is False
        assert str(body["database"]).startswith("failing for"), body
    finally:
        await other.release()
    status, body = await wait_healthy(app)
    assert status == 200 and body["database"] == "ok", body


class StepClock:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_quiet_leader_is_healthy_at_the_first_probe_once_the_database_is_back(
    make_app: MakeApp,
) -> None:
    """After an outage a leader with nothing to write (its tasks backing off up to 30 s) said
    503 until the failure was forgotten, HEALTH_DB_FAIL_AFTER plus the longest attempt later:
    /healthz tries a write itself, and one that commits is the database working."""
    app = await make_app(health_db_fail_after="10")
    clock = StepClock()
    app.db.failing = Failing(clock)
    app.db.failing.saw(ConnectionRefusedError("the server is down"))
    clock.now += 60  # still down a minute later; back a second after
    app.db.failing.saw(ConnectionRefusedError("the server is down"))
    clock.now += 1
    status, body = await health(app)
    assert status == 200 and body["database"] == "ok", body
