"""The one time source of the business logic: deadlines, periods and "now" come from here.

The app factory takes a clock (tests pass one they move by hand); Telegram's limits and the
liveness beats keep real time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)
