"""The exports of responses and complaints (for /export and `python -m bot export`): the rows
of a period (`bot.reports.rows`) written as CSV here or as an .xlsx workbook
(`bot.reports.workbook`).

Every CSV text cell is neutralised against formula injection (`bot.spreadsheet`)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.reports.answer_columns import answer_cells, answer_columns
from bot.reports.rows import Table
from bot.spreadsheet import record


def as_csv(table: Table, t: Translator | None = None) -> bytes:
    """Comma-separated UTF-8 with the stored codes and UTC times: for BI tools; then the
    answers to the shop's own questions, named by their texts in `t`'s language."""
    out = io.StringIO()
    questions = table.questions if t is not None else ()
    own = answer_columns(t, questions, table.columns) if t is not None else {}
    writer = csv.DictWriter(out, fieldnames=[*table.columns, *own], extrasaction="ignore")
    writer.writerow({**{name: name for name in table.columns}, **own})  # the header
    for r in table.rows:
        answers = answer_cells(t, questions, r) if t is not None else {}
        writer.writerow(record({**r, **answers}))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheets read UTF-8


def encode(table: Table, export_format: str, tz: ZoneInfo, t: Translator) -> bytes:
    """The table as EXPORT_FORMAT says: an .xlsx workbook for people, CSV for machines."""
    if export_format == "csv":
        return as_csv(table, t)
    from bot.reports.workbook import as_xlsx  # openpyxl: loaded by the first workbook

    return as_xlsx(table, tz, t)


def file_name(t: Translator, kind: str, end: datetime, export_format: str) -> str:
    """What /export names a file it sends owners: in their language (`ответы-2026-10-31.xlsx`).
    `python -m bot export` keeps `responses.xlsx` and `complaints.xlsx`: fixed names scripts
    and operators find (DESIGN §8)."""
    return f"{t(f'export.file.{kind}')}-{end:%Y-%m-%d}.{export_format}"
