"""`python -m demo.sandbox` (`make sandbox`): the real bot against the fake Telegram, left
running for an integrator to poke at: the HTTP API, the fake's control API and the dashboard.

Unlike the demo it plays nothing and keeps its SQLite file between runs; everything it needs to
be used (addresses, tokens, ready-to-paste curl lines) is printed once it is ready.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from demo.logs import configure

if TYPE_CHECKING:
    from bot.app import App
    from bot.settings import Settings
    from faketg import FakeTelegramServer

API_PORT, TELEGRAM_PORT = 8080, 8081  # the bot's default API_PORT; faketg's default port
SANDBOX_DB = Path("data/sandbox.db")
BOT_TOKEN = "123456:SANDBOX-not-a-real-token"
API_TOKEN = "sandbox-api-token"
STAFF_CHAT = -1001000000002
# Made-up people; ids far from real ranges.
CUSTOMERS = {9101: ("Mia", "en"), 9102: ("Olle", "sv")}
AGENT, OWNER = 9201, 9301
READY = "Sandbox ready"


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m demo.sandbox",
        description="the real bot against a local fake Telegram, until Ctrl-C",
    )
    parser.add_argument(
        "--api-port",
        type=_port,
        default=os.environ.get("SANDBOX_API_PORT", str(API_PORT)),  # through _port too
        help=f"the bot's HTTP port (API, dashboard); default $SANDBOX_API_PORT or {API_PORT}",
    )
    parser.add_argument(
        "--telegram-port",
        type=_port,
        default=os.environ.get("SANDBOX_TELEGRAM_PORT", str(TELEGRAM_PORT)),  # through _port too
        help=f"the fake Telegram's port; default $SANDBOX_TELEGRAM_PORT or {TELEGRAM_PORT}",
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=SANDBOX_DB,
        help=f"the SQLite file, kept between runs; default {SANDBOX_DB}",
    )
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    return parser


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a port, 1-65535")
    return int(value)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.api_port == args.telegram_port:
        return _refuse(f"--api-port and --telegram-port are both {args.api_port}")
    ports = [
        (args.api_port, "the bot's HTTP API", "--api-port", "SANDBOX_API_PORT"),
        (args.telegram_port, "the fake Telegram", "--telegram-port", "SANDBOX_TELEGRAM_PORT"),
    ]
    for port, what, flag, env in ports:
        if _taken(port):
            return _refuse(
                f"port {port} ({what}) is taken on 127.0.0.1: pass {flag} N or set {env}=N"
            )
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    return asyncio.run(run_sandbox(args.database, args.api_port, args.telegram_port))


def _refuse(why: str) -> int:
    print(f"sandbox: {why}", file=sys.stderr)
    return 2


def _taken(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def sandbox_settings(database: Path, api_port: int, telegram_url: str) -> Settings:
    """A shop that answers at once: surveys 5 s after a purchase, no quiet hours, every day a
    working day; everything else as a fresh install has it."""
    from bot.settings import load_settings

    return load_settings(
        env_file=None,
        bot_token=BOT_TOKEN,
        telegram_api_url=telegram_url,
        database_url=f"sqlite:///{database}",
        staff_chat_id=STAFF_CHAT,
        api_port=api_port,
        public_url=f"http://127.0.0.1:{api_port}",  # links that open on this machine only
        api_token=API_TOKEN,
        owner_ids=str(OWNER),
        survey_delay="5",
        quiet_hours="off",
        business_hours="24/7",
        shop_name="Sandbox Shop",
    )


async def run_sandbox(database: Path, api_port: int, telegram_port: int) -> int:
    # Imported once the ports are known to be free: a refusal comes at once.
    from bot.app import create_app
    from faketg import FakeTelegramServer
    from storage.lock import AlreadyRunning

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    fake = FakeTelegramServer(token=BOT_TOKEN, port=telegram_port)
    await fake.start()
    try:
        for user_id, (name, language) in CUSTOMERS.items():
            fake.world.add_user(user_id, name, language)
        fake.world.add_user(AGENT, "Sam", "en")
        fake.world.add_user(OWNER, "Olive", "en")
        fake.world.add_group(STAFF_CHAT, "Sandbox staff", members=[AGENT, OWNER])
        database.parent.mkdir(parents=True, exist_ok=True)
        try:
            settings = sandbox_settings(database, api_port, fake.url)
            # Periodic jobs (due surveys among them) each second: a survey comes when said.
            app = await create_app(settings, tick_seconds=1)
        except AlreadyRunning as exc:
            return _refuse(f"{exc} (here: --database FILE)")
        try:
            await _continue_update_ids(app, fake)
            await app.start()
            await asyncio.wait_for(app.connected.wait(), 10)
            print(await ready_text(app, fake, database), flush=True)
            await stop.wait()
        finally:
            await app.stop()
    finally:
        await fake.stop()
    print("Sandbox stopped.", flush=True)
    return 0


async def _continue_update_ids(app: App, fake: FakeTelegramServer) -> None:
    """The database is kept between runs and its inbox remembers which update ids were
    handled: a fake counting from its start again would send ids the bot skips as seen."""
    async with app.db.read() as tx:
        last = await tx.inbox.last_update_id()
    if last is not None:
        fake.world.next_update_id = max(fake.world.next_update_id, last + 1)


async def ready_text(app: App, fake: FakeTelegramServer, database: Path) -> str:
    from bot.dashboard.access import LINK_TTL, dashboard_of

    w = app.wiring
    dashboard = dashboard_of(w.settings, w.core.roles, w.db, w.core.clock)
    async with w.db.transaction() as tx:
        link = await dashboard.link(tx, OWNER)
    base = f"http://127.0.0.1:{app.port}"
    ctl = f"{fake.url}/_fake"
    auth = f'-H "Authorization: Bearer {API_TOKEN}"'
    content = "-H 'Content-Type: application/json'"
    customers = ", ".join(f"{i} {name} ({lang})" for i, (name, lang) in CUSTOMERS.items())
    minutes = int(LINK_TTL.total_seconds() // 60)
    staff = f'{{"user_id": {AGENT}, "chat_id": {STAFF_CHAT}, "text": "/find Mia"}}'
    # The button's text is in the staff's language (STAFF_LANGUAGE).
    button = json.dumps(w.core.staff_t("complaint.button.take"), ensure_ascii=False)
    take = f'{{"user_id": {AGENT}, "chat_id": {STAFF_CHAT}, "button": {button}}}'
    chats = w.settings.chats
    return f"""
{READY}: the real bot against a fake Telegram, on this machine only. Ctrl-C stops it.
  database  {database}, kept between runs (--fresh starts it empty: make sandbox ARGS=--fresh)
  bot       @{fake.world.bot_username}, token {BOT_TOKEN}; staff chat {STAFF_CHAT}
  people    customers {customers}; staff: {AGENT} Sam; owner: {OWNER} Olive
  settings  staff texts in {chats.staff_language}, times in {chats.timezone}; any setting in
            docs/settings.md works set before the start: STAFF_LANGUAGE=ru TIMEZONE=Europe/Moscow

