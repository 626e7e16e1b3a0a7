"""The real bot as a separate process (`python -m bot run`), to be killed and restarted."""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import aiohttp

from faketg import FakeTelegramServer
from storage.db import Database
from tests.support.helpers import STAFF_CHAT, TOKEN, wait_for

ROOT = Path(__file__).resolve().parents[2]
# `python -m bot` spends some 9 s of CPU importing aiogram before it does anything; with the
# suite on several workers sharing two cores that can take a minute of wall time. Waits that
# include a process's start allow this long: a guard against a hang, not a start-up promise.
# (`start_bot` pays that import once per test process, in the zygote, not at every start.)
STARTING = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bot_env(fake: FakeTelegramServer, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=fake.url,
        DATABASE_URL=database,
        STAFF_CHAT_ID=str(STAFF_CHAT),
        API_PORT="0",
        LOG_LEVEL="WARNING",
        SEND_GLOBAL_PER_SECOND="100",
        SEND_PRIVATE_PER_SECOND="10",
    )
    return env


_LOGS: dict[int, Path] = {}  # a started bot's pid -> the file its stderr goes to


_PORTS: dict[int, int] = {}  # a started bot's pid -> its HTTP port


class BotProcess:
    """A bot process the zygote forked (not this process's child: its exit code comes from
    the zygote), with what the tests use of `asyncio.subprocess.Process`."""

    def __init__(self, pid: int, zygote: Zygote) -> None:
        self.pid = pid
        self._zygote = zygote

    @property
    def returncode(self) -> int | None:
        return self._zygote.exits.get(self.pid)

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    async def wait(self) -> int:
        while True:
            code = self.returncode
            if code is not None:
                return code
            await asyncio.sleep(0.02)  # the zygote's reader thread fills it in


class Zygote:
    """`python -m tests.support.zygote`, started on first use and kept for the test process:
    a thread reads its answers, so any test's event loop can wait for them (by polling)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.zygote"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.ready = False
        self.started: list[int] = []
        self.exits: dict[int, int] = {}
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, answers: IO[bytes]) -> None:
        for line in answers:
            said = json.loads(line)
            if "ready" in said:
                self.ready = True
            elif "started" in said:
                self.started.append(said["started"])
            else:
                self.exits[said["exited"]] = said["code"]

    async def fork(self, env: dict[str, str], log: Path) -> BotProcess:
        assert self.proc.stdin is not None and self.proc.poll() is None, "the zygote is gone"
        request = {"env": env, "cwd": str(ROOT), "log": str(log)}
        self.proc.stdin.write(json.dumps(request).encode() + b"\n")
        self.proc.stdin.flush()
        # Its imports once (a process's start, as `python -m bot` had at every start), then
        # the fork, each within STARTING.
        await self._until(lambda: self.ready, "imported")
        await self._until(lambda: bool(self.started), "forked")
        return BotProcess(self.started.pop(0), self)

    async def _until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + STARTING
        while not done():
            assert self.proc.poll() is None, "the zygote died"
            assert time.monotonic() < deadline, f"the zygote never {what}"
            await asyncio.sleep(0.02)

    def close(self) -> None:
        """Its stdin closed: it kills the bots still running, then ends."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


_ZYGOTE: list[Zygote] = []


def _zygote() -> Zygote:
    if not _ZYGOTE or _ZYGOTE[0].proc.poll() is not None:
        _ZYGOTE[:] = [Zygote()]
        atexit.register(_ZYGOTE[0].close)
    return _ZYGOTE[0]


async def start_bot(env: dict[str, str]) -> BotProcess:
    """The bot (`python -m bot run`, forked from the zygote) at LOG_LEVEL (WARNING): what it
    logs is kept in a file, said when it fails. Its HTTP port is chosen here (API_PORT 0 in
    `env`), so `stop_when` can tell it is up."""
    if env.get("API_PORT", "0") == "0":
        env = {**env, "API_PORT": str(free_port())}
    fd, name = tempfile.mkstemp(prefix="bot-", suffix=".log")
    os.close(fd)
    zygote = _zygote()
    proc = await zygote.fork(env, Path(name))  # one start at a time: answers come in order
    _LOGS[proc.pid] = Path(name)
    _PORTS[proc.pid] = int(env["API_PORT"])
    return proc


async def serving(proc: BotProcess, within: float = STARTING) -> None:
    """Until the bot answers HTTP (its signal handlers are in place by then): a SIGTERM
    while it still imports ends it the default way, as for any process."""
    url = f"http://127.0.0.1:{_PORTS[proc.pid]}/healthz"
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(url):
                    return
            except aiohttp.ClientError:
                if proc.returncode is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the bot never served:\n{logged(proc)}") from None
                await asyncio.sleep(0.1)


def logged(proc: BotProcess, lines: int = 30) -> str:
    """The end of what the bot process logged."""
    path = _LOGS.get(proc.pid)
    if path is None or not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


async def stop_when(proc: BotProcess, done: Callable[[], bool], within: float, what: str) -> None:
    """Let the bot run until `done` and record its last outcomes; then it must stop cleanly."""
    try:
        await serving(proc)
        await wait_for(done, within=within, what=what)
        await asyncio.sleep(0.5)  # let the last outcomes be recorded
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 20)
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{logged(proc)}"


async def db_rows(database: str, sql: str) -> list[tuple[object, int]]:
    db = Database(database)
    await db.connect()
    try:
        async with db.read() as tx:
            return [(row[0], int(row[1])) for row in await tx.conn.fetch_all(sql)]
    finally:
        await db.close()


async def assert_each_greeted_once(database: str, users: int) -> None:
    """After a stream of /start from `users` customers: every update handled once, two replies
    queued per customer (greeting, phone offer), and everything queued delivered."""
    inbox = dict(await db_rows(database, "SELECT status, COUNT(*) FROM inbox GROUP BY status"))
    assert inbox == {"done": users}
    per_chat = await db_rows(
        database,
        "SELECT chat_id, COUNT(*) FROM outbox WHERE method = 'SendMessage' GROUP BY chat_id",
    )
    assert len(per_chat) == users and all(count == 2 for _, count in per_chat)
    statuses = dict(await db_rows(database, "SELECT status, COUNT(*) FROM outbox GROUP BY status"))
    assert set(statuses) == {"sent"}  # the replies and each start's command menus
