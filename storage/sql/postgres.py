"""PostgreSQL through asyncpg: the repositories' `?`/`:name` parameters become `$n`."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import Any, cast

import asyncpg

from storage.sql.conn import Params, PostgresError, Row
from storage.sql.sqlite import split_statements

# A statement that takes longer is cancelled (and raises): a stuck server never hangs the bot.
COMMAND_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
IDLE_SESSION_TIMEOUT = "5s"
APPLICATION_NAME = "feedback-bot"
WRITER_KEY = 0x626F745F77726974  # pg_advisory_xact_lock key every write transaction takes


class PgConn:
    engine = "postgresql"
    list_limit = 10_000  # an array parameter: the count changes nothing but its size

    def __init__(self, url: str) -> None:
        self.url = url
        self._raw: asyncpg.Connection | None = None
        self._reconnect_hooks: list[Callable[[], Awaitable[None]]] = []
        self.writes = 0  # statements run through execute* since the transaction began

    @classmethod
    async def open(cls, url: str) -> PgConn:
        conn = cls(url)
        await conn._connect()
        return conn

    async def _connect(self) -> asyncpg.Connection:
        with _translated():
            self._raw = await asyncpg.connect(
                self.url,
                timeout=CONNECT_TIMEOUT,
                command_timeout=COMMAND_TIMEOUT,
                # Statements are prepared once per connection and reused (asyncpg's default);
                # the application name shows in pg_stat_activity.
                # A writer waits for another's lock at most 5 s, then fails and is retried
                # later (as SQLite's busy timeout does), instead of hanging the process.
                # The server ends a session idle longer than IDLE_SESSION_TIMEOUT (a running
                # bot touches its connection every second), also inside a transaction (none
                # waits on anything but the database): a frozen process's locks go too, the
                # writers' lock and the leader's among them, so a standby takes over.
                # No JIT: compiling took ~40 ms of a 0.2 s digest query; it pays off only for
                # long analytical queries, and every query here is short.
                server_settings={
                    "jit": "off",
                    "application_name": APPLICATION_NAME,
                    "lock_timeout": "5s",
                    "idle_session_timeout": IDLE_SESSION_TIMEOUT,
                    "idle_in_transaction_session_timeout": IDLE_SESSION_TIMEOUT,
                },
            )
        return self._raw

    @property
    def raw(self) -> asyncpg.Connection:
        if self._raw is None:
            raise RuntimeError("not connected")
        return self._raw

    async def execute(self, sql: str, params: Params = ()) -> int:
        self.writes += 1
        text, args = _bind(sql, params)
        with _translated():
            status: str = await self.raw.execute(text, *args)
        last = status.rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.writes += 1
        text, _ = translate(sql)
        batch = [tuple(_storable(value) for value in row) for row in rows]
        if batch:
            with _translated():
                await self.raw.executemany(text, batch)

    async def insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        self.writes += 1
        # COPY: one statement for the batch. An INSERT per row (executemany) cost 4x as much
        # per 1,000 purchases, and the purchases intake writes three tables at a time.
        batch = [tuple(_storable(value) for value in row) for row in rows]
        if batch:
            with _translated():
                await self.raw.copy_records_to_table(
                    table, records=batch, columns=list(columns), timeout=COMMAND_TIMEOUT
                )

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        text, args = _bind(sql, params)
        with _translated():
            return cast(list[Row], await self.raw.fetch(text, *args))

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        text, args = _bind(sql, params)
        with _translated():
            return cast(Row | None, await self.raw.fetchrow(text, *args))

    async def stream(self, sql: str, size: int) -> AsyncIterator[list[Row]]:
        with _translated():
            cursor = await self.raw.cursor(sql)
            while rows := await cursor.fetch(size):
                yield cast(list[Row], rows)

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            " ORDER BY table_name"
        )
        return [str(row[0]) for row in rows]

    async def script(self, sql: str) -> None:
        for statement in split_statements(sql):
            with _translated():
                await self.raw.execute(statement)

    async def begin(self, *, write: bool) -> None:
        self.writes = 0
        if self._raw is None or self._raw.is_closed():
            await self._reopen()  # the server restarted or the network dropped it
        try:
            await self._begin(write)
        except PostgresError as exc:
            if not _connection_lost(exc):
                raise
            # Found dead only now (ended by the server while idle, a restart): nothing was
            # done in it yet, so a new connection may simply start the transaction again.
            self.raw.terminate()
            await self._reopen()
            await self._begin(write)

    async def _reopen(self) -> None:
        await self._connect()
        for hook in self._reconnect_hooks:
            await hook()

    async def _begin(self, write: bool) -> None:
        with _translated():
            if write:
                # One writer at a time across every instance, as BEGIN IMMEDIATE does for
                # SQLite: each write transaction sees everything committed before it (an API
                # call on one instance and an update handled on another never both create
                # the same customer). One round trip for both statements.
                await self.raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITER_KEY})")
            else:
                await self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    async def commit(self) -> None:
        with _translated():
            await self.raw.execute("COMMIT")

    async def rollback(self) -> None:
        raw = self._raw
        if raw is None or raw.is_closed() or not raw.is_in_transaction():
            return
        try:
            await raw.execute("ROLLBACK")
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            raw.terminate()  # a connection in an unknown state is not reused

    @property
    def in_transaction(self) -> bool:
        return self._raw is not None and self._raw.is_in_transaction()

    async def close(self) -> None:
        if self._raw is not None:
            await self._raw.close(timeout=5)
            self._raw = None

    async def reserve_ids(self, table: str, count: int) -> list[int]:
        if count <= 0:
            return []
        # A block from the column's own sequence, in one step: every caller is a write
        # transaction, which holds the writers' lock, so no other session draws from the
        # sequence in between (were one to, its ids would clash loudly on the primary key,
        # never silently). Gaps are allowed. A nextval() per id cost ~6 ms per 1,000.
        row = await self.fetch_one(
            "SELECT setval(pg_get_serial_sequence(?, 'id'),"
            " nextval(pg_get_serial_sequence(?, 'id')) + ? - 1)",
            (table, table, count),
        )
        last = int(row[0]) if row else 0
        return list(range(last - count + 1, last + 1))

    async def sync_ids(self, table: str) -> None:
        await self.execute(
            f"SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false)"
            f" FROM {table}",
            (table,),
        )

    async def try_session_lock(self, key: int) -> bool:
        row = await self.fetch_one("SELECT pg_try_advisory_lock(?)", (key,))
        return bool(row and row[0])

    async def end_frozen_peers(self) -> list[int]:
        # 'active' and waiting for the client is the one state no server timeout ends: the
        # process froze between the messages of one statement (asyncpg sends a statement as
        # several), with whatever locks its transaction holds. No statement of ours waits on
        # its own client for seconds, so after IDLE_SESSION_TIMEOUT it is frozen.
        rows = await self.fetch_all(
            "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
            " AND datname = current_database() AND pid <> pg_backend_pid()"
            " AND state = 'active' AND wait_event IN ('ClientRead', 'ClientWrite')"
            f" AND state_change < clock_timestamp() - interval '{IDLE_SESSION_TIMEOUT}'",
            (APPLICATION_NAME,),
        )
        ended = []
        for row in rows:
            done = await self.fetch_one("SELECT pg_terminate_backend(?)", (int(row[0]),))
            if done is not None and done[0]:
                ended.append(int(row[0]))
        return ended

    async def reclaim_space(self) -> int:
        return 0  # autovacuum marks dead rows' space for reuse; the files stay level

    def on_reconnect(self, hook: Callable[[], Awaitable[None]]) -> None:
        self._reconnect_hooks.append(hook)

    def differ(self, left: str, right: str) -> str:
        return f"{left} IS DISTINCT FROM {right}"

    def one_of(self, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        # One array parameter: the same statement (prepared once) for any number of values;
        # an IN-list of n parameters is a new statement to parse and plan for every n.
        return "= ANY(?)", (list(values),)

    def contains(self, column: str) -> str:
        return f"strpos({column}, ?) > 0"

    def group_concat(self, expression: str) -> str:
        return f"string_agg({expression}, ',')"


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """The driver's errors as ours, so callers catch them without importing the driver."""
    try:
        yield
    except (
        asyncpg.PostgresError,
        asyncpg.InterfaceError,
        asyncpg.exceptions.InternalClientError,
        TimeoutError,
    ) as exc:
        raise PostgresError(f"{type(exc).__name__}: {exc}") from exc


