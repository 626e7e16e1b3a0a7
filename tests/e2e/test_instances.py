"""Two instances on one PostgreSQL database: one leads, the other serves HTTP and takes over."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from bot.app import App, create_app
from bot.leadership import LEADER_KEY
from faketg import FakeTelegramServer
from storage.sql.postgres import WRITER_KEY
from tests.support.backend import ON_POSTGRES, database_url
from tests.support.frozen import frozen_session
from tests.support.helpers import health, make_settings, wait_for
from tests.support.journey import API_TOKEN, post

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="instances share PostgreSQL only")


async def instance(tmp_path: Path, fake: FakeTelegramServer) -> App:
    settings = make_settings(
        tmp_path, fake.url, api_token=API_TOKEN, quiet_hours="off", survey_delay="1"
    )
    app = await create_app(settings, poll_timeout=1)
    await app.start()
    return app


async def greeted(fake: FakeTelegramServer, user: int) -> None:
    fake.world.add_user(user, f"U{user}", "en")
    await fake.world.user_sends(user, "/start")
    await wait_for(lambda: len(fake.world.sent_to(user)) >= 1, 15, f"{user} greeted")


async def test_a_second_instance_stands_by_serving_the_api_and_takes_over(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    first = await instance(tmp_path, fake)
    second = await instance(tmp_path, fake)
    try:
        assert (first.leadership.role, second.leadership.role) == ("leader", "standby")
        status, body = await health(second)
        assert status == 200 and body["role"] == "standby"
        # The standby serves the API: what it stores, the leader's tick sends.
        fake.world.add_user(7001, "Buyer", "en")
        await fake.world.user_sends(7001, "/start")
        status, _ = await post(second, {"order_id": "S-1", "customer": {"telegram_id": 7001}})
        assert status == 201
        invited = lambda: any(s.buttons for s in fake.world.sent_to(7001))  # noqa: E731
        await wait_for(invited, 20, "the invitation, sent by the leader")
        await greeted(fake, 7002)
        await first.stop()
        await wait_for(lambda: second.leadership.leading, 10, "the standby taking over")
        status, body = await health(second)
        assert status == 200 and body["role"] == "leader"
        await greeted(fake, 7003)  # the new leader polls and answers
        assert fake.world.tally["getupdates overlap"] == 0  # never two pollers at once
    finally:
        await first.stop()
        await second.stop()


async def test_a_leader_cut_off_while_another_took_the_lead_stops(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    first = await instance(tmp_path, fake)
    lost = asyncio.Event()
    first.leadership.on_lost = lost.set  # in production: the process exits at once
    other = await asyncpg.connect(first.db.url.url)  # another instance, as far as locks go
    probe = await asyncpg.connect(first.db.url.url)
    try:
        # Another instance queues for the lead, so it has it the moment the leader's session
        # ends (a leader reconnecting at once would otherwise take it back: a race, not this
        # test's case)...
        queued = asyncio.ensure_future(other.execute("SELECT pg_advisory_lock($1)", LEADER_KEY))
        await _until_waiting_for_a_lock(probe, other.get_server_pid())
        # ...then the server ends the leader's session (a network cut; a frozen process timed
        # out) and the other instance leads before the first is back.
        pid = first.db.conn.raw.get_server_pid()  # type: ignore[attr-defined]
        await probe.execute("SELECT pg_terminate_backend($1)", pid)
        await asyncio.wait_for(queued, 10)
        # Its next use of the database (at most a second away) finds the lead gone: it stops.
        await asyncio.wait_for(lost.wait(), 10)
    finally:
        await probe.close()
        await other.close()
        await first.stop()


async def _until_waiting_for_a_lock(probe: asyncpg.Connection, pid: int) -> None:
    for _ in range(500):
        waiting = await probe.fetchval(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", pid
        )
        if waiting == "Lock":
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the other session never queued for the lock")


async def test_a_webhook_update_taken_by_the_standby_is_answered_by_the_leader(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """Behind a load balancer either instance takes Telegram's POST; the leader answers."""
    hook = {"webhook_url": "http://127.0.0.1:1/tg/hook", "webhook_secret": "s3cret_for-tests"}
    leader = await create_app(make_settings(tmp_path, fake.url, **hook))
    await leader.start()
    standby = await create_app(make_settings(tmp_path, fake.url, **hook))
    await standby.start()
    try:
        assert standby.leadership.role == "standby"
        await wait_for(lambda: bool(fake.world.webhook), 15, "the leader setting the webhook")
        fake.world.webhook["url"] = f"http://127.0.0.1:{standby.port}/tg/hook"
        fake.world.add_user(7101, "Vera", "sv")
        await fake.world.user_sends(7101, "/start")
        await wait_for(lambda: len(fake.world.sent_to(7101)) == 2, 15, "the leader's answer")
        assert standby.metrics.get("updates_processed") == 0  # stored there, handled here
        assert leader.metrics.get("updates_processed") >= 1
    finally:
        await standby.stop()
        await leader.stop()


