"""How many complaints a period opened, by where they came from: one GROUP BY, counts back.

The same complaints as `StatsRepo.complaints` (opened in the period, of one branch's purchases
if given, already opened at the moment judged at), so the counts add up to its `opened`.
Which of them are "after a survey answer" and which "messages" is the reports' rule
(`bot/reports/sources.py`), not this file's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.sql import Conn
from storage.states import ComplaintSource
from storage.timefmt import to_db

_OPENED = (
    "c.created_at >= :start AND c.created_at < :end AND EXISTS (SELECT 1 FROM complaint_states"
    " s WHERE s.complaint_id = c.id AND s.at < :at)"
)
_TO_ACCOUNT = "CASE WHEN COALESCE(c.business_connection_id, '') = '' THEN 0 ELSE 1 END"


@dataclass(frozen=True)
class SourceCount:
    source: ComplaintSource
    to_account: bool  # it came through a shop's Telegram account (Telegram Business)
    opened: int


class ComplaintSourceRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def opened(
        self, start: datetime, end: datetime, at: datetime, branch: str | None = None
    ) -> list[SourceCount]:
        """The complaints opened in [start, end) and opened by `at`, per source and whether
        they came to a shop's account; a source with none is absent."""
        where = _OPENED
        join = ""
        if branch is not None:
            join = " LEFT JOIN purchases bp ON bp.id = c.purchase_id"
            where += " AND bp.branch = :branch"
        rows = await self._conn.fetch_all(
            f"SELECT c.source, {_TO_ACCOUNT}, COUNT(*) FROM complaints c{join} WHERE {where}"
            f" GROUP BY c.source, {_TO_ACCOUNT} ORDER BY c.source, {_TO_ACCOUNT}",
            {"start": to_db(start), "end": to_db(end), "at": to_db(at), "branch": branch},
        )
        return [
            SourceCount(ComplaintSource(str(source)), bool(to_account), int(str(n)))
            for source, to_account, n in rows
        ]
