"""PostgreSQL faults on two real bot processes (make soak; its own throwaway cluster).

1. The leader frozen (SIGSTOP) 40 ms into a 1,000-purchase POST, inside its transaction: the
   server ends the idle session, the standby writes and leads; the frozen one, woken, exits
   (code 75) and its supervisor starts it again as a standby. The batch, sent again to the
   other instance, is stored exactly once.
2. The database stopped for 60 s while 50 customers write and purchases are posted: /healthz
   says 503 from about HEALTH_DB_FAIL_AFTER on and 200 again soon after the server is back,
   the API answers JSON 503 with Retry-After meanwhile, and afterwards every customer is
   greeted once and every update handled once.
The figures are printed."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import pgtemp
from faketg import FakeTelegramServer
from faketg.limits import FakeLimits
from tests.support.helpers import wait_for
from tests.support.processes import (
    BotProcess,
    assert_each_greeted_once,
    bot_env,
    db_rows,
    free_port,
)
from tests.support.processes import start_bot as spawn

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(
        not (shutil.which("pg_ctl") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))),
        reason="PostgreSQL's server is not installed",
    ),
]

TOKEN = "soak-token"
BATCH = [{"order_id": f"BIG-{i}", "customer": {"telegram_id": 300_000 + i}} for i in range(1000)]
WRITERS = range(98_000, 98_050)
OUTAGE = 60


async def call(port: int, path: str, body: Any = None, within: float = 15) -> tuple[int, Any]:
    """(status, JSON body, or None); status 0 when nothing answered in time."""
    url = f"http://127.0.0.1:{port}{path}"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(within)) as session:
            method = session.post if body is not None else session.get
            headers = {"Authorization": f"Bearer {TOKEN}"}
            async with method(url, json=body, headers=headers) as resp:
                try:
                    return resp.status, await resp.json()
                except (aiohttp.ContentTypeError, ValueError):
                    return resp.status, None
    except (aiohttp.ClientError, TimeoutError):
        return 0, None


async def role(port: int) -> str | None:
    status, body = await call(port, "/healthz", within=2)
    return str(body.get("role")) if status and isinstance(body, dict) else None


class Supervised:
    """One instance, started again whenever it exits (as systemd or Docker would)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = int(env["API_PORT"])
        self.exits: list[int] = []
        self.proc: BotProcess | None = None
        self._task = asyncio.create_task(self._keep())

    async def _keep(self) -> None:
        while True:
            self.proc = await spawn(self.env)
            self.exits.append(await self.proc.wait())

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.proc.wait(), 20)


async def until_role(instance: Supervised, wanted: str, within: float) -> float:
    began = time.monotonic()
    while await role(instance.port) != wanted:
        assert time.monotonic() - began < within, f"{instance.port} never became {wanted}"
        await asyncio.sleep(0.1)
    return time.monotonic() - began


async def test_a_frozen_leader_and_a_database_outage(fake: FakeTelegramServer) -> None:
    world = fake.world
    world.set_limits(FakeLimits(global_per_second=100, global_burst=100, private_per_second=10))
    for user in WRITERS:
        world.add_user(user, f"W{user}", "en")
    with pgtemp.running() as pg:
        env = bot_env(fake, pg.url) | {"API_TOKEN": TOKEN, "HEALTH_DB_FAIL_AFTER": "PT10S"}
        first = Supervised(env | {"API_PORT": str(free_port())})
        await until_role(first, "leader", 60)
        second = Supervised(env | {"API_PORT": str(free_port())})
        await until_role(second, "standby", 60)
        try:
            await frozen_leader(first, second, pg.url)
            await database_outage(first, second, pg, fake)
        finally:
            await first.stop()
            await second.stop()


