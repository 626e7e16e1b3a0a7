"""Reading a purchases CSV the way spreadsheets write it.

Excel in Russian or Swedish settings saves `;` between fields, in cp1251 / cp1252 or UTF-8 with
a BOM, with headers such as `Номер заказа`, `Сумма, руб.` or `Telefon` (told apart by
`headers`), amounts as `1 990,00` and dates as `25.11.2026 14:30`. This turns such a file into
rows keyed by our column names, and says what it did (encoding, delimiter, ignored columns) so
the shop can check.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from bot.surveys.headers import HeaderError, join_name, map_header

__all__ = ["HeaderError", "by_column", "map_header", "read_csv"]

_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


@dataclass
class CsvFile:
    encoding: str
    delimiter: str
    columns: dict[int, str]  # position -> our column name
    ignored: list[str] = field(default_factory=list)  # headers we do not know
    text: str = ""

    def describe(self) -> str:
        return f"read as {self.encoding}, fields separated by {self.delimiter!r}"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number, row by our column names) for each data row; empty cells left out."""
        reader = csv.reader(io.StringIO(self.text), delimiter=self.delimiter)
        next(reader, None)
        for cells in reader:
            if row := by_column(self.columns, cells):
                yield reader.line_num, row


def by_column(columns: dict[int, str], cells: Sequence[str]) -> dict[str, str]:
    """The row by our column names, empty cells left out, dates read as spreadsheets write
    them (amounts are read row by row, `amounts.read_amount`, which may refuse one)."""
    row = {
        columns[i]: value.strip()
        for i, value in enumerate(cells)
        if i in columns and value.strip()
    }
    return _spreadsheet_values(join_name(row)) if row else row


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), else cp1251 for Cyrillic, else cp1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Russian words are runs of bytes >= 0xC0 in cp1251; Swedish text in cp1252 has them
    # one at a time (å, ä, ö between plain letters).
    if re.search(rb"[\xc0-\xff]{3}", data):
        return data.decode("cp1251", errors="replace"), "cp1251"
    return data.decode("cp1252", errors="replace"), "cp1252"


def read_csv(data: bytes) -> CsvFile:
    text, encoding = decode(data)
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=header.count) if header else ","
    names = next(csv.reader([header], delimiter=delimiter), [])
    columns, ignored = map_header(names)
    return CsvFile(encoding, delimiter, columns, ignored, text)


def _spreadsheet_values(row: dict[str, str]) -> dict[str, str]:
    """Dates as a spreadsheet in Russian or Swedish settings writes them."""
    when = row.get("purchased_at")
    match = _DATE.fullmatch(when) if when else None
    if match:
        day, month, year, hour, minute, second = match.groups()
        time = f"T{int(hour):02d}:{minute}:{second or '00'}" if hour else ""
        row["purchased_at"] = f"{year}-{int(month):02d}-{int(day):02d}{time}"
    return row
