"""SQL aggregates for digests, reports and the stats API: counts come back, never rows.

Survey figures describe the invitations sent in the period (`sent_at`), so the response rate,
NPS and CSAT all refer to the same cohort. Complaint figures describe complaints opened in it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.sql import Conn, count_if
from storage.states import ComplaintStatus, Deadline, OutboxStatus
from storage.timefmt import stored, to_db


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
class ComplaintCounts:
    opened: int
    resolved: int  # of those opened in the period: resolved by staff by its end (or closed)
    awaiting_customer: int  # of `resolved`: waiting for the customer's answer at the end
    still_open: int  # of those opened: staff still owed work at the end (opened = the two)
    take_due: int  # whose take deadline has passed or who were taken
    taken_on_time: int
    resolve_due: int
    resolved_on_time: int
    satisfaction_n: int
    satisfied: int


# A complaint's two staff deadlines as `t` (take) and `r` (resolve).
_DEADLINES = (
    f" LEFT JOIN sla_steps t ON t.complaint_id = c.id AND t.step = '{Deadline.TAKE}'"
    f" LEFT JOIN sla_steps r ON r.complaint_id = c.id AND r.step = '{Deadline.RESOLVE}'"
)
# A complaint belongs to the branch of the purchase it is about (none: to no branch).
_BRANCH_OF = " LEFT JOIN purchases bp ON bp.id = c.purchase_id"
# The status complaint `c` was in at the period's end: its last change at or before :end
# (times are whole seconds: a report "up to now" sees a change made in this very second).
_STATE_AT_END = (
    "(SELECT s.status FROM complaint_states s WHERE s.complaint_id = c.id AND s.at <= :end"
    " ORDER BY s.at DESC, s.id DESC LIMIT 1)"
)
_WORSE = count_if("expectation = 'worse'")
_AS_EXPECTED = count_if("expectation = 'as_expected'")
_BETTER = count_if("expectation = 'better'")
_COMPLAINT_BRANCH = " AND bp.branch = :branch"
_SURVEY_FILTER = "s.sent_at >= :start AND s.sent_at < :end"
_BRANCH = " AND s.branch = :branch"


def _where(branch: str | None) -> str:
    return _SURVEY_FILTER + (_BRANCH if branch is not None else "")


class StatsRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def _all(self, sql: str, params: dict[str, object]) -> list[tuple[object, ...]]:
        return [tuple(row) for row in await self._conn.fetch_all(sql, params)]

    async def surveys(
        self, start: datetime, end: datetime, branch: str | None = None
    ) -> tuple[SurveyCounts, list[int]]:
        """The period's survey counts and how many answered 0, 1, ... 10, in one scan."""
        rows = await self._all(
            "SELECT nps, COUNT(*), COALESCE(SUM(csat), 0), COUNT(csat),"
            f" {_WORSE}, {_AS_EXPECTED}, {_BETTER}"
            f" FROM surveys s WHERE {_where(branch)} GROUP BY nps",
            {"start": to_db(start), "end": to_db(end), "branch": branch},
        )
        counts = [0] * 11
        total = [0] * 6
        for score, *values in rows:
            numbers = [int(v or 0) for v in values]  # type: ignore[call-overload]
            total = [a + b for a, b in zip(total, numbers, strict=True)]
            if score is not None:
                counts[int(score)] = numbers[0]  # type: ignore[call-overload]
        n = sum(counts)
        nps = NpsCounts(n, sum(counts[9:]), sum(counts[:7]))
        return SurveyCounts(total[0], nps, *total[1:]), counts

    async def trend(self, bounds: list[datetime], branch: str | None = None) -> list[NpsCounts]:
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
                f"SELECT {k} AS k, COUNT(nps), {count_if('nps >= 9')}, {count_if('nps <= 6')}"
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
        self, column: str, start: datetime, end: datetime, branch: str | None = None
    ) -> dict[str, NpsCounts]:
        """NPS counts per branch or per customer segment."""
        source = {"branch": "s.branch", "segment": "s.segment"}[column]
        rows = await self._all(
            f"SELECT {source} AS g, COUNT(nps), {count_if('nps >= 9')},"
            f" {count_if('nps <= 6')} FROM surveys s WHERE {_where(branch)}"
            " AND nps IS NOT NULL GROUP BY g ORDER BY COUNT(nps) DESC",
            {"start": to_db(start), "end": to_db(end), "branch": branch},
        )
        return {str(g): NpsCounts(int(n), int(p), int(d)) for g, n, p, d in rows}  # type: ignore[call-overload]

    async def detractor_aspects(
        self, start: datetime, end: datetime, branch: str | None = None, limit: int = 5
    ) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT a.aspect, COUNT(*) FROM survey_aspects a JOIN surveys s ON s.id = a.survey_id"
            f" WHERE {_where(branch)} AND s.nps <= 6 GROUP BY a.aspect"
            " ORDER BY COUNT(*) DESC, a.aspect LIMIT :limit",
            {"start": to_db(start), "end": to_db(end), "branch": branch, "limit": limit},
        )
        return [(str(a), int(c)) for a, c in rows]  # type: ignore[call-overload]

    async def detractor_comments(
        self, start: datetime, end: datetime, branch: str | None = None, limit: int = 3
    ) -> list[tuple[int, str]]:
        rows = await self._all(
            f"SELECT nps, comment FROM surveys s WHERE {_where(branch)} AND nps <= 6"
            " AND comment IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT :limit",
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
        self, start: datetime, end: datetime, now: datetime, branch: str | None = None
    ) -> ComplaintCounts:
        """Complaints opened in the period (of one branch's purchases, if given), each counted in
        the state it was in at the period's end: resolved (staff resolved it; closed, or waiting
        for the customer's answer) or still open (staff still owed work). They add up."""
        # Grouped by the state at the end, so each complaint's state is looked up once
        # (PostgreSQL would run the lookup once per mention); the groups are added up here.
        rows = await self._all(
            "SELECT c.state_at_end, COUNT(*),"
            f" {count_if('c.taken_at IS NOT NULL OR t.due_at <= :now')},"
            f" {count_if('c.taken_at IS NOT NULL AND c.taken_at <= t.due_at AND t.missed = 0')},"
            f" {count_if('COALESCE(c.resolved_at, c.closed_at) IS NOT NULL OR r.due_at <= :now')},"
            f" {count_if('COALESCE(c.resolved_at, c.closed_at) <= r.due_at AND r.missed = 0')},"
            " COUNT(c.resolution_satisfied), COALESCE(SUM(c.resolution_satisfied), 0)"
            " FROM (SELECT c.id, c.purchase_id, c.taken_at, c.resolved_at, c.closed_at,"
            f" c.resolution_satisfied, {_STATE_AT_END} AS state_at_end FROM complaints c"
            " WHERE c.created_at >= :start AND c.created_at < :end) c"
            f"{_BRANCH_OF}{_DEADLINES}"
            f" WHERE TRUE{_COMPLAINT_BRANCH if branch is not None else ''}"
            " GROUP BY c.state_at_end",
            {"start": to_db(start), "end": to_db(end), "now": to_db(now), "branch": branch},
        )
        by_state = {state: [int(x or 0) for x in counts] for state, *counts in rows}  # type: ignore[call-overload]
        total = [sum(column) for column in zip(*by_state.values(), strict=True)] or [0] * 7
        done = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)  # staff finished

        def opened(states: Iterable[object]) -> int:
            return sum(by_state[state][0] for state in states if state in by_state)

        return ComplaintCounts(
            total[0],
            opened(done),
            opened([ComplaintStatus.RESOLVED]),
            opened(s for s in by_state if s is not None and s not in done),
            *total[1:],
        )

    async def spans(
        self, deadline: Deadline, start: datetime, end: datetime, branch: str | None = None
    ) -> list[tuple[datetime, datetime]]:
        """(opened, taken) or (opened, resolved) of the complaints opened in the period that
        got there; the caller measures them in wall-clock and in business time."""
        moment = {
            Deadline.TAKE: "c.taken_at",
            Deadline.RESOLVE: "COALESCE(c.resolved_at, c.closed_at)",
        }[deadline]
        where = f"c.created_at >= :start AND c.created_at < :end AND {moment} IS NOT NULL"
        if branch is not None:
            where += _COMPLAINT_BRANCH
        rows = await self._conn.fetch_all(
            f"SELECT c.created_at, {moment} FROM complaints c{_BRANCH_OF} WHERE {where}",
            {"start": to_db(start), "end": to_db(end), "branch": branch},
        )
        return [(datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1])) for row in rows]

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
        self, after_id: int, limit: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict[str, object]]:
        """Surveys that got at least the NPS answer, by id (a stable cursor)."""
        where = "s.id > :after AND s.nps IS NOT NULL"
        if start is not None and end is not None:
            where += " AND " + _SURVEY_FILTER
        return [
            dict(row)
            for row in await self._conn.fetch_all(
                "SELECT s.id, p.order_id, p.branch, c.segment, s.sent_at, s.answered_at, s.status,"
                f" s.nps, s.csat, s.expectation, (SELECT {self._conn.group_concat('aspect')} FROM"
                " (SELECT aspect FROM survey_aspects WHERE survey_id = s.id ORDER BY aspect) a)"
                " AS aspects, s.comment, CASE WHEN EXISTS (SELECT 1 FROM referrals r"
                " WHERE r.friend_id = s.customer_id) THEN 1 ELSE 0 END AS referred"
                " FROM surveys s JOIN purchases p ON p.id = s.purchase_id"
                f" JOIN customers c ON c.id = s.customer_id WHERE {where}"
                " ORDER BY s.id LIMIT :limit",
                {"after": after_id, "limit": limit, "start": stored(start), "end": stored(end)},
            )
        ]

    async def complaint_rows(
        self, after_id: int, limit: int, start: datetime, end: datetime
    ) -> list[dict[str, object]]:
        return [
            dict(row)
            for row in await self._conn.fetch_all(
                "SELECT c.id, c.source, c.status, c.segment, p.order_id, p.branch, c.created_at,"
                " c.taken_at, c.taken_by_name, c.resolved_at, c.closed_at, c.reopened,"
                " c.resolution_satisfied, t.due_at AS take_due, r.due_at AS resolve_due, c.text,"
                " a.cause, a.action, a.fix_needed_at, a.fix_done_at"
                " FROM complaints c LEFT JOIN purchases p ON p.id = c.purchase_id"
                " LEFT JOIN corrective_actions a ON a.complaint_id = c.id"
                f"{_DEADLINES}"
                " WHERE c.id > :after AND c.created_at >= :start AND c.created_at < :end"
                " ORDER BY c.id LIMIT :limit",
                {"after": after_id, "limit": limit, "start": stored(start), "end": stored(end)},
            )
        ]
