"""Complaints, their message history, SLA steps and the staff-chat messages that belong to them."""

from __future__ import annotations

from datetime import datetime

from storage.clock import Clock
from storage.models import Complaint, ComplaintMessage, SlaStep
from storage.repos.rows import Overdue, Stamping, assignments
from storage.repos.search import SearchRepo
from storage.repos.themes import Tagging, ThemeRepo
from storage.sql import Conn
from storage.states import (
    COMPLAINT_ACTIVE,
    COMPLAINT_WORKED,
    STAFF_DEADLINES,
    CardMode,
    ComplaintSource,
    ComplaintStatus,
    Deadline,
    Direction,
    Purpose,
    TextSource,
    sql_in,
)
from storage.timefmt import from_db, to_db

_COLUMNS = (
    "id, customer_id, survey_id, purchase_id, source, status, segment, text, taken_by, taken_at,"
    " resolved_at, closed_at, resolution_satisfied, card_chat_id, card_message_id,"
    " taken_by_name, topic_thread_id, card_due_at, card_mode, clock_started_at, reopened,"
    " created_at, assignee_id, assignee_name, business_connection_id"
)
_ACTIVE = sql_in(COMPLAINT_ACTIVE)
_WRITABLE = {  # the status changes through set_status only: it keeps the history
    "text",
    "taken_by",
    "taken_at",
    "taken_by_name",
    "resolved_at",
    "closed_at",
    "resolution_satisfied",
    "card_chat_id",
    "card_message_id",
    "topic_thread_id",
    "card_due_at",
    "card_mode",
    "clock_started_at",
    "reopened",
    "assignee_id",
    "assignee_name",
    "business_connection_id",
}


