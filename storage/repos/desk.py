"""Complaints as the owners' dashboard lists them: filtered by state, branch, cause and who
holds them, searched like /find (number, order id, name, phone, words: the search index),
newest first, a page at a time (by id, so a page is one index range however many complaints
there are)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.models import telegram_aside
from storage.repos.rows import Bands, Overdue
from storage.search import Query
from storage.sql import Conn
from storage.states import COMPLAINT_WORKED, ComplaintStatus, sql_in
from storage.timefmt import from_db

STATES = ("open", "overdue", "resolved", "all")


@dataclass(frozen=True)
class Filters:
    state: str = "all"  # one of STATES
    branch: str | None = None
    cause: str | None = None
    holder: str | None = None  # the staff member's name, as the card shows it
    words: str | None = None
    theme: str | None = None  # a theme id one of its texts mentions (as /find's theme:x)


@dataclass(frozen=True)
class Listed:
    id: int
    status: ComplaintStatus
    created_at: datetime
    customer: str | None  # the name the shop gave, else Telegram's
    order_id: str | None
    branch: str | None
    holder: str | None
    cause: str | None
    overdue: bool
    text: str | None  # what the customer said: the survey comment, else the complaint's text
    assignee: str | None = None  # assigned, not taken yet: nobody holds it, someone should
    telegram: str | None = None  # the Telegram name, when the shop gave another


@dataclass(frozen=True)
class CommentFilters:
    score: str = "all"  # one of SCORES
    theme: str | None = None
    branch: str | None = None
    words: str | None = None  # each must be in the comment
    question: str | None = None  # a text question's id: its answers alone, as written


SCORES = ("all", "detractor", "passive", "promoter")
_ANSWERED = "COALESCE(s.answered_at, s.updated_at)"  # when a comment was written


@dataclass(frozen=True)
class Comment:
    id: int  # the survey's
    at: datetime
    nps: int | None
    branch: str | None
    text: str
    complaint: int | None  # the complaint the answer opened


class DeskRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def page(
        self, filters: Filters, overdue: Overdue, before_id: int | None, limit: int
    ) -> list[Listed]:
        """Up to `limit` complaints with ids below `before_id` (None: from the newest), each
        marked late as `overdue` says."""
        late, late_params = overdue.condition()
        where: list[str] = ["1 = 1"]
        params: list[object] = [*late_params]  # the first ? are the SELECT's `late`
        if before_id is not None:
            where.append("c.id < ?")
            params.append(before_id)
        if filters.state == "open":
            where.append(f"c.status IN {sql_in(COMPLAINT_WORKED)}")
        elif filters.state == "overdue":
            where.append(late)
            params += late_params
        elif filters.state == "resolved":
            done = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
            where.append(f"c.status IN {sql_in(done)}")
        for column, value in (
            ("p.branch", filters.branch),
            ("a.cause", filters.cause),
            ("COALESCE(c.taken_by_name, c.assignee_name)", filters.holder),
        ):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if filters.theme:
            about, asked = Query((), None, (filters.theme,)).condition("c.id")
            where.append(about)
            params += asked
        words = (filters.words or "").strip()
        if words:  # the search index, as /find reads it
            found, asked = Query.parse(words).condition("c.id")
            where.append(found)
            params += asked
        params.append(limit)
        rows = await self._conn.fetch_all(
            "SELECT c.id, c.status, c.created_at, cu.name, p.order_id, p.branch,"
            f" c.taken_by_name, a.cause, {late}, COALESCE(s.comment, c.text), c.assignee_name,"
            " cu.tg_name"
            " FROM complaints c JOIN customers cu ON cu.id = c.customer_id"
            " LEFT JOIN purchases p ON p.id = c.purchase_id"
            " LEFT JOIN surveys s ON s.id = c.survey_id"
            " LEFT JOIN corrective_actions a ON a.complaint_id = c.id"
            f" WHERE {' AND '.join(where)} ORDER BY c.id DESC LIMIT ?",
            tuple(params),
        )
        return [
            Listed(
                id=int(r[0]),
                status=ComplaintStatus(r[1]),
                created_at=_when(r[2]),
                customer=r[3] or r[11],
                order_id=r[4],
                branch=r[5],
                holder=r[6],
                cause=r[7],
                overdue=bool(r[8]),
                text=r[9],
                assignee=r[10] if r[1] == ComplaintStatus.OPEN else None,
                telegram=telegram_aside(r[3], r[11]),
            )
            for r in rows
        ]

    async def comments(
        self, filters: CommentFilters, bands: Bands, before_id: int | None, limit: int
    ) -> list[Comment]:
        """Up to `limit` survey comments answered before the one of survey `before_id` (None:
        from the newest), the latest answered first, each with the complaint its answer
        opened (if any)."""
        where = ["s.comment IS NOT NULL", "cu.forgotten_at IS NULL"]
        params: list[object] = []
        if before_id is not None:  # after that comment in the list's order
            cursor = f"(SELECT {_ANSWERED.replace('s.', 'b.')} FROM surveys b WHERE b.id = ?)"
            where.append(f"({_ANSWERED} < {cursor} OR ({_ANSWERED} = {cursor} AND s.id < ?))")
            params += [before_id, before_id, before_id]
        score = {
            "detractor": bands.detractor("s.nps"),
            "promoter": bands.promoter("s.nps"),
            "passive": f"NOT ({bands.detractor('s.nps')}) AND NOT ({bands.promoter('s.nps')})",
        }.get(filters.score)
        if score is not None:
            where.append(f"s.nps IS NOT NULL AND {score}")
        if filters.theme:
            where.append(
                "EXISTS (SELECT 1 FROM text_themes t WHERE t.source = 'comment'"
                " AND t.text_id = s.id AND t.theme = ?)"
            )
            params.append(filters.theme)
        if filters.branch:
            where.append("s.branch = ?")
            params.append(filters.branch)
        # Shown: the answer to the question filtered on, else the survey's comment.
        said = "s.comment"
        if filters.question:
            said = (
                "(SELECT a.text FROM survey_answers a WHERE a.survey_id = s.id"
                " AND a.question_id = ? AND a.option_id = '')"
            )
            where.append(f"{said} IS NOT NULL")
            params.append(filters.question)
        for word in (filters.words or "").split()[:6]:
            # as typed, lowercased or capitalised: SQLite folds the case of ASCII letters only
            spellings = list(dict.fromkeys((word, word.lower(), word.capitalize())))
            found = " OR ".join([self._conn.contains("s.comment")] * len(spellings))
            where.append(f"({found})")
            params += spellings
        params.append(limit)
        shown = [filters.question] if filters.question else []  # the SELECT's own `?`
        rows = await self._conn.fetch_all(
            f"SELECT s.id, {_ANSWERED}, s.nps, s.branch, {said},"
            " (SELECT MIN(c.id) FROM complaints c"  # by the customer's index, not a scan
            " WHERE c.customer_id = s.customer_id AND c.survey_id = s.id)"
            " FROM surveys s JOIN customers cu ON cu.id = s.customer_id"
            f" WHERE {' AND '.join(where)} ORDER BY {_ANSWERED} DESC, s.id DESC LIMIT ?",
            tuple(shown + params),
        )
        return [
            Comment(
                id=int(r[0]),
                at=_when(r[1]),
                nps=None if r[2] is None else int(r[2]),
                branch=r[3] or None,
                text=str(r[4]),
                complaint=None if r[5] is None else int(r[5]),
            )
            for r in rows
        ]

    async def survey_branches(self) -> list[str]:
        rows = await self._conn.fetch_all(
            "SELECT DISTINCT branch FROM surveys WHERE branch != '' ORDER BY branch"
        )
        return [str(r[0]) for r in rows]

    async def branches(self) -> list[str]:
        rows = await self._conn.fetch_all(
            "SELECT DISTINCT p.branch FROM complaints c JOIN purchases p ON p.id = c.purchase_id"
            " WHERE p.branch IS NOT NULL AND p.branch != '' ORDER BY p.branch"
        )
        return [str(r[0]) for r in rows]

    async def story(self, customer_id: int, complaint_id: int, survey_id: int | None) -> Story:
        """The customer's story before this complaint (its own survey left out)."""
        row = await self._conn.fetch_one(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN resolution_satisfied = 1 THEN 1 ELSE 0"
            f" END), 0), COALESCE(SUM(CASE WHEN status IN {sql_in(COMPLAINT_WORKED)} THEN 1"
            " ELSE 0 END), 0) FROM complaints WHERE customer_id = ? AND id < ?",
            (customer_id, complaint_id),
        )
        scores = await self._conn.fetch_all(
            "SELECT nps FROM surveys WHERE customer_id = ? AND nps IS NOT NULL AND id != ?"
            " ORDER BY answered_at DESC, id DESC LIMIT 3",
            (customer_id, survey_id or 0),
        )
        bought = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM purchases WHERE customer_id = ?", (customer_id,)
        )
        complaints, confirmed, still_open = (int(v) for v in row) if row else (0, 0, 0)
        return Story(
            complaints=complaints,
            confirmed=confirmed,
            still_open=still_open,
            scores=[int(r[0]) for r in scores],
            purchases=int(bought[0]) if bought else 0,
        )

    async def history(self, complaint_id: int) -> tuple[list[Change], list[Given]]:
        """Every state change and every staff deadline a complaint was given, oldest first."""
        states = await self._conn.fetch_all(
            "SELECT status, at, satisfied FROM complaint_states WHERE complaint_id = ?"
            " ORDER BY id",
            (complaint_id,),
        )
        deadlines = await self._conn.fetch_all(
            "SELECT step, set_at, due_at FROM sla_deadlines WHERE complaint_id = ? ORDER BY id",
            (complaint_id,),
        )
        return (
            [Change(ComplaintStatus(r[0]), _when(r[1]), r[2]) for r in states],
            [Given(str(r[0]), _when(r[1]), _when(r[2])) for r in deadlines],
        )

    async def holders(self) -> list[str]:
        rows = await self._conn.fetch_all(  # whoever holds one, or has one assigned
            "SELECT DISTINCT COALESCE(taken_by_name, assignee_name) AS name FROM complaints"
            " WHERE COALESCE(taken_by_name, assignee_name) IS NOT NULL ORDER BY name"
        )
        return [str(r[0]) for r in rows]


def _when(text: object) -> datetime:
    moment = from_db(str(text))
    assert moment is not None
    return moment


@dataclass(frozen=True)
class Story:
    """What staff should know of a customer before answering: their earlier complaints (how
    many, how many they confirmed resolved, how many are still open), their earlier NPS
    answers (the latest first) and how many purchases the shop told us of."""

    complaints: int
    confirmed: int
    still_open: int
    scores: list[int]
    purchases: int


@dataclass(frozen=True)
class Change:
    status: ComplaintStatus
    at: datetime
    satisfied: int | None  # the customer's Yes (1) or No (0) that caused it


@dataclass(frozen=True)
class Given:
    step: str  # take, resolve
    set_at: datetime
    due_at: datetime
