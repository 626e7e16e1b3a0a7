"""The app factory: every object built here, for production, the demo and the tests alike."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import DeleteWebhook, GetChat, SetWebhook
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import jobs
from bot.api.http import bearer_guard
from bot.api.purchases import purchases_handler
from bot.api.stats import responses_handler, stats_handler
from bot.commands import publish_commands
from bot.complaints import posting, relay
from bot.complaints.config import ComplaintConfig
from bot.complaints.opening import on_survey_change
from bot.complaints.staff import StaffDirectory
from bot.i18n import Catalog
from bot.liveness import Liveness, supervise
from bot.metrics import Metrics
from bot.middlewares import ContextMiddleware
from bot.outbox.guard import RefuseDirectSends
from bot.outbox.pacer import Limits
from bot.outbox.responses import HoldResponseModels
from bot.outbox.sender import Sender
from bot.outbox.service import Outbox
from bot.reports.config import ReportConfig
from bot.reports.ondemand import OnDemand
from bot.settings import Settings
from bot.surveys.config import SurveyConfig
from bot.surveys.steps import remember_message
from bot.updates.poller import ALLOWED_UPDATES, Poller
from bot.updates.processor import Processor
from bot.updates.webhook import webhook_handler
from bot.web import init_web
from handlers import routers
from storage.db import Database
from storage.lock import InstanceLock
from storage.migrate import migrate
from storage.states import Purpose

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    db: Database
    bot: Bot
    dp: Dispatcher
    catalog: Catalog
    metrics: Metrics
    outbox: Outbox
    sender: Sender
    processor: Processor
    poller: Poller | None
    http: web.Application
    scheduler: AsyncIOScheduler
    surveys: SurveyConfig
    complaints: ComplaintConfig
    reports: ReportConfig
    ondemand: OnDemand
    staff: StaffDirectory
    liveness: Liveness
    lock: InstanceLock | None
    id: str
    port: int | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _stopping: bool = False
    connected: asyncio.Event = field(default_factory=asyncio.Event)  # Telegram answered getMe

    async def start(self) -> None:
        """Start serving: restore the outbox, process the inbox, listen, schedule."""
        jobs.REGISTRY[self.id] = self
        async with self.db.read() as tx:  # deep links work before Telegram answers getMe
            self.surveys.bot_username = await tx.kv.get("bot_username") or "YOUR_BOT"
        restored = await self.sender.restore()
        if restored:
            log.info("outbox: %d messages still owed to Telegram, sending", restored)
        self._spawn("sender", self.sender.run)
        self._spawn("processor", self.processor.run)
        self._runner = web.AppRunner(self.http, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.api.api_host, self.settings.api.api_port)
        await site.start()
        self.port = self._runner.addresses[0][1] if self._runner.addresses else None
        await publish_commands(self.db, self.outbox, self.catalog)
        # Telegram may be unreachable right now; the API and the queues work regardless.
        self._spawn("telegram", self._connect_telegram, once=True)
        self.scheduler.start()
        log.info(
            "bot started (%s mode), API on port %s",
            "webhook" if self.settings.telegram.webhook_url else "polling",
            self.port,
        )

    async def _connect_telegram(self) -> None:
        """getMe and set (or delete) the webhook, then poll. Run under the supervisor: any
        failure (no network, a 5xx, a proxy's HTML page, a locked database) is tried again."""
        tg = self.settings.telegram
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
        self.surveys.bot_username = me.username or self.surveys.bot_username
        self.complaints.forum = await self._staff_chat_is_forum()
        async with self.db.transaction() as tx:  # for deep links at the next start and the CLI
            await tx.kv.set("bot_username", self.surveys.bot_username)
        self.connected.set()
        if self.poller is not None:
            self._spawn("poller", self.poller.run)

    async def _staff_chat_is_forum(self) -> bool:
        """Forum supergroups get a topic per complaint; anything else gets replies to cards."""
        try:
            chat = await self.bot(GetChat(chat_id=self.complaints.staff_chat_id))
        except Exception as exc:  # noqa: BLE001 - e.g. not in the group yet: cards still queue
            log.warning("staff chat not readable (%s); cards go to its main thread", exc)
            return False
        return bool(chat.is_forum)

    def _spawn(self, name: str, run: Callable[[], Awaitable[None]], once: bool = False) -> None:
        """A long-running task under the supervisor: restarted whenever it fails."""
        beat = self.liveness.beat(name)
        task = asyncio.create_task(
            supervise(beat, run, lambda: self._stopping, once=once), name=name
        )
        self._tasks.append(task)

    async def stop(self) -> None:
        """Stop taking work, let the sender finish what is in flight, close everything."""
        self._stopping = True
        jobs.REGISTRY.pop(self.id, None)  # a job still running sees this and stops
        if self.poller is not None:
            self.poller.stop()
        self.processor.stop()
        self.sender.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in self._tasks:
            if task.get_name() in ("telegram", "poller"):  # a parked long poll: cut it short
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.ondemand.stop()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.bot.session.close()
        await self.db.close()
        if self.lock is not None:
            self.lock.release()


async def create_app(
    settings: Settings, *, poll_timeout: int = 25, tick_seconds: float = 5.0
) -> App:
    """Build (and migrate) everything; nothing talks to Telegram until `App.start()`.

    Raises AlreadyRunning when another process serves the same database file."""
    db = Database(settings.storage.database_path)
    lock = None if db.path == Path(":memory:") else InstanceLock(db.path)
    if lock is not None:
        lock.acquire()
    try:
        await db.connect()
        await migrate(db.conn)
        async with (
            db.transaction()
        ):  # a read-only or full disk says so now, not at the first update
            pass
    except BaseException:
        await db.close()
        if lock is not None:
            lock.release()
        raise

    tg = settings.telegram
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg.telegram_api_url))
    session.middleware(RefuseDirectSends())
    session.middleware(HoldResponseModels())
    bot = Bot(tg.bot_token.get_secret_value(), session=session)
    catalog = Catalog.load(settings.chats.default_language)
    metrics = Metrics()
    liveness = Liveness(settings.api.health_stall_after.total_seconds())
    for tick in (jobs.survey_tick, jobs.complaint_tick):  # an interval job beats every run
        liveness.beat(jobs.beat_name(tick), max(liveness.stall_after, 3 * tick_seconds))
    s = settings.sender
    sender = Sender(
        db,
        bot,
        Limits(
            s.send_global_per_second,
            s.send_private_per_second,
            s.send_private_burst,
            s.send_group_per_minute,
        ),
        liveness.beat("sender"),
        concurrency=s.send_concurrency,
        request_timeout=s.send_timeout,
        metrics=metrics,
    )
    outbox = Outbox(sender)
    surveys = SurveyConfig.from_settings(settings, catalog, outbox)
    sender.hooks[Purpose.SURVEY_MESSAGE] = remember_message
    complaints = ComplaintConfig.from_settings(settings, surveys)
    surveys.listeners.append(lambda tx, survey_id: on_survey_change(tx, complaints, survey_id))
    sender.hooks[Purpose.CARD] = partial(posting.on_card_sent, complaints)
    sender.hooks[Purpose.TOPIC] = partial(posting.on_topic_created, complaints)
    sender.failure_hooks[Purpose.TOPIC] = partial(posting.on_topic_failed, complaints)
    sender.hooks[Purpose.STAFF_LINK] = partial(posting.on_staff_message, complaints)
    sender.failure_hooks[Purpose.TO_CUSTOMER] = partial(relay.on_reply_failed, complaints)
    staff = StaffDirectory(bot, complaints)
    reports = ReportConfig.from_settings(settings, complaints)
    ondemand = OnDemand(db, reports)
    metrics.outbox_queued.set_function(lambda: float(sender.pacer.queued))

    dp = Dispatcher(
        disable_fsm=True,
        settings=settings,
        outbox=outbox,
        catalog=catalog,
        surveys=surveys,
        complaints=complaints,
        reports=reports,
        ondemand=ondemand,
        staff=staff,
        liveness=liveness,
        lock=lock,
    )
    dp.update.outer_middleware(ContextMiddleware(catalog, settings.chats.staff_language, surveys))
    dp.include_routers(*routers())

    processor = Processor(db, dp, bot, metrics, liveness.beat("processor"))
    poller = None
    token = settings.api.api_token.get_secret_value() if settings.api.api_token else None
    guard = bearer_guard(token)
    routes = [
        ("POST", "/api/v1/purchases", guard(purchases_handler(db, surveys))),
        ("GET", "/api/v1/stats", guard(stats_handler(db, reports))),
        ("GET", "/api/v1/responses", guard(responses_handler(db))),
    ]
    if tg.webhook_url:
        secret = tg.webhook_secret.get_secret_value() if tg.webhook_secret else ""
        path = urlsplit(tg.webhook_url).path or "/"
        routes.append(("POST", path, webhook_handler(db, secret, metrics, processor.wake)))
    else:
        poller = Poller(
            bot, db, metrics, processor.wake, liveness.beat("poller"), timeout=poll_timeout
        )
    app_id = uuid.uuid4().hex
    return App(
        id=app_id,
        settings=settings,
        db=db,
        bot=bot,
        dp=dp,
        catalog=catalog,
        metrics=metrics,
        outbox=outbox,
        sender=sender,
        processor=processor,
        poller=poller,
        http=init_web(db, metrics, liveness, routes),
        scheduler=jobs.build_scheduler(
            app_id,
            settings.chats.timezone,
            tick_seconds,
            settings.rules.weekly_digest_cron,
            settings.rules.daily_digest_cron,
        ),
        surveys=surveys,
        complaints=complaints,
        reports=reports,
        ondemand=ondemand,
        staff=staff,
        liveness=liveness,
        lock=lock,
    )
