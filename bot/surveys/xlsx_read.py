"""Reading a purchases workbook (.xlsx, as Excel or LibreOffice saves it): the first sheet, its
first row the header, like a CSV file. Cells keep their types in the file; they are written
out as the CSV reader would have them: whole numbers without `.0` (a Telegram id stored as a
number), other numbers rounded to ten decimals (a price computed by a formula), dates and times
in ISO (a time without an offset is in `TIMEZONE`, as in the API). Formulas are not run: the
value the spreadsheet saved with them is read."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openpyxl import load_workbook

from bot.surveys.csv_read import by_column
from bot.surveys.headers import HeaderError, map_header


@dataclass
class XlsxFile:
    sheet: str
    columns: dict[int, str]
    table: list[tuple[int, list[str]]]  # (row number, cells as text) after the header
    ignored: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"read as an Excel workbook, sheet {self.sheet!r}"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in self.table:
            if row := by_column(self.columns, cells):
                yield number, row


def read_xlsx(data: bytes) -> XlsxFile:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise HeaderError("import.unreadable_xlsx", error=type(exc).__name__) from None
    try:
        sheet = book.worksheets[0]
        cells = [[as_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        title = sheet.title
    finally:
        book.close()
    columns, ignored = map_header(cells[0] if cells else [])
    return XlsxFile(title, columns, list(enumerate(cells[1:], start=2)), ignored)


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.10f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()
