"""Themes: the definitions owners stored, and which themes each text a customer wrote mentions.

Storage knows nothing of how a text is tagged: the app hands the database a `TextTagger` (the
current definitions, `Tagging.tagger`), and every write of a text (a survey comment, a
complaint's text, a customer's message about it) tags it in the same transaction through
`ThemeRepo.tag`. With no tagger (a command-line tool), a text is left for the re-tagging job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from storage.repos.rows import Bands
from storage.repos.stats import NpsCounts
from storage.sql import Conn, Row, count_if
from storage.states import Direction, TextSource
from storage.timefmt import from_db, to_db

# Each source's texts as (id, text, customer, language, the answer it counts under, time,
# branch, that answer's NPS score), an erased person's never (their words are gone: a late
# batch must not count them).
_TEXTS: dict[TextSource, str] = {
    TextSource.COMMENT: (
        "SELECT s.id, s.comment, s.customer_id, COALESCE(cu.language, cu.tg_language),"
        " s.id, COALESCE(s.answered_at, s.updated_at), s.branch, s.nps FROM surveys s"
        " JOIN customers cu ON cu.id = s.customer_id"
        " WHERE s.comment IS NOT NULL AND cu.forgotten_at IS NULL AND s.id {cond}"
    ),
    TextSource.COMPLAINT: (
        "SELECT c.id, c.text, c.customer_id, COALESCE(cu.language, cu.tg_language),"
        " c.survey_id, c.created_at, COALESCE(p.branch, ''),"
        " (SELECT a.nps FROM surveys a WHERE a.id = c.survey_id) FROM complaints c"
        " JOIN customers cu ON cu.id = c.customer_id"
        " LEFT JOIN purchases p ON p.id = c.purchase_id"
        " WHERE c.text IS NOT NULL AND cu.forgotten_at IS NULL AND c.id {cond}"
    ),
    TextSource.MESSAGE: (
        "SELECT m.id, m.text, c.customer_id, COALESCE(cu.language, cu.tg_language),"
        " c.survey_id, m.created_at, COALESCE(p.branch, ''),"
        " (SELECT a.nps FROM surveys a WHERE a.id = c.survey_id) FROM complaint_messages m"
        " JOIN complaints c ON c.id = m.complaint_id"
        " JOIN customers cu ON cu.id = c.customer_id"
        " LEFT JOIN purchases p ON p.id = c.purchase_id"
        f" WHERE m.direction = '{Direction.FROM_CUSTOMER}' AND m.text IS NOT NULL"
        " AND cu.forgotten_at IS NULL AND m.id {cond}"
        # The message that became the complaint's text is counted there, not twice.
        " AND (c.text IS NULL OR m.id != (SELECT MIN(f.id) FROM complaint_messages f"
        f" WHERE f.complaint_id = c.id AND f.direction = '{Direction.FROM_CUSTOMER}'"
        " AND f.text IS NOT NULL))"
    ),
}
SOURCES: tuple[TextSource, ...] = tuple(_TEXTS)


class TextTagger(Protocol):
    """The current theme definitions, able to tag a text."""

    @property
    def digest(self) -> str:
        """Which definitions these are (`theme_versions.digest`; the defaults have their own)."""
        ...

    def tag(self, text: str, customer_language: str | None = None) -> Sequence[str]: ...


class Tagging:
    """The tagger texts are tagged with as they are written: one per database, replaced when
    the definitions change (`None`: texts wait for the re-tagging job)."""

    def __init__(self) -> None:
        self.tagger: TextTagger | None = None


@dataclass(frozen=True)
class ThemeVersion:
    version: int
    body: str  # the definitions as JSON text
    digest: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class ThemeCounts:
    """One theme's texts in a period, by the category of the answer each counts under (a
    text with no scored answer is in `mentions` alone), and its answers' NPS counts."""

    mentions: int
    detractors: int
    passives: int
    promoters: int
    nps: NpsCounts


