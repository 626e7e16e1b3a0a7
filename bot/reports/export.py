"""The exports of responses and complaints (for /export and `python -m bot export`): the rows
of a period as a `Table`, written as CSV here or as an .xlsx workbook (`bot.reports.workbook`).

Every CSV text cell is neutralised against formula injection (`bot.spreadsheet`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.spreadsheet import record
from storage.db import Tx

PAGE = 5000
RESPONSE_COLUMNS = (
    "id", "order_id", "branch", "segment", "sent_at", "answered_at", "status", "nps", "csat",
    "expectation", "aspects", "comment", "referred",
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
    return Table(kind, columns, rows)


def _page(
    read: Callable[[int, int, datetime, datetime], Awaitable[list[dict[str, object]]]],
    start: datetime,
    end: datetime,
) -> Page:
    return lambda after: read(after, PAGE, start, end)


def as_csv(table: Table) -> bytes:
    """Comma-separated UTF-8 with the stored codes and UTC times: for BI tools."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(record(r) for r in table.rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheets read UTF-8


def encode(table: Table, export_format: str, tz: ZoneInfo, t: Translator) -> bytes:
    """The table as EXPORT_FORMAT says: an .xlsx workbook for people, CSV for machines."""
    if export_format == "csv":
        return as_csv(table)
    from bot.reports.workbook import as_xlsx  # openpyxl: loaded by the first workbook

    return as_xlsx(table, tz, t)


def file_name(t: Translator, kind: str, end: datetime, export_format: str) -> str:
    """What /export names a file it sends owners: in their language (`ответы-2026-10-31.xlsx`).
    `python -m bot export` keeps `responses.xlsx` and `complaints.xlsx`: fixed names scripts
    and operators find (DESIGN §8)."""
    return f"{t(f'export.file.{kind}')}-{end:%Y-%m-%d}.{export_format}"
