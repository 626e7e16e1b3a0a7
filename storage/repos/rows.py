"""Shared pieces of the repositories' SQL: lists of values of any length (in chunks the engine
accepts), and the columns a generic `update(**fields)` may set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from storage.sql import Conn, Row
from storage.timefmt import stored


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


def assignments(
    what: str, fields: Mapping[str, object], writable: set[str]
) -> tuple[list[str], list[object]]:
    """`column = ?` for each of `fields`, and the values as stored; a column outside `writable`
    is refused (the names go into SQL text)."""
    unknown = set(fields) - writable
    if unknown:
        raise ValueError(f"not writable {what} columns: {sorted(unknown)}")
    return [f"{column} = ?" for column in fields], [stored(value) for value in fields.values()]
