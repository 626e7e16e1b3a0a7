"""Counters and gauges for GET /metrics (Prometheus text format), kept in process."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

_HELP = {
    "updates_received_total": "Updates stored in the inbox",
    "updates_processed_total": "Updates handled",
    "updates_failed_total": "Updates whose handling raised (kept with the error)",
    "outbox_sent_total": "Telegram calls delivered",
    "outbox_failed_total": "Telegram calls given up, with the reason stored",
    "outbox_retry_after_total": "429 answers honoured",
    "outbox_transient_errors_total": "5xx and network errors retried",
}


class Metrics:
    def __init__(self) -> None:
        self._counters: dict[str, float] = defaultdict(float)
        self._gauges: dict[str, Callable[[], float]] = {}
        self.last_update_at: float | None = None  # an update stored (polling or webhook)

    def inc(self, name: str, value: float = 1.0) -> None:
        self._counters[name] += value

    def get(self, name: str) -> float:
        return self._counters.get(name, 0.0)

    def gauge(self, name: str, read: Callable[[], float]) -> None:
        self._gauges[name] = read

    def render(self, extra: dict[str, float] | None = None) -> str:
        lines = []
        names = sorted({*_HELP, *self._counters})
        for name in names:
            full = f"feedbackbot_{name}"
            lines += [f"# HELP {full} {_HELP.get(name, name)}", f"# TYPE {full} counter"]
            lines.append(f"{full} {self._counters.get(name, 0.0):g}")
        gauges = {name: read() for name, read in self._gauges.items()} | (extra or {})
        typed: set[str] = set()
        for name, value in sorted(gauges.items()):
            base = name.partition("{")[0]  # 'task_stuck{task="poller"}': one TYPE per family
            if base not in typed:
                typed.add(base)
                lines.append(f"# TYPE feedbackbot_{base} gauge")
            lines.append(f"feedbackbot_{name} {value:g}")
        return "\n".join(lines) + "\n"
