"""`python -m bench [--quick] [--only NAME ...]`: every benchmark, then one table.

Each row is a rate, a ratio to the bare aiogram echo bot measured in the same run, or a time or
size, next to its target. The machine is shared and noisy: compare ratios, rerun for trends.
`--quick` shrinks every size (a smoke run of a few minutes, not the figures for the README).
`--profile DIR` samples the product with py-spy during the inbound and relay benchmarks'
timed phases and prints where its time goes (bench/profile.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import aiohttp

from bench import engines, outbound, throughput
from bench import purchases as purchase_api
from bench.footprint import footprint
from pgtemp import cluster

Row = tuple[str, str, str, str]  # benchmark, measured, target / reference, verdict


@dataclass(frozen=True)
class Sizes:
    presses: int = 2_000
    relay_customers: int = 10
    relay_each: int = 200
    backlog: int = 8_000
    invitations: int = 10_000
    purchases: int = 100_000
    responses: int = 1_000_000
    complaints: int = 100_000
    customers: int = 100_000
    profile: Path | None = None  # not a size: where py-spy writes (`--profile`), if anywhere


QUICK = Sizes(300, 5, 40, 500, 600, 10_000, 50_000, 5_000, 2_000)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


async def inbound(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    pair = await throughput.presses_per_second(session, tmp, sizes.presses, sizes.profile)
    return [
        (
            f"inbound: {sizes.presses:,} survey presses",
            f"{pair.ours:,.0f}/s = {pair.ratio:.2f}x echo; CPU {pair.ours_cpu_ms:.1f} ms/press",
            f">= 0.7x echo ({pair.echo:,.0f}/s; CPU {pair.echo_cpu_ms:.1f} ms/press)",
            verdict(pair.ratio >= 0.7),
        )
    ]


async def relay(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    pair = await throughput.relays_per_second(
        session, tmp, sizes.relay_customers, sizes.relay_each, sizes.profile
    )
    total = sizes.relay_customers * sizes.relay_each
    return [
        (
            f"complaint relay: {total:,} messages into the staff chat, each relayed"
            " (STAFF_RELAYS_PER_MINUTE=1000)",
            f"{pair.ours:,.0f}/s = {pair.ratio:.2f}x the relay bot",
            f">= 0.4x a bare aiogram bot copying each into the group ({pair.echo:,.0f}/s)",
            verdict(pair.ratio >= 0.4),
        )
    ]


async def backlog(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    b = await throughput.backlog(session, tmp, sizes.backlog)
    return [
        (
            f"backlog: {sizes.backlog:,} queued first messages",
            f"{b.answered:,} answered in {b.ours_seconds:.0f} s, peak {b.ours_peak_mb:.0f} MB",
            f"all answered; echo {b.echo_seconds:.0f} s, {b.echo_peak_mb:.0f} MB",
            verdict(b.answered == sizes.backlog),
        )
    ]


async def sending(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    o = await outbound.invitations_under_limits(session, tmp, sizes.invitations)
    share = o.sends_per_second / 30
    return [
        (
            f"outbound: {o.invitations:,} invitations, Telegram's limits",
            f"{o.sends_per_second:.1f}/s = {share:.0%} of 30/s, {o.refused_429} x 429",
            ">= 95%, zero 429",
            verdict(share >= 0.95 and o.refused_429 == 0),
        ),
        (
            "group chat while sending",
            f"busiest minute {o.busiest_group_minute} messages",
            "<= 20 a minute",
            verdict(o.busiest_group_minute <= 20),
        ),
        (
            f"press -> answer while sending ({o.probes} presses)",
            f"p50 {o.p50_ms:.0f} ms, p95 {o.p95_ms:.0f} ms",
            "p95 <= 150 ms",
            verdict(o.p95_ms <= 150),
        ),
    ]


async def purchases(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    rate = await purchase_api.run(session, tmp, sizes.purchases, 1000)
    return [
        (
            f"purchases: {sizes.purchases:,} through the API, batches of 1,000"
            f" ({purchase_api.MIX})",
            f"{rate:,.0f}/s",
            ">= 5,000/s",
            verdict(rate >= 5000),
        )
    ]


@dataclass(frozen=True)
class DigestRun:
    weekly: float  # the last week's numbers, s
    chart: float  # s
    peak_mb: float
    slowest_list: float  # the dashboard's complaint list, the slowest of its pages, s


async def digest_timings(sizes: Sizes, *extra: str) -> DigestRun:
    """What `python -m bench.digest` measured."""
    args = ["--responses", str(sizes.responses), "--complaints", str(sizes.complaints), "--json"]
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.digest", *args, *extra, stdout=asyncio.subprocess.PIPE
    )
    out = (await child.communicate())[0]
    if child.returncode != 0:
        raise RuntimeError(f"bench.digest exited with {child.returncode}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    weekly = next(s for label, s in result["timings"] if label.startswith("weekly"))
    chart = next(s for label, s in result["timings"] if label.startswith("chart"))
    lists = [s for label, s in result["timings"] if label.startswith("complaint list")]
    return DigestRun(weekly, chart, float(result["peak_mb"]), max(lists))


async def digest(_: aiohttp.ClientSession, __: Path, sizes: Sizes) -> list[Row]:
    run = await digest_timings(sizes)
    weekly, chart, peak = run.weekly, run.chart, run.peak_mb
    return [
        (
            f"digest: {sizes.responses:,} responses, {sizes.complaints:,} complaints",
            f"{weekly + chart:.2f} s (numbers {weekly:.2f} + chart {chart:.2f}),"
            f" peak {peak:.0f} MB",
            "<= 1 s, <= 200 MB",
            verdict(weekly + chart <= 1 and peak <= 200),
        ),
        (
            f"dashboard complaint list: a page of 50 of {sizes.complaints:,} complaints (the"
            " slowest of newest, overdue, halfway back, a search by a common and by a rare word)",
            f"{run.slowest_list * 1000:.0f} ms",
            "<= 200 ms",
            verdict(run.slowest_list <= 0.2),
        ),
    ]


async def memory(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    f = await footprint(session, tmp, sizes.customers)
    per_customer_kb = (f.after_all_mb - f.after_fifth_mb) * 1024 / (f.customers - f.customers // 5)
    return [
        (
            "footprint: idle RSS",
            f"{f.idle_mb:.0f} MB",
            f"echo bot idle {f.echo_idle_mb:.0f} MB",
            "-",
        ),
        (
            f"footprint: RSS after {f.customers:,} customers",
            f"{f.after_all_mb:.0f} MB (after the first fifth: {f.after_fifth_mb:.0f} MB,"
            f" {per_customer_kb:.2f} KB per further customer)",
            "no per-customer growth (< 0.1 KB each)",
            verdict(per_customer_kb < 0.1),
        ),
        (
            "start-up: spawn -> first reply to a waiting message, empty database",
            f"{f.fresh_startup_s:.1f} s = {f.fresh_startup_s / f.echo_startup_s:.2f}x echo",
            f"<= 3 s; echo bot {f.echo_startup_s:.1f} s",
            verdict(f.fresh_startup_s <= 3),
        ),
        (
            f"start-up: the same, {f.customers:,} scheduled invitations and"
            f" {f.open_complaints:,} open complaints",
            f"{f.loaded_startup_s:.1f} s = {f.loaded_startup_s / f.echo_startup_s:.2f}x echo",
            f"<= 3 s; echo bot {f.echo_startup_s:.1f} s",
            verdict(f.loaded_startup_s <= 3),
        ),
    ]


async def postgres(session: aiohttp.ClientSession, tmp: Path, sizes: Sizes) -> list[Row]:
    with cluster(durable=True) as url:
        press = await engines.presses(session, tmp, sizes.presses, url)
        one, two = await engines.two_instances(session, sizes.presses, url)
        intake = await engines.intake(session, tmp, sizes.purchases, url)
        on_pg = await engines.fresh_database(url, "digest")
        on_postgres = await digest_timings(sizes, "--postgres", on_pg)
        weekly, chart = on_postgres.weekly, on_postgres.chart
    return [
        (
            f"inbound on PostgreSQL: {sizes.presses:,} survey presses",
            f"{press.postgres:,.0f}/s = {press.ratio:.2f}x SQLite",
            f">= 0.8x SQLite ({press.sqlite:,.0f}/s in this run)",
            verdict(press.ratio >= 0.8),
        ),
        (
            "the same, PostgreSQL's COMMIT not waiting for the disk (synchronous_commit=off):"
            " what the flush costs",
            f"{press.unflushed:,.0f}/s = {press.unflushed / press.sqlite:.2f}x SQLite",
            "- (not the product's setting)",
            "-",
        ),
        (
            f"two instances on PostgreSQL, inbound: {sizes.presses:,} survey presses",
            f"{two:,.0f}/s = {two / one:.2f}x one instance",
            f">= 0.9x one instance ({one:,.0f}/s in this run; the leader does the work)",
            verdict(two >= 0.9 * one),
        ),
        (
            f"intake on PostgreSQL: {sizes.purchases:,} purchases through the API",
            f"{intake.postgres:,.0f}/s = {intake.ratio:.2f}x SQLite",
            f">= 0.8x SQLite ({intake.sqlite:,.0f}/s in this run)",
            verdict(intake.ratio >= 0.8),
        ),
        (
            f"digest on PostgreSQL: {sizes.responses:,} responses, {sizes.complaints:,}"
            " complaints",
            f"{weekly + chart:.2f} s (numbers {weekly:.2f} + chart {chart:.2f})",
            "<= 1 s",
            verdict(weekly + chart <= 1),
        ),
    ]


BENCHES: dict[str, Callable[[aiohttp.ClientSession, Path, Sizes], Awaitable[list[Row]]]] = {
    "inbound": inbound,
    "relay": relay,
    "backlog": backlog,
    "outbound": sending,
    "purchases": purchases,
    "digest": digest,
    "footprint": memory,
    "postgres": postgres,
}


async def run(names: list[str], sizes: Sizes) -> list[Row]:
    rows: list[Row] = []
    async with aiohttp.ClientSession() as session:
        for name in names:
            began = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    found = await BENCHES[name](session, Path(tmp), sizes)
                except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
                    found = [(name, f"failed: {type(exc).__name__}: {exc}"[:200], "-", "FAILED")]
            rows.extend(found)
            print(f"[{name}: {time.perf_counter() - began:.0f} s] {found}", file=sys.stderr)
    return rows


def table(rows: list[Row]) -> str:
    head: Row = ("Benchmark", "Measured", "Target / reference", "")
    lines = [head, ("---", "---", "---", "---"), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", nargs="+", choices=list(BENCHES), default=list(BENCHES))
    parser.add_argument("--profile", type=Path, metavar="DIR", help="py-spy the product")
    args = parser.parse_args()
    sizes = replace(QUICK if args.quick else Sizes(), profile=args.profile)
    rows = asyncio.run(run(args.only, sizes))
    print(table(rows))
    if any(row[3] == "FAILED" for row in rows):
        raise SystemExit(1)


main()
