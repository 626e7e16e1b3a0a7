"""The staff pulse: who is staff, who was asked in a round, and the anonymous answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.repos.rows import Bands
from storage.repos.stats import NpsCounts
from storage.sql import Conn, count_if
from storage.timefmt import from_db, to_db

SCORE, COMMENT, DONE = "score", "comment", "done"


@dataclass(frozen=True)
class PulseResult:
    round_start: datetime
    asked: int
    scores: NpsCounts  # promoters 9-10, detractors 0-6, as for customers
    comments: list[str]  # in the order stored: shuffle before showing


class PulseRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def seen(self, user_id: int, at: datetime, name: str | None = None) -> None:
        """Someone acted in the staff chat as a member (under this name, if known)."""
        await self._conn.execute(
            "INSERT INTO staff_seen (user_id, seen_at, name) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at,"
            " name = COALESCE(excluded.name, staff_seen.name)",
            (user_id, to_db(at), name),
        )

    async def was_seen(self, user_id: int) -> bool:
        """Has this person acted in the staff chat as a member?"""
        row = await self._conn.fetch_one("SELECT 1 FROM staff_seen WHERE user_id = ?", (user_id,))
        return row is not None

    async def staff_seen(self) -> list[int]:
        rows = await self._conn.fetch_all("SELECT user_id FROM staff_seen ORDER BY user_id")
        return [int(row[0]) for row in rows]

    async def staff_names(self) -> dict[int, str | None]:
        """Everyone seen working in the staff chat, with the name they had then."""
        rows = await self._conn.fetch_all("SELECT user_id, name FROM staff_seen")
        return {int(row[0]): row[1] for row in rows}

    async def ask(self, round_start: datetime, user_id: int) -> bool:
        """Record that the person is asked in this round; False if they already were."""
        changed = await self._conn.execute(
            "INSERT INTO pulse_asked (round_start, user_id, step) VALUES (?, ?, ?)"
            " ON CONFLICT (round_start, user_id) DO NOTHING",
            (to_db(round_start), user_id, SCORE),
        )
        return changed == 1

    async def step(self, round_start: datetime, user_id: int) -> str | None:
        row = await self._conn.fetch_one(
            "SELECT step FROM pulse_asked WHERE round_start = ? AND user_id = ?",
            (to_db(round_start), user_id),
        )
        return str(row[0]) if row else None

    async def set_step(self, round_start: datetime, user_id: int, step: str) -> None:
        await self._conn.execute(
            "UPDATE pulse_asked SET step = ? WHERE round_start = ? AND user_id = ?",
            (step, to_db(round_start), user_id),
        )

    async def waiting_comment(self, user_id: int) -> datetime | None:
        """The round whose free-text question this person has yet to answer, if any."""
        row = await self._conn.fetch_one(
            "SELECT round_start FROM pulse_asked WHERE user_id = ? AND step = ?"
            " ORDER BY round_start DESC LIMIT 1",
            (user_id, COMMENT),
        )
        return from_db(row[0]) if row else None

    async def add_score(self, round_start: datetime, score: int) -> None:
        await self._conn.execute(
            "INSERT INTO pulse_scores (round_start, score) VALUES (?, ?)",
            (to_db(round_start), score),
        )

    async def add_comment(self, round_start: datetime, text: str) -> None:
        await self._conn.execute(
            "INSERT INTO pulse_comments (round_start, text) VALUES (?, ?)",
            (to_db(round_start), text),
        )

    async def latest_round(self, since: datetime, until: datetime) -> datetime | None:
        """The latest round that started in [since, until)."""
        row = await self._conn.fetch_one(
            "SELECT MAX(round_start) FROM pulse_asked WHERE round_start >= ? AND round_start < ?",
            (to_db(since), to_db(until)),
        )
        return from_db(row[0]) if row and row[0] else None

    async def result(self, round_start: datetime, bands: Bands) -> PulseResult:
        at = to_db(round_start)
        asked = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM pulse_asked WHERE round_start = ?", (at,)
        )
        scores = await self._conn.fetch_one(
            f"SELECT COUNT(*), {count_if(bands.promoter('score'))},"
            f" {count_if(bands.detractor('score'))}"
            " FROM pulse_scores WHERE round_start = ?",
            (at,),
        )
        comments = await self._conn.fetch_all(
            "SELECT text FROM pulse_comments WHERE round_start = ?", (at,)
        )
        assert asked is not None and scores is not None
        return PulseResult(
            round_start,
            int(asked[0]),
            NpsCounts(int(scores[0]), int(scores[1]), int(scores[2])),
            [str(row[0]) for row in comments],
        )
