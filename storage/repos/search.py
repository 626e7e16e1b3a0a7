"""The search index of complaints (see storage/search.py for what is indexed and matched)."""

from __future__ import annotations

from storage.search import Query, rows, terms, words
from storage.sql import Conn
from storage.states import Direction

_INSERT = "INSERT INTO search_terms (term, complaint_id) VALUES (?, ?) ON CONFLICT DO NOTHING"


class SearchRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def index(self, complaint_id: int) -> None:
        """Index everything a complaint is found by, as stored now (idempotent); nothing of an
        erased person's (erasure took their complaints out of the index: a backfill running
        later must not bring them back, not even by order id)."""
        row = await self._conn.fetch_one(
            "SELECT c.text, cu.name, cu.phone, p.order_id, s.comment, cu.tg_name FROM complaints c"
            " JOIN customers cu ON cu.id = c.customer_id"
            " LEFT JOIN purchases p ON p.id = c.purchase_id"
            " LEFT JOIN surveys s ON s.id = c.survey_id"
            " WHERE c.id = ? AND cu.forgotten_at IS NULL",
            (complaint_id,),
        )
        if row is None:
            return
        said = await self._conn.fetch_all(
            "SELECT text FROM complaint_messages WHERE complaint_id = ? AND direction = ?"
            " AND text IS NOT NULL ORDER BY id",
            (complaint_id, Direction.FROM_CUSTOMER),
        )
        found = terms(row[0], row[4], row[1], row[5], row[3], *(r[0] for r in said), phone=row[2])
        await self._conn.execute_many(_INSERT, rows(complaint_id, found))

    async def add_words(self, complaint_id: int, text: str | None) -> None:
        await self._conn.execute_many(_INSERT, rows(complaint_id, words(text)))

    async def add_survey_words(self, survey_id: int, text: str | None) -> None:
        """A survey comment written after its low score opened a complaint."""
        for row in await self._conn.fetch_all(
            "SELECT id FROM complaints WHERE survey_id = ?", (survey_id,)
        ):
            await self.add_words(int(row[0]), text)

    async def find(self, query: Query, limit: int) -> list[int]:
        """The newest `limit` complaints the search finds."""
        if query.empty:
            return []
        sql, params = query.condition("c.id")
        found = await self._conn.fetch_all(
            f"SELECT c.id FROM complaints c WHERE {sql} ORDER BY c.id DESC LIMIT ?",
            (*params, limit),
        )
        return [int(r[0]) for r in found]

    async def below(self, complaint_id: int, limit: int) -> list[int]:
        """Complaints with smaller ids, newest first: what an index built late goes through."""
        found = await self._conn.fetch_all(
            "SELECT id FROM complaints WHERE id < ? ORDER BY id DESC LIMIT ?",
            (complaint_id, limit),
        )
        return [int(r[0]) for r in found]