HTTP API: {base}/api/v1   token: {API_TOKEN}   (docs/http-api.md)
  # register a purchase for Mia: her survey comes 5 s later, once she has started the bot
  # (her /start: the first line under the control API below)
  curl -s -X POST {base}/api/v1/purchases {auth} {content} \\
    -d '{{"order_id": "S-1", "customer": {{"telegram_id": 9101, "name": "Mia"}}}}'
  # read the survey; read the last 7 days' numbers
  curl -s {base}/api/v1/survey {auth}
  curl -s {base}/api/v1/stats {auth}

Fake Telegram control API: {ctl}   (docs/operations.md#the-fake-telegram)
  # Mia writes to the bot (any text or /command)
  curl -s -X POST {ctl}/messages -d '{{"user_id": 9101, "text": "/start"}}'
  # what the bot sent Mia: each message's id, text and buttons
  curl -s '{ctl}/sent?chat_id=9101'
  # Mia presses the button "9" under the newest message to her that has one
  curl -s -X POST {ctl}/press -d '{{"user_id": 9101, "button": "9"}}'
  # the staff chat: its cards; Sam writes there (add "reply_to": <a card's message_id>)
  curl -s '{ctl}/sent?chat_id={STAFF_CHAT}'
  curl -s -X POST {ctl}/messages -d '{staff}'
  # Sam takes the newest card: presses its button by the text it shows
  curl -s -X POST {ctl}/press -d '{take}'

Dashboard: {base}/app
  sign in as Olive (once, within {minutes} minutes): {link}
  a new link: Olive sends /dashboard, then reads it in what the bot sent her
  curl -s -X POST {ctl}/messages -d '{{"user_id": {OWNER}, "text": "/dashboard"}}'
  curl -s '{ctl}/sent?chat_id={OWNER}'
"""


if __name__ == "__main__":
    sys.exit(main() if configure() else 2)
