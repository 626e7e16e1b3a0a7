"""SQL aggregates for digests, reports and the stats API: counts come back, never rows.

Survey figures describe the invitations sent in the period (`sent_at`), so the response rate,
NPS and CSAT all refer to the same cohort. Complaint figures describe complaints opened in it,
each as it stood at the period's end: a past period's figures never change.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime

from storage.repos.corrective import UNRECORDED
from storage.repos.rows import Bands, fetch_in
from storage.sql import Conn, count_if
from storage.states import ComplaintStatus, Deadline, OutboxStatus, sql_in
from storage.timefmt import from_db, stored, to_db


@dataclass(frozen=True)
class NpsCounts:
    n: int  # answered the NPS question
    promoters: int
    detractors: int


@dataclass(frozen=True)
class SurveyCounts:
    invited: int
    nps: NpsCounts
    csat_sum: int
    csat_n: int
    worse: int
    as_expected: int
    better: int


@dataclass(frozen=True)
class QuestionCounts:
    """The answers to one question in a period (whatever version asked it)."""

    type: str  # "scale", "choice" or "text", as its answers are stored
    n: int  # surveys that answered it
    counts: dict[str, int]  # per score (a scale) or option (a choice); a text: none
    total: int = 0  # a scale's scores summed (its mean: total / n)


AnswerValue = int | list[str] | str


@dataclass(frozen=True, slots=True)
class Round:
    """One resolve deadline a complaint was given (the first, and one per reopening), and the
    first resolution of its round before the moment judged at, if one came."""

    due: datetime
    resolved: datetime | None


@dataclass(frozen=True, slots=True)
class Judged:
    """One complaint opened in a period, as it stood at the moment `at` it is judged at;
    nothing that happened at or after `at` is seen. Whether it was on time is the reports
    feature's to say (bot/reports/ontime.py)."""

    opened: datetime
    status: ComplaintStatus
    taken: datetime | None  # when it was first taken
    take_due: datetime | None  # its take deadline
    resolved: datetime | None  # the resolution in effect (when resolved or closed)
    satisfied: int | None  # the customer's latest answer: 1 Yes, 0 No
    holder_id: int | None = None  # who holds it now (taken, or handed over to)
    holder: str | None = None  # their name as the card shows it
    cause: str = UNRECORDED  # of its resolution, as staff recorded it before `at`
    rounds: tuple[Round, ...] = ()  # its resolve deadlines given before `at`, oldest first


_FINISHED = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)  # staff resolved it
_DONE = sql_in(_FINISHED)
# Each a lookup in complaint `c`'s history before :at (changes at :at itself belong to the
# next period, as surveys sent then do). Its status then:
_STATUS_AT = (
    "(SELECT s.status FROM complaint_states s WHERE s.complaint_id = c.id AND s.at < :at"
    " ORDER BY s.at DESC, s.id DESC LIMIT 1)"
)
# When it was first taken (resolving an untaken complaint takes it):
_FIRST_TAKEN = (
    "(SELECT MIN(s.at) FROM complaint_states s WHERE s.complaint_id = c.id"
    f" AND s.status <> '{ComplaintStatus.OPEN}' AND s.at < :at)"
)
_TAKE_DUE = (
    "(SELECT d.due_at FROM sla_deadlines d WHERE d.complaint_id = c.id"
    f" AND d.step = '{Deadline.TAKE}' ORDER BY d.id LIMIT 1)"
)
# Its latest resolution (older rows may have only "closed"), in effect if the status is one:
_RESOLVED = (
    "(SELECT s.at FROM complaint_states s WHERE s.complaint_id = c.id"
    f" AND s.status IN {_DONE} AND s.at < :at"
    f" ORDER BY CASE WHEN s.status = '{ComplaintStatus.RESOLVED}' THEN 0 ELSE 1 END,"
    " s.at DESC, s.id DESC LIMIT 1)"
)
# The first resolution of resolve deadline `d`'s round, before :at. A resolution belongs to a
# round if it came after the round began and was not undone by a reopening written before
# the round began: timestamps have one-second resolution, so a "No" in the second of the
# resolution starts a round at that very second, and only the rows' order (their id) tells
# the earlier resolution out of it. Whether it came in time is the reports feature's to say.
_ROUND_RESOLVED = (
    "(SELECT MIN(s.at) FROM complaint_states s WHERE s.complaint_id = d.complaint_id"
    f" AND s.status IN {_DONE} AND s.at >= d.set_at AND s.at < :at AND NOT EXISTS"
    " (SELECT 1 FROM complaint_states r WHERE r.complaint_id = d.complaint_id"
    f" AND r.id > s.id AND r.status NOT IN {_DONE} AND r.at <= d.set_at))"
)
_SATISFIED = (
    "(SELECT s.satisfied FROM complaint_states s WHERE s.complaint_id = c.id"
    " AND s.satisfied IS NOT NULL AND s.at < :at ORDER BY s.at DESC, s.id DESC LIMIT 1)"
)
# The cause staff recorded for its latest resolution, if asked before :at (a later resolution
# asks afresh, and its answer is not yet known at :at):
_CAUSE = f"CASE WHEN a.asked_at < :at THEN COALESCE(a.cause, '{UNRECORDED}') END"
_CAUSE_OF = " LEFT JOIN corrective_actions a ON a.complaint_id = c.id"
# The built-in survey's questions whose answers the digest's own figures are over (whatever
# version asked them): survey_answers rows under these question ids.
CSAT = "csat"
EXPECTATION = "expectation"
ASPECT = "aspect"
# A complaint's current staff deadlines as `t` (take) and `r` (resolve), for the export.
_DEADLINES = (
    f" LEFT JOIN sla_steps t ON t.complaint_id = c.id AND t.step = '{Deadline.TAKE}'"
    f" LEFT JOIN sla_steps r ON r.complaint_id = c.id AND r.step = '{Deadline.RESOLVE}'"
)
# A complaint belongs to the branch of the purchase it is about (none: to no branch).
_BRANCH_OF = " LEFT JOIN purchases bp ON bp.id = c.purchase_id"
_COMPLAINT_BRANCH = " AND bp.branch = :branch"
_SURVEY_FILTER = "s.sent_at >= :start AND s.sent_at < :end"
_BRANCH = " AND s.branch = :branch"


