"""The digest over 1,000,000 responses and 100,000 complaints: seconds and peak memory.

Run: .venv/bin/python -m bench.digest [--responses 1000000 --complaints 100000]. A child
process writes the data set (12 weeks of invitations, 85% answered; comments and complaint
texts tagged with the default themes) into a temporary SQLite
file with executemany; this process then migrates nothing, opens it and times the weekly digest
(the last week), a report over all 12 weeks (every response in the period) and the chart, and
prints peak RSS (VmHWM). `make bench` runs it with --json. With `--postgres URL` (an empty
database) the data set is copied there (`copy-data`'s code), vacuumed and analysed as
autovacuum would have, and measured there instead.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.complaints.sla import late_at
from bot.dashboard.web import UNTHEMED_SHOWN, UNTHEMED_TEXTS
from bot.i18n import Catalog
from bot.reports.chart import render_chart
from bot.reports.digest import build_digest
from bot.reports.themes import theme_figures
from bot.themes.defaults import default_themes
from bot.themes.tagger import Tagger
from bot.themes.unthemed import unthemed_words
from bot.timeparse import BusinessHours
from storage.copy import copy_all
from storage.db import Database
from storage.migrate import migrate
from storage.repos.desk import Filters
from storage.search import terms
from storage.sql.postgres import PgConn
from storage.timefmt import to_db

END = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
WEEKS = 12
TZ = ZoneInfo("Europe/Stockholm")
OFFICE = BusinessHours.parse("mon-fri 09:00-18:00")  # the default BUSINESS_HOURS
BRANCHES = ("north", "south", "east", "west", "airport")
ASPECTS = ("quality", "price", "delivery", "staff", "speed", "other")
COMPLAINT_TEXTS = (  # "late" in one in six
    "The courier was late again",
    "Box crushed, the lid is broken",
    "Wrong size delivered",
    "Rude staff at the till",
    "Refund still not here",
    "Charged twice for one order",
)


def generate(path: Path, responses: int, complaints: int) -> None:
    asyncio.run(_schema(path))
    rng = random.Random(5)
    span = WEEKS * 7 * 86400
    start = END - timedelta(seconds=span)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    chunk = 50_000
    for first in range(1, responses + 1, chunk):
        ids = range(first, min(first + chunk, responses + 1))
        customers, purchases, surveys, aspects = [], [], [], []
        themed: list[tuple[object, ...]] = []
        for n in ids:
            sent = start + timedelta(seconds=rng.randrange(span))
            at = to_db(sent)
            answered = rng.random() < 0.85
            score = (
                rng.choice((0, 2, 3, 5, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 10)) if answered else None
            )
            segment, branch = "key" if n % 50 == 0 else "", rng.choice(BRANCHES)
            customers.append((n, segment, at, at))
            purchases.append((n, f"B-{n}", n, branch, at, f"t{n}", at))
            surveys.append((
                n, n, n, "answered" if answered else "expired", at, at if answered else None,
                score, rng.randint(1, 5) if answered else None,
                rng.choice(("worse", "as_expected", "better")) if answered else None,
                "slow delivery" if score is not None and score <= 6 and n % 3 == 0 else None,
                at, at, branch, segment,
            ))  # fmt: skip
            if score is not None and score <= 6:
                aspects.append((n, rng.choice(ASPECTS)))
            comment = surveys[-1][9]
            themed += [
                ("comment", n, theme, n, n, branch, at, score) for theme in _themes_of(comment)
            ]
        conn.executemany(
            "INSERT INTO customers (id, segment, created_at, updated_at) VALUES (?, ?, ?, ?)",
            customers,
        )
        conn.executemany(
            "INSERT INTO purchases (id, order_id, customer_id, branch, purchased_at, link_token,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            purchases,
        )
        conn.executemany(
            "INSERT INTO surveys (id, purchase_id, customer_id, status, sent_at, answered_at, nps,"
            " csat, expectation, comment, created_at, updated_at, branch, segment)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            surveys,
        )
        conn.executemany("INSERT INTO survey_aspects VALUES (?, ?)", aspects)
        conn.executemany(_TAGGED, themed)
        conn.commit()
    rows, steps, indexed = [], [], []
    themed = []
    states: list[tuple[int, str, str, int | None]] = []
    for n in range(1, complaints + 1):
        opened = start + timedelta(seconds=rng.randrange(span))
        text = rng.choice(COMPLAINT_TEXTS) + (" and a hamster" if n % 1000 == 0 else "")
        indexed += [(term, n) for term in terms(text)]
        taken = opened + timedelta(minutes=rng.expovariate(1 / 12))
        done = taken + timedelta(hours=rng.expovariate(1 / 10))
        closed = done < END
        satisfied = rng.choice((0, 1, 1, 1)) if closed else None
        customer = rng.randrange(1, responses + 1)
        themed += [
            ("complaint", n, theme, customer, None, "", to_db(opened), None)
            for theme in _themes_of(text)
        ]
        rows.append((
            n, customer, "closed" if closed else "taken", text,
            to_db(taken),
            to_db(done) if closed else None, to_db(done) if closed else None,
            satisfied, to_db(opened), to_db(opened), to_db(opened),
        ))  # fmt: skip
        states.append((n, "open", to_db(opened), None))
        states.append((n, "taken", to_db(taken), None))
        if closed:
            states.append((n, "resolved", to_db(done), None))
            states.append((n, "closed", to_db(done), satisfied))
        for step, within in (("take", timedelta(minutes=15)), ("resolve", timedelta(hours=24))):
            steps.append((n, step, to_db(opened), to_db(opened + within)))
    conn.executemany(
        "INSERT INTO complaints (id, customer_id, source, status, text, taken_at, resolved_at,"
        " closed_at, resolution_satisfied, clock_started_at, created_at, updated_at)"
        " VALUES (?, ?, 'low_score', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany("INSERT INTO search_terms (term, complaint_id) VALUES (?, ?)", indexed)
    conn.executemany(_TAGGED, themed)
    conn.executemany(
        "INSERT INTO sla_steps (complaint_id, step, due_at) VALUES (?, ?, ?)",
        [(n, step, due) for n, step, _, due in steps],
    )
    conn.executemany(
        "INSERT INTO sla_deadlines (complaint_id, step, set_at, due_at) VALUES (?, ?, ?, ?)", steps
    )
    conn.executemany(
        "INSERT INTO complaint_states (complaint_id, status, at, satisfied) VALUES (?, ?, ?, ?)",
        states,
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


# Every text tagged as the app tags it when it is written (the default themes).
_TAGGED = (
    "INSERT INTO text_themes (source, text_id, theme, customer_id, survey_id, branch,"
    " written_at, nps) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


@functools.cache
def _themes_of(text: str | None) -> tuple[str, ...]:
    return () if text is None else _TAGGER.tag(text, "en")


_TAGGER = Tagger(default_themes())


async def _schema(path: Path) -> None:
    db = Database(path)
    await db.connect()
    await migrate(db.conn)
    await db.close()


async def to_postgres(path: Path, url: str) -> None:
    source, target = Database(path), Database(url)
    for db in (source, target):
        await db.connect()
    try:
        await migrate(target.conn)
        await copy_all(source, target)
        await settle(target)
    finally:
        await source.close()
        await target.close()


async def settle(db: Database) -> None:
    """What autovacuum does, in time, to a database that grew over 12 weeks: statistics, and
    the visibility map that lets index-only scans skip the table. Measured straight after a
    bulk copy, every scan would visit the table too. A VACUUM cannot mark rows visible while
    another transaction (autovacuum's own ANALYZE of the fresh rows) holds an older snapshot,
    so it is repeated until every page is marked (VACUUM runs outside a transaction)."""
    assert isinstance(db.conn, PgConn)
    raw = db.conn.raw
    for _ in range(10):
        await raw.execute("VACUUM ANALYZE")
        pages, visible = await raw.fetchrow(
            "SELECT SUM(relpages), SUM(relallvisible) FROM pg_class"
            " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        )
        if visible >= pages:
            return
        await asyncio.sleep(1)
    raise RuntimeError(f"only {visible} of {pages} pages could be marked visible")


async def measure(database: Path | str) -> list[tuple[str, float]]:
    db = Database(database)
    await db.connect()
    timings = []
    try:
        for label, start in (
            ("weekly digest (last 7 days)", END - timedelta(days=7)),
            (f"report over all {WEEKS} weeks", END - timedelta(days=7 * WEEKS)),
        ):
            began = time.perf_counter()
            async with db.read() as tx:
                digest = await build_digest(tx, start, END, END, TZ, hours=OFFICE)
            timings.append((f"{label}: n={digest.nps.n}", time.perf_counter() - began))
        t = Catalog.load().bind("en")  # once at start in the product: not the chart's cost
        began = time.perf_counter()
        render_chart(digest, TZ, t)
        timings.append(("chart (PNG)", time.perf_counter() - began))
        timings += await complaint_list(db)
        timings += await themes_alone(db)
    finally:
        await db.close()
    return timings


async def complaint_list(db: Database) -> list[tuple[str, float]]:
    """The dashboard's complaint list, a page of 50 (+1 to know there is more), as it is
    asked: the newest, the overdue, a page deep in the past, a search by a common word (one
    complaint in six has it) and by a rare one (one in a thousand), through the search index."""
    async with db.read() as tx:
        last = await tx.conn.fetch_one("SELECT MAX(id) FROM complaints")
    middle = int(last[0]) // 2 if last and last[0] else None
    timings = []
    for label, filters, before in (
        ("newest", Filters(), None),
        ("overdue", Filters(state="overdue"), None),
        ("a page halfway back", Filters(), middle),
        ("search, a common word", Filters(words="late"), None),
        ("search, a rare word", Filters(words="hamster"), None),
    ):
        began = time.perf_counter()
        async with db.read() as tx:
            await tx.desk.page(filters, late_at(END), before, 51)
        timings.append((f"complaint list, {label}", time.perf_counter() - began))
    return timings


async def themes_alone(db: Database) -> list[tuple[str, float]]:
    """The digest's themes (inside the timings above) on their own, for the weekly digest and
    the 12 weeks, and the overview's words in no theme (the week's newest texts lemmatised)."""
    timings = []
    for label, start in (("last 7 days", END - timedelta(days=7)), ("all 12 weeks", None)):
        first = start or END - timedelta(days=7 * WEEKS)
        began = time.perf_counter()
        async with db.read() as tx:
            await theme_figures(tx, first, END, first - (END - first))
        timings.append((f"themes, {label}", time.perf_counter() - began))
    tagger = Tagger(default_themes())
    tagger.prepare()  # done at start in the product
    began = time.perf_counter()
    async with db.read() as tx:
        texts = await tx.themes.recent_texts(END - timedelta(days=7), END, UNTHEMED_TEXTS)
    unthemed_words(texts, tagger, limit=UNTHEMED_SHOWN)
    timings.append(("words in no theme (overview)", time.perf_counter() - began))
    return timings


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not ru_maxrss: Linux carries that across
    exec, so a child of a big benchmark runner would report the runner's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--responses", type=int, default=1_000_000)
    args.add_argument("--complaints", type=int, default=100_000)
    args.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args.add_argument("--json", action="store_true", help="one JSON object for python -m bench")
    args.add_argument("--postgres", help="measure on this (empty) PostgreSQL database")
    ns = args.parse_args()
    if ns.make is not None:
        generate(ns.make, ns.responses, ns.complaints)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "digest.db"
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench.digest", "--make", str(path),
             "--responses", str(ns.responses), "--complaints", str(ns.complaints)],
            check=True,
        )  # fmt: skip
        print(f"data set: {ns.responses:,} responses, {ns.complaints:,} complaints"
              f" (written in {time.perf_counter() - began:.0f} s)",
              file=sys.stderr if ns.json else sys.stdout)  # fmt: skip
        if ns.postgres:
            began = time.perf_counter()
            asyncio.run(to_postgres(path, ns.postgres))
            print(f"copied to PostgreSQL in {time.perf_counter() - began:.0f} s",
                  file=sys.stderr if ns.json else sys.stdout)  # fmt: skip
        timings = asyncio.run(measure(ns.postgres or path))
    peak = peak_rss_mb()
    if ns.json:
        print(json.dumps({"timings": timings, "peak_mb": peak}))
        return
    for label, seconds in timings:
        shown = f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds:.2f} s"
        print(f"{label:>45}: {shown}")
    print(f"{'peak RSS of the measuring process':>45}: {peak:.0f} MB (target: 1 s, 200 MB)")


if __name__ == "__main__":
    main()
