"""One connection, serialised transactions, and the unit of work handed to services."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from storage.clock import Clock, utc_now
from storage.repos.business import BusinessRepo
from storage.repos.complaint_sources import ComplaintSourceRepo
from storage.repos.complaints import ComplaintRepo
from storage.repos.conversations import ConversationRepo
from storage.repos.corrective import CorrectiveRepo
from storage.repos.customers import CustomerRepo
from storage.repos.dashboard import DashboardRepo
from storage.repos.desk import DeskRepo
from storage.repos.events import EventRepo
from storage.repos.inbox import InboxRepo
from storage.repos.kv import KvRepo
from storage.repos.mail import MailRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.privacy import PrivacyRepo
from storage.repos.pulse import PulseRepo
from storage.repos.purchases import PurchaseRepo
from storage.repos.referrals import ReferralRepo
from storage.repos.requests import ReportRequestRepo
from storage.repos.saved import SavedRepo
from storage.repos.stats import StatsRepo
from storage.repos.survey_versions import SurveyVersionRepo
from storage.repos.surveys import SurveyRepo
from storage.repos.themes import Tagging, ThemeRepo
from storage.repos.web_links import SurveyLinkRepo
from storage.sql import Conn, DatabaseError, DatabaseUrl
from storage.sql.sqlite import SqliteConn

log = logging.getLogger(__name__)

ATTEMPT_SECONDS = 30.0  # the longest a single database attempt may take before it fails
AfterCommit = Callable[[], Awaitable[None] | None]


class Tx:
    """A transaction in progress: repositories bound to it and hooks to run once it commits."""

    def __init__(self, conn: Conn, clock: Clock, tagging: Tagging | None = None) -> None:
        self.conn = conn
        self.clock = clock
        self._after_commit: list[AfterCommit] = []
        self._savepoints = 0
        self.customers = CustomerRepo(conn, clock)
        self.inbox = InboxRepo(conn)
        self.outbox = OutboxRepo(conn)
        self.kv = KvRepo(conn)
        self.purchases = PurchaseRepo(conn)
        self.themes = ThemeRepo(conn, tagging or Tagging())
        self.surveys = SurveyRepo(conn, clock, self.themes)
        self.survey_versions = SurveyVersionRepo(conn)
        self.complaints = ComplaintRepo(conn, clock, self.themes)
        self.corrective = CorrectiveRepo(conn)
        self.referrals = ReferralRepo(conn)
        self.pulse = PulseRepo(conn)
        self.privacy = PrivacyRepo(conn, clock)
        self.dashboard = DashboardRepo(conn)
        self.desk = DeskRepo(conn)
        self.saved = SavedRepo(conn)
        self.business = BusinessRepo(conn)
        self.events = EventRepo(conn)
        self.survey_links = SurveyLinkRepo(conn, clock)
        self.mail = MailRepo(conn)
        self.conversations = ConversationRepo(conn, clock)
        self.stats = StatsRepo(conn)
        self.complaint_sources = ComplaintSourceRepo(conn)
        self.report_requests = ReportRequestRepo(conn)

    def after_commit(self, hook: AfterCommit) -> None:
        """Run `hook` once the transaction is durable (never if it rolls back)."""
        self._after_commit.append(hook)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """Nested unit that rolls back alone; its after-commit hooks go with it."""
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        hooks_before = len(self._after_commit)
        await self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            await self.conn.execute(f"ROLLBACK TO {name}")
            await self.conn.execute(f"RELEASE {name}")
            del self._after_commit[hooks_before:]
            raise
        await self.conn.execute(f"RELEASE {name}")

    async def run_after_commit(self) -> None:
        for hook in self._after_commit:
            result = hook()
            if result is not None:
                await result
        self._after_commit.clear()


class Streak:
    """Database failures in a row: since when, the latest, and why."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.last: float | None = None
        self.error: str | None = None

    def mark(self, now: float, error: str) -> None:
        if self.since is None:
            self.since = now
        self.last = now
        self.error = error


