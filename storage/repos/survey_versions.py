"""The survey definitions owners stored, one row per accepted version, never changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.sql import Conn
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class SurveyVersion:
    version: int
    body: str  # the definition as JSON text
    created_by: str
    created_at: datetime


class SurveyVersionRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def current(self) -> SurveyVersion | None:
        """The highest version, or None when no definition was ever stored."""
        return await self._one("ORDER BY version DESC LIMIT 1", ())

    async def get(self, version: int) -> SurveyVersion | None:
        return await self._one("WHERE version = ?", (version,))

    async def bodies(self) -> list[str]:
        """Every stored definition's text, the newest version first."""
        rows = await self._conn.fetch_all("SELECT body FROM survey_versions ORDER BY version DESC")
        return [str(row[0]) for row in rows]

    async def add(self, body: str, by: str, at: datetime) -> int:
        """Store `body` as the next version (one more than the highest) and return it. Every
        write transaction holds the writers' lock, so two cannot draw the same number."""
        row = await self._conn.fetch_one("SELECT COALESCE(MAX(version), 0) FROM survey_versions")
        version = (int(row[0]) if row else 0) + 1
        await self._conn.execute(
            "INSERT INTO survey_versions (version, body, created_by, created_at)"
            " VALUES (?, ?, ?, ?)",
            (version, body, by, to_db(at)),
        )
        return version

    async def _one(self, tail: str, params: tuple[object, ...]) -> SurveyVersion | None:
        row = await self._conn.fetch_one(
            f"SELECT version, body, created_by, created_at FROM survey_versions {tail}", params
        )
        if row is None:
            return None
        created_at = from_db(str(row[3]))
        assert created_at is not None
        return SurveyVersion(int(row[0]), str(row[1]), str(row[2]), created_at)
