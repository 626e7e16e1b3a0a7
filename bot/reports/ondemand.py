"""Owner requests (/digest, /report, /export) computed in the background, then queued.

The handler only queues "preparing…" and, once its transaction commits, starts a task here: it
reads in a read transaction, draws or writes CSV in a worker thread, and queues the result in a
short transaction of its own. The processor never waits for a report, so customers' updates
keep flowing. A request in progress when the process stops is dropped (the owner asks again);
nothing a customer did depends on it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from aiogram.methods import DeleteMessage, SendDocument, SendMessage
from aiogram.types import BufferedInputFile

from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from bot.reports.config import ReportConfig
from bot.reports.delivery import prepare, queue
from bot.reports.export import complaints_csv, responses_csv
from bot.reports.render import period_label
from storage.db import Database, Tx

log = logging.getLogger(__name__)

DOCUMENT_LIMIT = 45 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots


class OnDemand:
    def __init__(self, db: Database, reports: ReportConfig) -> None:
        self.db = db
        self.reports = reports
        self._tasks: set[asyncio.Task[None]] = set()

    def digest(
        self, chat: int, start: datetime, end: datetime, title: str, notice: int | None = None
    ) -> None:
        async def work() -> None:
            rendered = await prepare(self.db, self.reports, start, end, title)
            async with self.db.transaction() as tx:
                await queue(tx, self.reports, [chat], rendered)
                await self._clear(tx, chat, notice)

        self._spawn(chat, work)

    async def _clear(self, tx: Tx, chat: int, notice: int | None) -> None:
        """The "preparing it…" message has done its job once the report is queued."""
        if notice is None:
            return
        message_id = message_id_of(json.loads(await tx.outbox.result(notice) or "null"))
        if message_id is not None:  # still unsent (rare): it stays, harmlessly
            method = DeleteMessage(chat_id=chat, message_id=message_id)
            await self.reports.outbox.send(tx, method, priority=Priority.NORMAL)

    def export(self, chat: int, start: datetime, end: datetime, notice: int | None = None) -> None:
        async def work() -> None:
            files = []
            async with self.db.read() as tx:
                for kind, make in (("responses", responses_csv), ("complaints", complaints_csv)):
                    files.append((kind, *await make(tx, start, end)))
            period = period_label(start, end, self.reports.tz)
            async with self.db.transaction() as tx:
                for kind, data, rows in files:
                    caption = self.reports.staff_t(
                        "digest.export_caption", kind=kind, rows=rows, period=period
                    )
                    if len(data) > DOCUMENT_LIMIT:
                        text = f"{caption}: {self.reports.staff_t('digest.too_big')}"
                        await self.reports.outbox.send(tx, SendMessage(chat_id=chat, text=text))
                        continue
                    document = BufferedInputFile(data, filename=f"{kind}-{end:%Y-%m-%d}.csv")
                    await self.reports.outbox.send(
                        tx,
                        SendDocument(chat_id=chat, document=document, caption=caption),
                        priority=Priority.NORMAL,
                    )
                await self._clear(tx, chat, notice)

        self._spawn(chat, work)

    def _spawn(self, chat: int, work: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(self._guarded(chat, work), name="owner-report")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guarded(self, chat: int, work: Callable[[], Awaitable[None]]) -> None:
        try:
            await work()
        except Exception:
            log.exception("an owner's report could not be built")
            async with self.db.transaction() as tx:
                text = self.reports.staff_t("digest.failed")
                await self.reports.outbox.send(tx, SendMessage(chat_id=chat, text=text))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
