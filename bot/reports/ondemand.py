"""Owner requests (/digest, /report, /export): stored with the command, built in the background.

The handler stores the request and queues "preparing…" in the same transaction; once that
commits, the builder here takes pending requests one at a time, oldest first: it reads in a
read transaction, draws the chart or writes the spreadsheets in a worker thread, and queues
the result, deletes the notice (or has it deleted once it is out) and marks the request done
in one short transaction. The processor never waits for a report, so customers' updates keep
flowing. A request still pending when the process stops (a deploy, a crash) is built at the
next start; a build that fails (a locked database, a bug) is tried again RETRY_AFTER seconds
later; one started MAX_ATTEMPTS times without finishing is given up, and the owner is told so.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from aiogram.methods import DeleteMessage, SendDocument, SendMessage
from aiogram.types import BufferedInputFile

from bot.outbox.codec import message_id_of
from bot.outbox.service import Priority
from bot.reports.config import Reports
from bot.reports.delivery import prepare, queue
from bot.reports.export import encode, file_name
from bot.reports.render import period_label
from bot.reports.rows import EXPORTED, table
from storage.db import Database, Tx
from storage.models import ReportRequest
from storage.states import Purpose, ReportKind, RequestStatus

log = logging.getLogger(__name__)

DOCUMENT_LIMIT = 45 * 1024 * 1024  # Telegram takes documents up to 50 MB from bots
MAX_ATTEMPTS = 3  # builds started; one that kills the process is not retried forever
RETRY_AFTER = 5.0  # seconds after a build failed


class OnDemand:
    def __init__(self, db: Database, reports: Reports) -> None:
        self.db = db
        self.reports = reports
        self._task: asyncio.Task[None] | None = None
        self._again = False

    async def request(
        self, tx: Tx, kind: ReportKind, chat: int, start: datetime, end: datetime, notice: str
    ) -> None:
        """Say `notice` ("preparing it…") and store the request with the command's
        transaction; build it once that commits. The notice goes once the answer is queued,
        or, when the answer was quicker than the notice, once the notice is out."""
        now = self.reports.core.now()
        request = await tx.report_requests.add(kind, chat, start, end, now)
        method = SendMessage(chat_id=chat, text=notice)
        sent = await self.reports.core.outbox.send(
            tx, method, purpose=Purpose.REPORT_NOTICE, ref=request
        )
        await tx.report_requests.set_notice(request, sent)
        tx.after_commit(self.poke)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """While this instance leads: first what the previous process left pending; the
        builder is stopped when the app stops."""
        self.poke()
        try:
            yield
        finally:
            await self.stop()

    def poke(self) -> None:
        """Build what is pending, in the background; one builder at a time."""
        if self._task is not None and not self._task.done():
            self._again = True  # it looks again before it ends
            return
        self._task = asyncio.create_task(self._drain(), name="owner-reports")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _drain(self) -> None:
        while True:
            self._again = False
            try:
                request = await self._claim()
                if request is None:
                    if self._again:
                        continue
                    return
                await self._build(request)
            except Exception:  # a locked database, a bug: tried again until MAX_ATTEMPTS
                log.exception("an owner's report could not be built; trying again")
                await asyncio.sleep(RETRY_AFTER)

    async def _claim(self) -> ReportRequest | None:
        """The oldest pending request, this attempt counted (committed before the build, so a
        crash counts too); one already tried MAX_ATTEMPTS times is given up, the owner told."""
        while True:
            async with self.db.transaction() as tx:
                request = await tx.report_requests.next_pending()
                if request is None:
                    return None
                await tx.report_requests.count_attempt(request.id)
                if request.attempts < MAX_ATTEMPTS:
                    return request
                log.error("report request %d: given up after %d tries", request.id, MAX_ATTEMPTS)
                await self._fail(tx, request)

    async def _build(self, request: ReportRequest) -> None:
        start, end = request.period_start, request.period_end
        if request.kind == ReportKind.EXPORT:
            await self._export(request, start, end)
            return
        rendered = await prepare(self.db, self.reports, start, end, request.kind)
        async with self.db.transaction() as tx:
            await queue(tx, self.reports, [request.chat_id], rendered)
            await self._done(tx, request)

    async def _export(self, request: ReportRequest, start: datetime, end: datetime) -> None:
        chat, reports = request.chat_id, self.reports
        async with self.db.read() as tx:
            tables = [await table(tx, kind, start, end) for kind in EXPORTED]
        fmt, tz = reports.config.export_format, reports.config.tz
        files = [
            (found, await asyncio.to_thread(encode, found, fmt, tz, reports.staff_t))
            for found in tables
        ]  # a workbook of 100,000 rows takes seconds: not on the event loop
        period = period_label(start, end, tz)
        async with self.db.transaction() as tx:
            for found, data in files:
                caption = reports.staff_t(
                    "digest.export_caption", kind=found.kind, rows=len(found.rows), period=period
                )
                if len(data) > DOCUMENT_LIMIT:
                    text = f"{caption}: {reports.staff_t('digest.too_big')}"
                    await reports.core.outbox.send(tx, SendMessage(chat_id=chat, text=text))
                    continue
                name = file_name(reports.staff_t, found.kind, end, fmt)
                document = BufferedInputFile(data, filename=name)
                await reports.core.outbox.send(
                    tx,
                    SendDocument(chat_id=chat, document=document, caption=caption),
                    priority=Priority.NORMAL,
                )
            await self._done(tx, request)

    async def _done(self, tx: Tx, request: ReportRequest) -> None:
        await tx.report_requests.finish(request.id, RequestStatus.DONE, self.reports.core.now())
        await self._clear(tx, request)

    async def _fail(self, tx: Tx, request: ReportRequest) -> None:
        text = self.reports.staff_t("digest.failed")
        await self.reports.core.outbox.send(tx, SendMessage(chat_id=request.chat_id, text=text))
        await tx.report_requests.finish(request.id, RequestStatus.FAILED, self.reports.core.now())
        await self._clear(tx, request)

    async def _clear(self, tx: Tx, request: ReportRequest) -> None:
        """The "preparing it…" message has done its job once the answer is queued. Still
        unsent (an export is often quicker than the notice): `on_notice_sent` deletes it when
        it is out. Write transactions are serialized, so exactly one of the two sees both the
        notice's message id and the request finished."""
        if request.notice_id is None:
            return
        result = await tx.outbox.result(request.notice_id)
        await self._delete(tx, request.chat_id, json.loads(result or "null"))

    async def on_notice_sent(self, tx: Tx, request_id: int, result: object) -> None:
        """The sender's hook for a notice: delete it if its report is already finished."""
        request = await tx.report_requests.get(request_id)
        if request is not None and request.status != RequestStatus.PENDING:
            await self._delete(tx, request.chat_id, result)

    async def _delete(self, tx: Tx, chat: int, result: object) -> None:
        message_id = message_id_of(result)
        if message_id is not None:
            method = DeleteMessage(chat_id=chat, message_id=message_id)
            await self.reports.core.outbox.send(tx, method, priority=Priority.NORMAL)
