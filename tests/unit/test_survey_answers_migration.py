"""A shop upgrading from the previous release keeps every figure: its answers (CSAT,
expectation, aspects, comments) move to the per-question table, nothing lost, nothing counted
twice. The figures before the upgrade are the previous release's own queries (frozen below);
after it, the product's. Both engines (`make test-pg`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import Catalog
from bot.reports.as_json import digest_json
from bot.reports.digest import build_digest
from bot.reports.render import render_digest
from bot.timeparse import BusinessHours
from storage.db import Database, Tx
from storage.migrate import migrate
from storage.repos.complaint_sources import ComplaintSourceRepo, SourceCount
from storage.repos.rows import Bands
from storage.repos.stats import AnswerValue, NpsCounts, QuestionCounts, StatsRepo, SurveyCounts
from storage.sql import Conn, count_if
from storage.states import ComplaintSource
from storage.timefmt import to_db
from tests.support.backend import database_url
from tests.support.reportdata import add_response
from tests.support.upgrades import migrate_until

PREVIOUS_RELEASE = 28  # the last migration the previous release shipped
START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
END = START + timedelta(days=7)
NOW = END + timedelta(hours=1)
TZ = ZoneInfo("Europe/Stockholm")
DAY = timedelta(days=1)
ALWAYS = BusinessHours(None)
PAST = {"worse": 0, "as_expected": 1, "better": 2}


_EXPECTED = {key: count_if(f"expectation = '{key}'") for key in PAST}


class PreviousReleaseStats(StatsRepo):
    """The previous release's answer figures, read from the surveys' own columns, with its
    NPS bands written in (the bands it is handed are today's, the same)."""

    async def surveys(
        self, start: datetime, end: datetime, bands: Bands, branch: str | None = None
    ) -> tuple[SurveyCounts, list[int]]:
        where = "s.sent_at >= :start AND s.sent_at < :end" + (
            " AND s.branch = :branch" if branch is not None else ""
        )
        rows = await self._all(
            "SELECT nps, COUNT(*), COALESCE(SUM(csat), 0), COUNT(csat),"
            f" {_EXPECTED['worse']}, {_EXPECTED['as_expected']}, {_EXPECTED['better']}"
            f" FROM surveys s WHERE {where} GROUP BY nps",
            {"start": to_db(start), "end": to_db(end), "branch": branch},
        )
        counts = [0] * 11
        total = [0] * 6
        for score, *values in rows:
            numbers = [int(v or 0) for v in values]  # type: ignore[call-overload]
            total = [a + b for a, b in zip(total, numbers, strict=True)]
            if score is not None:
                counts[int(score)] = numbers[0]  # type: ignore[call-overload]
        nps = NpsCounts(sum(counts), sum(counts[9:]), sum(counts[:7]))
        return SurveyCounts(total[0], nps, *total[1:]), counts

    async def detractor_aspects(
        self,
        start: datetime,
        end: datetime,
        bands: Bands,
        branch: str | None = None,
        limit: int = 5,
    ) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT a.aspect, COUNT(*) FROM survey_aspects a JOIN surveys s ON s.id = a.survey_id"
            " WHERE s.sent_at >= :start AND s.sent_at < :end"
            + (" AND s.branch = :branch" if branch is not None else "")
            + " AND s.nps <= 6 GROUP BY a.aspect ORDER BY COUNT(*) DESC, a.aspect LIMIT :limit",
            {"start": to_db(start), "end": to_db(end), "branch": branch, "limit": limit},
        )
        return [(str(a), int(c)) for a, c in rows]  # type: ignore[call-overload]

    async def detractor_comments(
        self,
        start: datetime,
        end: datetime,
        bands: Bands,
        branch: str | None = None,
        limit: int = 3,
    ) -> list[tuple[int, str]]:
        rows = await self._all(
            "SELECT nps, comment FROM surveys s WHERE s.sent_at >= :start AND s.sent_at < :end"
            + (" AND s.branch = :branch" if branch is not None else "")
            + " AND nps <= 6 AND comment IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT :limit",
            {"start": to_db(start), "end": to_db(end), "branch": branch, "limit": limit},
        )
        return [(int(n), str(c)) for n, c in rows]  # type: ignore[call-overload]

    async def answers_of(self, survey_ids: list[int]) -> dict[int, dict[str, AnswerValue]]:
        """What each survey answered, from the columns, under the built-in survey's ids."""
        found: dict[int, dict[str, AnswerValue]] = {}
        for survey, nps, csat, expectation, comment in await self._all(
            "SELECT id, nps, csat, expectation, comment FROM surveys", {}
        ):
            given: dict[str, AnswerValue] = {}
            if csat is not None:
                given["csat"] = int(str(csat))
            if expectation is not None:
                given["expectation"] = [str(expectation)]
            if comment is not None:
                score = int(str(nps))
                follow_up = (
                    "liked_most" if score >= 9 else "make_it_ten" if score >= 7 else "comment"
                )
                given[follow_up] = str(comment)
            found[int(str(survey))] = given
        for survey, aspect in await self._all(
            "SELECT survey_id, aspect FROM survey_aspects ORDER BY aspect", {}
        ):
            chosen = found[int(str(survey))].setdefault("aspect", [])
            assert isinstance(chosen, list)
            chosen.append(str(aspect))
        return {k: v for k, v in found.items() if k in survey_ids and v}

    async def questions(
        self, start: datetime, end: datetime, branch: str | None = None
    ) -> dict[str, QuestionCounts]:
        """The same answers counted per question, over the period's surveys."""
        where = "s.sent_at >= :start AND s.sent_at < :end" + (
            " AND s.branch = :branch" if branch is not None else ""
        )
        ids = [
            int(str(row[0]))
            for row in await self._all(
                f"SELECT id FROM surveys s WHERE {where}",
                {"start": to_db(start), "end": to_db(end), "branch": branch},
            )
        ]
        found: dict[str, QuestionCounts] = {}
        for answers in (await self.answers_of(ids)).values():
            for question, value in answers.items():
                kind = (
                    "scale"
                    if isinstance(value, int)
                    else "choice"
                    if isinstance(value, list)
                    else "text"
                )
                before = found.get(question, QuestionCounts(kind, 0, {}))
                counts = dict(before.counts)
                keys = (
                    value if isinstance(value, list) else [str(value)] if kind == "scale" else []
                )
                for key in keys:
                    counts[key] = counts.get(key, 0) + 1
                total = before.total + (value if isinstance(value, int) else 0)
                found[question] = QuestionCounts(kind, before.n + 1, counts, total)
        return found