def _connection_lost(exc: PostgresError) -> bool:
    """The connection itself is gone (or going): ended by the server, cut, or torn down."""
    cause = exc.__cause__
    return isinstance(
        cause,
        asyncpg.PostgresConnectionError  # e.g. "connection was closed in the middle"
        | asyncpg.exceptions.OperatorInterventionError  # terminated, idle timeout, shutdown
        | asyncpg.InterfaceError
        | asyncpg.exceptions.InternalClientError,  # the protocol caught mid-teardown
    )


def _bind(sql: str, params: Params) -> tuple[str, list[Any]]:
    text, names = translate(sql)
    if isinstance(params, Mapping):
        return text, [_storable(params[name]) for name in names]
    return text, [_storable(value) for value in params]


def _storable(value: Any) -> Any:
    """PostgreSQL's text cannot hold NUL (SQLite's can): a customer's "\x00" is dropped."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_storable(item) for item in value]
    return value


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, tuple[str, ...]]:
    """`?` → `$1, $2…` in order; `:name` → one `$n` per distinct name (returned in order).

    Quoted text ('…', "…") and casts (`::`) are left alone."""
    out: list[str] = []
    names: list[str] = []
    positional = 0
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            end = sql.find(c, i + 1)
            end = n - 1 if end < 0 else end
            out.append(sql[i : end + 1])
            i = end + 1
            continue
        if c == "?":
            positional += 1
            out.append(f"${positional}")
        elif c == ":" and i + 1 < n and sql[i + 1] == ":":
            out.append("::")
            i += 2
            continue
        elif c == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            j = i + 1
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            name = sql[i + 1 : j]
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i = j
            continue
        else:
            out.append(c)
        i += 1
    if positional and names:
        raise ValueError("a statement takes either ? or :name parameters, not both")
    return "".join(out), tuple(names)
