"""Liveness: every long-running task beats when it makes progress, and a supervisor restarts it.

A task that raises is restarted with capped backoff; a task that stops making progress for
longer than its stall limit is "stuck". `/healthz` answers 503 while any task is dead or stuck,
so a process supervisor (systemd, Docker, Kubernetes) can restart the process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.faults import log_failure

log = logging.getLogger(__name__)

STANDBY_TASKS = ("standby",)
BACKOFF_FIRST = 1.0
BACKOFF_CAP = 30.0


class TaskState(StrEnum):
    STARTING = "starting"
    RUNNING = "running"
    IDLE = "idle"  # nothing to do: not stuck however long it lasts
    RETRYING = "retrying"  # the last attempt failed; trying again after a pause
    DONE = "done"  # a one-off task (connecting to Telegram) that has finished
    STOPPED = "stopped"


@dataclass
class Beat:
    """One task's pulse: when it last made progress, and how its last attempt went."""

    name: str
    stall_after: float
    clock: Callable[[], float] = time.time
    state: TaskState = TaskState.STARTING
    last_progress: float = 0.0
    failures: int = 0  # in a row
    restarts: int = 0
    error: str | None = None
    passes: int = 0  # successful passes so far (tests wait on it instead of sleeping)

    def __post_init__(self) -> None:
        self.last_progress = self.clock()

    def ok(self) -> None:
        """The task did its work (or found none to do)."""
        self.state = TaskState.RUNNING
        self.last_progress = self.clock()
        self.failures = 0
        self.error = None
        self.passes += 1

    def idle(self) -> None:
        """Nothing to do until new work arrives."""
        self.ok()
        self.state = TaskState.IDLE

    def busy(self) -> None:
        """New work arrived: the clock for getting it done starts now if the task was idle."""
        if self.state == TaskState.IDLE:
            self.state = TaskState.RUNNING
            self.last_progress = self.clock()

    def failed(self, exc: BaseException) -> float:
        """Record a failure; return how long to wait before the next try."""
        self.state = TaskState.RETRYING
        self.failures += 1
        self.error = type(exc).__name__
        return float(min(BACKOFF_CAP, BACKOFF_FIRST * 2 ** min(self.failures - 1, 16)))

    def age(self) -> float:
        return max(0.0, self.clock() - self.last_progress)

    @property
    def stuck(self) -> bool:
        waiting = self.state in (TaskState.IDLE, TaskState.DONE, TaskState.STOPPED)
        return not waiting and self.age() > self.stall_after

    def report(self) -> dict[str, Any]:
        return {
            "state": "stuck" if self.stuck else str(self.state),
            "seconds_since_progress": round(self.age(), 1),
            "restarts": self.restarts,
            "error": self.error,
        }


@dataclass
class Liveness:
    """The beats of every long-running task of one process."""

    stall_after: float
    clock: Callable[[], float] = time.time
    beats: dict[str, Beat] = field(default_factory=dict)
    standing_by: bool = False  # a standby runs only its campaign for the lead

    def stand_by(self) -> None:
        self.standing_by = True

    def lead(self) -> None:
        """Leading from now: the leader's tasks' clocks start now, not at process start."""
        self.standing_by = False
        now = self.clock()
        for beat in self.beats.values():
            if beat.state == TaskState.STARTING:
                beat.last_progress = now

    def beat(self, name: str, stall_after: float | None = None) -> Beat:
        if name not in self.beats:
            limit = self.stall_after if stall_after is None else stall_after
            self.beats[name] = Beat(name, limit, self.clock)
        return self.beats[name]

    def __iter__(self) -> Iterator[Beat]:
        """The beats of the tasks this process runs now (a standby: its campaign only)."""
        if self.standing_by:
            return iter([b for b in self.beats.values() if b.name in STANDBY_TASKS])
        return iter(self.beats.values())

    @property
    def healthy(self) -> bool:
        return not any(beat.stuck for beat in self)

    def report(self) -> dict[str, dict[str, Any]]:
        return {beat.name: beat.report() for beat in self}


async def supervise(
    beat: Beat,
    run: Callable[[], Awaitable[None]],
    stopping: Callable[[], bool],
    *,
    once: bool = False,
) -> None:
    """Run `run` until the app stops (or, `once`, until it succeeds); whatever it raises, log
    it and start it again after a pause."""
    while True:
        try:
            await run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 (log_failure logs it)
            if stopping():
                break
            previous = beat.error
            delay = beat.failed(exc)
            beat.restarts += 1
            log_failure(log, exc, previous, "%s failed, restarting it in %.0f s", beat.name, delay)
            await asyncio.sleep(delay)
            continue
        if once:
            beat.ok()
            beat.state = TaskState.DONE
            return
        if stopping():
            break
        beat.restarts += 1  # returned on its own: a bug, but the bot must not go deaf
        log.error("%s returned while the bot runs; starting it again", beat.name)
        await asyncio.sleep(BACKOFF_FIRST)
    beat.state = TaskState.STOPPED
