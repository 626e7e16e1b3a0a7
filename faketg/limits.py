"""Telegram's send limits and injected faults, as the fake server enforces them."""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass, field


@dataclass
class FakeLimits:
    """Per-second rates with a burst allowance; generous enough to absorb network jitter."""

    enabled: bool = True
    global_per_second: float = 30.0
    global_burst: float = 30.0
    private_per_second: float = 1.0
    private_burst: float = 4.0
    group_per_minute: float = 20.0
    group_burst: float = 20.0
    # Strict: at most `global_per_second` sends in ANY 1-second window, counted on arrival (no
    # saved-up burst). A stricter reading of "about 30 messages per second" than the bucket.
    global_window: bool = False


@dataclass
class Faults:
    error_rate: float = 0.0  # share of requests answered 500
    timeout_rate: float = 0.0  # share processed but answered after `timeout_delay` (lost answer)
    timeout_delay: float = 5.0
    latency: float = 0.0  # seconds added to every answer
    burst_429: int = 0  # the next N limited requests get 429 regardless of the buckets
    # A proxy in front of the Bot API (nginx) answering its own HTML error page, as a 502 does:
    # the next N requests to these methods (lower case; empty = any method, getUpdates too).
    html_502: int = 0
    html_methods: tuple[str, ...] = ()
    # Methods (lower case) answered with this status while listed, e.g. {"getchatmember": 500}.
    method_errors: dict[str, int] = field(default_factory=dict)
    seed: int = 1
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self.rng.seed(self.seed)  # the same faults in the same order on every run

    def take_html_502(self, method: str) -> bool:
        """True (and one fewer left) if this request gets the proxy's HTML error page."""
        if self.html_502 > 0 and (not self.html_methods or method in self.html_methods):
            self.html_502 -= 1
            return True
        return False


class Bucket:
    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate, self.capacity, self.tokens, self.stamp = rate, capacity, capacity, now

    def try_take(self, now: float) -> float:
        """0 if a token was taken, else seconds until one is available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


class Limiter:
    def __init__(self, limits: FakeLimits, now: float) -> None:
        self.limits = limits
        self.global_bucket = Bucket(limits.global_per_second, limits.global_burst, now)
        self.window: deque[float] = deque()  # arrival times of the sends in the last second
        self.chats: dict[int, Bucket] = {}

    def check(self, chat_id: int, now: float) -> int:
        """0 if the call may go through now, else retry_after in whole seconds (≥ 1)."""
        if not self.limits.enabled:
            return 0
        bucket = self.chats.get(chat_id)
        if bucket is None:
            lim = self.limits
            if chat_id > 0:
                bucket = Bucket(lim.private_per_second, lim.private_burst, now)
            else:
                bucket = Bucket(lim.group_per_minute / 60.0, lim.group_burst, now)
            self.chats[chat_id] = bucket
        # Peek the chat first so a refused call does not burn a global token.
        wait_chat = _peek(bucket, now)
        wait_global = self._window_wait(now) if self.limits.global_window else None
        if wait_global is None:
            wait_global = _peek(self.global_bucket, now)
        wait = max(wait_chat, wait_global)
        if wait > 0:
            return max(1, math.ceil(wait))
        bucket.try_take(now)
        if self.limits.global_window:
            self.window.append(now)
        else:
            self.global_bucket.try_take(now)
        return 0

    def _window_wait(self, now: float) -> float:
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) < self.limits.global_per_second:
            return 0.0
        return self.window[0] + 1.0 - now


def _peek(bucket: Bucket, now: float) -> float:
    tokens = min(bucket.capacity, bucket.tokens + (now - bucket.stamp) * bucket.rate)
    return 0.0 if tokens >= 1.0 else (1.0 - tokens) / bucket.rate


def max_in_window(times: list[float], window: float) -> int:
    """The most events inside any time window of the given length."""
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best
