"""Surveys: one per purchase, its schedule, its progress and the answers given so far."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from storage.clock import Clock
from storage.models import Answer, Survey
from storage.repos.rows import Stamping, assignments, fetch_in
from storage.repos.search import SearchRepo
from storage.repos.themes import Tagging, ThemeRepo
from storage.sql import Conn
from storage.states import SURVEY_LIVE, SurveyStatus, TextSource, sql_in
from storage.timefmt import stored, to_db

_COLUMNS = (
    "id, purchase_id, customer_id, status, reason, due_at, sent_at, reminded_at, expires_at,"
    " answered_at, step, chat_id, message_id, nps, csat, expectation, comment, branch, version,"
    " variant, business_connection_id, channel"
)
# Statuses in which a survey still counts against the customer's cooldown.
# Invitations that went out (or will): what the cooldown between surveys counts.
COUNTING = (
    SurveyStatus.SCHEDULED,
    SurveyStatus.SENT,
    SurveyStatus.ANSWERED,
    SurveyStatus.EXPIRED,
    SurveyStatus.DISMISSED,
)
_LIVE = sql_in(SURVEY_LIVE)
# Columns a survey's progress may change.
_WRITABLE = {
    "status",
    "reason",
    "due_at",
    "sent_at",
    "reminded_at",
    "expires_at",
    "answered_at",
    "step",
    "chat_id",
    "message_id",
    "business_connection_id",  # sent from the shop's Telegram account: its steps go there
    "nps",
    "csat",
    "expectation",
    "comment",
    "segment",  # the customer's segment when the invitation goes out, kept from then on
    "version",  # the survey definition it is asked, pinned when the invitation goes out
    "variant",
    "channel",  # the channel of its first answer (Channel): the one that answers it
}


class SurveyRepo(Stamping):
    def __init__(self, conn: Conn, clock: Clock, themes: ThemeRepo | None = None) -> None:
        super().__init__(conn, clock)
        self.themes = themes or ThemeRepo(conn, Tagging())

    async def get(self, survey_id: int) -> Survey | None:
        row = await self._conn.fetch_one(
            f"SELECT {_COLUMNS} FROM surveys WHERE id = ?", (survey_id,)
        )
        return Survey(**dict(row)) if row else None

    async def for_purchases(self, purchase_ids: Iterable[int]) -> dict[int, Survey]:
        rows = await fetch_in(
            self._conn,
            f"SELECT {_COLUMNS} FROM surveys WHERE purchase_id {{one_of}}",
            purchase_ids,
        )
        return {row["purchase_id"]: Survey(**dict(row)) for row in rows}

    async def new_ids(self, count: int) -> list[int]:
        """Ids for surveys about to be added with `add_many` (the database hands them out)."""
        return await self._conn.reserve_ids("surveys", count)

    async def add_many(self, planned: Sequence[tuple[Survey, str, str]]) -> None:
        """Insert new surveys (ids from `new_ids`) with their branch and segment."""
        now = self._now()
        await self._conn.insert_many(
            "surveys",
            (
                "id",
                "purchase_id",
                "customer_id",
                "status",
                "reason",
                "due_at",
                "created_at",
                "updated_at",
                "branch",
                "segment",
            ),
            [
                (
                    s.id,
                    s.purchase_id,
                    s.customer_id,
                    s.status,
                    s.reason,
                    stored(s.due_at),
                    now,
                    now,
                    branch,
                    segment,
                )
                for s, branch, segment in planned
            ],
        )

    async def update(self, survey_id: int, **fields: object) -> None:
        sets, values = assignments("survey", fields, _WRITABLE)
        await self._conn.execute(
            f"UPDATE surveys SET {', '.join([*sets, 'updated_at = ?'])} WHERE id = ?",
            (*values, self._now(), survey_id),
        )
        if isinstance(fields.get("comment"), str):  # the complaint it opened is found by it
            await SearchRepo(self._conn).add_survey_words(survey_id, str(fields["comment"]))
        if "comment" in fields:  # what it is about, in the same transaction
            await self.themes.tag(TextSource.COMMENT, survey_id)
        if "nps" in fields:  # its texts' tags count under the score it has now
            nps = fields["nps"]
            await self.themes.scored(survey_id, nps if isinstance(nps, int) else None)

    async def invitations(
        self, customer_ids: Iterable[int], since: datetime, exclude: int | None = None
    ) -> dict[int, list[datetime]]:
        """Every counting invitation time (sent, else planned) from `since` on, per customer
        (the cooldown holds against each of them, not only the latest)."""
        counting = ", ".join("?" for _ in COUNTING)
        rows = await fetch_in(
            self._conn,
            "SELECT customer_id, COALESCE(sent_at, due_at) AS at FROM surveys"
            f" WHERE customer_id {{one_of}} AND status IN ({counting}) AND id != ?"
            " AND COALESCE(sent_at, due_at) >= ? ORDER BY at",
            customer_ids,
            (*COUNTING, exclude or 0, to_db(since)),
        )
        found: dict[int, list[datetime]] = {}
        for row in rows:
            found.setdefault(int(row[0]), []).append(datetime.fromisoformat(row[1]))
        return found

    async def due(self, now: datetime, limit: int) -> list[Survey]:
        """Surveys whose next step (invite, remind, expire) is due."""
        return [
            Survey(**dict(row))
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM surveys WHERE status IN {_LIVE}"
                " AND due_at <= ? ORDER BY due_at LIMIT ?",
                (to_db(now), limit),
            )
        ]

    async def by_customer(
        self, customer_id: int, statuses: tuple[SurveyStatus, ...]
    ) -> list[Survey]:
        marks = ", ".join("?" for _ in statuses)
        return [
            Survey(**dict(row))
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM surveys WHERE customer_id = ? AND status IN ({marks})"
                " ORDER BY id",
                (customer_id, *statuses),
            )
        ]

    async def aspects(self, survey_id: int) -> list[str]:
        return [
            row[0]
            for row in await self._conn.fetch_all(
                "SELECT aspect FROM survey_aspects WHERE survey_id = ? ORDER BY aspect",
                (survey_id,),
            )
        ]

    async def toggle_aspect(self, survey_id: int, aspect: str) -> bool:
        """Add the aspect, or remove it if it was there; True if it is now selected."""
        if await self._conn.execute(
            "DELETE FROM survey_aspects WHERE survey_id = ? AND aspect = ?", (survey_id, aspect)
        ):
            return False
        await self._conn.execute(
            "INSERT INTO survey_aspects (survey_id, aspect) VALUES (?, ?)", (survey_id, aspect)
        )
        return True

    # -- answers per question (survey_answers) ----------------------------------------------
    async def answer(
        self,
        survey_id: int,
        question_id: str,
        *,
        number: int | None = None,
        text: str | None = None,
        options: Sequence[str] = (),
    ) -> None:
        """The survey's answer to `question_id`, replacing any earlier one: a scale's number,
        a text, or the options chosen (a row each)."""
        await self._conn.execute(
            "DELETE FROM survey_answers WHERE survey_id = ? AND question_id = ?",
            (survey_id, question_id),
        )
        rows: list[tuple[object, ...]] = [
            (survey_id, question_id, option, None, None) for option in options
        ]
        for row in rows or [(survey_id, question_id, "", number, text)]:  # a press: a row or few
            await self._conn.execute(
                "INSERT INTO survey_answers (survey_id, question_id, option_id, number, text)"
                " VALUES (?, ?, ?, ?, ?)",
                row,
            )

    async def toggle_option(self, survey_id: int, question_id: str, option_id: str) -> bool:
        """Choose the option of a multiple choice, or unchoose it; True if it is now chosen."""
        if await self._conn.execute(
            "DELETE FROM survey_answers WHERE survey_id = ? AND question_id = ? AND option_id = ?",
            (survey_id, question_id, option_id),
        ):
            return False
        await self._conn.execute(
            "INSERT INTO survey_answers (survey_id, question_id, option_id) VALUES (?, ?, ?)",
            (survey_id, question_id, option_id),
        )
        return True

    async def answers(self, survey_id: int) -> dict[str, Answer]:
        """Every answer the survey has, by question id."""
        found: dict[str, Answer] = {}
        for question_id, option_id, number, text in await self._conn.fetch_all(
            "SELECT question_id, option_id, number, text FROM survey_answers"
            " WHERE survey_id = ? ORDER BY question_id, option_id",
            (survey_id,),
        ):
            before = found.get(question_id, Answer())
            found[question_id] = Answer(
                number=before.number if number is None else int(number),
                text=before.text if text is None else str(text),
                options=(*before.options, str(option_id)) if option_id else before.options,
            )
        return found

    async def history(self, customer_id: int, limit: int) -> list[tuple[str, Survey]]:
        """(order_id, survey) of the customer's latest purchases, newest first."""
        columns = ", ".join(f"s.{c.strip()}" for c in _COLUMNS.split(","))
        rows = await self._conn.fetch_all(
            f"SELECT p.order_id AS order_id, {columns} FROM surveys s JOIN purchases p"
            " ON p.id = s.purchase_id WHERE s.customer_id = ? ORDER BY s.id DESC LIMIT ?",
            (customer_id, limit),
        )
        out = []
        for row in rows:
            fields = dict(row)
            out.append((fields.pop("order_id"), Survey(**fields)))
        return out
