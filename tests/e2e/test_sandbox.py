"""`make sandbox` as an integrator meets it: it says when it is ready and how to use it, what it
prints works, and Ctrl-C ends it cleanly."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from tests.support.backend import own_sqlite
from tests.support.processes import ROOT, free_port
from tests.support.texts import EN

pytestmark = own_sqlite

MIA, OLLE = 9101, 9102  # customers the sandbox makes up
STAFF = -1001000000002  # its staff chat


async def _sandbox(*args: str, **settings: str) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update(settings)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "demo.sandbox",
        *args,
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "WARNING"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _ready_text(proc: asyncio.subprocess.Process) -> str:
    """What it printed up to the end of its ready text (a new dashboard link comes last)."""
    assert proc.stdout is not None
    lines: list[str] = []
    while not lines or "/_fake/sent?chat_id=9301" not in lines[-1]:
        line = await asyncio.wait_for(proc.stdout.readline(), 90)
        if not line:
            assert proc.stderr is not None
            raise AssertionError(f"the sandbox ended:\n{(await proc.stderr.read()).decode()}")
        lines.append(line.decode())
    return "".join(lines)


def _has_button(sent: list[Any], text: str) -> bool:
    return any(b["text"] == text for s in sent for row in s["buttons"] for b in row)


def _printed(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in:\n{text}"
    return found.group(1)


async def _sent_to(session: aiohttp.ClientSession, control: str, chat: int) -> list[Any]:
    async with session.get(f"{control}/sent", params={"chat_id": str(chat)}) as answer:
        assert answer.status == 200
        sent: list[Any] = await answer.json()
        return sent


async def _until_sent(
    session: aiohttp.ClientSession,
    control: str,
    chat: int,
    done: Callable[[list[Any]], bool],
    within: float = 20,
) -> list[Any]:
    """What the bot sent `chat`, once `done` says it is there."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not done(sent := await _sent_to(session, control, chat)):
        assert loop.time() < deadline, f"the bot sent chat {chat} only {sent}"
        await asyncio.sleep(0.2)
    return sent


async def test_the_sandbox_prints_what_works_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    api_port, telegram_port = free_port(), free_port()
    proc = await _sandbox(
        "--api-port",
        str(api_port),
        "--telegram-port",
        str(telegram_port),
        "--database",
        str(tmp_path / "sandbox.db"),
        STAFF_LANGUAGE="ru",
        TIMEZONE="Europe/Moscow",
    )
    try:
        text = await _ready_text(proc)
        # The settings a newcomer would change are said, and the environment sets them.
        assert "staff texts in ru, times in Europe/Moscow" in text
        api = _printed(r"HTTP API: (\S+)", text)
        token = _printed(r"token: (\S+)", text)
        control = _printed(r"Fake Telegram control API: (\S+)", text)
        assert api == f"http://127.0.0.1:{api_port}/api/v1"
        assert control == f"http://127.0.0.1:{telegram_port}/_fake"
        assert f"Bearer {token}" in text and "/app/login?token=" in text
        auth = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{api}/survey", headers=auth) as answer:
                assert answer.status == 200
                assert (await answer.json())["questions"][0]["id"] == "nps"
            # Mia writes to the bot as the printed curl line does, and reads its greeting.
            body = {"user_id": MIA, "text": "/start"}
            async with session.post(f"{control}/messages", json=body) as answer:
                assert answer.status == 200
            greeting = (await _until_sent(session, control, MIA, bool))[0]
            assert greeting["text"] == EN("start-greeting", name="Mia", shop="Sandbox Shop")
            purchase = {"order_id": "S-1", "customer": {"telegram_id": MIA, "name": "Mia"}}
            async with session.post(f"{api}/purchases", json=purchase, headers=auth) as answer:
                assert answer.status == 201
                assert (await answer.json())["status"] == "scheduled"
            # Her survey comes; she presses "9" by its text, as the printed line does.
            invite = (await _until_sent(session, control, MIA, lambda sent: len(sent) > 2))[-1]
            assert any(b["text"] == "9" for row in invite["buttons"] for b in row)
            press = {"user_id": MIA, "button": "9"}
            async with session.post(f"{control}/press", json=press) as answer:
                assert answer.status == 200
            asked = await _until_sent(session, control, MIA, lambda sent: bool(sent[-1]["edits"]))
            assert asked[-1]["message_id"] == invite["message_id"]  # the answer edits it
            assert asked[-1]["text"] == EN("survey-followup-promoter")
            # Olle writes: his complaint's card comes to the staff chat, and Sam takes it by
            # the printed line (the button's text, the newest card that has it).
            take = json.loads(
                _printed(rf"/press -d '(\{{[^']*\"chat_id\": {STAFF}[^']*\}})'", text)
            )
            body = {"user_id": OLLE, "text": "The lid is broken"}
            async with session.post(f"{control}/messages", json=body) as answer:
                assert answer.status == 200
            assert take == {"user_id": 9201, "chat_id": STAFF, "button": "Взять"}  # ru staff
            label = take["button"]
            await _until_sent(session, control, STAFF, lambda sent: _has_button(sent, label))
            async with session.post(f"{control}/press", json=take) as answer:
                assert answer.status == 200
            await _until_sent(session, control, STAFF, lambda sent: not _has_button(sent, label))
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    assert "Sandbox stopped." in out.decode()
    for port in (api_port, telegram_port):  # nothing is left listening
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


async def test_a_taken_port_is_named_and_nothing_starts(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = await _sandbox("--api-port", str(port), "--database", str(tmp_path / "sandbox.db"))
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2
    assert err.decode().strip() == (
        f"sandbox: port {port} (the bot's HTTP API) is taken on 127.0.0.1: pass --api-port N"
        " or set SANDBOX_API_PORT=N"
    )
    assert not (tmp_path / "sandbox.db").exists()


async def _run_until_ready(database: Path) -> tuple[asyncio.subprocess.Process, str]:
    """A sandbox on `database` and its control API's address, once it is ready."""
    telegram_port = free_port()
    proc = await _sandbox(
        "--api-port", str(free_port()), "--telegram-port", str(telegram_port),
        "--database", str(database),
    )  # fmt: skip
    await _ready_text(proc)
    return proc, f"http://127.0.0.1:{telegram_port}/_fake"


async def _stop(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.send_signal(signal.SIGINT)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()


async def test_a_restarted_sandbox_answers_at_once(tmp_path: Path) -> None:
    """The database is kept between runs and remembers the updates it handled: the fake
    Telegram's next updates must not reuse their numbers, or the bot ignores them."""
    database = tmp_path / "sandbox.db"
    async with aiohttp.ClientSession() as session:
        for words, answered in (("/start", "Hello, Mia!"), ("/help", "What I can do:")):
            proc, control = await _run_until_ready(database)
            try:
                body = {"user_id": MIA, "text": words}
                async with session.post(f"{control}/messages", json=body) as answer:
                    assert answer.status == 200
                sent = await _until_sent(session, control, MIA, bool)
                assert sent[0]["text"].startswith(answered)
            finally:
                await _stop(proc)
