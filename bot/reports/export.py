"""CSV exports of responses and complaints (for /export and `python -m bot export`).

Every text cell is neutralised against formula injection (`bot.spreadsheet`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.spreadsheet import record
from storage.db import Tx

PAGE = 5000
RESPONSE_COLUMNS = (
    "id", "order_id", "branch", "segment", "sent_at", "answered_at", "status", "nps", "csat",
    "expectation", "aspects", "comment", "referred",
)  # fmt: skip
COMPLAINT_COLUMNS = (
    "id", "source", "status", "segment", "order_id", "branch", "created_at", "taken_at",
    "taken_by_name", "resolved_at", "closed_at", "reopened", "resolution_satisfied", "take_due",
    "resolve_due", "text", "cause", "action", "fix_needed_at", "fix_done_at",
)  # fmt: skip

Page = Callable[[int], Awaitable[list[dict[str, object]]]]


async def _csv(columns: tuple[str, ...], page: Page) -> tuple[bytes, int]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    after, rows = 0, 0
    while batch := await page(after):
        writer.writerows(record(r) for r in batch)
        rows += len(batch)
        after = int(batch[-1]["id"])  # type: ignore[call-overload]
    return out.getvalue().encode("utf-8-sig"), rows  # the BOM lets spreadsheets read UTF-8


async def responses_csv(tx: Tx, start: datetime, end: datetime) -> tuple[bytes, int]:
    return await _csv(RESPONSE_COLUMNS, lambda after: tx.stats.responses(after, PAGE, start, end))


async def complaints_csv(tx: Tx, start: datetime, end: datetime) -> tuple[bytes, int]:
    return await _csv(
        COMPLAINT_COLUMNS, lambda after: tx.stats.complaint_rows(after, PAGE, start, end)
    )
