"""`python -m bot copy-data --from URL --to URL`: move a shop to another database.

Both are migrated first (the target from empty); the target must be empty; the copy is one
transaction; at the end every table's count in the source (in the snapshot copied) is shown
next to the target's. Stop the bot first, or the source's later changes stay behind.
"""

from __future__ import annotations

import sys

from storage.copy import CopyRefused, copy_all
from storage.db import Database
from storage.migrate import migrate
from storage.sql import DatabaseError, DatabaseUrl


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


async def copy_data(source_url: str, target_url: str) -> int:
    """Exit status: 0 copied and every count matches, 1 a count differs, 2 refused, 3 a
    database could not be used."""
    try:
        urls = DatabaseUrl(source_url), DatabaseUrl(target_url)
    except ValueError as exc:
        _say(f"copy-data: {exc}")
        return 2
    if urls[0] == urls[1]:
        _say("copy-data: --from and --to are the same database")
        return 2
    source, target = Database(urls[0]), Database(urls[1])
    try:
        for db in (source, target):
            await db.connect()
            await migrate(db.conn)
        counts = await copy_all(source, target, lambda t, n: _say(f"  {t}: {n:,} rows"))
    except CopyRefused as exc:
        _say(f"copy-data: refused, nothing written: {exc}")
        return 2
    except DatabaseError as exc:
        _say(f"copy-data: database error, nothing written: {exc}")
        return 3
    finally:
        for db in (source, target):
            await db.close()
    width = max(len(c.table) for c in counts)
    print(f"{'table':<{width}}  {'source':>10}  {'target':>10}")
    for c in counts:
        mark = "" if c.same else "  DIFFERENT"
        print(f"{c.table:<{width}}  {c.source:>10,}  {c.target:>10,}{mark}")
    wrong = [c.table for c in counts if not c.same]
    if wrong:
        _say(f"copy-data: counts differ in {', '.join(wrong)}")
        return 1
    total = sum(c.source for c in counts)
    _say(f"copy-data: {total:,} rows in {len(counts)} tables copied to {urls[1]}, counts equal")
    return 0
