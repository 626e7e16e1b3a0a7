"""`python -m bot digest` and `python -m bot export`: the same numbers and files, offline."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from bot.i18n import Catalog
from bot.reports.digest import build_digest, worth_a_chart
from bot.reports.export import encode
from bot.reports.periods import requested_period
from bot.reports.render import render_digest
from bot.reports.rows import EXPORTED, table
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
    staff_t = Catalog.load(
        settings.chats.default_language, settings.complaints.segment_names
    ).bind(settings.chats.staff_language)
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


def run_export(
    settings: Settings, first: str | None, last: str | None, out: Path, export_format: str
) -> int:
    try:
        start, end = _period(settings, first, last)
    except ValueError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    targets = [out / f"{name}.{export_format}" for name in EXPORTED]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"export: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    linked = [path for path in targets if path.is_symlink()]
    if linked:  # someone planted a link: writing through it would overwrite its target
        print(f"export: {linked[0]} is a symbolic link; not writing through it", file=sys.stderr)
        return 2
    for path, (data, rows) in zip(
        targets, asyncio.run(_export(settings, start, end, export_format)), strict=True
    ):
        try:
            _write_new(path, data)
        except OSError as exc:
            print(f"export: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        print(f"{path}: {rows} rows", file=sys.stderr)
    return 0


def _write_new(path: Path, data: bytes) -> None:
    """Write a file beside `path`, then put it in place: never through a link, never half."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


async def _export(
    settings: Settings, start: datetime, end: datetime, export_format: str
) -> list[tuple[bytes, int]]:
    """The files of EXPORTED, in that order: (contents, rows)."""
    staff_t = Catalog.load(
        settings.chats.default_language, settings.complaints.segment_names
    ).bind(settings.chats.staff_language)
    async with _reading(settings) as tx:
        tables = [await table(tx, kind, start, end) for kind in EXPORTED]
    tz = settings.chats.tz
    return [(encode(found, export_format, tz, staff_t), len(found.rows)) for found in tables]
