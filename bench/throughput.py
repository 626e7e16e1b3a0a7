"""Inbound presses, complaint relay and a cold backlog: the product against the bare echo bot.

Each measurement starts a fresh fake (limits off: these measure the bot, not Telegram) and a
fresh bot process, prepares its users through the product itself, then times one phase.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.harness import STAFF_CHAT, Echo, Fake, Proc, Product, until
from bench.profile import sampled

FIRST_USER = 1_000_000
# The fake's limits are off for these phases, so the product's own pacing to them is lifted
# too; every other setting is the default (send_concurrency 8), except that invitations go out
# a second after the purchase instead of two hours.
UNLIMITED = {
    "send_global_per_second": 100_000,
    "send_private_per_second": 10_000,
    "send_private_burst": 1_000,
    "send_group_per_minute": 1_000_000,
    "survey_delay": "PT1S",
}


@dataclass(frozen=True)
class Pair:
    echo: float
    ours: float
    echo_cpu_ms: float = 0.0  # CPU time of the bot process per item, where measured
    ours_cpu_ms: float = 0.0

    @property
    def ratio(self) -> float:
        return self.ours / self.echo


@dataclass(frozen=True)
class Backlog:
    echo_seconds: float
    echo_peak_mb: float
    ours_seconds: float
    ours_peak_mb: float
    answered: int


@asynccontextmanager
async def fake_process(session: aiohttp.ClientSession) -> AsyncIterator[Fake]:
    fake = Fake(session)
    try:
        await fake.ready()
        await fake.limits(False)
        await fake.post(
            "/_fake/bulk/group", {"chat_id": STAFF_CHAT, "title": "Staff", "members": []}
        )
        yield fake
    finally:
        fake.stop()


@asynccontextmanager
async def product_process(
    fake: Fake, db: Path | str, **settings: object
) -> AsyncIterator[Product]:
    product = Product(fake, db, **{**UNLIMITED, **settings})
    try:
        await product.ready()
        yield product
    finally:
        product.stop()


@asynccontextmanager
async def standby_process(fake: Fake, db: Path | str) -> AsyncIterator[Product]:
    """A second instance on the same database: up once it says it stands by."""
    product = Product(fake, db, **UNLIMITED)
    try:
        await until(lambda: _stands_by(product), 60, "the standby starting")
        yield product
    finally:
        product.stop()


async def _stands_by(product: Product) -> bool:
    health = await product.health()
    return health is not None and health.get("role") == "standby"


@asynccontextmanager
async def echo_process(fake: Fake, relay_to: int | None = None) -> AsyncIterator[Echo]:
    echo = Echo(fake, relay_to)
    try:
        await echo.ready()
        yield echo
    finally:
        echo.stop()


async def presses_per_second(
    session: aiohttp.ClientSession, tmp: Path, n: int, profile: Path | None = None
) -> Pair:
    """Survey button presses: update in, answer stored, callback answered and message edited.
    `profile`: a folder for py-spy's samples of the product's presses (bench/profile.py)."""
    async with fake_process(session) as fake, echo_process(fake) as reference:
        users = await fake.users(FIRST_USER, n)
        await fake.push([{"user_id": u, "text": "hi"} for u in users])
        await until(lambda: fake.tallied("sendmessage 200", n), 300, "echo replies")
        echo, echo_cpu = await _timed_presses(fake, users, reference.proc)
    ours, ours_cpu = await product_presses(session, tmp / "presses.db", n, profile=profile)
    return Pair(echo, ours, echo_cpu, ours_cpu)


async def product_presses(
    session: aiohttp.ClientSession,
    db: Path | str,
    n: int,
    *,
    standby: bool = False,
    profile: Path | None = None,
) -> tuple[float, float]:
    """(presses per second, CPU ms per press of the leader) of the product on this database;
    `standby`: a second instance on the same (PostgreSQL) database, standing by."""
    async with (
        fake_process(session) as fake,
        product_process(fake, db) as bot,
        standby_process(fake, db) if standby else contextlib.nullcontext(),
    ):
        users = await fake.users(FIRST_USER, n)
        await fake.push([{"user_id": u, "text": "/start"} for u in users])
        await bot.idle()
        before = await fake.tally("sendmessage 200")
        await bot.purchases(users, "P")
        await until(lambda: fake.tallied("sendmessage 200", before + n), 300, "invitations")
        await bot.idle()
        out = None if profile is None else profile / "inbound.txt"
        async with sampled(bot.proc.popen.pid, out):
            return await _timed_presses(fake, users, bot.proc)


async def relays_per_second(
    session: aiohttp.ClientSession,
    tmp: Path,
    customers: int,
    each: int,
    profile: Path | None = None,
) -> Pair:
    """Customer messages outside a survey, each relayed into the staff chat. The reference is a
    bare aiogram bot copying each customer message into the same group chat."""
    total = customers * each
    texts = [
        {"user_id": FIRST_USER + c, "text": f"message {k}"}
        for k in range(each)
        for c in range(customers)
    ]
    async with fake_process(session) as fake, echo_process(fake, relay_to=STAFF_CHAT):
        await fake.users(FIRST_USER, customers)
        began = time.perf_counter()
        await fake.push(texts)
        done = await until(lambda: _staff_at_least(fake, total), 300, "copies in the group")
        reference = total / (done - began)
    # Every message relayed one by one, as the reference does: the product's default
    # (3 a minute per customer, then a roundup) would turn this flood into 10 roundups.
    async with (
        fake_process(session) as fake,
        product_process(fake, tmp / "relay.db", staff_relays_per_minute=1000) as bot,
    ):
        users = await fake.users(FIRST_USER, customers)
        await fake.push([{"user_id": u, "text": "/start"} for u in users])
        await bot.idle()
        await fake.push([{"user_id": u, "text": "It broke"} for u in users])  # opens complaints
        await until(lambda: _staff_at_least(fake, customers), 120, "complaint cards")
        await bot.idle()
        base = await _staff_count(fake)
        async with sampled(bot.proc.popen.pid, None if profile is None else profile / "relay.txt"):
            began = time.perf_counter()
            await fake.push(texts)
            done = await until(lambda: _staff_at_least(fake, base + total), 300, "relays")
        ours = total / (done - began)
    return Pair(reference, ours)


async def backlog(session: aiohttp.ClientSession, tmp: Path, n: int) -> Backlog:
    """`n` customers' first messages waiting before the bot starts: all answered, memory bound."""
    async with fake_process(session) as fake:
        users = await fake.users(FIRST_USER, n)
        await fake.push([{"user_id": u, "text": "hi"} for u in users])
        async with echo_process(fake) as echo:
            began = echo.proc.started
            done = await until(lambda: fake.tallied("sendmessage 200", n), 600, "echoes")
            echo_peak = echo.proc.memory_mb()
    async with fake_process(session) as fake:
        users = await fake.users(FIRST_USER, n)
        await fake.push([{"user_id": u, "text": "/start"} for u in users])
        async with product_process(fake, tmp / "backlog.db") as bot:
            began_ours = bot.proc.started

            async def everyone() -> bool:
                return await fake.reached(users) == n

            finished = await until(everyone, 600, "every customer answered", every=0.25)
            await bot.idle()
            ours_peak = bot.proc.memory_mb()
            answered = await fake.reached(users)
    return Backlog(done - began, echo_peak, finished - began_ours, ours_peak, answered)


async def _timed_presses(fake: Fake, users: list[int], bot: Proc) -> tuple[float, float]:
    """Presses per second, and the bot's CPU milliseconds per press."""
    answered = await fake.answered()
    edits = await fake.tally("editmessagetext 200")
    cpu = bot.cpu_seconds()
    began = time.perf_counter()
    await fake.push([{"user_id": u, "button": "9"} for u in users])

    async def finished() -> bool:
        return await fake.answered() >= answered + len(users) and await fake.tally(
            "editmessagetext 200"
        ) >= edits + len(users)

    done = await until(finished, 300, "every press answered", every=0.1)
    return len(users) / (done - began), (bot.cpu_seconds() - cpu) * 1000 / len(users)


async def _staff_count(fake: Fake) -> int:
    answer = await fake.get("/_fake/bulk/busiest", chat_id=STAFF_CHAT, seconds=1)
    return int(answer["total"])


async def _staff_at_least(fake: Fake, count: int) -> bool:
    return await _staff_count(fake) >= count
