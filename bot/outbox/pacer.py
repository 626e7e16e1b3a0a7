"""Which queued message goes next: pure scheduling under Telegram's send limits, no I/O.

Each chat is a lane: its messages go out one at a time, in order (a group's by priority first),
no faster than the chat's limit (private chats ~1/s with short bursts, groups 20/min). All lanes
share a global limit (~30/s). Among lanes that may send now, the lowest (priority, id) goes
first, so interactive replies overtake bulk invitations. Lane 0 carries calls bound to no chat
(answerCallbackQuery, setMyCommands): unordered, exempt from the per-chat and global limits.
A customer's chat with the shop's Telegram account (Telegram Business) is a chat apart from
theirs with the bot, with the same id: a lane of its own, so one refused (the bot blocked)
does not take the other's messages with it.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass
from typing import NamedTuple

from storage.models import OutboxItem

FREE_LANE = 0
Lane = tuple[int, str]  # (chat id, business connection id, "" for the bot's own chat)


def lane(item: OutboxItem) -> Lane:
    return (item.chat_id, item.business_connection_id or "")


@dataclass(frozen=True)
class Limits:
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: float = 20.0


def _order(item: OutboxItem) -> tuple[int, int]:
    """A group's lane goes by priority (a new card overtakes queued relays); a private chat's
    strictly in order (an edit must not overtake the message it edits)."""
    return (item.priority, item.id) if item.chat_id < 0 else (0, item.id)


class TokenBucket:
    """`rate` tokens per second, at most `capacity` saved up."""

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.stamp = now

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def ready_at(self, now: float) -> float:
        self._refill(now)
        if self.tokens >= 1.0:
            return now
        return now + (1.0 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1.0

    def spent_at(self, now: float) -> None:
        """The last token's send reached the server at `now` at the latest (its answer came):
        the next token counts from here, so arrivals keep the spacing whatever the latency."""
        self._refill(now)
        self.tokens = min(self.tokens, 0.0)


class Held(NamedTuple):
    lanes: int  # chats with messages queued
    buckets: int  # chats whose rate is remembered
    recent_sends: int  # the send window's slots


class SendWindow:
    """At most `limit` sends in any `span` seconds as the server counts them, on arrival.

    A send arrives somewhere between its dispatch and its answer, so a new one goes out only
    once the `limit`-th most recent has been answered and `span` has passed since: network
    jitter cannot squeeze 31 arrivals into one second. It costs the answer time once per
    `limit` sends (30 per 1.02 s at 20 ms answers).
    """

    def __init__(self, limit: int, span: float = 1.001) -> None:  # a second, and a hair
        self.limit, self.span = limit, span
        self._slots: deque[list[float | None]] = deque()  # answered at, per recent send
        self._open: dict[int, list[float | None]] = {}  # item id → its slot, until answered

    @property
    def remembered(self) -> int:
        """Recent sends it keeps: those of the last second, at most `limit`."""
        return len(self._slots)

    def ready_at(self, now: float) -> float | None:
        """When the next send may go out; None while the one that decides is in flight."""
        slots = self._slots
        while slots and slots[0][0] is not None and slots[0][0] + self.span <= now:
            slots.popleft()  # answered over a second ago: no longer limits anything
        if len(slots) < self.limit:
            return now
        answered = self._slots[0][0]
        return None if answered is None else max(now, answered + self.span)

    def sent(self, item_id: int) -> None:
        slot: list[float | None] = [None]
        self._slots.append(slot)
        if len(self._slots) > self.limit:
            self._slots.popleft()
        self._open[item_id] = slot

    def answered(self, item_id: int, now: float) -> None:
        slot = self._open.pop(item_id, None)
        if slot is not None:
            slot[0] = now


class Pacer:
    def __init__(self, limits: Limits, now: float) -> None:
        self.limits = limits
        # Spacing 1/30 s, a few saved up to catch up after a late loop; the window keeps it
        # to 30 in any second however the sends arrive.
        self._global = TokenBucket(limits.global_per_second, 3.0, now)
        self._window = SendWindow(max(1, round(limits.global_per_second)))
        self._lanes: dict[Lane, deque[OutboxItem]] = {}
        self._buckets: dict[Lane, TokenBucket] = {}
        self._paused: dict[Lane, float] = {}
        self._busy: set[Lane] = set()
        self._ready: list[tuple[int, int, Lane]] = []  # (priority, id, lane)
        self._sleeping: list[tuple[float, Lane]] = []  # (wake at, lane)
        self._free: list[tuple[int, int, OutboxItem]] = []  # lane 0: (priority, id, item)
        self._free_later: list[tuple[float, int, OutboxItem]] = []
        self._next_cleanup = now
        self.queued = 0

    def held(self) -> Held:
        """What it keeps in memory, which must not grow with the chats it has ever served."""
        return Held(len(self._lanes), len(self._buckets), self._window.remembered)

    # -- feeding ---------------------------------------------------------------------------
    def push(self, item: OutboxItem, now: float) -> None:
        self.queued += 1
        if item.chat_id == FREE_LANE:
            heapq.heappush(self._free_later, (item.not_before, item.id, item))
            return
        key = lane(item)
        queue = self._lanes.get(key)
        if queue is None:
            queue = self._lanes[key] = deque()
        # Keep each lane in `_order`: restored or retried items find their place, a new card
        # overtakes relays queued for the same group. The head stays put while it is in
        # flight: its outcome will name it.
        if queue and _order(queue[-1]) > _order(item):
            pinned = [queue.popleft()] if key in self._busy else []
            items = sorted([*queue, item], key=_order)
            queue.clear()
            queue.extend([*pinned, *items])
        else:
            queue.append(item)
        self._schedule(key, now)

    # -- choosing --------------------------------------------------------------------------
    def next(self, now: float) -> OutboxItem | float | None:
        """The item to send now, else the time worth waking up at, else None (idle)."""
        while self._free_later and self._free_later[0][0] <= now:
            _, item_id, item = heapq.heappop(self._free_later)
            heapq.heappush(self._free, (item.priority, item_id, item))
        if self._free:
            self.queued -= 1
            return heapq.heappop(self._free)[2]
        while self._sleeping and self._sleeping[0][0] <= now:
            _, key = heapq.heappop(self._sleeping)
            self._schedule(key, now)
        wake = self._wake_time()
        if not self._ready:
            return wake
        window_at = self._window.ready_at(now)
        if window_at is None:  # an answer decides: the sender wakes us when it comes
            return wake
        global_at = max(self._global.ready_at(now), window_at)
        if global_at > now:
            return global_at if wake is None else min(wake, global_at)
        while self._ready:
            _, item_id, key = heapq.heappop(self._ready)
            queue = self._lanes.get(key)
            if key in self._busy or not queue or queue[0].id != item_id:
                continue  # a stale entry: the lane moved on since it was queued
            if self._eligible_at(key, now) > now:
                self._schedule(key, now)
                continue
            self._busy.add(key)
            self._global.take(now)
            self._window.sent(item_id)
            self._bucket(key, now).take(now)
            self.queued -= 1
            return queue[0]
        return self._wake_time()

    def _wake_time(self) -> float | None:
        heads = [heap[0][0] for heap in (self._sleeping, self._free_later) if heap]
        return min(heads, default=None)

    # -- outcomes --------------------------------------------------------------------------
    def done(self, item: OutboxItem, now: float) -> None:
        """The item left the queue for good (sent or given up)."""
        if item.chat_id == FREE_LANE:
            return
        self._window.answered(item.id, now)
        key = lane(item)
        if item.chat_id < 0 and key in self._buckets:
            # A group allows 20 a minute as its server counts them, on arrival: the spacing
            # counts from the answer, not the dispatch (3 s each; the answer's time is small).
            self._buckets[key].spent_at(now)
        queue = self._lanes.get(key)
        self._busy.discard(key)
        if queue and queue[0].id == item.id:
            queue.popleft()
        if not queue:
            self._lanes.pop(key, None)
            return
        self._schedule(key, now)

    def retry(self, item: OutboxItem, at: float, now: float, pause_chat: bool = False) -> None:
        """Send the item again at `at`, keeping its place at the head of its lane."""
        self.queued += 1
        if item.chat_id == FREE_LANE:
            heapq.heappush(self._free_later, (at, item.id, item))
            return
        self._window.answered(item.id, now)
        key = lane(item)
        self._lanes[key][0] = item
        self._busy.discard(key)
        if pause_chat:
            self._paused[key] = at
        self._schedule(key, now)

    def drop_lane(self, item: OutboxItem, now: float) -> list[OutboxItem]:
        """Telegram refuses the chat: everything still queued for it is given up (not what
        goes to the same person from the shop's account: that is another chat)."""
        self._window.answered(item.id, now)
        key = lane(item)
        queue = self._lanes.pop(key, deque())
        self._busy.discard(key)
        rest = [i for i in queue if i.id != item.id]
        self.queued -= len(rest)
        return rest

    # -- internals -------------------------------------------------------------------------
    def _bucket(self, key: Lane, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if key[0] > 0:
                rate, burst = self.limits.private_per_second, float(self.limits.private_burst)
            else:
                rate, burst = self.limits.group_per_minute / 60.0, 1.0
            bucket = self._buckets[key] = TokenBucket(rate, burst, now)
        return bucket

    def _eligible_at(self, key: Lane, now: float) -> float:
        head = self._lanes[key][0]
        return max(head.not_before, self._bucket(key, now).ready_at(now), self._paused.get(key, 0))

    def _schedule(self, key: Lane, now: float) -> None:
        queue = self._lanes.get(key)
        if not queue or key in self._busy:
            return
        at = self._eligible_at(key, now)
        if at <= now:
            head = queue[0]
            heapq.heappush(self._ready, (head.priority, head.id, key))
        else:
            heapq.heappush(self._sleeping, (at, key))
        self._forget_full_buckets(now)

    def _forget_full_buckets(self, now: float) -> None:
        # Keep memory flat: a bucket that refilled completely carries no information. The sweep
        # is O(chats), so it runs at most every few seconds, never once per message.
        if now >= self._next_cleanup and len(self._buckets) > 4 * (len(self._lanes) + 64):
            self._next_cleanup = now + 5.0
            for key in [k for k in self._buckets if k not in self._lanes]:
                bucket = self._buckets[key]
                if bucket.ready_at(now) <= now and bucket.tokens >= bucket.capacity:
                    del self._buckets[key]
                    self._paused.pop(key, None)
