"""Command line: run (default), migrate, check-config, dashboard-link and the integrator
commands.

The demo is not one of them: it lives beside the product in the source tree (`python -m
demo`), with the fake Telegram server it plays against; an installed package has neither.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import errno
import gc
import logging
import signal
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import logs, spreadsheet
from bot.settings import (
    EXPORT_FORMATS,
    ConfigError,
    LogSettings,
    Settings,
    StorageSettings,
    address_warnings,
    load_section,
    load_settings,
    readiness_warnings,
    settings_lines,
    unknown_names_warnings,
)

if TYPE_CHECKING:  # aiogram takes seconds to import: `--help` and config errors answer at once
    from bot.surveys.csv_import import ImportReport
    from bot.surveys.purchases_file import PurchasesFile


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot",
        description="Feedback bot: post-purchase surveys, complaints with SLA, owner digests.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="serve: long polling, or webhook mode when WEBHOOK_URL is set")
    sub.add_parser("migrate", help="apply pending database migrations and exit")
    sub.add_parser("check-config", help="validate every setting and print them (secrets hidden)")
    copy = sub.add_parser(
        "copy-data", help="copy every row into another, empty database (e.g. to PostgreSQL)"
    )
    copy.add_argument("--from", dest="source", required=True, help="e.g. sqlite:///data/bot.db")
    copy.add_argument("--to", dest="target", required=True, help="e.g. postgresql://u:p@h/db")
    imp = sub.add_parser(
        "import-purchases",
        help="import purchases from a CSV or .xlsx file; prints each one's deep link",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--out", type=Path, help="write order_id,status,due_at,deep_link here")
    exp = sub.add_parser(
        "export", help="write responses and complaints (.xlsx or .csv) for a period"
    )
    exp.add_argument("--out", type=Path, default=Path("export"), help="folder (default export/)")
    exp.add_argument(
        "--format", choices=EXPORT_FORMATS, help="xlsx or csv (default: EXPORT_FORMAT, xlsx)"
    )
    link = sub.add_parser(
        "dashboard-link", help="print a one-time sign-in link to the owners' dashboard"
    )
    link.add_argument("--user", type=int, required=True, help="an OWNER_IDS or MANAGER_IDS id")
    events = sub.add_parser("events", help="events for other systems: test, replay")
    what = events.add_subparsers(dest="events", metavar="ACTION", required=True)
    what.add_parser("test", help="send a signed ping to each EVENTS_URL, print the answers")
    again = what.add_parser("replay", help="deliver every event after ID again (same ids)")
    again.add_argument("--since", type=int, required=True, help="an event id (0: all kept)")
    dig = sub.add_parser("digest", help="print the digest for a period and draw its chart")
    dig.add_argument("--chart", type=Path, help="write the chart (PNG) here")
    for both in (exp, dig):
        both.add_argument("--from", dest="first", help="first day, e.g. 2026-10-01")
        both.add_argument("--to", dest="last", help="last day, included (default: last 7 days)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = args.command or "run"
    try:
        level = load_section(LogSettings).log_level
    except ConfigError:
        level = None  # reported with every other bad setting below
    logs.configure(level)
    try:
        if command == "migrate":
            load_section(LogSettings)  # it reads no other section that would report it
            return asyncio.run(_migrate(load_section(StorageSettings)))
        if command == "copy-data":
            from bot.copy_data import copy_data

            return asyncio.run(copy_data(args.source, args.target))
        settings = load_settings()
    except ConfigError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        if command == "check-config":
            _print_lines(readiness_warnings() + unknown_names_warnings(), sys.stderr)
        else:  # "STAFF_CHAT_ID is not set" beside "STAFF_CHAT in .env is not a setting"
            _print_lines(unknown_names_warnings(), sys.stderr)
        return 2
    if command == "check-config":
        _print_settings(settings)
        for line in asyncio.run(_moved_chats(settings)):
            print(line)
        warnings = readiness_warnings() + address_warnings(settings) + unknown_names_warnings()
        _print_lines(warnings, sys.stderr)  # on stderr: stdout stays NAME=value
        return 1 if warnings else 0
    if command == "import-purchases":
        if not args.file.is_file():
            print(f"import-purchases: no such file: {args.file}", file=sys.stderr)
            return 2
        from bot.i18n import Catalog
        from bot.surveys.headers import HeaderError
        from bot.surveys.purchases_file import read_purchases_file

        try:
            file = read_purchases_file(args.file.read_bytes())
        except HeaderError as exc:  # said to the operator in the staff's language
            said = exc.text(Catalog.load().bind(settings.chats.staff_language))
            print(f"import-purchases: {said}", file=sys.stderr)
            return 2
        print(f"{args.file}: {file.describe()}", file=sys.stderr)
        if file.ignored:
            print(f"ignored columns: {', '.join(file.ignored)}", file=sys.stderr)
        report, linked = asyncio.run(_import(settings, file))
        return _write_report(report, args.out, linked, settings.api.public_url is not None)
    if command == "dashboard-link":
        return asyncio.run(_dashboard_link(settings, args.user))
    if command == "events":
        from bot.events import cli as events_cli

        if args.events == "test":
            return asyncio.run(events_cli.ping(settings))
        return asyncio.run(events_cli.replay(settings, args.since))
    if command in ("digest", "export"):
        from bot.reports import cli

        if command == "digest":
            return cli.run_digest(settings, args.first, args.last, args.chart)
        chosen = args.format or settings.chats.export_format
        return cli.run_export(settings, args.first, args.last, args.out, chosen)
    return asyncio.run(serve(settings))


async def _dashboard_link(settings: Settings, user_id: int) -> int:
    """Works while the bot runs (another process may hold the SQLite file's lock: the link is
    one row, written like the CLI's other writes)."""
    from bot.dashboard.access import LINK_TTL, NotAllowed, dashboard_of
    from bot.roles import Roles
    from storage.clock import utc_now
    from storage.db import Database
    from storage.migrate import migrate

    db = Database(settings.storage.database)
    await db.connect()
    try:
        await migrate(db.conn)
        dashboard = dashboard_of(settings, Roles.from_settings(settings), db, utc_now)
        if dashboard.config.base_url is None:
            print(
                "dashboard-link: no public address: set PUBLIC_URL (https://shop.example) or"
                " DASHBOARD_URL; a link to this machine opens on no owner's phone",
                file=sys.stderr,
            )
            return 2
        async with db.transaction() as tx:
            url = await dashboard.link(tx, user_id)
    except NotAllowed:
        print(
            f"dashboard-link: {user_id} is in neither OWNER_IDS nor MANAGER_IDS", file=sys.stderr
        )
        return 2
    finally:
        await db.close()
    print(url)
    minutes = int(LINK_TTL.total_seconds() // 60)
    print(f"valid {minutes} minutes, for one sign-in", file=sys.stderr)
    return 0


async def _migrate(storage: StorageSettings) -> int:
    from storage.db import Database
    from storage.migrate import migrate

    db = Database(storage.database)
    await db.connect()
    try:
        applied = await migrate(db.conn)
    finally:
        await db.close()
    for m in applied:
        print(f"applied {m.version:04d}_{m.name}")
    print(f"database {storage.database} is up to date")
    return 0


async def _import(settings: Settings, file: PurchasesFile) -> tuple[ImportReport, bool]:
    """The file's purchases stored, and whether their receipt links are real: a bot that has
    never reached Telegram does not know its username yet."""
    from bot.core import Core
    from bot.i18n import Catalog
    from bot.learned import UNKNOWN_USERNAME, Learned
    from bot.outbox.service import Outbox
    from bot.roles import Roles
    from bot.surveys.config import SurveyConfig, Surveys
    from bot.surveys.csv_import import import_csv
    from bot.surveys.design_versions import Design
    from storage.db import Database
    from storage.migrate import migrate

    db = Database(settings.storage.database)
    await db.connect()
    try:
        await migrate(db.conn)
        # Nothing is sent from here: invitations go out when the bot's scheduler finds them.
        async with db.read() as tx:
            username = await tx.kv.get("bot_username")
        learned = Learned(bot_username=username or UNKNOWN_USERNAME)
        catalog = Catalog.load()
        staff_t = catalog.bind(settings.chats.staff_language)
        roles = Roles.from_settings(settings)
        core = Core(Outbox(None), catalog, settings.chats.tz, staff_t, learned, roles=roles)
        design = Design.from_settings(settings, catalog)
        surveys = Surveys(SurveyConfig.from_settings(settings), core, design)
        return await import_csv(db, surveys, file), username is not None
    finally:
        await db.close()


SKIPPED = {  # why a purchase gets no survey, for the operator
    "too_old": "bought longer ago than SURVEY_EXPIRY",
    "cooldown": "this customer was asked within SURVEY_COOLDOWN",
    "opted_out": "the customer asked for no surveys (/stop)",
    "unreachable": "the customer blocked the bot",
}
NO_LINKS = (
    "receipt links: not printed: the bot has not reached Telegram yet, so its username (the"
    " links' address) is unknown. The purchases are stored. Start the bot once (python -m bot)"
    " and run this import again: it prints each purchase's link and imports nothing twice."
)


NO_WEB = (
    "survey_url: not printed: PUBLIC_URL is not set, so the surveys have no web address a"
    " customer's phone could open. Set PUBLIC_URL to the public https address of the bot's HTTP"
    " port (https://shop.example) and run this import again: it prints each purchase's web"
    " survey link (for its QR code, PUBLIC_URL/s/<token>/qr.svg) and imports nothing twice."
)


def _write_report(report: ImportReport, out: Path | None, linked: bool, web: bool) -> int:
    """Without PUBLIC_URL the columns are today's four, and stderr says what to set."""
    for line, why in report.rejected:
        print(f"line {line}: rejected: {why}", file=sys.stderr)
    for line, reason in report.skipped:
        why = f"{reason}: {SKIPPED[reason]}" if reason in SKIPPED else reason
        print(f"line {line}: skipped: {why} (stored, no survey)", file=sys.stderr)
    with out.open("w", newline="", encoding="utf-8") if out else nullcontext(sys.stdout) as f:
        writer = csv.writer(f)
        writer.writerow(["order_id", "status", "due_at", "deep_link"] + ["survey_url"] * web)
        for r in report.results:
            link = r.deep_link if linked else ""
            cells = [r.order_id, r.status, r.due_text or "", link]
            writer.writerow(spreadsheet.row(cells + [r.survey_url or ""] * web))
    print(report.summary(), file=sys.stderr)
    from storage.states import SurveyStatus

    waiting = sum(r.status == SurveyStatus.WAITING_LINK for r in report.results)
    if waiting:
        who = (
            "survey waits for its customer" if waiting == 1 else "surveys wait for their customers"
        )
        print(
            f"{waiting} {who} to open the bot (no chat with it yet): each goes out once its"
            " customer presses the receipt link, or shares with the bot the phone number"
            " the file gives",
            file=sys.stderr,
        )
    if not linked and report.results:
        print(NO_LINKS, file=sys.stderr)
    if not web and report.results:
        print(NO_WEB, file=sys.stderr)
    return 1 if report.rejected or (not linked and report.results) else 0


async def serve(settings: Settings) -> int:
    from bot.database import opened_database
    from storage.clock import utc_now
    from storage.lock import AlreadyRunning
    from storage.sql import DatabaseError

    database = settings.storage.database
    for line in unknown_names_warnings():  # a typo in .env: said at every start
        logging.getLogger("bot").warning(line)
    try:
        # The database first: one that cannot serve, or that another process serves, is said
        # at once, not after the seconds aiogram takes to import.
        async with opened_database(database, utc_now):
            pass
        from bot.app import create_app

        app = await create_app(settings)
    except AlreadyRunning as exc:
        print(f"start-up error: {exc}", file=sys.stderr)
        return 3
    except DatabaseError as exc:
        hint = (
            "; the file and its folder must exist or be creatable, and be writable"
            if database.is_sqlite
            else "; the server must be reachable and the database exist, with this user's rights"
        )
        print(f"database error: cannot use {database}: {exc}{hint}", file=sys.stderr)
        return 3
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.start()
    except DatabaseError as exc:
        api = settings.api
        where = f"cannot listen on {api.api_host}:{api.api_port}: " if _is_bind(exc) else ""
        print(f"start-up error: {where}{exc}", file=sys.stderr)
        await app.stop()
        return 3
    from bot.container import looks_around

    looks_around(settings)  # started: where the data is and where it listens, once
    # What exists now (modules, aiogram's and pydantic's models and schemas) lives as long as the
    # process: frozen, full garbage collections stop scanning it. Measured under load: a full
    # collection paused the loop ~200 ms, and a customer's press waited through it.
    gc.collect()
    gc.freeze()
    await stop.wait()
    await app.stop()
    return 0


def _is_bind(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.EADDRINUSE, errno.EADDRNOTAVAIL)


async def _moved_chats(settings: Settings) -> list[str]:
    """Chats of the settings Telegram has moved to a new id, as the database knows them."""
    from bot.chatevents import ChatEvents
    from bot.learned import Learned
    from storage.db import Database
    from storage.sql import DatabaseError

    url = settings.storage.database
    if url.is_sqlite and not url.path.exists():
        return []
    db = Database(url)
    moves = ChatEvents(Learned())
    try:
        await db.connect()
        async with db.read() as tx:
            await moves.load(tx)
    except DatabaseError as exc:
        return [f"# chat moves not read: the database answered {type(exc).__name__}"]
    finally:
        await db.close()
    lines = []
    for name, chat in (
        ("STAFF_CHAT_ID", settings.chats.staff_chat_id),
        ("DIGEST_CHAT_ID", settings.chats.digest_chat_id),
    ):
        if chat is not None and moves.current(chat) != chat:
            now = moves.current(chat)
            lines.append(
                f"# {name}: Telegram upgraded {chat} to a supergroup; the bot uses {now}"
                f" (set {name}={now})"
            )
    return lines


def _print_settings(settings: Settings) -> None:
    for line in settings_lines(settings):
        print(line)


def _print_lines(lines: list[str], to: TextIO) -> None:
    for line in lines:
        print(line, file=to)
