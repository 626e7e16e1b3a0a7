"""When a delivery that failed is tried again, and when it is given up: the one schedule the
event webhooks and the mail share (each with its own longest wait)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Retries:
    """Again after 2, 4, 8 … seconds, at most `longest` apart, until `give_up_after` has
    passed since the delivery was queued."""

    longest: float  # seconds
    give_up_after: timedelta

    def backoff(self, attempts: int) -> float:
        """Seconds before the next try after `attempts` failed ones."""
        return min(self.longest, 2.0 ** min(attempts, 16))

    def next_try(self, attempts: int, queued_at: float, now: float) -> float | None:
        """When to try again after one more failure (`attempts` failed before it); None:
        the next try would come past `give_up_after`, so it is given up now."""
        again = now + self.backoff(attempts + 1)
        return None if again - queued_at > self.give_up_after.total_seconds() else again
