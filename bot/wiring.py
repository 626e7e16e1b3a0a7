"""What the app factory hands each feature's `install`: the shared resources, and the places
to register.

Shared: settings, database, bot, sender, liveness, the scheduler, and `core` (`bot/core.py`:
outbox, texts, clock, zone, what the bot learned from Telegram), which the feature's context
carries to its services. A feature builds its settings and context, adds the context to the
jobs' (`jobs`) and schedules its jobs, registers what it does when something happens (`when`,
`bot/when.py`: at start, once Telegram answers, at a customer's first contact, when a survey
changes or a group moves, when a message it queued is sent), what runs while this instance
leads, its HTTP routes and what it reports on /healthz, and provides the services its
handlers declare. Its handlers live in `handlers/`, under the router of their audience.

Everything opened is closed in the opposite order: the database and the bot, what features
run while leading and what the app starts are async context managers entered on `stack` (as
aiohttp's cleanup_ctx), which `App.stop` unwinds; a feature's resource made at install pushes
its closing there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot import jobs
from bot.chatevents import ChatEvents
from bot.core import Core
from bot.database import opened_database
from bot.i18n import Catalog
from bot.jobs import JobContext, JobFunc, Plain, at_start, beat_name
from bot.learned import Learned
from bot.liveness import Liveness
from bot.metrics import Metrics
from bot.outbox.pacer import Limits
from bot.outbox.sender import Sender
from bot.outbox.service import Outbox
from bot.resources import telegram_bot
from bot.roles import Roles
from bot.settings import Settings
from bot.web import Handler
from bot.when import When
from storage.clock import Clock
from storage.db import Database

Route = tuple[str, str, Handler]  # method, path, handler
Step = Callable[[], Awaitable[object]]
# Entered when this instance begins to lead: it starts what it runs before its `yield` and
# stops it after (in a `finally`: it stops even when something that stopped before it failed).
Lifespan = Callable[[], AbstractAsyncContextManager[object]]


@dataclass(frozen=True)
class Task:
    """A long-running task the app supervises, cancelled when it stops."""

    name: str
    run: Callable[[], Awaitable[None]]


@dataclass
class Wiring:
    settings: Settings
    db: Database
    bot: Bot
    core: Core  # what features' services act with: outbox, texts, clock, zone, learned
    metrics: Metrics
    sender: Sender  # drains the outbox; what features do when a send ends is in `when`
    liveness: Liveness
    scheduler: AsyncIOScheduler
    jobs: JobContext  # what jobs run with: the database, liveness, each feature's context
    chat_events: ChatEvents  # what Telegram says about groups (a move, a refusal)
    tick_seconds: float
    stack: AsyncExitStack  # what was opened, closed in reverse by App.stop
    workflow: dict[str, Any] = field(default_factory=dict)  # what handlers get by name
    routes: list[Route] = field(default_factory=list)
    leading: list[Lifespan] = field(default_factory=list)  # entered in order when leading
    intake: list[Task] = field(default_factory=list)  # started once Telegram answered
    # what features add to /healthz: states it reports, none deciding the instance's health
    health: list[Callable[[], dict[str, Any]]] = field(default_factory=list)

    @property
    def when(self) -> When:
        """Where features say what they do when something happens (`bot/when.py`)."""
        return self.core.when

    def provide(self, name: str, service: object) -> None:
        """A service handlers declare as a parameter called `name`."""
        self.workflow[name] = service

    def while_leading(self, lifespan: Lifespan) -> None:
        """Entered when this instance begins to lead (before serving), on `stack`: left when
        the app stops, after everything entered later."""
        self.leading.append(lifespan)

    def every_tick(self, func: JobFunc, *args: Plain) -> None:
        """A short periodic job, run at start too, instead of a date job per deadline: a date
        job due while the process was down would be dropped, while this one picks up
        everything overdue. It beats on every run, so /healthz sees it stall."""
        self.liveness.beat(beat_name(func), max(self.liveness.stall_after, 3 * self.tick_seconds))
        self.every(beat_name(func), self.tick_seconds, func, *args)

    def every(self, job_id: str, seconds: float, func: JobFunc, *args: Plain) -> None:
        """Every `seconds`, and once at start."""
        self._add(job_id, func, args, "interval", seconds=seconds)

    def cron(self, job_id: str, crontab: str, func: JobFunc, *args: Plain) -> None:
        """At the crontab's times in the business time zone, and once at start: a job that
        keeps what it did in the database catches up a missed run then, and finds nothing to
        do otherwise."""
        zone = self.settings.chats.timezone
        self._add(job_id, func, args, CronTrigger.from_crontab(crontab, timezone=zone))

    def _add(
        self, job_id: str, func: JobFunc, args: tuple[Plain, ...], trigger: Any, **kw: Any
    ) -> None:
        self.scheduler.add_job(
            func,
            trigger,
            args=[self.jobs, *args],
            id=job_id,
            replace_existing=True,
            max_instances=1,
            next_run_time=at_start(),
            **kw,
        )


def at_lead(step: Step) -> Lifespan:
    """A lifespan that does `step` when this instance begins to lead, and nothing at stop."""

    @asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        await step()
        yield

    return lifespan


async def open_wiring(settings: Settings, *, tick_seconds: float, clock: Clock) -> Wiring:
    """Open (and migrate) the database, make the bot, the sender and the core; nothing talks
    to Telegram yet. Raises AlreadyRunning when another process serves the same SQLite file."""
    stack = AsyncExitStack()
    try:
        db = await stack.enter_async_context(opened_database(settings.storage.database, clock))
        bot = await stack.enter_async_context(telegram_bot(settings.telegram))
        return _wiring(settings, db, bot, stack, tick_seconds, clock)
    except BaseException:
        await stack.aclose()
        raise


def _wiring(
    settings: Settings,
    db: Database,
    bot: Bot,
    stack: AsyncExitStack,
    tick_seconds: float,
    clock: Clock,
) -> Wiring:
    metrics = Metrics()
    liveness = Liveness(settings.api.health_stall_after.total_seconds())
    learned = Learned()
    when = When()
    chat_events = ChatEvents(learned, when)
    s = settings.sender
    limits = Limits(
        s.send_global_per_second,
        s.send_private_per_second,
        s.send_private_burst,
        s.send_group_per_minute,
    )
    sender = Sender(
        db,
        bot,
        limits,
        liveness.beat("sender"),
        concurrency=s.send_concurrency,
        request_timeout=s.send_timeout,
        metrics=metrics,
        chat_events=chat_events,
    )
    metrics.outbox_queued.set_function(lambda: float(sender.pacer.queued))
    catalog = Catalog.load(settings.chats.default_language, settings.complaints.segment_names)
    outbox = Outbox(sender)
    staff_t = catalog.bind(settings.chats.staff_language)
    roles = Roles.from_settings(settings)
    core = Core(outbox, catalog, settings.chats.tz, staff_t, learned, clock, when, roles)
    w = Wiring(
        settings=settings,
        db=db,
        bot=bot,
        core=core,
        metrics=metrics,
        sender=sender,
        liveness=liveness,
        scheduler=jobs.build_scheduler(settings.chats.timezone),
        jobs=JobContext(db, liveness),
        chat_events=chat_events,
        tick_seconds=tick_seconds,
        stack=stack,
    )
    w.jobs.add(sender)  # the survey tick waits while the sender has enough to do
    retention = settings.storage.data_retention.total_seconds()
    w.every("prune-old-data", jobs.prune_every(retention), jobs.prune_old_data, retention)
    w.when.started.connect(chat_events.load)  # a group Telegram upgraded while we were away
    for name, service in (
        ("settings", settings),
        ("catalog", catalog),
        ("outbox", outbox),
        ("chat_events", chat_events),
    ):
        w.provide(name, service)
    return w
