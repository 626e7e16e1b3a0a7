"""Business time comes only from the injected clock: no product module reads the machine's
date except the clock itself and the transport that must keep real time (read from the source,
nothing imported). A report that mixes the two shows one thing on one day and another the next:
the staff pulse vanished from the digest from the 1st of a month on, in tests, for exactly that.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("bot", "handlers", "storage")

# Where reading the machine's time is right, and why. Anything else is business time.
REAL_TIME = {
    "storage/clock.py": "the clock itself: the system clock the app runs on",
    "storage/migrate.py": "when a migration was applied: bookkeeping, not business",
    "bot/jobs.py": "inbox pruning, and APScheduler's first runs (next_run_time): real time",
    "bot/web.py": "liveness: seconds since the last update from Telegram",
    "bot/dashboard/access.py": "Mini App launch data: Telegram dates it in real time",
    "bot/updates/poller.py": "the inbox: when an update arrived",
    "bot/updates/processor.py": "the inbox: retries and deferrals of updates",
    "bot/outbox/service.py": "the outbox: when a message may go, paced by Telegram's limits",
    "bot/complaints/posting.py": "storm control: Telegram's per-chat budget of the last minute",
    "bot/surveys/steps.py": "a survey message's expiry in the outbox, checked by the sender",
    "storage/repos/events.py": "the events' delivery queue: 72 h of retries, as the outbox's",
    "bot/events/delivery.py": "the events sender: retry times and the 72 h window",
    "bot/events/receivers.py": "an event's signature: receivers check it against real time",
    "bot/events/feature.py": "the sender's start: a new receiver's events begin there",
    "bot/events/watch.py": "how long a receiver has refused events: the queue's real time",
    "bot/events/cli.py": "events test: a ping's own time; replay: the sender's queue time",
    "storage/repos/mail.py": "the mail outbox: queue times and 72 h of retries, as the outbox's",
    "bot/mail/delivery.py": "the mail sender: retry times and the 72 h window",
}


def machine_time_reads(tree: ast.AST) -> list[int]:
    """Lines calling datetime.now/utcnow/today, date.today, or time.time."""
    from_time = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name in {"time", "time_ns"}
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner, name = func.value.id, func.attr
            if (owner, name) in {
                ("datetime", "now"),
                ("datetime", "utcnow"),
                ("datetime", "today"),
                ("date", "today"),
                ("time", "time"),
                ("time", "time_ns"),
            }:
                found.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id in from_time:
            found.append(node.lineno)  # from time import time
    return found


def test_the_finder_sees_every_way_of_reading_the_machines_date() -> None:
    source = "\n".join(
        [
            "datetime.now(UTC)",
            "datetime.utcnow()",
            "date.today()",
            "time.time()",
            "from time import time as now",
            "now()",
            "clock()",
            "time.monotonic()",
            "time(0)",
        ]
    )
    assert machine_time_reads(ast.parse(source)) == [1, 2, 3, 4, 6]


def test_business_time_comes_only_from_the_injected_clock() -> None:
    offenders = []
    for top in PRODUCT:
        for path in sorted((ROOT / top).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in REAL_TIME:
                continue
            for line in machine_time_reads(ast.parse(path.read_text())):
                offenders.append(f"{name}:{line}")
    assert offenders == [], "read the clock (tx.clock, config.now) instead"


def test_the_real_time_list_has_no_stale_entries() -> None:
    """A file that no longer reads the machine's time loses its licence to."""
    stale = [n for n in REAL_TIME if not machine_time_reads(ast.parse((ROOT / n).read_text()))]
    assert stale == []
