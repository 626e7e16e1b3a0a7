"""Every row of one database into another, empty one (SQLite → PostgreSQL, or back).

The source is read in one read transaction (a consistent snapshot, also of a shop that keeps
running) and the target written in one transaction: it gets all of it or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.db import Database
from storage.migrate import applied_versions
from storage.sql import Conn

# Parents before children (foreign keys), and with each table's key for a stable order.
TABLES: dict[str, str] = {
    "customers": "id",
    "business_connections": "user_id, id",  # its id is Telegram's text: no sequence
    "business_chats": "connection_id, chat_id",
    "purchases": "id",
    "surveys": "id",
    "survey_aspects": "survey_id, aspect",
    "complaints": "id",
    "complaint_messages": "id",
    "complaint_states": "id",
    "sla_steps": "complaint_id, step",
    "sla_deadlines": "id",
    "staff_messages": "chat_id, message_id",
    "digests_sent": "kind, period_start",
    "inbox": "update_id",
    "outbox": "id",
    "kv": "key",
    "erased": "key",
    "report_requests": "id",
    "corrective_actions": "complaint_id",
    "referral_links": "token",
    "referrals": "id",
    "staff_seen": "user_id",
    "pulse_asked": "round_start, user_id",
    "pulse_scores": "id",
    "pulse_comments": "id",
    "dashboard_links": "digest",
    "dashboard_sessions": "id",
    "search_terms": "term, complaint_id",
    "saved_replies": "name, language",
    "events": "id",
    "event_deliveries": "event_id, url",
    "survey_versions": "version",
    "theme_versions": "version",
    "text_themes": "source, text_id, theme",
    "survey_answers": "survey_id, question_id, option_id",
    "survey_links": "digest",
    "mail_outbox": "id",
    "conversations": "complaint_id",
    "conversation_links": "digest",
}
BATCH = 1_000


class CopyRefused(Exception):
    """Nothing was written: the target is not empty, or the two schemas differ."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int

    @property
    def same(self) -> bool:
        return self.source == self.target


async def _counts(conn: Conn) -> dict[str, int]:
    counts = {}
    for table in TABLES:
        row = await conn.fetch_one(f"SELECT COUNT(*) FROM {table}")
        counts[table] = int(row[0]) if row else 0
    return counts


async def count_rows(db: Database) -> dict[str, int]:
    async with db.read() as tx:
        return await _counts(tx.conn)


async def check(source: Database, target: Database) -> None:
    """Refuse (before writing anything) unless both are at the same migration and the target
    holds nothing; every table of the source must be one this module knows how to copy."""
    for db in (source, target):
        unknown = set(await db.conn.tables()) - set(TABLES) - {"schema_migrations"}
        if unknown:
            raise CopyRefused(f"{db.url}: tables copy-data does not know: {sorted(unknown)}")
    if await applied_versions(source.conn) != await applied_versions(target.conn):
        raise CopyRefused("the two databases are at different migrations")
    filled = {table: n for table, n in (await count_rows(target)).items() if n}
    if filled:
        listed = ", ".join(f"{table} ({n:,} rows)" for table, n in filled.items())
        raise CopyRefused(f"{target.url} is not empty: {listed}")


async def copy_all(
    source: Database, target: Database, progress: Callable[[str, int], None] | None = None
) -> list[TableCount]:
    """Copy every table; then the source's counts (in the snapshot copied) against the target's
    (read again after the commit). `progress(table, rows)` as each table is done."""
    await check(source, target)
    async with source.read() as src, target.transaction() as dst:
        before = await _counts(src.conn)
        for table, key in TABLES.items():
            copied = 0
            async for rows in src.conn.stream(f"SELECT * FROM {table} ORDER BY {key}", BATCH):
                columns = list(rows[0].keys())
                marks = ", ".join("?" for _ in columns)
                await dst.conn.execute_many(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    [tuple(row) for row in rows],
                )
                copied += len(rows)
            if progress is not None:
                progress(table, copied)
            if key == "id":
                await dst.conn.sync_ids(table)
    after = await count_rows(target)
    return [TableCount(table, before[table], after[table]) for table in TABLES]
