"""Processes under test: the fake Bot API, the bare echo bot and the product, each on its own.

Every process gets its own interpreter, so the fake's work does not slow the bot down (or the
other way round) beyond sharing the machine's cores, and each bot's memory is its own.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

TOKEN = "123456:BENCH-token"
STAFF_CHAT = -100777
ROOT = Path(__file__).resolve().parent.parent
API_TOKEN = "bench-api-token"


# Children may write compiled bytecode, as a deployment does (this machine's environment turns
# it off, which would make start-up figures depend on whether .pyc files happen to exist).
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def until(
    check: Callable[[], Awaitable[bool]], within: float, what: str, every: float = 0.05
) -> float:
    """Poll `check` until true; the moment it became true (time.perf_counter)."""
    deadline = time.perf_counter() + within
    while not await check():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{what} did not happen within {within:.0f} s")
        await asyncio.sleep(every)
    return time.perf_counter()


class Proc:
    """A child process with its peak and current memory read from /proc."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        # A file, not a pipe: a pipe nobody reads would block a chatty child. Closed in stop().
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.popen = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env={**_ENVIRONMENT, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
        )

    def memory_mb(self, field: str = "VmHWM") -> float:
        """VmHWM: peak resident set; VmRSS: resident now."""
        for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"{field} not in /proc status")

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.popen.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self.errors.close()

    def stderr_tail(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")[-3000:]

    def check_alive(self) -> None:
        if self.popen.poll() is not None:
            raise RuntimeError(
                f"process exited with {self.popen.returncode}:\n{self.stderr_tail()}"
            )


async def first_reply_s(fake: Fake, proc: Proc, user: int, within: float = 120) -> float:
    """Seconds from spawning `proc` to its first message to `user`, whose message was waiting
    in the fake before the spawn: start-up as a customer feels it."""

    async def replied() -> bool:
        proc.check_alive()
        return await fake.reached([user]) == 1

    return await until(replied, within, "the first reply", every=0.02) - proc.started


class Fake:
    """The fake Bot API in its own process, driven through its control API."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.session = session
        self.proc = Proc(["-m", "faketg", "--port", str(self.port), "--token", TOKEN])

    async def ready(self) -> None:
        async def up() -> bool:
            self.proc.check_alive()
            try:
                await self.get("/_fake/stats")
            except aiohttp.ClientError:
                return False
            return True

        await until(up, 20, "the fake Bot API starting")

    async def get(self, path: str, **query: object) -> Any:
        params = {k: str(v) for k, v in query.items()}
        async with self.session.get(self.url + path, params=params) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def post(self, path: str, body: object) -> Any:
        async with self.session.post(self.url + path, json=body) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def tally(self, key: str) -> int:
        """Answers given so far for "method status", e.g. "sendmessage 200"."""
        return int((await self.get("/_fake/stats"))["tally"].get(key, 0))

    async def tallied(self, key: str, count: int) -> bool:
        return await self.tally(key) >= count

    async def limits(self, enabled: bool, strict_window: bool = False) -> None:
        """Telegram's limits on or off; `strict_window`: at most 30 sends in any 1-second
        window on arrival, instead of a bucket with a saved-up burst."""
        limits = {"enabled": enabled, "global_window": strict_window}
        await self.post("/_fake/config", {"limits": limits})

    async def users(self, first: int, count: int) -> list[int]:
        await self.post("/_fake/bulk/users", {"first_id": first, "count": count})
        return list(range(first, first + count))

    async def push(self, updates: list[dict[str, object]]) -> None:
        for start in range(0, len(updates), 2000):
            answer = await self.post(
                "/_fake/bulk/updates", {"updates": updates[start : start + 2000]}
            )
            if answer["missing"]:
                raise RuntimeError(f"{len(answer['missing'])} users had nothing to press")

    async def answered(self) -> int:
        return int((await self.get("/_fake/bulk/callbacks"))["answered"])

    async def drained(self) -> bool:
        return bool((await self.get("/_fake/bulk/pending"))["updates"] == 0)

    async def reached(self, users: list[int]) -> int:
        answer = await self.get("/_fake/bulk/reached", first=users[0], count=len(users))
        return int(answer["reached"])

    def stop(self) -> None:
        self.proc.stop()


class Product:
    """`python -m bot run` on a SQLite file (or a PostgreSQL URL), against the fake."""

    def __init__(self, fake: Fake, db: Path | str, **settings: object) -> None:
        self.fake = fake
        self.api_port = free_port()
        env = {
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "DATABASE_URL": db if isinstance(db, str) else f"sqlite:///{db}",
            "STAFF_CHAT_ID": str(STAFF_CHAT),
            "API_PORT": str(self.api_port),
            "API_TOKEN": API_TOKEN,
            "QUIET_HOURS": "off",
            "LOG_LEVEL": "WARNING",
        }
        env.update({k.upper(): str(v) for k, v in settings.items()})
        profile = os.environ.get("BENCH_PROFILE")  # a file: the bot runs under cProfile
        self.proc = Proc(
            [*(["-m", "cProfile", "-o", profile] if profile else []), "-m", "bot", "run"], env
        )
        self.startup_s = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    async def health(self) -> dict[str, Any] | None:
        self.proc.check_alive()
        try:
            async with self.fake.session.get(self.base + "/healthz") as resp:
                return dict(await resp.json()) if resp.status == 200 else None
        except aiohttp.ClientError:
            return None

    async def ready(self, within: float = 60) -> float:
        """Seconds from spawn until the API answers and the bot polls Telegram."""
        polls = await self.fake.tally("getupdates 200")

        async def up() -> bool:
            return await self.health() is not None and (
                await self.fake.tally("getupdates 200") > polls
            )

        ready_at = await until(up, within, "the bot starting", every=0.02)
        self.startup_s = ready_at - self.proc.started
        return self.startup_s

    async def idle(self, within: float = 600) -> float:
        """Wait until every update Telegram holds is handled and every reply sent."""

        async def quiet() -> bool:
            health = await self.health()
            return (
                await self.fake.drained()
                and health is not None
                and health["inbox_pending"] == 0
                and health["outbox_pending"] == 0
            )

        return await until(quiet, within, "the bot catching up", every=0.1)

    async def purchases(self, users: list[int], prefix: str) -> None:
        headers = {"Authorization": f"Bearer {API_TOKEN}"}
        for start in range(0, len(users), 1000):
            body = {
                "purchases": [
                    {"order_id": f"{prefix}-{u}", "customer": {"telegram_id": u}}
                    for u in users[start : start + 1000]
                ]
            }
            async with self.fake.session.post(
                self.base + "/api/v1/purchases", json=body, headers=headers
            ) as resp:
                if resp.status not in (200, 201):
                    raise RuntimeError(f"purchases refused: {resp.status} {await resp.text()}")

    def stop(self) -> None:
        self.proc.stop()


class Echo:
    """The bare aiogram echo bot; with `relay_to`, the bare relay bot (bench/echo.py)."""

    def __init__(self, fake: Fake, relay_to: int | None = None) -> None:
        self.fake = fake
        relay = ["--relay-to", str(relay_to)] if relay_to is not None else []
        self.proc = Proc(["-m", "bench.echo", fake.url, TOKEN, *relay])
        self.startup_s = 0.0

    async def ready(self) -> float:
        polls = await self.fake.tally("getupdates 200")

        async def up() -> bool:
            self.proc.check_alive()
            return await self.fake.tally("getupdates 200") > polls

        self.startup_s = (
            await until(up, 30, "the echo bot starting", every=0.02) - self.proc.started
        )
        return self.startup_s

    def stop(self) -> None:
        self.proc.stop(signal.SIGINT)