class ThemeRepo:
    def __init__(self, conn: Conn, tagging: Tagging) -> None:
        self._conn = conn
        self.tagging = tagging

    async def current(self) -> ThemeVersion | None:
        """The definitions stored last, or None when owners never stored any."""
        row = await self._conn.fetch_one(
            "SELECT version, body, digest, created_by, created_at FROM theme_versions"
            " ORDER BY version DESC LIMIT 1"
        )
        if row is None:
            return None
        created_at = from_db(str(row[4]))
        assert created_at is not None
        return ThemeVersion(int(row[0]), str(row[1]), str(row[2]), str(row[3]), created_at)

    async def add(self, body: str, digest: str, by: str, at: datetime) -> int:
        """Store `body` as the next version; the writers' lock keeps the numbers apart."""
        row = await self._conn.fetch_one("SELECT COALESCE(MAX(version), 0) FROM theme_versions")
        version = (int(row[0]) if row else 0) + 1
        await self._conn.execute(
            "INSERT INTO theme_versions (version, body, digest, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (version, body, digest, by, to_db(at)),
        )
        return version

    async def tag(self, source: TextSource, text_id: int) -> None:
        """(Re)tag one text as stored now, with the current tagger."""
        tagger = self.tagging.tagger
        if tagger is None:
            return
        await self._conn.execute(
            "DELETE FROM text_themes WHERE source = ? AND text_id = ?", (source, text_id)
        )
        rows = await self._conn.fetch_all(_TEXTS[source].format(cond="= ?"), (text_id,))
        await self._write(source, rows, tagger)

    async def retag(
        self, tagger: TextTagger, source: TextSource, after: int, limit: int
    ) -> tuple[int, int]:
        """Tag anew the next `limit` texts of `source` whose ids follow `after`: (the last id
        looked at, `after` when none is left; how many). Tags of texts erased meanwhile go."""
        rows = await self._conn.fetch_all(
            _TEXTS[source].format(cond="> ?") + f" ORDER BY 1 LIMIT {int(limit)}", (after,)
        )
        last = int(rows[-1][0]) if rows else after
        if len(rows) < limit:  # the end: whatever follows has no text to tag
            await self._conn.execute(
                "DELETE FROM text_themes WHERE source = ? AND text_id > ?", (source, after)
            )
        else:
            await self._conn.execute(
                "DELETE FROM text_themes WHERE source = ? AND text_id > ? AND text_id <= ?",
                (source, after, last),
            )
        await self._write(source, rows, tagger)
        return last, len(rows)

    async def _write(self, source: TextSource, rows: Sequence[Row], tagger: TextTagger) -> None:
        out = []
        for row in rows:
            language = None if row[3] is None else str(row[3])
            out += [
                (source, int(row[0]), theme, int(row[2]), row[4], str(row[6]), str(row[5]), row[7])
                for theme in dict.fromkeys(tagger.tag(str(row[1]), language))
            ]
        if out:
            await self._conn.execute_many(
                "INSERT INTO text_themes (source, text_id, theme, customer_id, survey_id, branch,"
                " written_at, nps) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                out,
            )

    async def scored(self, survey_id: int, nps: int | None) -> None:
        """The answer's score was given (or changed): its texts' tags count under it."""
        await self._conn.execute(
            "UPDATE text_themes SET nps = ? WHERE survey_id = ?", (nps, survey_id)
        )

    async def counts(
        self, start: datetime, end: datetime, bands: Bands, branch: str | None = None
    ) -> dict[str, ThemeCounts]:
        """Per theme, the texts written in [start, end) (of one branch) that mention it, by
        the category of the answer each counts under, and the NPS counts of those answers
        (each answer once however many of its texts mention the theme): two aggregates, the
        rows never leave the database."""
        where = "t.written_at >= ? AND t.written_at < ?"
        params: tuple[object, ...] = (to_db(start), to_db(end))
        if branch is not None:
            where, params = where + " AND t.branch = ?", (*params, branch)
        scored = "t.nps IS NOT NULL"
        detractor = f"{scored} AND {bands.detractor('t.nps')}"
        promoter = f"{scored} AND {bands.promoter('t.nps')}"
        texts = await self._conn.fetch_all(
            f"SELECT t.theme, COUNT(*), {count_if(scored)}, {count_if(detractor)},"
            f" {count_if(promoter)} FROM text_themes t WHERE {where} GROUP BY t.theme",
            params,
        )
        answers = await self._conn.fetch_all(
            f"SELECT t.theme, COUNT(*), {count_if(promoter)}, {count_if(detractor)} FROM"
            " (SELECT DISTINCT theme, survey_id, nps FROM text_themes t"
            f" WHERE {where} AND {scored}) t GROUP BY t.theme",
            params,
        )
        nps = {str(r[0]): NpsCounts(int(r[1]), int(r[2]), int(r[3])) for r in answers}
        return {
            str(r[0]): ThemeCounts(
                mentions=int(r[1]),
                detractors=int(r[3]),
                passives=int(r[2]) - int(r[3]) - int(r[4]),
                promoters=int(r[4]),
                nps=nps.get(str(r[0]), NpsCounts(0, 0, 0)),
            )
            for r in texts
        }

    async def newest(
        self, theme: str, start: datetime, end: datetime, limit: int, branch: str | None = None
    ) -> list[tuple[TextSource, int]]:
        """The newest texts written in [start, end) that mention `theme` (by its index)."""
        where = "theme = ? AND written_at >= ? AND written_at < ?"
        params: tuple[object, ...] = (theme, to_db(start), to_db(end))
        if branch is not None:
            where, params = where + " AND branch = ?", (*params, branch)
        rows = await self._conn.fetch_all(
            f"SELECT source, text_id FROM text_themes WHERE {where}"
            f" ORDER BY written_at DESC, text_id DESC LIMIT {int(limit)}",
            params,
        )
        return [(TextSource(str(r[0])), int(r[1])) for r in rows]

    async def recent_texts(
        self, start: datetime, end: datetime, limit: int, branch: str | None = None
    ) -> list[tuple[str, str | None]]:
        """(text, customer's language) of the survey comments of the surveys sent last in
        [start, end) and the complaints opened last then, up to `limit` of each, an erased
        person's never."""
        survey_where = "s.sent_at >= ? AND s.sent_at < ? AND s.comment IS NOT NULL"
        complaint_where = "c.created_at >= ? AND c.created_at < ? AND c.text IS NOT NULL"
        survey_params: tuple[object, ...] = (to_db(start), to_db(end))
        complaint_params = survey_params
        if branch is not None:
            survey_where += " AND s.branch = ?"
            survey_params += (branch,)
            complaint_where += " AND p.branch = ?"
            complaint_params += (branch,)
        rows = await self._conn.fetch_all(
            "SELECT s.comment, COALESCE(cu.language, cu.tg_language) FROM surveys s"
            " JOIN customers cu ON cu.id = s.customer_id"
            f" WHERE {survey_where} AND cu.forgotten_at IS NULL"
            " ORDER BY s.sent_at DESC LIMIT ?",  # the period's index, read from its end
            (*survey_params, limit),
        )
        rows += await self._conn.fetch_all(
            "SELECT c.text, COALESCE(cu.language, cu.tg_language) FROM complaints c"
            " JOIN customers cu ON cu.id = c.customer_id"
            " LEFT JOIN purchases p ON p.id = c.purchase_id"
            f" WHERE {complaint_where} AND cu.forgotten_at IS NULL"
            " ORDER BY c.created_at DESC LIMIT ?",
            (*complaint_params, limit),
        )
        return [(str(r[0]), None if r[1] is None else str(r[1])) for r in rows]

    async def counted(
        self, theme: str, start: datetime, end: datetime, bands: Bands, branch: str | None = None
    ) -> tuple[int, int]:
        """(texts written in [start, end) that mention `theme`, those of them counted under a
        detractor's answer)."""
        where = "t.theme = ? AND t.written_at >= ? AND t.written_at < ?"
        params: tuple[object, ...] = (theme, to_db(start), to_db(end))
        if branch is not None:
            where, params = where + " AND t.branch = ?", (*params, branch)
        row = await self._conn.fetch_one(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN"
            f" {bands.detractor('t.nps')} THEN 1 ELSE 0 END), 0)"
            f" FROM text_themes t WHERE {where}",
            params,
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def texts(
        self, keys: Sequence[tuple[TextSource, int]]
    ) -> dict[tuple[TextSource, int], str]:
        """The texts themselves, as stored now (an erased person's are gone)."""
        found: dict[tuple[TextSource, int], str] = {}
        for source in SOURCES:
            ids = [text_id for s, text_id in keys if s == source]
            if ids:
                one_of, params = self._conn.one_of(ids)
                sql = _TEXTS[source].format(cond=one_of)
                for row in await self._conn.fetch_all(sql, params):
                    found[(source, int(row[0]))] = str(row[1])
        return found

    async def of_surveys(self, ids: Sequence[int]) -> dict[int, set[str]]:
        """The themes of every text that counts under each of these answers (its comment,
        a complaint it opened and the customer's messages there)."""
        if not ids:
            return {}
        one_of, params = self._conn.one_of(ids)
        rows = await self._conn.fetch_all(
            f"SELECT survey_id, theme FROM text_themes WHERE survey_id {one_of}", params
        )
        return _grouped(rows)

    async def of_complaints(self, ids: Sequence[int]) -> dict[int, set[str]]:
        """The themes of what the customer wrote about each of these complaints: its text,
        the comment of the answer that opened it and their messages."""
        if not ids:
            return {}
        one_of, params = self._conn.one_of(ids)
        rows = await self._conn.fetch_all(
            "SELECT c.id, t.theme FROM complaints c JOIN text_themes t"
            " ON (t.source = ? AND t.text_id = c.id)"
            " OR (t.source = ? AND t.text_id = c.survey_id)"
            f" WHERE c.id {one_of}"
            " UNION SELECT m.complaint_id, t.theme FROM complaint_messages m"
            " JOIN text_themes t ON t.source = ? AND t.text_id = m.id"
            f" WHERE m.complaint_id {one_of}",
            (TextSource.COMPLAINT, TextSource.COMMENT, *params, TextSource.MESSAGE, *params),
        )
        return _grouped(rows)


def _grouped(rows: Sequence[Row]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for row in rows:
        found.setdefault(int(row[0]), set()).add(str(row[1]))
    return found
