"""Surveys' web addresses: the digest of each token (PUBLIC_URL/s/<token>) and its survey."""

from __future__ import annotations

from collections.abc import Sequence

from storage.repos.rows import Stamping


class SurveyLinkRepo(Stamping):
    async def add_many(self, links: Sequence[tuple[str, int]]) -> None:
        """(digest, survey id) pairs: the tokens themselves are never stored."""
        now = self._now()
        await self._conn.insert_many(
            "survey_links",
            ("digest", "survey_id", "created_at"),
            [(digest, survey_id, now) for digest, survey_id in links],
        )

    async def survey_of(self, digest: str) -> int | None:
        row = await self._conn.fetch_one(
            "SELECT survey_id FROM survey_links WHERE digest = ?", (digest,)
        )
        return None if row is None else int(row[0])
