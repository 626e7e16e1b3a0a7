"""What a repository may ask of a connection, whichever engine is behind it."""

from __future__ import annotations

import sqlite3
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import Any, Protocol

Params = Sequence[Any] | Mapping[str, Any]


class PostgresError(Exception):
    """What PostgreSQL (or the way to it) answered: refused, went away, timed out, or an SQL
    error. The driver's own exception is the cause."""


# What the database can raise: a locked or unreadable SQLite file, a PostgreSQL that refuses,
# went away, or timed out. Catching these never needs the PostgreSQL driver imported.
DatabaseError: tuple[type[BaseException], ...] = (sqlite3.Error, PostgresError, OSError)


class Row(Protocol):
    """A result row: by position or by column name, and `dict(row)`."""

    def __getitem__(self, key: Any) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> Iterable[str]: ...


class Conn(Protocol):
    engine: str  # "sqlite" or "postgresql"
    list_limit: int  # most values one `one_of` may take

    writes: int  # statements run through execute* since the transaction began

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return how many rows it changed."""
        ...

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    async def insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Insert `rows` (values in `columns` order) in bulk: a batch at a time, not a
        statement per row where the engine can (PostgreSQL's COPY)."""
        ...

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None: ...

    def stream(self, sql: str, size: int) -> AsyncIterator[list[Row]]:
        """The rows of `sql` in lists of up to `size`, read as they are needed (inside a
        transaction)."""
        ...

    async def tables(self) -> list[str]:
        """The tables of this database (ours and schema_migrations)."""
        ...

    async def script(self, sql: str) -> None:
        """Run statements without parameters (a migration), one after another."""
        ...

    async def begin(self, *, write: bool) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None:
        """Roll back if a transaction is open; never raises for "nothing to roll back"."""
        ...

    @property
    def in_transaction(self) -> bool: ...

    async def close(self) -> None: ...

    # What the two engines spell differently.

    async def reserve_ids(self, table: str, count: int) -> list[int]:
        """`count` ids for new rows of `table` that no other writer will use."""
        ...

    async def sync_ids(self, table: str) -> None:
        """After rows were written with explicit ids: new rows get ids above them."""
        ...

    async def try_session_lock(self, key: int) -> bool:
        """Take the advisory lock `key` for as long as this connection lives; False if another
        connection holds it. (SQLite: one process per file, so always True.)"""
        ...

    async def end_frozen_peers(self) -> list[int]:
        """End other instances' sessions frozen in the middle of a statement (PostgreSQL:
        the server's idle timeouts do not cover that state); returns their process ids."""
        ...

    async def reclaim_space(self) -> int:
        """Give the pages of deleted rows back to the file system, outside any transaction;
        returns how many pages went (PostgreSQL: 0, autovacuum reuses them in place)."""
        ...

    def on_reconnect(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Run `hook` whenever the connection had to be opened again (before anything else)."""
        ...

    def differ(self, left: str, right: str) -> str:
        """SQL true when the two differ, NULL counting as a value (NULL vs 'x' differ)."""
        ...

    def one_of(self, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        """SQL to follow a column, true when it equals one of `values`, and its parameters
        (one statement text whatever the count where the engine takes a list)."""
        ...

    def contains(self, column: str) -> str:
        """SQL true when `column` holds the parameter's text anywhere (no LIKE wildcards)."""
        ...

    def group_concat(self, expression: str) -> str:
        """SQL aggregating `expression` into one comma-separated text."""
        ...
