"""/digest, /report FROM TO and /export [FROM TO] for OWNER_IDS; anyone else is refused."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.methods import SendDocument, SendMessage
from aiogram.types import BufferedInputFile, Message

from bot.outbox.service import Outbox, Priority
from bot.reports.config import ReportConfig
from bot.reports.delivery import last_days, queue_digest
from bot.reports.export import complaints_csv, responses_csv
from bot.reports.periods import day_range
from bot.reports.render import period_label
from handlers.filters import PRIVATE
from storage.db import Tx

EXPORT_DAYS = 90
DOCUMENT_LIMIT = 45 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PRIVATE)
    r.message.register(digest, Command("digest"))
    r.message.register(report, Command("report"))
    r.message.register(export, Command("export"))
    return r


async def _refused(message: Message, tx: Tx, outbox: Outbox, reports: ReportConfig) -> bool:
    if message.from_user is not None and message.from_user.id in reports.owner_ids:
        return False
    await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=reports.st("digest.refused")))
    return True


async def digest(message: Message, tx: Tx, outbox: Outbox, reports: ReportConfig) -> None:
    if await _refused(message, tx, outbox, reports):
        return
    start, end = last_days(reports.now())
    await queue_digest(tx, reports, [message.chat.id], start, end, "digest")


async def report(
    message: Message, command: CommandObject, tx: Tx, outbox: Outbox, reports: ReportConfig
) -> None:
    if await _refused(message, tx, outbox, reports):
        return
    parts = (command.args or "").split()
    try:
        if len(parts) != 2:
            raise ValueError("two dates are needed")
        start, end = day_range(parts[0], parts[1], reports.tz)
    except ValueError as exc:
        text = f"{reports.st('digest.report_usage')} ({exc})"
        await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))
        return
    await queue_digest(tx, reports, [message.chat.id], start, end, "report")


async def export(
    message: Message, command: CommandObject, tx: Tx, outbox: Outbox, reports: ReportConfig
) -> None:
    if await _refused(message, tx, outbox, reports):
        return
    parts = (command.args or "").split()
    try:
        if parts and len(parts) != 2:
            raise ValueError("give two dates or none")
        if parts:
            start, end = day_range(parts[0], parts[1], reports.tz)
        else:
            end = reports.now()
            start = end - timedelta(days=EXPORT_DAYS)
    except ValueError as exc:
        text = f"{reports.st('digest.report_usage')} ({exc})"
        await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=text))
        return
    period = period_label(start, end, reports.tz)
    for kind, build in (("responses", responses_csv), ("complaints", complaints_csv)):
        data, rows = await build(tx, start, end)
        caption = reports.st("digest.export_caption", kind=kind, rows=rows, period=period)
        if len(data) > DOCUMENT_LIMIT:
            caption += " — too big for Telegram: use python -m bot export or the API"
            await outbox.send(tx, SendMessage(chat_id=message.chat.id, text=caption))
            continue
        document = BufferedInputFile(data, filename=f"{kind}-{end:%Y-%m-%d}.csv")
        await outbox.send(
            tx,
            SendDocument(chat_id=message.chat.id, document=document, caption=caption),
            priority=Priority.NORMAL,
        )
