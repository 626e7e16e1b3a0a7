"""Shared pieces of the repositories' SQL: lists of values of any length (in chunks the engine
accepts), the columns a generic `update(**fields)` may set, the business clock rows are
stamped with, "late" as the complaints feature defines it, and the NPS categories as the
surveys feature defines them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.clock import Clock
from storage.sql import Conn, Row
from storage.states import ComplaintStatus, Deadline, sql_in
from storage.timefmt import stored, to_db


class Stamping:
    """A repository that stamps rows (created_at, updated_at, opted_out_at, …) with the
    business clock the database was opened with, never the machine's."""

    def __init__(self, conn: Conn, clock: Clock) -> None:
        self._conn = conn
        self._clock = clock

    def _now(self) -> str:
        return to_db(self._clock())


async def fetch_in(
    conn: Conn, sql: str, values: Iterable[Any], params: tuple[Any, ...] = ()
) -> list[Row]:
    """Rows of `sql` whose `{one_of}` (after a column) takes `values`, in chunks; `params`
    follow the list."""
    distinct = list(dict.fromkeys(values))
    rows: list[Row] = []
    for start in range(0, len(distinct), conn.list_limit):
        one_of, chunk = conn.one_of(distinct[start : start + conn.list_limit])
        rows.extend(await conn.fetch_all(sql.format(one_of=one_of), (*chunk, *params)))
    return rows


def assignments(
    what: str, fields: Mapping[str, object], writable: set[str]
) -> tuple[list[str], list[object]]:
    """`column = ?` for each of `fields`, and the values as stored; a column outside `writable`
    is refused (the names go into SQL text)."""
    unknown = set(fields) - writable
    if unknown:
        raise ValueError(f"not writable {what} columns: {sorted(unknown)}")
    return [f"{column} = ?" for column in fields], [stored(value) for value in fields.values()]


@dataclass(frozen=True)
class Overdue:
    """Late complaints as the complaints feature decides (bot/complaints/sla.py): a step of
    `binding` (a deadline, and the statuses in which it binds) due before `before`."""

    before: datetime
    binding: Mapping[Deadline, tuple[ComplaintStatus, ...]]

    def condition(self, complaint: str = "c") -> tuple[str, tuple[object, ...]]:
        """An SQL condition on the complaint aliased `complaint`, and its parameters."""
        binds = " OR ".join(
            f"(s.step = '{step.value}' AND {complaint}.status IN {sql_in(statuses)})"
            for step, statuses in self.binding.items()
        )
        return (
            f"EXISTS (SELECT 1 FROM sla_steps s WHERE s.complaint_id = {complaint}.id"
            f" AND s.due_at < ? AND ({binds or '1 = 0'}))",
            (to_db(self.before),),
        )


@dataclass(frozen=True)
class Bands:
    """The NPS categories as the surveys feature decides (bot/surveys/rules.py): a score up
    to `detractors_to` is a detractor's, from `promoters_from` a promoter's, between them a
    passive's. Storage counts by them; it does not define them."""

    detractors_to: int
    promoters_from: int

    def detractor(self, column: str) -> str:
        """SQL: `column` is a detractor's score (the bounds are ints, safe as literals)."""
        return f"{column} <= {int(self.detractors_to)}"

    def promoter(self, column: str) -> str:
        return f"{column} >= {int(self.promoters_from)}"


# A delivery's try that failed (the events' and the mail's queues keep the same columns):
# again at `next_at`, or given up (None) with its time; the error kept short.
FAILED_TRY = "attempts = attempts + 1, last_error = ?, next_at = ?, status = ?, done_at = ?"


def failed_try(
    error: str, next_at: float | None, now: float, pending: str, failed: str
) -> tuple[str, float, str, float | None]:
    """The values of FAILED_TRY, in its order."""
    if next_at is None:
        return error[:500], now, failed, now
    return error[:500], next_at, pending, None
