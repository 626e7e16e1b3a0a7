"""What the app factory hands each feature's `install`: the places a feature registers into.

A feature (surveys, complaints, reports, the HTTP API) builds its own config and services,
registers its outbox result hooks on the sender, its scheduled jobs, its HTTP routes, and
provides the services its handlers and jobs ask for by name or type. Its handlers live in
`handlers/`, under the router of their audience.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.chatevents import ChatEvents
from bot.i18n import Catalog
from bot.jobs import JobFunc, beat_name
from bot.learned import Learned
from bot.liveness import Liveness
from bot.outbox.sender import Sender
from bot.outbox.service import Outbox
from bot.settings import Settings
from bot.web import Handler
from storage.clock import Clock
from storage.db import Database

Route = tuple[str, str, Handler]  # method, path, handler


@dataclass
class Wiring:
    app_id: str
    settings: Settings
    db: Database
    bot: Bot
    catalog: Catalog
    outbox: Outbox
    sender: Sender  # features register result hooks by purpose
    liveness: Liveness
    scheduler: AsyncIOScheduler
    learned: Learned
    chat_events: ChatEvents  # features add listeners: what to do when Telegram moves a group
    clock: Clock
    tick_seconds: float
    workflow: dict[str, Any] = field(default_factory=dict)  # what handlers get by name
    services: list[object] = field(default_factory=list)  # what jobs find by type
    routes: list[Route] = field(default_factory=list)
    on_start: list[Callable[[], Awaitable[object]]] = field(default_factory=list)  # before serving
    on_stop: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def provide(self, name: str, service: object) -> None:
        """A service handlers declare as a parameter called `name`, and jobs find by type."""
        self.workflow[name] = service
        self.services.append(service)

    def every_tick(self, func: JobFunc) -> None:
        """A short periodic job, run at start too, instead of a date job per deadline: a date
        job due while the process was down would be dropped, while this one picks up
        everything overdue. It beats on every run, so /healthz sees it stall."""
        self.liveness.beat(beat_name(func), max(self.liveness.stall_after, 3 * self.tick_seconds))
        self.scheduler.add_job(
            func,
            "interval",
            seconds=self.tick_seconds,
            args=[self.app_id],
            id=beat_name(func),
            replace_existing=True,
            max_instances=1,
            next_run_time=datetime.now(UTC),
        )

    def cron(self, job_id: str, crontab: str, func: JobFunc) -> None:
        """At the crontab's times in the business time zone, and once at start: a job that
        keeps what it did in the database catches up a missed run then, and finds nothing to
        do otherwise."""
        zone = self.settings.chats.timezone
        self.scheduler.add_job(
            func,
            CronTrigger.from_crontab(crontab, timezone=zone),
            args=[self.app_id],
            id=job_id,
            replace_existing=True,
            max_instances=1,
            next_run_time=datetime.now(UTC),
        )
