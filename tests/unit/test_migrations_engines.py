"""Both engines' migrations build the same schema: same numbers, tables, columns, kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.db import Database
from storage.migrate import available, migrate
from storage.sql import Conn
from tests.support.backend import ON_POSTGRES, database_url

Schema = dict[str, dict[str, tuple[str, bool]]]  # table -> column -> (kind, nullable)

_KINDS = {
    "integer": "integer",
    "bigint": "integer",
    "text": "text",
    "real": "real",
    "double precision": "real",
}


def test_each_migration_exists_for_both_engines_under_the_same_number_and_name() -> None:
    sqlite = [(m.version, m.name) for m in available("sqlite")]
    postgres = [(m.version, m.name) for m in available("postgresql")]
    assert sqlite == postgres
    assert [v for v, _ in sqlite] == list(range(1, len(sqlite) + 1))  # no gaps


async def schema_of(conn: Conn) -> Schema:
    schema: Schema = {}
    if conn.engine == "sqlite":
        tables = await conn.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        for (table,) in tables:
            columns = await conn.fetch_all(f"SELECT * FROM pragma_table_info('{table}')")
            schema[table] = {
                # An INTEGER PRIMARY KEY is the rowid: never NULL, whatever it declares.
                c["name"]: (_KINDS[c["type"].lower()], not (c["notnull"] or c["pk"]))
                for c in columns
            }
    else:
        columns = await conn.fetch_all(
            "SELECT table_name, column_name, data_type, is_nullable"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
        )
        for table, column, kind, nullable in columns:
            schema.setdefault(table, {})[column] = (_KINDS[kind], nullable == "YES")
    return schema


async def migrated_schema(url: str) -> Schema:
    db = Database(url)
    await db.connect()
    try:
        await migrate(db.conn)
        return await schema_of(db.conn)
    finally:
        await db.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL too: `make test-pg`")
async def test_every_migration_from_empty_builds_the_same_schema_on_both_engines(
    tmp_path: Path,
) -> None:
    on_sqlite = await migrated_schema(f"sqlite:///{tmp_path / 'schema.db'}")
    on_postgres = await migrated_schema(database_url(tmp_path, "schema"))
    assert sorted(on_sqlite) == sorted(on_postgres)
    for table in on_sqlite:
        assert on_sqlite[table] == on_postgres[table], table
