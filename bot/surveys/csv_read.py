"""Reading a purchases CSV the way spreadsheets write it.

Excel in Russian or Swedish settings saves `;` between fields, in cp1251 / cp1252 or UTF-8 with
a BOM, with headers such as `Номер заказа` or `Telefon`, amounts as `1 990,00` and dates as
`25.11.2026 14:30`. This turns such a file into rows keyed by our column names, and says what it
did (encoding, delimiter, ignored columns) so the shop can check.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

CUSTOMER_COLUMNS = (
    "telegram_id",
    "phone",
    "external_id",
    "name",
    "language",
    "segment",
    "timezone",
)
PURCHASE_COLUMNS = ("order_id", "amount", "currency", "branch", "purchased_at")
IDENTIFIERS = ("telegram_id", "phone", "external_id")

# Header spellings, compared lower-case with spaces, '-' and '.' as '_'.
_ALIASES = {
    "order_id": (
        "order", "order_no", "order_number", "order_nr", "ordernummer", "order_nummer",
        "номер_заказа", "заказ", "номер", "n_заказа", "№_заказа", "№",
    ),
    "telegram_id": ("telegram", "tg_id", "telegram_user_id"),
    "phone": (
        "phone_number", "tel", "telephone", "mobile", "телефон", "тел", "мобильный", "telefon",
        "telefonnummer", "mobil", "mobilnummer",
    ),
    "external_id": (
        "customer_id", "client_id", "crm_id", "id_клиента", "код_клиента", "kundnummer", "kund_id",
    ),
    "name": ("customer", "customer_name", "имя", "фио", "клиент", "покупатель", "namn", "kund"),
    "language": ("lang", "язык", "språk"),
    "segment": ("сегмент",),
    "timezone": ("tz", "time_zone", "часовой_пояс", "tidszon"),
    "amount": ("sum", "total", "price", "сумма", "итого", "стоимость", "belopp", "summa", "pris"),
    "currency": ("валюта", "valuta"),
    "branch": ("store", "shop", "location", "филиал", "магазин", "точка", "butik", "filial"),
    "purchased_at": ("date", "purchase_date", "datetime", "дата", "дата_покупки", "время",
                     "datum", "köpdatum"),
}  # fmt: skip
_KNOWN = {alias: column for column, names in _ALIASES.items() for alias in (column, *names)}
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


class HeaderError(ValueError):
    """The header names no column we can use: one message for the whole file."""


class PurchasesFile(Protocol):
    """A purchases file read: how it was read, and its rows by our column names."""

    ignored: list[str]

    def describe(self) -> str: ...

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]: ...


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
    return _spreadsheet_values(row) if row else row


def read_purchases_file(data: bytes) -> PurchasesFile:
    """A CSV, or an Excel workbook (.xlsx, told by its content: a zip archive)."""
    if data.startswith(b"PK\x03\x04"):
        from bot.surveys.xlsx_read import read_xlsx  # openpyxl only when it is needed

        return read_xlsx(data)
    return read_csv(data)


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


def map_header(names: Sequence[str]) -> tuple[dict[int, str], list[str]]:
    """(position -> our column, headers we do not know); HeaderError when the header names
    no order column or no customer column."""
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for i, name in enumerate(names):
        column = _KNOWN.get(re.sub(r"[\s.\-]+", "_", name.strip().lower()).strip("_"))
        if column is None or column in columns.values():
            if name.strip():
                ignored.append(name.strip())
            continue
        columns[i] = column
    if "order_id" not in columns.values() or not set(IDENTIFIERS) & set(columns.values()):
        missing = "order_id" if "order_id" not in columns.values() else "customer identifier"
        found = ", ".join(n.strip() for n in names if n.strip()) or "nothing"
        optional = [
            c
            for c in (*CUSTOMER_COLUMNS, *PURCHASE_COLUMNS)
            if c not in (*IDENTIFIERS, "order_id")
        ]
        raise HeaderError(
            f"no {missing} column. Found: {found}. Expected: order_id and one of"
            f" {', '.join(IDENTIFIERS)}; optional {', '.join(optional)}."
        )
    return columns, ignored


def _spreadsheet_values(row: dict[str, str]) -> dict[str, str]:
    """Dates as a spreadsheet in Russian or Swedish settings writes them."""
    when = row.get("purchased_at")
    match = _DATE.fullmatch(when) if when else None
    if match:
        day, month, year, hour, minute, second = match.groups()
        time = f"T{int(hour):02d}:{minute}:{second or '00'}" if hour else ""
        row["purchased_at"] = f"{year}-{int(month):02d}-{int(day):02d}{time}"
    return row
