"""The app factory: every object built here, for production, the demo and the tests alike."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
)
from aiogram.methods import DeleteWebhook, GetChat, GetChatMember, SetWebhook
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import jobs
from bot.api import feature as api_feature
from bot.chatevents import ChatEvents
from bot.commands import publish_commands
from bot.complaints import access
from bot.complaints import feature as complaints_feature
from bot.complaints.config import ComplaintConfig
from bot.i18n import Catalog, duration
from bot.leadership import TAKEOVER_PAUSE, Leadership
from bot.learned import UNKNOWN_USERNAME, Learned
from bot.liveness import Liveness, supervise
from bot.metrics import Metrics
from bot.middlewares import ContextMiddleware
from bot.outbox.pacer import Limits
from bot.outbox.sender import Sender
from bot.outbox.service import Outbox
from bot.pulse import feature as pulse_feature
from bot.reports import feature as reports_feature
from bot.reports.config import ReportConfig
from bot.resources import open_database, telegram_bot
from bot.settings import Settings
from bot.surveys import feature as surveys_feature
from bot.surveys.config import SurveyConfig
from bot.updates.poller import ALLOWED_UPDATES, Poller
from bot.updates.processor import Processor
from bot.updates.webhook import webhook_handler
from bot.web import init_web
from bot.wiring import Wiring
from handlers import routers
from storage.clock import Clock, utc_now
from storage.db import Database
from storage.lock import InstanceLock

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
    liveness: Liveness
    learned: Learned
    chat_events: ChatEvents
    lock: InstanceLock | None
    leadership: Leadership
    id: str
    services: list[object]  # what its jobs find while it runs
    on_start: list[Callable[[], Awaitable[object]]]
    on_stop: list[Callable[[], Awaitable[None]]]
    port: int | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _stopping: bool = False
    connected: asyncio.Event = field(default_factory=asyncio.Event)  # Telegram answered getMe

    async def start(self) -> None:
        """Start serving: restore the outbox, process the inbox, listen, schedule. An instance
        sharing PostgreSQL with a leader serves HTTP only and takes over when it can."""
        async with self.db.read() as tx:  # deep links work before Telegram answers getMe
            self.learned.bot_username = await tx.kv.get("bot_username") or UNKNOWN_USERNAME
            await self.chat_events.load(tx)  # a group Telegram upgraded while we were away
            await access.load(tx, self.complaints)  # or one that removed the bot
        if await self.leadership.try_lead():
            await self._lead()
            return
        self.liveness.stand_by()
        await self._listen()
        log.info(
            "standby (API on port %s): another instance leads; taking over when it stops",
            self.port,
        )
        self._spawn("standby", self._take_over, once=True)

    async def _take_over(self) -> None:
        await self.leadership.campaign(self.liveness.beat("standby"))
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
        self._runner = web.AppRunner(self.http, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.api.api_host, self.settings.api.api_port)
        await site.start()
        self.port = self._runner.addresses[0][1] if self._runner.addresses else None

    async def _lead(self) -> None:
        """Everything that must run in one instance only: polling, processing, sending, the
        scheduled jobs."""
        self.liveness.lead()
        for prepare in self.on_start:
            await prepare()
        jobs.register(self.id, self.services)
        restored = await self.sender.restore()
        if restored:
            log.info("outbox: %d messages still owed to Telegram, sending", restored)
        self._spawn("sender", self.sender.run)
        self._spawn("processor", self.processor.run)
        await self._listen()
        if not self.db.url.is_sqlite:
            beat = self.liveness.beat("leadership")
            self._spawn("leadership", lambda: self.leadership.keep(beat), once=True)
        await publish_commands(self.db, self.outbox, self.catalog, self.complaints)
        # Telegram may be unreachable right now; the API and the queues work regardless.
        self._spawn("telegram", self._connect_telegram, once=True)
        self.scheduler.start()
        rules = self.settings.rules
        counted, english = rules.business_hours, self.catalog.bind("en")
        log.info(
            "SLA: take within %s, resolve within %s, counted %s (%s)",
            duration(english, rules.sla_take.total_seconds()),  # never days: 24 business
            duration(english, rules.sla_resolve.total_seconds()),  # hours are not a day
            "round the clock" if counted.week is None else f"in business hours {counted}",
            self.settings.chats.timezone,
        )
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
        self.learned.bot_username = me.username or self.learned.bot_username
        self.learned.staff_chat_is_forum = await self._staff_chat_is_forum()
        if not me.can_read_all_group_messages and not self.complaints.staff_chat_lost:
            await self._check_privacy(me.id)
        async with self.db.transaction() as tx:  # for deep links at the next start and the CLI
            await tx.kv.set("bot_username", self.learned.bot_username)
        self.connected.set()
        if self.poller is not None:
            self._spawn("poller", self.poller.run)

    async def _staff_chat_is_forum(self) -> bool:
        """Forum supergroups get a topic per complaint; anything else gets replies to cards.
        A chat Telegram says the bot cannot use (a wrong STAFF_CHAT_ID, the bot not in the
        group) is reported to the owners and managers now, not at the first complaint."""
        try:
            chat = await self.bot(GetChat(chat_id=self.complaints.staff_chat_id))
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            log.error("staff chat %s not usable: %s", self.complaints.staff_chat_id, exc.message)
            async with self.db.transaction() as tx:
                await access.lost(tx, self.complaints, exc.message)
            return False
        except TelegramMigrateToChat as exc:
            async with self.db.transaction() as tx:
                old, new = self.complaints.staff_chat_id, exc.migrate_to_chat_id
                await self.chat_events.record(tx, old, new)
            return await self._staff_chat_is_forum()
        except Exception as exc:  # noqa: BLE001 - e.g. Telegram slow: cards still queue
            log.warning("staff chat not readable (%s); cards go to its main thread", exc)
            return False
        if self.complaints.staff_chat_lost:
            async with self.db.transaction() as tx:
                await access.back(tx, self.complaints)
        return bool(chat.is_forum)

    async def _check_privacy(self, bot_id: int) -> None:
        """BotFather's privacy mode on: in the staff group the bot sees commands and replies
        to its own messages, but not what staff write in a complaint's topic, unless it is an
        administrator there. Said to the owners once, and logged at every start."""
        chat = self.complaints.staff_chat_id
        try:
            member = await self.bot(GetChatMember(chat_id=chat, user_id=bot_id))
        except TelegramAPIError as exc:
            log.warning("could not ask Telegram whether the bot is an admin: %s", exc.message)
            return
        if member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.CREATOR):
            return
        async with self.db.transaction() as tx:
            await access.privacy_blind(tx, self.complaints)

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
        jobs.unregister(self.id)  # a job still running sees this and stops
        if self.poller is not None:
            self.poller.stop()
        self.processor.stop()
        self.sender.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in self._tasks:
            if task.get_name() in ("telegram", "poller", "standby", "leadership"):  # waiting
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for cleanup in self.on_stop:
            await cleanup()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.bot.session.close()
        await self.db.close()
        if self.lock is not None:
            self.lock.release()


def chats_report(complaints: ComplaintConfig, reports: ReportConfig) -> dict[str, Any]:
    """For /healthz: the chats the bot writes to for the team, as Telegram knows them now."""
    staff: dict[str, Any] = {
        "id": complaints.staff_chat_id,
        "setting": complaints.staff_chat_setting,
        "reachable": complaints.staff_chat_lost is None,
    }
    if complaints.staff_chat_lost:
        staff["problem"] = complaints.staff_chat_lost
    report: dict[str, Any] = {"staff_chat": staff}
    if reports.digest_chat_setting is not None:
        digest = {"id": reports.digest_chat_id, "setting": reports.digest_chat_setting}
        report["digest_chat"] = digest
    return report


async def create_app(
    settings: Settings,
    *,
    poll_timeout: int = 25,
    tick_seconds: float = 5.0,
    clock: Clock = utc_now,
) -> App:
    """Build (and migrate) everything; nothing talks to Telegram until `App.start()`.

    The core (database, bot, outbox, liveness, scheduler) first; then each feature installs
    itself into it; then the dispatcher and the HTTP app with what the features provided.
    Raises AlreadyRunning when another process serves the same database file."""
    db, lock = await open_database(settings.storage.database, clock)
    tg = settings.telegram
    bot = telegram_bot(tg)
    catalog = Catalog.load(settings.chats.default_language, settings.complaints.segment_names)
    metrics = Metrics()
    liveness = Liveness(settings.api.health_stall_after.total_seconds())
    learned = Learned()
    chat_events = ChatEvents(learned)
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
        chat_events=chat_events,
    )
    metrics.outbox_queued.set_function(lambda: float(sender.pacer.queued))
    app_id = uuid.uuid4().hex
    retention = jobs.Retention(settings.storage.data_retention.total_seconds())
    w = Wiring(
        app_id=app_id,
        settings=settings,
        db=db,
        bot=bot,
        catalog=catalog,
        outbox=Outbox(sender),
        sender=sender,
        liveness=liveness,
        scheduler=jobs.build_scheduler(app_id, settings.chats.timezone, retention),
        learned=learned,
        chat_events=chat_events,
        clock=clock,
        tick_seconds=tick_seconds,
    )
    for name, service in (
        ("settings", settings),
        ("catalog", catalog),
        ("outbox", w.outbox),
        ("chat_events", chat_events),
    ):
        w.provide(name, service)
    w.services += [db, sender, liveness, retention]  # for jobs
    surveys = surveys_feature.install(w)
    complaints = complaints_feature.install(w, surveys)
    reports = reports_feature.install(w, complaints)
    pulse_feature.install(w, complaints)
    api_feature.install(w, surveys, reports)

    dp = Dispatcher(disable_fsm=True, **w.workflow)
    dp.update.outer_middleware(ContextMiddleware(catalog, settings.chats.staff_language, surveys))
    dp.include_routers(*routers())
    # Updates may also arrive through another instance's webhook: look for them often.
    idle_check = 5.0 if db.url.is_sqlite else 0.5
    processor = Processor(db, dp, bot, metrics, liveness.beat("processor"), idle_check=idle_check)
    leadership = Leadership(db)
    poller = None
    if tg.webhook_url:
        secret = tg.webhook_secret.get_secret_value() if tg.webhook_secret else ""
        path = urlsplit(tg.webhook_url).path or "/"
        w.routes.append(("POST", path, webhook_handler(db, secret, metrics, processor.wake)))
    else:
        poller = Poller(
            bot,
            db,
            metrics,
            processor.wake,
            # A long poll is progress only when it returns: never "stuck" within one.
            liveness.beat("poller", max(liveness.stall_after, poll_timeout + 5.0)),
            timeout=poll_timeout,
        )
    return App(
        id=app_id,
        settings=settings,
        db=db,
        bot=bot,
        dp=dp,
        catalog=catalog,
        metrics=metrics,
        outbox=w.outbox,
        sender=sender,
        processor=processor,
        poller=poller,
        http=init_web(
            db,
            metrics,
            liveness,
            w.routes,
            role=lambda: leadership.role,
            chats=lambda: chats_report(complaints, reports),
            db_fail_after=settings.api.health_db_fail_after.total_seconds(),
        ),
        scheduler=w.scheduler,
        surveys=surveys,
        complaints=complaints,
        reports=reports,
        liveness=liveness,
        learned=w.learned,
        chat_events=chat_events,
        lock=lock,
        leadership=leadership,
        services=w.services,
        on_start=w.on_start,
        on_stop=w.on_stop,
    )
