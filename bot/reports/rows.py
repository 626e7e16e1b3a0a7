"""The rows of a period's export, read from the database: responses or complaints as a
`Table` of stored codes and UTC times, which `bot.reports.export` writes as CSV and
`bot.reports.workbook` as an .xlsx workbook."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.complaints.origin import origin
from bot.reports.answer_columns import answered_questions
from bot.surveys.design import Question
from bot.themes import stored
from storage.db import Tx

PAGE = 5000
RESPONSE_COLUMNS = (
    "id", "order_id", "branch", "segment", "sent_at", "answered_at", "status", "nps", "csat",
    "expectation", "aspects", "comment", "referred", "channel",
)  # fmt: skip
COMPLAINT_COLUMNS = (
    "id", "source", "status", "segment", "customer_name", "telegram_name", "phone", "order_id",
    "branch", "created_at", "taken_at", "taken_by_name", "resolved_at", "closed_at", "reopened",
    "resolution_satisfied", "take_due", "resolve_due", "text", "cause", "action", "fix_needed_at",
    "fix_done_at",
)  # fmt: skip
EXPORTED = ("responses", "complaints")

Page = Callable[[int], Awaitable[list[dict[str, object]]]]


@dataclass(frozen=True)
class Table:
    kind: str  # one of EXPORTED
    columns: tuple[str, ...]
    rows: list[dict[str, object]]  # as stored: codes, UTC times in ISO text
    questions: tuple[Question, ...] = ()  # designed ones, a column each (`answer_columns`)
    theme_names: dict[str, dict[str, str]] = field(default_factory=dict)  # id → by language


async def table(tx: Tx, kind: str, start: datetime, end: datetime) -> Table:
    """The period's rows of `kind`, read page by page (by id)."""
    columns: tuple[str, ...]
    if kind == "responses":
        columns, page = RESPONSE_COLUMNS, _page(tx.stats.responses, start, end)
    else:
        columns, page = COMPLAINT_COLUMNS, _page(tx.stats.complaint_rows, start, end)
    rows: list[dict[str, object]] = []
    after = 0
    while batch := await page(after):
        rows += batch
        after = int(batch[-1]["id"])  # type: ignore[call-overload]
    for row in rows:
        if "account" in row:  # a complaint: how it came, the account's messages told apart
            row["source"] = origin(str(row["source"]), row.pop("account"))
    questions = await answered_questions(tx, rows) if kind == "responses" else ()
    return await with_themes(tx, Table(kind, columns, rows, questions))


async def with_themes(tx: Tx, found: Table) -> Table:
    """`found` with a last column, `themes`: the ids of the themes of what the customer wrote
    (comma-separated, in the themes' order), and the themes' names for the workbook."""
    current = (await stored.current(tx)).themes
    order = {theme.theme: i for i, theme in enumerate(current)}
    of = tx.themes.of_surveys if found.kind == "responses" else tx.themes.of_complaints
    themes: dict[int, set[str]] = {}
    for at in range(0, len(found.rows), PAGE):
        ids = [int(str(row["id"])) for row in found.rows[at : at + PAGE]]
        themes.update(await of(ids))
    for row in found.rows:
        mentioned = themes.get(int(str(row["id"])), set())
        row["themes"] = ",".join(sorted(mentioned, key=lambda t: (order.get(t, len(order)), t)))
    names = {theme.theme: {str(k): v for k, v in theme.name.items()} for theme in current}
    return Table(found.kind, (*found.columns, "themes"), found.rows, found.questions, names)


def _page(
    read: Callable[[int, int, datetime, datetime], Awaitable[list[dict[str, object]]]],
    start: datetime,
    end: datetime,
) -> Page:
    return lambda after: read(after, PAGE, start, end)