class ComplaintRepo(Stamping):
    """Complaints, indexed for search as they are written (storage/search.py), each state
    change kept in `complaint_states`."""

    def __init__(self, conn: Conn, clock: Clock, themes: ThemeRepo | None = None) -> None:
        super().__init__(conn, clock)
        self.search = SearchRepo(conn)
        self.themes = themes or ThemeRepo(conn, Tagging())

    async def _many(self, where: str, params: tuple[object, ...]) -> list[Complaint]:
        return [
            Complaint(**dict(row))
            for row in await self._conn.fetch_all(
                f"SELECT {_COLUMNS} FROM complaints {where}", params
            )
        ]

    async def get(self, complaint_id: int) -> Complaint | None:
        found = await self._many("WHERE id = ?", (complaint_id,))
        return found[0] if found else None

    async def add(
        self,
        customer_id: int,
        source: ComplaintSource,
        segment: str,
        opened_at: datetime,
        card_due_at: datetime,
        *,
        survey_id: int | None = None,
        purchase_id: int | None = None,
        text: str | None = None,
    ) -> Complaint:
        row = await self._conn.fetch_one(
            "INSERT INTO complaints (customer_id, survey_id, purchase_id, source, status, segment,"
            " text, card_due_at, clock_started_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                customer_id,
                survey_id,
                purchase_id,
                source,
                ComplaintStatus.OPEN,
                segment,
                text,
                to_db(card_due_at),
                to_db(opened_at),
                to_db(opened_at),
                self._now(),
            ),
        )
        assert row is not None
        await self._record_state(int(row[0]), ComplaintStatus.OPEN, opened_at)
        await self.search.index(int(row[0]))
        if text is not None:
            await self.themes.tag(TextSource.COMPLAINT, int(row[0]))
        complaint = await self.get(int(row[0]))
        assert complaint is not None
        return complaint

    async def update(self, complaint_id: int, **fields: object) -> None:
        await self._write(complaint_id, fields)

    async def _write(
        self, complaint_id: int, fields: dict[str, object], status: ComplaintStatus | None = None
    ) -> None:
        sets, values = assignments("complaint", fields, _WRITABLE)
        if status is not None:  # only through set_status: it keeps the history
            sets, values = ["status = ?", *sets], [status, *values]
        await self._conn.execute(
            f"UPDATE complaints SET {', '.join([*sets, 'updated_at = ?'])} WHERE id = ?",
            (*values, self._now(), complaint_id),
        )
        if isinstance(fields.get("text"), str):
            await self.search.add_words(complaint_id, str(fields["text"]))
        if "text" in fields:
            await self.themes.tag(TextSource.COMPLAINT, complaint_id)

    async def set_status(
        self, complaint_id: int, status: ComplaintStatus, at: datetime, **fields: object
    ) -> ComplaintStatus | None:
        """Move a complaint to `status` at `at` (with other columns), and record it, with the
        customer's answer about the resolution when this change is that answer; the status it
        had before (None: it had none recorded)."""
        await self._write(complaint_id, fields, status)
        return await self._record_state(
            complaint_id, status, at, fields.get("resolution_satisfied")
        )

    async def _record_state(
        self, complaint_id: int, status: ComplaintStatus, at: datetime, satisfied: object = None
    ) -> ComplaintStatus | None:
        """Every state change is kept; the status recorded before this one."""
        before = await self._conn.fetch_one(
            "SELECT status FROM complaint_states WHERE complaint_id = ? ORDER BY id DESC LIMIT 1",
            (complaint_id,),
        )
        await self._conn.execute(
            "INSERT INTO complaint_states (complaint_id, status, at, satisfied)"
            " VALUES (?, ?, ?, ?)",
            (complaint_id, status, to_db(at), satisfied),
        )
        return ComplaintStatus(before[0]) if before else None

    async def active_for(self, customer_id: int) -> Complaint | None:
        """The customer's latest complaint still being worked on."""
        found = await self._many(
            f"WHERE customer_id = ? AND status IN {_ACTIVE} ORDER BY id DESC LIMIT 1",
            (customer_id,),
        )
        return found[0] if found else None

    async def earlier_of(self, customer_id: int, before_id: int, limit: int) -> list[Complaint]:
        """The customer's latest `limit` complaints before `before_id`, oldest first."""
        found = await self._many(
            "WHERE customer_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
            (customer_id, before_id, limit),
        )
        return found[::-1]

    async def for_survey(self, survey_id: int) -> Complaint | None:
        found = await self._many("WHERE survey_id = ? ORDER BY id LIMIT 1", (survey_id,))
        return found[0] if found else None

    async def active(self, taken_by: int | None = None, limit: int = 50) -> list[Complaint]:
        """Active complaints; with `taken_by`, that person's: taken by them or assigned to them
        (the assignee of a taken complaint is its taker)."""
        if taken_by is None:
            return await self._many(f"WHERE status IN {_ACTIVE} ORDER BY id LIMIT ?", (limit,))
        return await self._many(
            f"WHERE status IN {_ACTIVE} AND (taken_by = ? OR assignee_id = ?) ORDER BY id LIMIT ?",
            (taken_by, taken_by, limit),
        )

    async def workload(self) -> dict[int, int]:
        """Open complaints each person holds or is assigned."""
        rows = await self._conn.fetch_all(
            f"SELECT COALESCE(taken_by, assignee_id), COUNT(*) FROM complaints"
            f" WHERE status IN {sql_in(COMPLAINT_WORKED)}"
            " AND COALESCE(taken_by, assignee_id) IS NOT NULL"
            " GROUP BY COALESCE(taken_by, assignee_id)"
        )
        return {int(r[0]): int(r[1]) for r in rows}

    async def with_card_in(self, chat_id: int) -> list[Complaint]:
        """Complaints still active whose card is in `chat_id` (a card still on its way is
        not: the sender takes it to wherever the chat is now)."""
        return await self._many(
            f"WHERE status IN {_ACTIVE} AND card_chat_id = ? ORDER BY id", (chat_id,)
        )

    async def in_summaries(self) -> list[Complaint]:
        """Complaints still active that reached the staff chat only as a storm summary's line."""
        return await self._many(
            f"WHERE status IN {_ACTIVE} AND card_mode = ? AND card_message_id IS NULL ORDER BY id",
            (str(CardMode.SUMMARY),),
        )

    async def active_counts(self, overdue: Overdue) -> tuple[int, int]:
        """(complaints being worked on, those late as `overdue` says)."""
        late, params = overdue.condition()
        row = await self._conn.fetch_one(
            f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN {late} THEN 1 ELSE 0 END), 0)"
            f" FROM complaints c WHERE c.status IN {_ACTIVE}",
            params,
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def counts(self) -> dict[ComplaintStatus, int]:
        """How many complaints are in each status."""
        rows = await self._conn.fetch_all(
            "SELECT status, COUNT(*) FROM complaints GROUP BY status ORDER BY status"
        )
        return {ComplaintStatus(row[0]): int(row[1]) for row in rows}

    async def cards_due(self, now: datetime, limit: int) -> list[Complaint]:
        return await self._many(
            "WHERE card_due_at IS NOT NULL AND card_due_at <= ? ORDER BY card_due_at, id LIMIT ?",
            (to_db(now), limit),
        )

    # -- history ---------------------------------------------------------------------------
    async def add_message(
        self,
        complaint_id: int,
        direction: Direction,
        sender_id: int | None,
        kind: str,
        text: str | None,
        chat_id: int | None = None,
        message_id: int | None = None,
        held: bool = False,
        sender_name: str | None = None,
    ) -> int:
        row = await self._conn.fetch_one(
            "INSERT INTO complaint_messages (complaint_id, direction, sender_id, chat_id,"
            " message_id, kind, text, created_at, held, sender_name)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                complaint_id,
                direction,
                sender_id,
                chat_id,
                message_id,
                kind,
                text,
                self._now(),
                int(held),
                sender_name,
            ),
        )
        assert row is not None
        if direction == Direction.FROM_CUSTOMER:
            await self.search.add_words(complaint_id, text)
            if text is not None:
                await self.themes.tag(TextSource.MESSAGE, int(row[0]))
        return int(row[0])

    async def last_message_at(self, complaint_id: int, direction: Direction) -> datetime | None:
        """When the complaint's latest message in `direction` was stored (None: there is none)."""
        row = await self._conn.fetch_one(
            "SELECT MAX(created_at) FROM complaint_messages"
            " WHERE complaint_id = ? AND direction = ?",
            (complaint_id, direction),
        )
        return from_db(row[0]) if row and row[0] is not None else None

    async def last_from_customer(self, complaint_id: int) -> tuple[int, int, datetime] | None:
        """(chat id, message id, when stored) of the customer's latest message in the
        complaint that has a place in a chat; None: there is none."""
        row = await self._conn.fetch_one(
            "SELECT chat_id, message_id, created_at FROM complaint_messages"
            " WHERE complaint_id = ? AND direction = ? AND message_id IS NOT NULL"
            " ORDER BY id DESC LIMIT 1",
            (complaint_id, Direction.FROM_CUSTOMER),
        )
        at = None if row is None else from_db(row[2])
        if row is None or row[0] is None or at is None:
            return None
        return int(row[0]), int(row[1]), at

    async def customer_messages_among(
        self, complaint_id: int, chat_id: int, message_ids: list[int]
    ) -> int:
        """How many of the messages (by id, in the customer's chat) are the customer's in the
        complaint's history."""
        if not message_ids:
            return 0
        marks = ", ".join("?" for _ in message_ids)
        row = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM complaint_messages WHERE complaint_id = ? AND direction = ?"
            f" AND chat_id = ? AND message_id IN ({marks})",
            (complaint_id, Direction.FROM_CUSTOMER, chat_id, *message_ids),
        )
        return int(row[0]) if row else 0

    async def relayed_since(self, complaint_id: int, since: datetime) -> int:
        """Customer messages relayed one by one to the staff chat since `since`."""
        rows = await self._conn.fetch_all(
            "SELECT COUNT(*) FROM complaint_messages WHERE complaint_id = ?"
            " AND direction = ? AND held = 0 AND created_at >= ?",
            (complaint_id, Direction.FROM_CUSTOMER, to_db(since)),
        )
        return int(rows[0][0])

    async def held_back(
        self, before: datetime, limit: int
    ) -> list[tuple[int, int, str, str | None]]:
        """(complaint id, messages held, latest kind, latest text) where the oldest held
        message is older than `before`."""
        rows = await self._conn.fetch_all(
            "SELECT g.complaint_id, g.held, m.kind, m.text FROM ("
            " SELECT complaint_id, COUNT(*) AS held, MAX(id) AS latest FROM complaint_messages"
            " WHERE held = 1 GROUP BY complaint_id HAVING MIN(created_at) < ? LIMIT ?"
            ") g JOIN complaint_messages m ON m.id = g.latest",
            (to_db(before), limit),
        )
        return [(int(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]

    async def release_held(self, complaint_id: int) -> None:
        await self._conn.execute(
            "UPDATE complaint_messages SET held = 2 WHERE complaint_id = ? AND held = 1",
            (complaint_id,),
        )

    async def messages(self, complaint_id: int) -> list[ComplaintMessage]:
        return [
            ComplaintMessage(**dict(row))
            for row in await self._conn.fetch_all(
                "SELECT direction, sender_id, kind, text, created_at, sender_name"
                " FROM complaint_messages"
                " WHERE complaint_id = ? ORDER BY id",
                (complaint_id,),
            )
        ]

    # -- staff-chat messages ---------------------------------------------------------------
    async def link_staff_message(self, chat_id: int, message_id: int, complaint_id: int) -> None:
        await self._conn.execute(
            "INSERT INTO staff_messages (chat_id, message_id, complaint_id) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id, message_id)"
            " DO UPDATE SET complaint_id = excluded.complaint_id",
            (chat_id, message_id, complaint_id),
        )

    async def by_staff_message(self, chat_id: int, message_id: int) -> Complaint | None:
        found = await self._many(
            "WHERE id = (SELECT complaint_id FROM staff_messages"
            " WHERE chat_id = ? AND message_id = ?)",
            (chat_id, message_id),
        )
        return found[0] if found else None

    async def by_note(self, chat_id: int, message_id: int) -> Complaint | None:
        """The complaint a note in the staff chat (this message) was written about."""
        found = await self._many(
            "WHERE id = (SELECT complaint_id FROM complaint_messages WHERE chat_id = ?"
            " AND message_id = ? AND direction = ? LIMIT 1)",
            (chat_id, message_id, Direction.NOTE),
        )
        return found[0] if found else None

    async def by_topic(self, chat_id: int, thread_id: int) -> Complaint | None:
        found = await self._many(
            "WHERE card_chat_id = ? AND topic_thread_id = ? ORDER BY id DESC LIMIT 1",
            (chat_id, thread_id),
        )
        return found[0] if found else None

    async def cards_to_chat_since(self, chat_id: int, since: float) -> int:
        """Complaints whose card (or its topic) was queued for `chat_id` since `since` (Unix
        seconds): storm control's budget. The bot's other messages there (answers to /find,
        relays, edits) are paced by the sender and never turn a card into a summary line."""
        row = await self._conn.fetch_one(
            "SELECT COUNT(DISTINCT ref) FROM outbox WHERE chat_id = ? AND created_at >= ?"
            f" AND purpose IN {sql_in((Purpose.CARD, Purpose.TOPIC))}",
            (chat_id, since),
        )
        return int(row[0]) if row else 0

    # -- SLA steps -------------------------------------------------------------------------
    async def set_step(
        self, complaint_id: int, step: Deadline, due_at: datetime, *, started_at: datetime
    ) -> None:
        """Plan (or re-plan, after a reopening) one step; it fires once from now on. A staff
        deadline is also kept in `sla_deadlines` (`started_at`: when its clock started), so
        the figures of any past period know every deadline given and which was missed."""
        await self._conn.execute(
            "INSERT INTO sla_steps (complaint_id, step, due_at) VALUES (?, ?, ?)"
            " ON CONFLICT (complaint_id, step) DO UPDATE SET due_at = excluded.due_at,"
            " fired_at = NULL",
            (complaint_id, step, to_db(due_at)),
        )
        if step in STAFF_DEADLINES:
            await self._conn.execute(
                "INSERT INTO sla_deadlines (complaint_id, step, set_at, due_at)"
                " VALUES (?, ?, ?, ?)",
                (complaint_id, step, to_db(started_at), to_db(due_at)),
            )

    async def steps(self, complaint_id: int) -> list[SlaStep]:
        return [
            SlaStep(**dict(row))
            for row in await self._conn.fetch_all(
                "SELECT complaint_id, step, due_at, fired_at FROM sla_steps WHERE complaint_id = ?"
                " ORDER BY due_at",
                (complaint_id,),
            )
        ]

    async def due_steps(self, now: datetime, limit: int) -> list[SlaStep]:
        return [
            SlaStep(**dict(row))
            for row in await self._conn.fetch_all(
                "SELECT complaint_id, step, due_at, fired_at FROM sla_steps"
                " WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
                (to_db(now), limit),
            )
        ]

    async def mark_fired(self, complaint_id: int, step: str, at: datetime) -> None:
        await self._conn.execute(
            "UPDATE sla_steps SET fired_at = ? WHERE complaint_id = ? AND step = ?",
            (to_db(at), complaint_id, step),
        )
