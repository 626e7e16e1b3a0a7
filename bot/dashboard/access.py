"""Who may open the owners' dashboard, and how they sign in.

Two ways in: inside Telegram, the Mini App's launch data (`initdata.py`); in any browser, a
one-time link (`/dashboard` in an owner's private chat, or `python -m bot dashboard-link`),
valid ten minutes, used once. Either gives a session: a random cookie whose SHA-256 is kept in
the database (any instance serves it; it survives restarts; signing out revokes it). Owners
and managers may sign in; the role is checked again on every request, so someone removed from
OWNER_IDS and MANAGER_IDS is out at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.dashboard.initdata import MAX_AGE, InitDataError, verify
from bot.roles import Roles
from bot.settings import Network, Settings
from storage.clock import Clock
from storage.db import Database, Tx
from storage.repos.dashboard import DashboardSession

if TYPE_CHECKING:  # aiogram takes seconds to import; see bot/when.py
    from aiogram.methods import TelegramMethod

LINK_TTL = timedelta(minutes=10)
UNMINTED = "(made-as-it-is-sent)"  # stands for the token in a queued message
SESSION_TTL = timedelta(days=7)
LAUNCH_MEMORY = timedelta(seconds=MAX_AGE + 120)  # launch data is accepted up to MAX_AGE
ATTEMPTS_PER_MINUTE = 10  # failed sign-ins per client address, on each instance


class NotAllowed(Exception):
    """A valid person who is neither an owner nor a manager."""


@dataclass(frozen=True)
class SignedIn:
    cookie: str  # the session's secret, for the browser only
    session: DashboardSession


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class DashboardConfig:
    bot_token: str  # what Telegram signs a Mini App's launch data with
    base_url: str | None  # the public URL of /app; None: none set, no link to send
    trusted_proxies: Sequence[Network] = ()  # whose X-Forwarded-For names the client

    @classmethod
    def from_settings(cls, settings: Settings) -> DashboardConfig:
        """DASHBOARD_URL is PUBLIC_URL + /app by default. None when neither is set: this
        server's own address (127.0.0.1:8080) works on no owner's phone."""
        api = settings.api
        token = settings.telegram.bot_token.get_secret_value()
        return cls(token, api.dashboard_url, api.trusted_proxies)


class Dashboard:
    def __init__(self, db: Database, config: DashboardConfig, roles: Roles, clock: Clock) -> None:
        self.db = db
        self.config = config
        self.roles = roles  # asked on every request: the settings decide, not the session
        self.clock = clock
        self._attempts: dict[str, deque[float]] = {}

    async def link(self, tx: Tx, user_id: int) -> str:
        """A one-time sign-in URL for an owner or manager (NotAllowed for anyone else),
        stored in `tx` (only its token's digest). Without a public address only its path."""
        if self.roles.role_of(user_id) is None:
            raise NotAllowed(user_id)
        token = secrets.token_urlsafe(32)
        now = self.clock()
        await tx.dashboard.add_link(digest(token), user_id, now, now + LINK_TTL)
        return f"{self.config.base_url or '/app'}/login?token={token}"

    def unminted_link(self) -> str:
        """What a queued /dashboard message says where its link goes: the sender replaces it
        with a fresh link as it hands the message to Telegram (`mint_into`)."""
        return f"{self.config.base_url or '/app'}/login?token={UNMINTED}"

    async def mint_into(self, user_id: int, method: TelegramMethod[Any]) -> TelegramMethod[Any]:
        """The queued message with a new link in place of `unminted_link()`. So no usable
        link is ever stored: the outbox (and so a backup) keeps only the placeholder, the
        database only the token's digest. A retry mints another; an unsent one expires."""
        text = getattr(method, "text", None)
        if not isinstance(text, str) or self.unminted_link() not in text:
            raise ValueError("no place for the sign-in link in the message")
        try:
            async with self.db.transaction() as tx:
                url = await self.link(tx, user_id)
        except NotAllowed:
            raise ValueError("no longer an owner or a manager: no sign-in link") from None
        return method.model_copy(update={"text": text.replace(self.unminted_link(), url)})

    async def link_good(self, token: str) -> bool:
        """Would the link sign someone in? It stays unused: a page that only shows the
        sign-in button is what a link preview or a scanner fetches."""
        async with self.db.read() as tx:
            user_id = await tx.dashboard.link_user(digest(token), self.clock())
        return user_id is not None and self.roles.role_of(user_id) is not None

    async def from_link(self, token: str) -> SignedIn | None:
        """The link's session; None for an unknown, used or expired link (or a person no
        longer allowed)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            user_id = await tx.dashboard.use_link(digest(token), now)
        if user_id is None or self.roles.role_of(user_id) is None:
            return None
        return await self._open(user_id, "link")

    async def from_telegram(self, init_data: str) -> SignedIn:
        """Raises InitDataError (not Telegram's, or stale) or NotAllowed."""
        launch = verify(init_data, self.config.bot_token, time.time())
        if self.roles.role_of(launch.user_id) is None:
            raise NotAllowed(launch.user_id)
        now = self.clock()
        async with self.db.transaction() as tx:
            # Remembered for as long as the launch data is accepted: a copied launch (a
            # proxy's log, a shared screen) opens no second session.
            remember = now + LAUNCH_MEMORY
            key = digest(f"launch:{launch.signature}")
            if not await tx.dashboard.use_launch(key, launch.user_id, now, remember):
                raise InitDataError("this launch was used already; open the dashboard again")
            return await self._open_in(tx, launch.user_id, "telegram")

    async def _open(self, user_id: int, via: str) -> SignedIn:
        async with self.db.transaction() as tx:
            return await self._open_in(tx, user_id, via)

    async def _open_in(self, tx: Tx, user_id: int, via: str) -> SignedIn:
        role = self.roles.role_of(user_id)
        assert role is not None
        cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        now = self.clock()
        expires = now + SESSION_TTL
        sid = await tx.dashboard.add_session(
            digest(cookie), user_id, role, csrf, now, expires, via
        )
        return SignedIn(cookie, DashboardSession(sid, user_id, role, csrf, expires))

    async def session(self, cookie: str | None) -> DashboardSession | None:
        """The valid session this cookie opens, with the person's role as it is now."""
        if not cookie:
            return None
        async with self.db.read() as tx:
            found = await tx.dashboard.session(digest(cookie), self.clock())
        role = None if found is None else self.roles.role_of(found.user_id)
        if found is None or role is None:
            return None
        # The settings decide, never the role stored at sign-in: a demoted owner is a
        # manager from their next request on.
        return replace(found, role=role)

    async def sign_out(self, session: DashboardSession) -> None:
        async with self.db.transaction() as tx:
            await tx.dashboard.revoke(session.id, self.clock())

    def blocked(self, address: str, now: float) -> bool:
        """ATTEMPTS_PER_MINUTE failed sign-ins in the last minute from this client: its next
        failure is answered "wait". A valid link or launch is let in all the same (someone
        else's guesses from behind the same address must not lock an owner out)."""
        return len(self._recent(address, now)) >= ATTEMPTS_PER_MINUTE

    def failed(self, address: str, now: float) -> None:
        self._recent(address, now).append(now)
        if len(self._attempts) > 10_000:  # a scan from many addresses: forget the idle
            for key in [k for k, v in self._attempts.items() if not v]:
                del self._attempts[key]

    def _recent(self, address: str, now: float) -> deque[float]:
        recent = self._attempts.setdefault(address, deque())
        while recent and recent[0] <= now - 60:
            recent.popleft()
        return recent


def dashboard_of(settings: Settings, roles: Roles, db: Database, clock: Clock) -> Dashboard:
    """Who may sign in and how, for the app and for `python -m bot dashboard-link` (which
    imports this module alone: the dashboard's pages would load aiogram, seconds of CPU)."""
    return Dashboard(db, DashboardConfig.from_settings(settings), roles, clock)