# Tables of features that came after it, which the figures now read but these migrations
# leave alone (the themes' tags, the channel a survey was answered by, a fix's theme and the
# tags' scores): present before the upgrade too, so the digest and the responses can be read.
UNRELATED = (31, 34, 35)


class PreviousReleaseSources(ComplaintSourceRepo):
    """The previous release's complaints by source: it had no shop's Telegram account to
    come through (`business_connection_id` came with a later migration)."""

    async def opened(
        self, start: datetime, end: datetime, at: datetime, branch: str | None = None
    ) -> list[SourceCount]:
        join = " LEFT JOIN purchases bp ON bp.id = c.purchase_id" if branch else ""
        rows = await self._conn.fetch_all(
            f"SELECT c.source, COUNT(*) FROM complaints c{join} WHERE c.created_at >= :start"
            " AND c.created_at < :end AND EXISTS (SELECT 1 FROM complaint_states s"
            " WHERE s.complaint_id = c.id AND s.at < :at)"
            + (" AND bp.branch = :branch" if branch else "")
            + " GROUP BY c.source",
            {"start": to_db(start), "end": to_db(end), "at": to_db(at), "branch": branch},
        )
        return [SourceCount(ComplaintSource(str(s)), False, int(str(n))) for s, n in rows]


async def fill(conn: Conn) -> None:
    """Two weeks of answers as the previous release stored them: every category with and
    without a comment, aspects, CSAT from 1 to 5, every expectation, partial answers (NPS
    only, NPS and CSAT), no answer, in two branches and two segments."""
    number = 0
    for week in (START - 7 * DAY, START):
        for score in [*range(11), 3, 6, 9, 10, 7, None, None]:
            number += 1
            detractor = score is not None and score <= 6
            full = score is not None and number % 5 != 0  # every fifth stops after the NPS
            await add_response(
                conn, number, week + DAY * (number % 7) + timedelta(minutes=number), score,
                csat=(number % 5) + 1 if full else None,
                expectation=list(PAST)[number % 3] if full and number % 4 else None,
                branch="north" if number % 2 else "south",
                segment="key" if number % 3 == 0 else "",
                comment=f"Words {number}, «ёлка»" if score is not None and number % 3 else None,
                aspects=("delivery", "staff", "price")[: number % 4] if detractor else (),
                legacy=True,
            )  # fmt: skip


async def figures(tx: Tx) -> dict[str, Any]:
    """Every figure the stats API, the digest (en, ru) and the responses export give, for the
    whole shop and each branch."""
    found: dict[str, Any] = {}
    for branch in (None, "north", "south"):
        d = await build_digest(tx, START, END, NOW, TZ, branch, hours=ALWAYS)
        found[f"stats {branch}"] = digest_json(d)
        for language in ("en", "ru"):
            found[f"digest {branch} {language}"] = render_digest(
                Catalog.load().bind(language), d, TZ
            )
    found["responses"] = await tx.stats.responses(0, 1000)
    return found


@pytest.fixture
async def previous_release(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(database_url(tmp_path, "upgrade"))
    await db.connect()
    await migrate_until(db.conn, PREVIOUS_RELEASE, also=UNRELATED)
    async with db.transaction() as tx:
        await fill(tx.conn)
    yield db
    await db.close()


async def test_the_built_in_surveys_figures_are_the_same_after_the_upgrade(
    previous_release: Database,
) -> None:
    db = previous_release
    async with db.read() as tx:
        tx.stats = PreviousReleaseStats(tx.conn)
        tx.complaint_sources = PreviousReleaseSources(tx.conn)
        before = await figures(tx)
    assert before["stats None"]["csat_mean"] is not None  # the data set has every figure
    assert "«Words" in before["digest None en"]
    assert set(before["stats None"]["questions"]) == {
        "nps",
        "aspect",
        "comment",
        "csat",
        "expectation",
        "liked_most",
        "make_it_ten",
    }
    await migrate(db.conn)
    async with db.read() as tx:
        after = await figures(tx)
    assert after == before