async def frozen_leader(first: Supervised, second: Supervised, url: str) -> None:
    posting = asyncio.create_task(call(first.port, "/api/v1/purchases", {"purchases": BATCH}, 60))
    await asyncio.sleep(0.04)
    first.signal(signal.SIGSTOP)
    frozen = time.monotonic()
    tries = 0
    answers = []
    while (answer := await call(second.port, "/api/v1/purchases", single(f"FZ-{tries}")))[
        0
    ] != 201:
        answers.append((round(time.monotonic() - frozen, 1), *answer))
        tries += 1
        assert time.monotonic() - frozen < 60, f"the standby never wrote: {answers}"
    wrote = time.monotonic() - frozen
    await until_role(second, "leader", 30)
    led = time.monotonic() - frozen
    first.signal(signal.SIGCONT)
    await wait_for(lambda: bool(first.exits), 30, "the woken leader to exit")
    answered, _ = await posting
    status, body = await call(second.port, "/api/v1/purchases", {"purchases": BATCH}, 60)
    assert status in (200, 201) and body["created"] + body["duplicates"] == len(BATCH)
    stored = await db_rows(url, "SELECT 'n', COUNT(*) FROM purchases WHERE order_id LIKE 'BIG-%'")
    assert stored == [("n", len(BATCH))]
    assert first.exits == [75]
    await until_role(first, "standby", 60)
    print(
        f"frozen leader: the standby wrote after {wrote:.1f} s ({tries} purchases refused"
        f" meanwhile) and led after {led:.1f} s; the frozen POST got {answered or 'no answer'};"
        f" sent again: {body['created']} created, {body['duplicates']} already there"
    )


def single(order_id: str) -> dict[str, Any]:
    return {"order_id": order_id, "customer": {"telegram_id": 310_000}}


async def database_outage(
    first: Supervised, second: Supervised, pg: pgtemp.Cluster, fake: FakeTelegramServer
) -> None:
    samples: list[tuple[float, int, int]] = []  # (seconds since the stop, first, second)
    api: list[tuple[float, int, bool]] = []  # (seconds, status, Retry-After given)
    down = time.monotonic()

    async def sample() -> None:
        while True:
            one, two = await asyncio.gather(
                call(first.port, "/healthz", within=2), call(second.port, "/healthz", within=2)
            )
            samples.append((time.monotonic() - down, one[0], two[0]))
            await asyncio.sleep(0.5)

    pg.stop()
    down = time.monotonic()
    sampler = asyncio.create_task(sample())
    try:
        for n, user in enumerate(WRITERS):
            await fake.world.user_sends(user, "/start")
            if n % 10 == 0:
                status, _ = await call(second.port, "/api/v1/purchases", single(f"OUT-{n}"), 20)
                api.append((time.monotonic() - down, status, status == 503))
            await asyncio.sleep(OUTAGE / len(WRITERS))
        await asyncio.sleep(max(0.0, down + OUTAGE - time.monotonic()))
        pg.start()
        up = time.monotonic() - down
        await wait_for(
            lambda: all(len(fake.world.sent_to(u)) >= 2 for u in WRITERS), 120, "every greeting"
        )
        await wait_for(lambda: bool(samples) and samples[-1][1:] == (200, 200), 60, "healthy")
    finally:
        sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampler
    sick = [at for at, one, two in samples if 503 in (one, two)]
    healthy_again = next(at for at, one, two in samples if at > up and (one, two) == (200, 200))
    assert sick and 5 <= sick[0] <= 25, sick[:3]  # about HEALTH_DB_FAIL_AFTER after the stop
    assert all(status == 503 for _, status, _ in api)  # JSON 503 (call reads it), never a 500
    users = len(WRITERS)
    greeted = [u for u in WRITERS if len(fake.world.sent_to(u)) == 2]
    assert len(greeted) == users
    leaders = [await role(first.port), await role(second.port)]
    print(
        f"database down {up:.0f} s: /healthz 503 from {sick[0]:.1f} s after the stop, 200 again"
        f" {healthy_again - up:.1f} s after it was back; API during the outage:"
        f" {[s for _, s, _ in api]}; {users} customers greeted once each; roles after: {leaders};"
        f" exits so far: {first.exits}, {second.exits}"
    )
    await assert_each_greeted_once(pg.url, users)  # the purchases' customers never started
