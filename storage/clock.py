"""The one time source of the business logic: deadlines, periods and "now" come from here.

The app factory takes a clock (tests pass one they move by hand) and hands it to the database,
whose repositories stamp rows with it. Transport keeps real time: Telegram's limits and
retries (the inbox and the outbox), liveness beats, APScheduler's own timers, and migrations'
bookkeeping. `tests/unit/test_clock_only.py` holds the product to that, file by file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)
