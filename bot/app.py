"""The app factory: every object built here, for production, the demo and the tests alike."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import DeleteWebhook, SetWebhook
from aiohttp import web

from bot.api import feature as api_feature
from bot.business import feature as business_feature
from bot.commands import publish_commands
from bot.complaints import feature as complaints_feature
from bot.complaints.config import Complaints
from bot.dashboard import feature as dashboard_feature
from bot.events import feature as events_feature
from bot.leadership import TAKEOVER_PAUSE, Leadership
from bot.learned import UNKNOWN_USERNAME
from bot.liveness import supervise
from bot.mail import feature as mail_feature
from bot.metrics import Metrics
from bot.middlewares import ContextMiddleware
from bot.outbox.sender import Sender
from bot.outbox.service import Outbox
from bot.pulse import feature as pulse_feature
from bot.reports import feature as reports_feature
from bot.reports.config import Reports
from bot.settings import Settings
from bot.surveys import feature as surveys_feature
from bot.surveys.config import Surveys
from bot.themes import feature as themes_feature
from bot.updates import feature as updates_feature
from bot.updates.poller import ALLOWED_UPDATES
from bot.updates.processor import Processor
from bot.web import init_web
from bot.webchannel import feature as webchannel_feature
from bot.wiring import Wiring, open_wiring
from handlers import routers
from storage.clock import Clock, utc_now
from storage.db import Database

log = logging.getLogger(__name__)


async def create_app(
    settings: Settings,
    *,
    poll_timeout: int = 25,
    tick_seconds: float = 5.0,
    clock: Clock = utc_now,
) -> App:
    """Build (and migrate) everything; nothing talks to Telegram until `App.start()`: the core,
    then each feature installing itself into it, then the intake that feeds their handlers.
    Raises AlreadyRunning when another process serves the same database file."""
    w = await open_wiring(settings, tick_seconds=tick_seconds, clock=clock)
    try:
        surveys = surveys_feature.install(w)
        complaints = complaints_feature.install(w, surveys)
        business_feature.install(w)
        reports = reports_feature.install(w, complaints)
        pulse_feature.install(w)
        themes_feature.install(w)
        events_feature.install(w, surveys)
        api_feature.install(w, surveys, reports)
        dashboard_feature.install(w, complaints, reports, surveys.design)
        mailer = mail_feature.install(w, w.core)
        webchannel_feature.install(w, surveys, complaints, mailer)
        processor = updates_feature.install(w, dispatcher(w), poll_timeout=poll_timeout)
    except BaseException:
        await w.stack.aclose()
        raise
    return App(w, Features(surveys, complaints, reports), processor)


def dispatcher(w: Wiring) -> Dispatcher:
    """aiogram's dispatcher over every audience's handlers, with what the features provide."""
    dp = Dispatcher(disable_fsm=True, **w.workflow)
    language = w.settings.chats.staff_language
    dp.update.outer_middleware(ContextMiddleware(w.core.catalog, language, w.when.first_contact))
    dp.include_routers(*routers())
    return dp


@dataclass(frozen=True)
class Features:
    surveys: Surveys
    complaints: Complaints
    reports: Reports


class App:
    """One process of the bot. Every instance serves HTTP; the leader (the only one on SQLite)
    also polls, processes, sends and runs the scheduled jobs. What it opens and starts is
    closed in reverse order by `stop`."""

    def __init__(self, w: Wiring, features: Features, processor: Processor) -> None:
        self.wiring = w
        self.surveys, self.complaints, self.reports = (
            features.surveys,
            features.complaints,
            features.reports,
        )
        self.processor = processor
        self.leadership = Leadership(w.db)
        self.http = init_web(
            w.db,
            w.metrics,
            w.liveness,
            w.routes,
            role=lambda: self.leadership.role,
            chats=self._reported,
            db_fail_after=w.settings.api.health_db_fail_after.total_seconds(),
        )
        self.port: int | None = None
        self.connected = asyncio.Event()  # Telegram answered getMe
        self.stopped = False
        self._runner: web.AppRunner | None = None

    def _reported(self) -> dict[str, Any]:
        """For /healthz, besides the tasks and queues: the team's chats, what features add."""
        report = chats_report(self.complaints, self.reports)
        for part in self.wiring.health:
            report |= part()
        return report

    @property
    def settings(self) -> Settings:
        return self.wiring.settings

    @property
    def db(self) -> Database:
        return self.wiring.db

    @property
    def bot(self) -> Bot:
        return self.wiring.bot

    @property
    def sender(self) -> Sender:
        return self.wiring.sender

    @property
    def outbox(self) -> Outbox:
        return self.wiring.core.outbox

    @property
    def metrics(self) -> Metrics:
        return self.wiring.metrics

    async def start(self) -> None:
        """Start serving: restore the outbox, process the inbox, listen, schedule. An instance
        sharing PostgreSQL with a leader serves HTTP only and takes over when it can."""
        async with self.db.read() as tx:  # deep links work before Telegram answers getMe
            username = await tx.kv.get("bot_username")
            self.wiring.core.learned.bot_username = username or UNKNOWN_USERNAME
            await self.wiring.when.started.send(tx)
        if await self.leadership.try_lead():
            await self._lead()
            return
        self.wiring.liveness.stand_by()
        await self._listen()
        log.info(
            "standby (API on port %s): another instance leads; taking over when it stops",
            self.port,
        )
        await self._spawn("standby", self._take_over, once=True)

    async def _take_over(self) -> None:
        await self.leadership.campaign(self.wiring.liveness.beat("standby"))
        # Telegram's limits count per bot: the old leader's sends of its last second still do.
        await asyncio.sleep(TAKEOVER_PAUSE)
        try:
            await self._lead()
        except Exception:  # half led is worse than not at all: start again as a standby
            log.critical("taking over failed", exc_info=True)
            self.leadership.on_lost()

    async def _listen(self) -> None:
        """The HTTP server: API, /healthz, /metrics and the webhook, on every instance."""
        if self._runner is not None:
            return
        runner = await self.wiring.stack.enter_async_context(self._serving())
        self._runner = runner
        api = self.settings.api
        await web.TCPSite(runner, api.api_host, api.api_port).start()
        self.port = runner.addresses[0][1] if runner.addresses else None

    @asynccontextmanager
    async def _serving(self) -> AsyncIterator[web.AppRunner]:
        runner = web.AppRunner(self.http, access_log=None)
        await runner.setup()
        try:
            yield runner
        finally:
            await runner.cleanup()

    async def _lead(self) -> None:
        """Everything that must run in one instance only: polling, processing, sending, the
        scheduled jobs. Each is entered on the stack, so it stops before what it needs."""
        w, stack = self.wiring, self.wiring.stack
        w.liveness.lead()
        for lifespan in w.leading:
            await stack.enter_async_context(lifespan())
        restored = await self.sender.restore()
        if restored:
            log.info("outbox: %d messages still owed to Telegram, sending", restored)
        await self._spawn("sender", self.sender.run, stop=self.sender.stop)
        await self._spawn("processor", self.processor.run, stop=self.processor.stop)
        await self._listen()
        if not self.db.url.is_sqlite:
            beat = w.liveness.beat("leadership")
            await self._spawn("leadership", lambda: self.leadership.keep(beat), once=True)
        await publish_commands(self.db, self.outbox, w.core.catalog, self.complaints)
        # Telegram may be unreachable right now; the API and the queues work regardless.
        await self._spawn("telegram", self._connect_telegram, once=True)
        await stack.enter_async_context(self._scheduling())
        log.info(
            "bot started (%s mode), API on port %s",
            "webhook" if self.settings.telegram.webhook_url else "polling",
            self.port,
        )

    @asynccontextmanager
    async def _scheduling(self) -> AsyncIterator[None]:
        jobs, scheduler = self.wiring.jobs, self.wiring.scheduler
        jobs.running = True
        scheduler.start()
        try:
            yield
        finally:
            jobs.running = False  # a job still running sees this and stops
            scheduler.shutdown(wait=False)

    async def _connect_telegram(self) -> None:
        """getMe and set (or delete) the webhook, tell the features, then take updates in. Run
        under the supervisor: any failure (no network, a 5xx, a proxy's HTML page, a locked
        database) is tried again."""
        tg, learned = self.settings.telegram, self.wiring.core.learned
        me = await self.bot.me()
        if tg.webhook_url:
            secret = tg.webhook_secret.get_secret_value() if tg.webhook_secret else None
            await self.bot(
                SetWebhook(
                    url=tg.webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES
                )
            )
        else:
            await self.bot(DeleteWebhook(drop_pending_updates=False))
        learned.bot_username = me.username or learned.bot_username
        await self.wiring.when.connected.send(me)
        async with self.db.transaction() as tx:  # for deep links at the next start and the CLI
            await tx.kv.set("bot_username", learned.bot_username)
        self.connected.set()
        for task in self.wiring.intake:
            await self._spawn(task.name, task.run)

    async def _spawn(
        self,
        name: str,
        run: Callable[[], Awaitable[None]],
        *,
        once: bool = False,
        stop: Callable[[], None] | None = None,
    ) -> None:
        """A long-running task under the supervisor, on the stack."""
        await self.wiring.stack.enter_async_context(self._supervised(name, run, once, stop))

    @asynccontextmanager
    async def _supervised(
        self,
        name: str,
        run: Callable[[], Awaitable[None]],
        once: bool,
        stop: Callable[[], None] | None,
    ) -> AsyncIterator[None]:
        """Restarted whenever it fails. At the app's stop, asked to finish what it is doing
        (`stop`), or cancelled (a task that only waits)."""
        beat = self.wiring.liveness.beat(name)
        task = asyncio.create_task(
            supervise(beat, run, lambda: self.stopped, once=once), name=name
        )
        try:
            yield
        finally:
            if stop is None:
                task.cancel()
            else:
                stop()
            await asyncio.gather(task, return_exceptions=True)

    async def stop(self) -> None:
        """Stop taking work, let the sender finish what is in flight, close everything: what
        was opened and started, in reverse order. Stopping twice does nothing."""
        if self.stopped:
            return
        self.stopped = True
        await self.wiring.stack.aclose()


def chats_report(complaints: Complaints, reports: Reports) -> dict[str, Any]:
    """For /healthz: the chats the bot writes to for the team, as Telegram knows them now."""
    staff: dict[str, Any] = {
        "id": complaints.staff_chat_id,
        "setting": complaints.config.staff_chat_setting,
        "reachable": complaints.staff_chat_lost is None,
    }
    if complaints.staff_chat_lost:
        staff["problem"] = complaints.staff_chat_lost
    report: dict[str, Any] = {"staff_chat": staff}
    if reports.config.digest_chat_setting is not None:
        digest = {"id": reports.digest_chat_id, "setting": reports.config.digest_chat_setting}
        report["digest_chat"] = digest
    return report