async def test_a_standby_stays_healthy_past_the_stall_limit(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """Its sender, processor, poller and ticks do not run there: not stuck. A restart loop
    under Docker or Kubernetes would leave no standby at all."""
    settings = make_settings(tmp_path, fake.url, api_token=API_TOKEN, health_stall_after="2")
    first = await create_app(settings, poll_timeout=1)
    await first.start()
    second = await create_app(settings, poll_timeout=1)
    await second.start()
    try:
        assert second.leadership.role == "standby"
        await asyncio.sleep(3)
        status, body = await health(second)
        assert status == 200 and body["role"] == "standby", body
        assert set(body["tasks"]) == {"standby"}
        await first.stop()
        await wait_for(lambda: second.leadership.leading, 10, "the standby taking over")
        status, body = await health(second)
        assert status == 200 and body["role"] == "leader", body
    finally:
        await first.stop()
        await second.stop()


async def test_a_leader_frozen_inside_a_write_transaction_is_replaced(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """A VM pause, a swap storm, SIGSTOP: the leader's session sits idle in a transaction
    holding the writers' lock and the lead. The server ends it after IDLE_SESSION_TIMEOUT; the
    standby leads and writes within seconds; the frozen one, when it wakes, writes nothing."""
    first = await instance(tmp_path, fake)
    second = await instance(tmp_path, fake)
    frozen, exited = asyncio.Event(), asyncio.Event()
    first.leadership.on_lost = exited.set  # in production: the process exits (code 75)

    async def freeze() -> None:
        async with first.db.transaction():  # what a frozen process looks like to the server
            frozen.set()
            await asyncio.sleep(12)

    stuck = asyncio.create_task(freeze())
    try:
        await frozen.wait()
        started = asyncio.get_running_loop().time()
        status, _ = await post(second, {"order_id": "FZ-1", "customer": {"telegram_id": 7011}})
        assert status == 201  # written by the standby, once the frozen session was ended
        await wait_for(lambda: second.leadership.leading, 10, "the standby taking over")
        took = asyncio.get_running_loop().time() - started
        print(f"frozen leader replaced: the standby wrote and led after {took:.1f} s")
        assert took < 10, took
        with pytest.raises(Exception):  # noqa: B017 - its session is gone: nothing commits
            await stuck
        async with first.db.read():  # its next use of the database finds it replaced
            pass
        await asyncio.wait_for(exited.wait(), 10)
    finally:
        stuck.cancel()
        await second.stop()
        await first.stop()


async def test_a_leader_frozen_between_the_messages_of_a_statement_is_replaced(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """SIGSTOP can land while asyncpg is between the messages of one statement: the server
    then sees the session 'active', waiting for its client, and no timeout of its own ends it
    (the red team's 1,000-purchase POST froze there). A standby ends such a session once it
    has waited IDLE_SESSION_TIMEOUT, and leads."""
    frozen = await frozen_session(database_url(tmp_path), f"SELECT pg_advisory_lock({LEADER_KEY})")
    standby = await instance(tmp_path, fake)
    try:
        assert standby.leadership.role == "standby"
        started = asyncio.get_running_loop().time()
        await wait_for(lambda: standby.leadership.leading, 20, "the standby taking over")
        took = asyncio.get_running_loop().time() - started
        status, _ = await post(standby, {"order_id": "FZ-2", "customer": {"telegram_id": 7012}})
        assert status == 201
        print(f"a leader frozen mid-statement: the standby led after {took:.1f} s")
        assert took < 10, took
    finally:
        frozen.close()
        await standby.stop()


async def test_an_instance_starts_past_a_writer_frozen_between_the_messages_of_a_statement(
    tmp_path: Path, fake: FakeTelegramServer
) -> None:
    """The frozen session holds the writers' lock: a new instance's migration check waits for
    it, ends it once it has waited IDLE_SESSION_TIMEOUT, and starts (instead of failing, and
    being restarted by its supervisor into the same wall for ever)."""
    first = await instance(tmp_path, fake)  # the database as a running deployment has it
    await first.stop()
    frozen = await frozen_session(
        database_url(tmp_path),
        f"SELECT pg_advisory_lock({LEADER_KEY}); SELECT pg_advisory_xact_lock({WRITER_KEY})",
    )
    try:
        second = await asyncio.wait_for(instance(tmp_path, fake), 20)
        try:
            await wait_for(lambda: second.leadership.leading, 10, "the new instance leading")
            status, _ = await post(second, {"order_id": "FZ-3", "customer": {"telegram_id": 7013}})
            assert status == 201
        finally:
            await second.stop()
    finally:
        frozen.close()
