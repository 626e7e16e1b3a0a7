"""The supervisor keeps tasks alive, and a beat says truthfully when a task is stuck."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import GetMe

from bot import liveness
from bot.liveness import Beat, Liveness, TaskState, supervise
from storage.db import Database, Failing
from storage.lock import AlreadyRunning, InstanceLock
from tests.support.helpers import HOLD_LOCK


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_task_is_stuck_only_past_its_limit_and_while_it_should_run() -> None:
    clock = Clock()
    beats = Liveness(stall_after=60, clock=clock)
    poller, setup = beats.beat("poller"), beats.beat("telegram", stall_after=10)
    assert beats.healthy
    clock.now += 30
    poller.ok()
    clock.now += 45  # the poller beat 45 s ago, setup started 75 s ago and never finished
    assert not poller.stuck and setup.stuck and not beats.healthy
    assert beats.report()["telegram"]["state"] == "stuck"
    setup.state = TaskState.DONE  # a finished one-off is never stuck
    assert beats.healthy
    clock.now += 61
    assert poller.stuck and beats.report()["poller"]["seconds_since_progress"] == 106.0


def test_failures_back_off_up_to_a_cap_and_success_resets() -> None:
    beat = Beat("sender", 60, Clock())
    delays = [beat.failed(OSError()) for _ in range(8)]
    assert delays[:4] == [1.0, 2.0, 4.0, 8.0] and max(delays) == liveness.BACKOFF_CAP
    assert beat.state == TaskState.RETRYING and beat.error == "OSError"
    beat.ok()
    assert beat.report()["state"] == "running"
    assert beat.failures == 0 and beat.error is None


async def test_a_dying_task_is_restarted_until_the_app_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(liveness, "BACKOFF_FIRST", 0.01)
    beat = Beat("processor", 60)
    runs = 0
    stopping = False

    async def run() -> None:
        nonlocal runs, stopping
        runs += 1
        if runs < 3:
            raise RuntimeError("database is locked")
        if runs == 3:
            return  # returning while the app runs is a bug too: started again
        stopping = True
        raise RuntimeError("failing while stopping ends it")

    await asyncio.wait_for(supervise(beat, run, lambda: stopping), 5)
    assert runs == 4 and beat.restarts == 3 and beat.state == TaskState.STOPPED


async def test_a_one_off_task_is_retried_until_it_succeeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(liveness, "BACKOFF_FIRST", 0.01)
    beat = Beat("telegram", 60)
    tries = 0

    async def connect() -> None:
        nonlocal tries
        tries += 1
        if tries < 3:
            raise ValueError("an HTML page where JSON was expected")

    await asyncio.wait_for(supervise(beat, connect, lambda: False, once=True), 5)
    assert tries == 3 and beat.state == TaskState.DONE and beat.error is None


async def test_a_failing_task_logs_one_line_a_failure_and_tracebacks_only_when_unexpected(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram unreachable for a minute is a line a minute, not a page of traceback each:
    the operator reads what failed and why; tracebacks are for bugs, or at DEBUG."""
    monkeypatch.setattr(liveness, "BACKOFF_FIRST", 0.01)
    errors: list[Exception] = [
        *[TelegramNetworkError(GetMe(), "Connect call failed ('127.0.0.1', 9)")] * 3,
        *[OSError("No space left on device")] * 2,
        *[KeyError("chat")] * 2,  # a bug: its traceback, once
    ]

    async def run() -> None:
        raise errors.pop(0)

    with caplog.at_level(logging.INFO, logger="bot.liveness"):
        await asyncio.wait_for(supervise(Beat("telegram", 60), run, lambda: not errors), 5)
    lines = [r for r in caplog.records if r.name == "bot.liveness"]
    assert len(lines) == 6
    assert all("\n" not in r.getMessage() for r in lines)
    assert "Connect call failed ('127.0.0.1', 9)" in lines[0].getMessage()
    assert "No space left on device" in lines[3].getMessage()
    assert [r.exc_info is not None for r in lines] == [False] * 5 + [True]

    errors.extend([TelegramNetworkError(GetMe(), "timeout")] * 2)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="bot.liveness"):
        await asyncio.wait_for(supervise(Beat("telegram", 60), run, lambda: not errors), 5)
    assert [r.exc_info is not None for r in caplog.records] == [True]


def test_one_process_per_database_file_and_a_killed_holder_blocks_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bot.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(
            AlreadyRunning, match=rf"already serving .*bot\.db \(pid {holder.pid}\)"
        ):
            InstanceLock(db).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    again = InstanceLock(db)  # the lock file is still there, its holder is not
    again.acquire()
    with pytest.raises(AlreadyRunning):
        InstanceLock(db).acquire()  # the same process cannot take it twice either
    again.release()


def test_a_standby_is_healthy_while_it_stands_by_and_its_leader_tasks_start_fresh() -> None:
    """On a standby the sender, processor, poller and ticks do not run: they are not stuck.
    When it takes over, their clocks start then, not when the process started."""
    clock = Clock()
    beats = Liveness(stall_after=60, clock=clock)
    for name in ("sender", "processor", "poller", "complaint-tick"):
        beats.beat(name)
    standby = beats.beat("standby")
    beats.stand_by()
    clock.now += 3600
    standby.ok()
    assert beats.healthy and set(beats.report()) == {"standby"}
    beats.lead()
    assert beats.healthy and "sender" in beats.report()
    clock.now += 61
    assert not beats.healthy  # leading now: a sender that never beats is stuck


async def test_after_an_outage_a_standby_is_healthy_at_its_first_read(db: Database) -> None:
    """The database back: a standby (it writes only when the API is called) reaches it at its
    next read, so /healthz says 200 then, not HEALTH_DB_FAIL_AFTER plus the longest attempt
    later; a leader still needs a committed write (a full disk lets reads through)."""
    clock = Clock()
    db.failing = Failing(clock)
    refused = ConnectionRefusedError("the server is down")
    db.failing.saw(refused)
    clock.now += 60  # still down a minute later
    db.failing.saw(refused)
    assert db.failing.for_at_least(10, reads_count=True) and db.failing.for_at_least(10)
    clock.now += 1  # back: the standby's campaign (or /healthz itself) reads
    async with db.read() as tx:
        await tx.kv.get("anything")
    assert not db.failing.for_at_least(10, reads_count=True)  # a standby: 200 now
    assert db.failing.for_at_least(10)  # a leader: not before it writes
    clock.now += 1  # a new failure starts a new count for the standby, not the old one's
    db.failing.saw(refused)
    assert not db.failing.for_at_least(10, reads_count=True)
    clock.now += 10
    assert db.failing.for_at_least(10, reads_count=True)
    async with db.transaction() as tx:
        await tx.kv.set("written", "1")
    assert not db.failing.for_at_least(0) and not db.failing.for_at_least(0, reads_count=True)
