"""Lists of values of any length, in chunks the engine accepts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storage.sql import Conn, Row


async def fetch_in(
    conn: Conn, sql: str, values: Iterable[Any], params: tuple[Any, ...] = ()
) -> list[Row]:
    """Rows of `sql` whose `{one_of}` (after a column) takes `values`, in chunks; `params`
    follow the list."""
    distinct = list(dict.fromkeys(values))
    rows: list[Row] = []
    for start in range(0, len(distinct), conn.list_limit):
        one_of, chunk = conn.one_of(distinct[start : start + conn.list_limit])
        rows.extend(await conn.fetch_all(sql.format(one_of=one_of), (*chunk, *params)))
    return rows
