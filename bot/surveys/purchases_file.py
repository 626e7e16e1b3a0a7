"""A purchases file as the shop sends it: a CSV (`csv_read`) or an Excel workbook
(`xlsx_read`, told by its content: a zip archive), read into rows by our column names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from bot.surveys.csv_read import read_csv
from bot.surveys.headers import HeaderError

OLD_EXCEL = bytes.fromhex("d0cf11e0a1b11ae1")  # .xls (Excel 97-2003): a compound document


class PurchasesFile(Protocol):
    """A purchases file read: how it was read, and its rows by our column names."""

    ignored: list[str]

    def describe(self) -> str: ...

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]: ...


def read_purchases_file(data: bytes) -> PurchasesFile:
    """A CSV, or an Excel workbook (.xlsx); an old .xls is refused saying how to save it."""
    if data.startswith(OLD_EXCEL):
        raise HeaderError("import.old_xls")
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise HeaderError("import.empty")
    if data.startswith(b"PK\x03\x04"):
        from bot.surveys.xlsx_read import read_xlsx  # openpyxl only when it is needed

        return read_xlsx(data)
    return read_csv(data)
