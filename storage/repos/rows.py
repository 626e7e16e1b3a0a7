"""IN-lists of any length, in chunks both engines accept."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storage.sql import Conn, Row

# Parameters per IN-list: well under SQLite's smallest compiled-in limit (999 before 3.32).
IN_CHUNK = 500


async def fetch_in(
    conn: Conn, sql: str, values: Iterable[Any], params: tuple[Any, ...] = ()
) -> list[Row]:
    """Rows of `sql` whose `IN ({marks})` takes `values`, in chunks; `params` follow the list."""
    distinct = list(dict.fromkeys(values))
    rows: list[Row] = []
    for start in range(0, len(distinct), IN_CHUNK):
        chunk = distinct[start : start + IN_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows.extend(await conn.fetch_all(sql.format(marks=marks), (*chunk, *params)))
    return rows
