"""`python -m bot digest` and `python -m bot export`: the same numbers and CSVs, offline."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from bot.i18n import Catalog
from bot.reports.digest import build_digest, worth_a_chart
from bot.reports.export import complaints_csv, responses_csv
from bot.reports.periods import requested_period
from bot.reports.render import render_digest
from bot.settings import Settings
from storage.clock import utc_now
from storage.db import Database, Tx
from storage.migrate import migrate


@asynccontextmanager
async def _reading(settings: Settings) -> AsyncIterator[Tx]:
    db = Database(settings.storage.database)
    await db.connect()
    try:
        await migrate(db.conn)
        async with db.read() as tx:
            yield tx
    finally:
        await db.close()


def _period(settings: Settings, first: str | None, last: str | None) -> tuple[datetime, datetime]:
    return requested_period(first, last, settings.chats.tz, utc_now())


def run_digest(settings: Settings, first: str | None, last: str | None, chart: Path | None) -> int:
    try:
        start, end = _period(settings, first, last)
    except ValueError as exc:
        print(f"digest: {exc}", file=sys.stderr)
        return 2
    text, png = asyncio.run(_digest(settings, start, end))
    print(text)
    if chart is not None and png is None:
        print("no answers in that period: no chart", file=sys.stderr)
    elif chart is not None and png is not None:
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_bytes(png)
        print(f"chart written to {chart}", file=sys.stderr)
    return 0


async def _digest(settings: Settings, start: datetime, end: datetime) -> tuple[str, bytes | None]:
    staff_t = Catalog.load(settings.chats.default_language).bind(settings.chats.staff_language)
    tz = settings.chats.tz
    async with _reading(settings) as tx:
        digest = await build_digest(
            tx, start, end, tx.clock(), tz, hours=settings.rules.business_hours
        )
    chart = None
    if worth_a_chart(digest):
        from bot.reports.chart import render_chart

        chart = render_chart(digest, tz, staff_t)
    return render_digest(staff_t, digest, tz, "report"), chart


def run_export(settings: Settings, first: str | None, last: str | None, out: Path) -> int:
    try:
        start, end = _period(settings, first, last)
    except ValueError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, data, rows in asyncio.run(_export(settings, start, end)):
        path = out / f"{name}.csv"
        path.write_bytes(data)
        print(f"{path}: {rows} rows", file=sys.stderr)
    return 0


async def _export(
    settings: Settings, start: datetime, end: datetime
) -> list[tuple[str, bytes, int]]:
    files = []
    async with _reading(settings) as tx:
        for name, build in (("responses", responses_csv), ("complaints", complaints_csv)):
            data, rows = await build(tx, start, end)
            files.append((name, data, rows))
    return files
