"""What GET /metrics reports: a prometheus_client registry of counters, gauges and histograms.

Each app has its own registry (tests run many apps in one process). Counters and histograms
are updated where things happen; the state gauges (queues, tasks, health) are set from the
database and the task beats when Prometheus scrapes.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from storage.states import InboxStatus, OutboxStatus

__all__ = ["CONTENT_TYPE", "Metrics"]

# No *_created series: they double the output and say nothing here.
disable_created_metrics()  # type: ignore[no-untyped-call]

PREFIX = "feedbackbot"
_COUNTERS = {
    "updates_received": "Updates stored in the inbox",
    "updates_processed": "Updates handled",
    "updates_failed": "Updates whose handling raised (kept with the error)",
    "outbox_sent": "Telegram calls delivered",
    "outbox_failed": "Telegram calls given up, with the reason stored",
    "outbox_retry_after": "429 answers honoured",
    "outbox_transient_errors": "5xx and network errors retried",
}
# Telegram answers in tens of milliseconds; a slow proxy or a retry storm shows in the tail.
_SEND_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# From when a message was due to when Telegram took it: pacing waits seconds, a 429 minutes.
_DELAY_BUCKETS = (0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.last_update_at: float | None = None  # an update stored (polling or webhook)
        self._counters = {
            name: Counter(f"{PREFIX}_{name}", text, registry=self.registry)
            for name, text in _COUNTERS.items()
        }
        r = self.registry
        self.send_seconds = Histogram(
            f"{PREFIX}_send_seconds",
            "Duration of one request to Telegram by the sender, whatever its answer",
            buckets=_SEND_BUCKETS,
            registry=r,
        )
        self.outbox_delay = Histogram(
            f"{PREFIX}_outbox_delay_seconds",
            "From when a message was due to when Telegram accepted it",
            buckets=_DELAY_BUCKETS,
            registry=r,
        )
        self.inbox_rows = self._gauge("inbox_rows", "Stored updates by status", "status")
        self.outbox_rows = self._gauge("outbox_rows", "Outbox messages by status", "status")
        self.outbox_queued = self._gauge("outbox_queued", "Messages in the sender's memory queue")
        self.oldest_update = self._gauge(
            "oldest_pending_update_seconds", "Age of the oldest unhandled update"
        )
        self.oldest_message = self._gauge(
            "oldest_pending_message_seconds", "Age of the oldest undelivered message"
        )
        self.events_undelivered = self._gauge(
            "events_undelivered", "Events an EVENTS_URL has not accepted yet"
        )
        self.oldest_event = self._gauge(
            "oldest_undelivered_event_seconds", "Age of the oldest event not yet accepted"
        )
        self.events_failed = self._gauge(
            "events_failed", "Event deliveries given up after 72 hours of retries"
        )
        self.healthy = self._gauge("healthy", "1 while /healthz answers 200")
        self.staff_chat_reachable = self._gauge(
            "staff_chat_reachable", "1 while the bot can write to the staff chat"
        )
        self.since_update = self._gauge(
            "seconds_since_last_update", "Seconds since the last update arrived (NaN before any)"
        )
        self.since_update.set(float("nan"))
        self.task_age = self._gauge(
            "task_seconds_since_progress", "Seconds since the task last made progress", "task"
        )
        self.task_stuck = self._gauge(
            "task_stuck", "1 while the task has work and makes no progress", "task"
        )
        self.task_restarts = self._gauge(
            "task_restarts", "Times the supervisor restarted the task", "task"
        )

    def _gauge(self, name: str, text: str, *labels: str) -> Gauge:
        return Gauge(f"{PREFIX}_{name}", text, labels, registry=self.registry)

    def inc(self, name: str, value: float = 1.0) -> None:
        self._counters[name].inc(value)

    def get(self, name: str) -> float:
        """A counter's value (for tests and benchmarks)."""
        found = self.registry.get_sample_value(f"{PREFIX}_{name}_total")
        return float(found or 0.0)

    def set_rows(self, inbox: dict[str, int], outbox: dict[str, int]) -> None:
        for state in InboxStatus:
            self.inbox_rows.labels(status=state.value).set(inbox.get(state, 0))
        for outcome in OutboxStatus:
            self.outbox_rows.labels(status=outcome.value).set(outbox.get(outcome, 0))

    def render(self) -> bytes:
        return generate_latest(self.registry)