def _where(branch: str | None) -> str:
    return _SURVEY_FILTER + (_BRANCH if branch is not None else "")


def _judged(
    rounds: tuple[Round, ...],
    opened: object,
    status: object,
    taken: object,
    due: object,
    resolved: object,
    satisfied: object,
    holder_id: object,
    holder: object,
    cause: object,
) -> Judged:
    """One row of `StatsRepo.complaints`."""
    return Judged(
        opened=datetime.fromisoformat(str(opened)),
        status=ComplaintStatus(str(status)),
        taken=from_db(taken),  # type: ignore[arg-type]
        take_due=from_db(due),  # type: ignore[arg-type]
        resolved=from_db(resolved) if status in _FINISHED else None,  # type: ignore[arg-type]
        satisfied=None if satisfied is None else int(satisfied),  # type: ignore[call-overload]
        holder_id=None if holder_id is None else int(holder_id),  # type: ignore[call-overload]
        holder=None if holder is None else str(holder),
        cause=UNRECORDED if cause is None else str(cause),
        rounds=rounds,
    )


class StatsRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def _all(self, sql: str, params: dict[str, object]) -> list[tuple[object, ...]]:
        return [tuple(row) for row in await self._conn.fetch_all(sql, params)]

    async def branch_known(self, branch: str) -> bool:
        """Whether any purchase ever had this branch (a quiet branch is known, a typo is not)."""
        row = await self._conn.fetch_one(
            "SELECT 1 FROM purchases WHERE branch = :branch LIMIT 1", {"branch": branch}
        )
        return row is not None

    async def branches(self, limit: int) -> list[str]:
        """The branches purchases name, alphabetically, at most `limit`."""
        rows = await self._all(
            "SELECT DISTINCT branch FROM purchases WHERE branch IS NOT NULL AND branch != ''"
            " ORDER BY branch LIMIT :limit",
            {"limit": limit},
        )
        return [str(r[0]) for r in rows]

    async def surveys(
        self, start: datetime, end: datetime, bands: Bands, branch: str | None = None
    ) -> tuple[SurveyCounts, list[int]]:
        """The period's survey counts and how many answered 0, 1, ... 10: the NPS in one scan
        of the surveys, CSAT and expectation from the answers to those questions."""
        params: dict[str, object] = {"start": to_db(start), "end": to_db(end), "branch": branch}
        rows = await self._all(
            f"SELECT nps, COUNT(*) FROM surveys s WHERE {_where(branch)} GROUP BY nps", params
        )
        counts = [0] * 11
        for score, n in rows:
            if score is not None:
                counts[int(score)] = int(n)  # type: ignore[call-overload]
        invited = sum(int(n) for _, n in rows)  # type: ignore[call-overload]
        answered: dict[tuple[str, str], tuple[int, int]] = {}
        for question, option, n, total in await self._all(
            f"SELECT a.question_id, a.option_id, COUNT(*), COALESCE(SUM(a.number), 0)"
            " FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
            f" WHERE {_where(branch)} AND a.question_id IN ('{CSAT}', '{EXPECTATION}')"
            " GROUP BY a.question_id, a.option_id",
            params,
        ):
            answered[(str(question), str(option))] = (int(n), int(total))  # type: ignore[call-overload]
        csat_n, csat_sum = answered.get((CSAT, ""), (0, 0))
        chose = {key: n for (q, key), (n, _) in answered.items() if q == EXPECTATION}
        nps = NpsCounts(
            sum(counts),
            sum(counts[bands.promoters_from :]),
            sum(counts[: bands.detractors_to + 1]),
        )
        return SurveyCounts(
            invited,
            nps,
            csat_sum,
            csat_n,
            chose.get("worse", 0),
            chose.get("as_expected", 0),
            chose.get("better", 0),
        ), counts

    async def trend(
        self, bounds: list[datetime], bands: Bands, branch: str | None = None
    ) -> list[NpsCounts]:
        """NPS counts for each period [bounds[i], bounds[i + 1]).

        One range per period, joined by UNION ALL into one statement: each part is a
        covering-index scan with three aggregates and no grouping, several times faster than
        computing a period number per row and sorting; PostgreSQL runs the parts in parallel.
        """
        parts: list[str] = []
        params: dict[str, object] = {"branch": branch}
        for k, (start, end) in enumerate(itertools.pairwise(bounds)):
            where = _where(branch).replace(":start", f":start{k}").replace(":end", f":end{k}")
            parts.append(
                f"SELECT {k} AS k, COUNT(nps), {count_if(bands.promoter('nps'))},"
                f" {count_if(bands.detractor('nps'))}"
                f" FROM surveys s WHERE {where}"
            )
            params |= {f"start{k}": to_db(start), f"end{k}": to_db(end)}
        if not parts:
            return []
        rows = await self._all(" UNION ALL ".join(parts), params)
        by_period = {int(k): (n, p, d) for k, n, p, d in rows}  # type: ignore[call-overload]
        return [
            NpsCounts(*(int(x or 0) for x in by_period[k]))  # type: ignore[call-overload]
            for k in range(len(parts))
        ]

    async def nps_by(
        self,
        column: str,
        start: datetime,
        end: datetime,
        bands: Bands,
        branch: str | None = None,
    ) -> dict[str, NpsCounts]:
        """NPS counts per branch or per customer segment."""
        source = {"branch": "s.branch", "segment": "s.segment"}[column]
        rows = await self._all(
            f"SELECT {source} AS g, COUNT(nps), {count_if(bands.promoter('nps'))},"
            f" {count_if(bands.detractor('nps'))} FROM surveys s WHERE {_where(branch)}"
            " AND nps IS NOT NULL GROUP BY g ORDER BY COUNT(nps) DESC",
            {"start": to_db(start), "end": to_db(end), "branch": branch},
        )
        return {str(g): NpsCounts(int(n), int(p), int(d)) for g, n, p, d in rows}  # type: ignore[call-overload]

    async def questions(
        self, start: datetime, end: datetime, branch: str | None = None
    ) -> dict[str, QuestionCounts]:
        """Every question's answers among the period's surveys, by question id: a row is a
        scale's score, a text, or one option chosen."""
        params: dict[str, object] = {"start": to_db(start), "end": to_db(end), "branch": branch}
        found: dict[str, QuestionCounts] = {}
        for question, option, number, rows in await self._all(
            "SELECT a.question_id, a.option_id, a.number, COUNT(*) FROM survey_answers a"
            f" JOIN surveys s ON s.id = a.survey_id WHERE {_where(branch)}"
            " GROUP BY a.question_id, a.option_id, a.number",
            params,
        ):
            n = int(str(rows))
            kind = "choice" if option else "scale" if number is not None else "text"
            before = found.get(str(question), QuestionCounts(kind, 0, {}))
            counts = dict(before.counts)
            if kind != "text":
                value = str(option or number)
                counts[value] = counts.get(value, 0) + n
            score = int(str(number)) if number is not None else 0
            found[str(question)] = QuestionCounts(
                kind, before.n + n, counts, before.total + score * n
            )
        for question, surveys in await self._all(  # a choice: surveys, not options, count
            "SELECT a.question_id, COUNT(DISTINCT a.survey_id) FROM survey_answers a"
            f" JOIN surveys s ON s.id = a.survey_id WHERE {_where(branch)}"
            " AND a.option_id <> '' GROUP BY a.question_id",
            params,
        ):
            kept = found[str(question)]
            found[str(question)] = QuestionCounts(
                kept.type, int(str(surveys)), kept.counts, kept.total
            )
        return found

    async def answers_of(self, survey_ids: list[int]) -> dict[int, dict[str, AnswerValue]]:
        """Each survey's answers by question id: a score, the options chosen, or the text."""
        found: dict[int, dict[str, AnswerValue]] = {}
        for survey, question, option, number, text in await fetch_in(
            self._conn,
            "SELECT survey_id, question_id, option_id, number, text FROM survey_answers"
            " WHERE survey_id {one_of} ORDER BY survey_id, question_id, option_id",
            survey_ids,
        ):
            given = found.setdefault(int(survey), {})
            if option:
                chosen = given.setdefault(str(question), [])
                assert isinstance(chosen, list)
                chosen.append(str(option))
            elif number is not None:
                given[str(question)] = int(number)
            elif text is not None:
                given[str(question)] = str(text)
        return found

    async def detractor_aspects(
        self,
        start: datetime,
        end: datetime,
        bands: Bands,
        branch: str | None = None,
        limit: int = 5,
    ) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT a.option_id, COUNT(*) FROM survey_answers a JOIN surveys s"
            f" ON s.id = a.survey_id WHERE {_where(branch)} AND a.question_id = '{ASPECT}'"
            f" AND {bands.detractor('s.nps')} GROUP BY a.option_id"
            " ORDER BY COUNT(*) DESC, a.option_id"
            " LIMIT :limit",
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
        """What detractors wrote, newest first: every text answer, whatever question."""
        rows = await self._all(
            "SELECT s.nps, a.text FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
            f" WHERE {_where(branch)} AND {bands.detractor('s.nps')} AND a.text IS NOT NULL"
            " ORDER BY s.sent_at DESC, s.id DESC, a.question_id LIMIT :limit",
            {"start": to_db(start), "end": to_db(end), "branch": branch, "limit": limit},
        )
        return [(int(n), str(c)) for n, c in rows]  # type: ignore[call-overload]

    async def undelivered(self, start: datetime, end: datetime) -> tuple[int, int]:
        """(messages Telegram did not take, customers who blocked the bot) in the period.

        Answers to button presses are left out: Telegram refuses them once a press is a few
        minutes old, which tells nothing about the customer."""
        failed = await self._conn.fetch_all(
            f"SELECT COUNT(*) FROM outbox WHERE status = '{OutboxStatus.FAILED}'"
            " AND method != 'AnswerCallbackQuery' AND created_at >= ? AND created_at < ?",
            (start.timestamp(), end.timestamp()),
        )
        blocked = await self._conn.fetch_all(
            "SELECT COUNT(*) FROM customers WHERE unreachable_at >= ? AND unreachable_at < ?",
            (to_db(start), to_db(end)),
        )
        return int(failed[0][0]), int(blocked[0][0])

    async def complaints(
        self, start: datetime, end: datetime, at: datetime, branch: str | None = None
    ) -> list[Judged]:
        """Complaints opened in the period (of one branch's purchases, if given), each as it
        stood at `at`: the period's end, or now while the period runs."""
        where = "c.created_at >= :start AND c.created_at < :end"
        if branch is not None:
            where += _COMPLAINT_BRANCH
        params: dict[str, object] = {
            "start": to_db(start),
            "end": to_db(end),
            "at": to_db(at),
            "branch": branch,
        }
        rows = await self._all(  # each lookup named once: PostgreSQL runs one per mention
            f"SELECT c.id, c.created_at, {_STATUS_AT}, {_FIRST_TAKEN}, {_TAKE_DUE}, {_RESOLVED},"
            f" {_SATISFIED}, c.taken_by, c.taken_by_name, {_CAUSE}"
            f" FROM complaints c{_BRANCH_OF}{_CAUSE_OF} WHERE {where}",
            params,
        )
        rounds: dict[int, list[Round]] = {}
        for complaint_id, due, resolved in await self._all(
            f"SELECT d.complaint_id, d.due_at, {_ROUND_RESOLVED} FROM sla_deadlines d"
            f" JOIN complaints c ON c.id = d.complaint_id{_BRANCH_OF} WHERE {where}"
            f" AND d.step = '{Deadline.RESOLVE}' AND d.set_at < :at ORDER BY d.id",
            params,
        ):
            given = Round(datetime.fromisoformat(str(due)), from_db(str(resolved or "")))
            rounds.setdefault(int(str(complaint_id)), []).append(given)
        return [  # no status: opened at `at`
            _judged(tuple(rounds.get(int(row[0]), ())), *row[1:])  # type: ignore[call-overload]
            for row in rows
            if row[2] is not None
        ]

    async def digest_sent(self, kind: str, period: tuple[datetime, datetime]) -> bool:
        return (
            await self._conn.fetch_one(
                "SELECT 1 FROM digests_sent WHERE kind = ? AND period_start = ?",
                (kind, to_db(period[0])),
            )
            is not None
        )

    async def claim_digest(self, kind: str, start: datetime, end: datetime, now: datetime) -> bool:
        """Record that `kind` for the period starting at `start` is being sent; False if it was."""
        changed = await self._conn.execute(
            "INSERT INTO digests_sent (kind, period_start, period_end, sent_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (kind, period_start) DO NOTHING",
            (kind, to_db(start), to_db(end), to_db(now)),
        )
        return changed == 1

    # -- row exports (CSV, the responses API) ----------------------------------------------
    async def responses(
        self,
        after_id: int,
        limit: int,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        theme: str | None = None,
    ) -> list[dict[str, object]]:
        """Surveys that got at least the NPS answer, by id (a stable cursor); with `theme`,
        only those a text counted under them mentions it (`text_themes.survey_id`)."""
        where = "s.id > :after AND s.nps IS NOT NULL"
        if start is not None and end is not None:
            where += " AND " + _SURVEY_FILTER
        if theme is not None:
            where += (
                " AND s.id IN (SELECT t.survey_id FROM text_themes t WHERE t.theme = :theme"
                " AND t.survey_id IS NOT NULL)"
            )
        rows = [
            dict(row)
            for row in await self._conn.fetch_all(
                # No segment is stored as "" but said as null, as no branch is (the API's).
                "SELECT s.id, p.order_id, p.branch, NULLIF(c.segment, '') AS segment,"
                " s.sent_at, s.answered_at, s.status,"
                " s.nps, s.csat, s.expectation, COALESCE(s.channel, 'telegram') AS channel,"
                f" (SELECT {self._conn.group_concat('aspect')} FROM"
                " (SELECT aspect FROM survey_aspects WHERE survey_id = s.id ORDER BY aspect) a)"
                " AS aspects, s.comment, CASE WHEN EXISTS (SELECT 1 FROM referrals r"
                " WHERE r.friend_id = s.customer_id) THEN 1 ELSE 0 END AS referred"
                " FROM surveys s JOIN purchases p ON p.id = s.purchase_id"
                f" JOIN customers c ON c.id = s.customer_id WHERE {where}"
                " ORDER BY s.id LIMIT :limit",
                {
                    "after": after_id,
                    "limit": limit,
                    "start": stored(start),
                    "end": stored(end),
                    "theme": theme,
                },
            )
        ]
        answers = await self.answers_of([int(str(row["id"])) for row in rows])
        for row in rows:  # every answer by question id
            row["answers"] = answers.get(int(str(row["id"])), {})
        return rows

    async def complaint_rows(
        self, after_id: int, limit: int, start: datetime, end: datetime
    ) -> list[dict[str, object]]:
        return [
            dict(row)
            for row in await self._conn.fetch_all(
                "SELECT c.id, c.source, c.status, c.segment, cu.name AS customer_name,"
                " cu.tg_name AS telegram_name, cu.phone, p.order_id, p.branch, c.created_at,"
                " c.taken_at, c.taken_by_name, c.resolved_at, c.closed_at, c.reopened,"
                " c.resolution_satisfied, t.due_at AS take_due, r.due_at AS resolve_due,"
                " COALESCE(s.comment, c.text) AS text,"  # what the customer said, as the card
                " a.cause, a.action, a.fix_needed_at, a.fix_done_at,"
                " c.business_connection_id AS account"  # read with source: bot.complaints.origin
                " FROM complaints c JOIN customers cu ON cu.id = c.customer_id"
                " LEFT JOIN purchases p ON p.id = c.purchase_id"
                " LEFT JOIN surveys s ON s.id = c.survey_id"
                " LEFT JOIN corrective_actions a ON a.complaint_id = c.id"
                f"{_DEADLINES}"
                " WHERE c.id > :after AND c.created_at >= :start AND c.created_at < :end"
                " ORDER BY c.id LIMIT :limit",
                {"after": after_id, "limit": limit, "start": stored(start), "end": stored(end)},
            )
        ]
