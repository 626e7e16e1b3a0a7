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
from bot.reports.rows import Table
from bot.spreadsheet import record


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
