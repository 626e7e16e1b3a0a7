"""Owners' report requests: stored with the command, built once, in order, across restarts."""

from __future__ import annotations

from datetime import datetime

from storage.models import ReportRequest
from storage.sql import Conn
from storage.states import ReportKind, RequestStatus
from storage.timefmt import to_db

_COLUMNS = "id, kind, chat_id, period_start, period_end, notice_id, status, attempts"


class ReportRequestRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add(
        self,
        kind: ReportKind,
        chat_id: int,
        start: datetime,
        end: datetime,
        now: datetime,
    ) -> int:
        """A pending request; its "preparing" notice is queued after it (`set_notice`)."""
        row = await self._conn.fetch_one(
            "INSERT INTO report_requests (kind, chat_id, period_start, period_end, created_at)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (kind, chat_id, to_db(start), to_db(end), to_db(now)),
        )
        assert row is not None
        return int(row[0])

    async def set_notice(self, request_id: int, notice_id: int) -> None:
        await self._conn.execute(
            "UPDATE report_requests SET notice_id = ? WHERE id = ?", (notice_id, request_id)
        )

    async def get(self, request_id: int) -> ReportRequest | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM report_requests WHERE id = ?", (request_id,)
        )
        return ReportRequest(**dict(row)) if row else None

    async def next_pending(self) -> ReportRequest | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM report_requests WHERE status = ? ORDER BY id LIMIT 1",
            (RequestStatus.PENDING,),
        )
        return ReportRequest(**dict(row)) if row else None

    async def count_attempt(self, request_id: int) -> None:
        """A build starts: counted before, so a request that kills the process is not retried
        forever."""
        await self._conn.execute(
            "UPDATE report_requests SET attempts = attempts + 1 WHERE id = ?", (request_id,)
        )

    async def finish(self, request_id: int, status: RequestStatus, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE report_requests SET status = ?, finished_at = ? WHERE id = ?",
            (status, to_db(now), request_id),
        )
