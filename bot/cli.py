"""Command line: run (default), demo, migrate, check-config and the integrator commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence

from bot.settings import ConfigError, Settings, StorageSettings, load_section, load_settings

NOT_YET = {
    "import-purchases": "importing purchases from CSV arrives with the survey journey (issue 3)",
    "export": "CSV export arrives with digests and reports (issue 5)",
    "digest": "digests arrive with digests and reports (issue 5)",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot",
        description="Feedback bot: post-purchase surveys, complaints with SLA, owner digests.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="serve: long polling, or webhook mode when WEBHOOK_URL is set")
    sub.add_parser("demo", help="play scripted customers against a local fake Telegram server")
    sub.add_parser("migrate", help="apply pending database migrations and exit")
    sub.add_parser("check-config", help="validate every setting and print them (secrets hidden)")
    imp = sub.add_parser("import-purchases", help="import purchases from a CSV file (not yet)")
    imp.add_argument("file", nargs="?")
    sub.add_parser("export", help="write responses and complaints as CSV (not yet)")
    sub.add_parser("digest", help="print the digest for a period (not yet)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "run"
    quiet = "WARNING" if command == "demo" else "INFO"  # the demo prints its own story
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", quiet).upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if command in NOT_YET:
        print(f"{command}: not available yet: {NOT_YET[command]}", file=sys.stderr)
        return 2
    try:
        if command == "migrate":
            return asyncio.run(_migrate(load_section(StorageSettings)))
        if command == "demo":
            from bot import demo

            return demo.main()
        settings = load_settings()
    except ConfigError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 2
    if command == "check-config":
        _print_settings(settings)
        return 0
    return asyncio.run(serve(settings))


async def _migrate(storage: StorageSettings) -> int:
    from storage.db import Database
    from storage.migrate import migrate

    db = Database(storage.database_path)
    await db.connect()
    try:
        applied = await migrate(db.conn)
    finally:
        await db.close()
    for m in applied:
        print(f"applied {m.version:04d}_{m.name}")
    print(f"database {storage.database_path} is up to date")
    return 0


async def serve(settings: Settings) -> int:
    from bot.app import create_app

    app = await create_app(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.start()
    await stop.wait()
    await app.stop()
    return 0


def _print_settings(settings: Settings) -> None:
    for section in (
        settings.telegram,
        settings.storage,
        settings.chats,
        settings.api,
        settings.rules,
        settings.surveys,
        settings.sender,
    ):
        for name in type(section).model_fields:
            print(f"{name.upper()}={getattr(section, name)}")