class Failing:
    """Whether the database's transactions keep failing, since when and why (for /healthz).

    A database error marks it. What ends it depends on the instance: for one that writes (the
    leader) only a committed write, since a full disk still lets reads and empty commits
    through; for a standby, which writes only when the API is called, any read that succeeds
    (its campaign reads every second) is the database reached. A failure nothing has repeated
    for a while is forgotten anyway. Monotonic time: health, not business."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.writing = Streak()  # ended by a committed write
        self.reaching = Streak()  # ended by a committed write or a read that succeeds

    @property
    def since(self) -> float | None:
        return self.writing.since

    @property
    def error(self) -> str | None:
        return self.writing.error

    def saw(self, exc: BaseException) -> None:
        if not isinstance(exc, DatabaseError):
            return  # a bug in the caller's code is not the database failing
        now, error = self.clock(), f"{type(exc).__name__}: {exc}"[:200]
        self.writing.mark(now, error)
        self.reaching.mark(now, error)

    def clear(self) -> None:
        """A write committed: the database works."""
        self.writing = Streak()
        self.reaching = Streak()

    def reached(self) -> None:
        """A read succeeded: the database answers (it may still refuse writes)."""
        if self.reaching.since is not None:
            self.reaching = Streak()

    def for_at_least(self, seconds: float, *, reads_count: bool = False) -> bool:
        """Failing for `seconds` or more, and still failing lately (within `seconds` plus the
        longest one attempt may take: a busy timeout, a connect or statement timeout).
        `reads_count`: a read that succeeded since ends it (a standby's view)."""
        streak = self.reaching if reads_count else self.writing
        if streak.since is None or streak.last is None:
            return False
        now = self.clock()
        return now - streak.since >= seconds and now - streak.last <= seconds + ATTEMPT_SECONDS

    def seconds(self, *, reads_count: bool = False) -> float:
        streak = self.reaching if reads_count else self.writing
        return 0.0 if streak.since is None else self.clock() - streak.since


class Database:
    """The single writer of this process: every transaction takes the lock, so coroutines never
    interleave inside one another's transactions on the one connection."""

    def __init__(self, url: DatabaseUrl | Path | str, clock: Clock = utc_now) -> None:
        if isinstance(url, Path):
            url = DatabaseUrl(f"sqlite:///{url}")
        self.url = url if isinstance(url, DatabaseUrl) else DatabaseUrl(url)
        self.clock = clock  # what repositories stamp rows with (created_at, unreachable_at, …)
        self.failing = Failing()
        self.tagging = Tagging()  # what texts are tagged with as they are written (themes)
        self._conn: Conn | None = None
        self._lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        """The SQLite file (SQLite only)."""
        return self.url.path

    async def connect(self) -> None:
        if self.url.is_sqlite:
            self._conn = await SqliteConn.open(self.url.path)
        else:
            from storage.sql.postgres import PgConn  # the driver only when it is used

            self._conn = await PgConn.open(self.url.url)

    async def close(self) -> None:
        """Close after the transaction in progress, if any, has finished."""
        async with self._lock:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None

    @property
    def conn(self) -> Conn:
        if self._conn is None:
            raise RuntimeError("Database.connect() was not called")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A write transaction; commits on success, rolls back on error."""
        async with self._lock:
            tx = Tx(self.conn, self.clock, self.tagging)
            try:
                await self.conn.begin(write=True)
                yield tx
                wrote = self.conn.writes > 0
                await self.conn.commit()
            except BaseException as exc:
                # Also on cancellation: BEGIN or COMMIT may still be on its way, and a
                # connection left inside a transaction would break every later one.
                self.failing.saw(exc)
                await asyncio.shield(self.conn.rollback())
                raise
            if wrote:  # an empty commit (an idle tick) passes even on a full disk
                self.failing.clear()
        await tx.run_after_commit()

    async def reclaim_space(self) -> int:
        """Give deleted rows' pages back (SQLite's file shrinks), between transactions."""
        async with self._lock:
            try:
                return await self.conn.reclaim_space()
            except BaseException as exc:
                self.failing.saw(exc)
                raise

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A consistent read: same lock, no write lock."""
        async with self._lock:
            try:
                await self.conn.begin(write=False)
                yield Tx(self.conn, self.clock, self.tagging)
            except BaseException as exc:
                self.failing.saw(exc)
                raise
            else:
                self.failing.reached()
            finally:
                await asyncio.shield(self.conn.rollback())  # a read has nothing to keep
