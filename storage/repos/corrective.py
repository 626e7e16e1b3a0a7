"""Corrective actions: a resolved complaint's cause, what was done, and fixes the business owes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.models import CorrectiveAction
from storage.repos.rows import assignments
from storage.sql import Conn
from storage.timefmt import to_db

_COLUMNS = (
    "complaint_id, asked_at, question_chat_id, question_message_id, cause, cause_by_name,"
    " action, action_by_name, fix_needed_at, fix_by_name, fix_done_at, fix_done_by_name, theme"
)
_WRITABLE = {
    "question_chat_id",
    "question_message_id",
    "cause",
    "cause_by_name",
    "action",
    "action_by_name",
    "fix_needed_at",
    "fix_by_name",
    "fix_done_at",
    "fix_done_by_name",
    "theme",
}
UNRECORDED = "unrecorded"  # the cause of a complaint whose question nobody answered


@dataclass(frozen=True)
class CauseCount:
    cause: str
    complaints: int
    previous: int


class CorrectiveRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def ask(self, complaint_id: int, at: datetime) -> None:
        """The complaint was resolved (again): a fresh question; a reopening's answers go."""
        await self._conn.execute(
            "INSERT INTO corrective_actions (complaint_id, asked_at) VALUES (?, ?)"
            " ON CONFLICT (complaint_id) DO UPDATE SET asked_at = excluded.asked_at,"
            " question_chat_id = NULL, question_message_id = NULL, cause = NULL,"
            " cause_by_name = NULL, action = NULL, action_by_name = NULL",
            (complaint_id, to_db(at)),
        )

    async def get(self, complaint_id: int) -> CorrectiveAction | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM corrective_actions WHERE complaint_id = ?", (complaint_id,)
        )
        return CorrectiveAction(**dict(row)) if row else None

    async def by_question(self, chat_id: int, message_id: int) -> CorrectiveAction | None:
        """The record whose question is this staff-chat message."""
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM corrective_actions"
            " WHERE question_message_id = ? AND question_chat_id = ?",
            (message_id, chat_id),
        )
        return CorrectiveAction(**dict(row)) if row else None

    async def update(self, complaint_id: int, **fields: object) -> None:
        sets, values = assignments("corrective-action", fields, _WRITABLE)
        await self._conn.execute(
            f"UPDATE corrective_actions SET {', '.join(sets)} WHERE complaint_id = ?",
            (*values, complaint_id),
        )

    async def done_fixes(self, limit: int) -> list[CorrectiveAction]:
        """Fixes marked done, the latest first."""
        rows = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM corrective_actions WHERE fix_done_at IS NOT NULL"
            " ORDER BY fix_done_at DESC, complaint_id DESC LIMIT ?",
            (limit,),
        )
        return [CorrectiveAction(**dict(row)) for row in rows]

    async def open_fixes(self, limit: int) -> list[CorrectiveAction]:
        """Fixes the business still owes, oldest first."""
        rows = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM corrective_actions WHERE fix_needed_at IS NOT NULL"
            " AND fix_done_at IS NULL ORDER BY fix_needed_at, complaint_id LIMIT ?",
            (limit,),
        )
        return [CorrectiveAction(**dict(row)) for row in rows]

    async def fixes(
        self, start: datetime, end: datetime, branch: str | None = None
    ) -> tuple[int, list[CorrectiveAction]]:
        """(fixes open at `end`, fixes marked done in [start, end))."""
        where_branch = _in_branch(branch)
        params = {"start": to_db(start), "end": to_db(end), "branch": branch}
        row = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM corrective_actions a WHERE a.fix_needed_at < :end"
            " AND (a.fix_done_at IS NULL OR a.fix_done_at >= :end)" + where_branch,
            params,
        )
        done = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM corrective_actions a WHERE a.fix_done_at >= :start"
            " AND a.fix_done_at < :end" + where_branch + " ORDER BY a.fix_done_at",
            params,
        )
        return (int(row[0]) if row else 0), [CorrectiveAction(**dict(r)) for r in done]

    async def themed_fixes(
        self, since: datetime, until: datetime, limit: int, branch: str | None = None
    ) -> list[CorrectiveAction]:
        """Fixes done in [since, until) that name a theme, the latest first."""
        params = {"start": to_db(since), "end": to_db(until), "branch": branch, "limit": limit}
        rows = await self._conn.fetch_all(
            f"SELECT {_COLUMNS} FROM corrective_actions a WHERE a.theme IS NOT NULL"
            " AND a.fix_done_at >= :start AND a.fix_done_at < :end"
            + _in_branch(branch)
            + " ORDER BY a.fix_done_at DESC, a.complaint_id DESC LIMIT :limit",
            params,
        )
        return [CorrectiveAction(**dict(r)) for r in rows]


def _in_branch(branch: str | None) -> str:
    """A complaint belongs to the branch of the purchase it is about (none: to no branch)."""
    if branch is None:
        return ""
    return (
        " AND EXISTS (SELECT 1 FROM complaints c JOIN purchases p ON p.id = c.purchase_id"
        " WHERE c.id = a.complaint_id AND p.branch = :branch)"
    )
