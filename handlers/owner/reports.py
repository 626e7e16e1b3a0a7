"""/digest, /report FROM TO and /export [FROM TO]: the owner router lets only OWNER_IDS in.

The handler answers at once ("preparing…"); the numbers are computed in the background once
this update's transaction has committed (bot.reports.ondemand).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.methods import SendMessage
from aiogram.types import Message

from bot.outbox.service import Outbox
from bot.reports.config import ReportConfig
from bot.reports.ondemand import OnDemand
from bot.reports.periods import last_days, requested_period
from storage.db import Tx

EXPORT_DAYS = 90
COMMANDS = ("digest", "report", "export")


def router() -> Router:
    r = Router(name=__name__)
    r.message.register(digest, Command("digest"))
    r.message.register(report, Command("report"))
    r.message.register(export, Command("export"))
    return r


async def _say(message: Message, tx: Tx, outbox: Outbox, text: str) -> None:
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))


async def refuse(message: Message, tx: Tx, outbox: Outbox, reports: ReportConfig) -> None:
    """An owner command from someone who is not an owner."""
    await _say(message, tx, outbox, reports.staff_t("digest.refused"))


async def digest(
    message: Message, tx: Tx, outbox: Outbox, reports: ReportConfig, ondemand: OnDemand
) -> None:
    start, end = last_days(reports.now())
    await _say(message, tx, outbox, reports.staff_t("digest.preparing"))
    tx.after_commit(lambda: ondemand.digest(message.chat.id, start, end, "digest"))


async def report(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    reports: ReportConfig,
    ondemand: OnDemand,
) -> None:
    def start(first: datetime, last: datetime) -> None:
        ondemand.digest(message.chat.id, first, last, "report")

    await _for_period(message, command, tx, outbox, reports, None, start)


async def export(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    reports: ReportConfig,
    ondemand: OnDemand,
) -> None:
    def start(first: datetime, last: datetime) -> None:
        ondemand.export(message.chat.id, first, last)

    await _for_period(message, command, tx, outbox, reports, EXPORT_DAYS, start)


async def _for_period(
    message: Message,
    command: CommandObject,
    tx: Tx,
    outbox: Outbox,
    reports: ReportConfig,
    default_days: int | None,
    start: Callable[[datetime, datetime], None],
) -> None:
    """FROM TO (or, with `default_days`, nothing); then build after commit."""
    parts = (command.args or "").split()
    try:
        if len(parts) != 2 and (default_days is None or parts):
            wanted = "two dates" if default_days is None else "two dates or none"
            raise ValueError(f"give {wanted}")
        first, last = parts if parts else (None, None)
        period = requested_period(first, last, reports.tz, reports.now(), default_days or 7)
    except ValueError as exc:
        await _say(message, tx, outbox, f"{reports.staff_t('digest.report_usage')} ({exc})")
        return
    await _say(message, tx, outbox, reports.staff_t("digest.preparing"))
    tx.after_commit(lambda: start(*period))
