"""The owners' dashboard's sign-ins: one-time links and sessions, kept in the database so any
instance serves them and they survive restarts. Only hashes of the secrets are stored: a copy
of the database lets nobody in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.sql import Conn
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class DashboardSession:
    id: int
    user_id: int
    role: str  # owner, manager: as the settings say now (stored: as at sign-in)
    csrf: str  # what state-changing requests must echo
    expires_at: datetime


class DashboardRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add_link(self, digest: str, user_id: int, now: datetime, expires: datetime) -> None:
        await self._conn.execute(
            "INSERT INTO dashboard_links (digest, user_id, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (digest, user_id, to_db(now), to_db(expires)),
        )

    async def link_user(self, digest: str, now: datetime) -> int | None:
        """The user a link would sign in, leaving it unused: None if used or expired."""
        row = await self._conn.fetch_one(
            "SELECT user_id FROM dashboard_links WHERE digest = ? AND used_at IS NULL"
            " AND expires_at > ?",
            (digest, to_db(now)),
        )
        return None if row is None else int(row[0])

    async def use_link(self, digest: str, now: datetime) -> int | None:
        """The user a link signs in, once: a used or expired link gives None."""
        row = await self._conn.fetch_one(
            "UPDATE dashboard_links SET used_at = ? WHERE digest = ? AND used_at IS NULL"
            " AND expires_at > ? RETURNING user_id",
            (to_db(now), digest, to_db(now)),
        )
        return None if row is None else int(row[0])

    async def use_launch(
        self, digest: str, user_id: int, now: datetime, expires: datetime
    ) -> bool:
        """Remember a Mini App launch until `expires`: False if it was used already. Kept
        with the links (used from the start): one table of single-use sign-ins."""
        row = await self._conn.fetch_one(
            "INSERT INTO dashboard_links (digest, user_id, created_at, expires_at, used_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING RETURNING digest",
            (digest, user_id, to_db(now), to_db(expires), to_db(now)),
        )
        return row is not None

    async def add_session(
        self,
        digest: str,
        user_id: int,
        role: str,
        csrf: str,
        now: datetime,
        expires: datetime,
        via: str,
    ) -> int:
        row = await self._conn.fetch_one(
            "INSERT INTO dashboard_sessions (digest, user_id, role, csrf, via, created_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (digest, user_id, role, csrf, via, to_db(now), to_db(expires)),
        )
        assert row is not None
        return int(row[0])

    async def session(self, digest: str, now: datetime) -> DashboardSession | None:
        """A session still valid now: not expired, not revoked."""
        row = await self._conn.fetch_one(
            "SELECT id, user_id, role, csrf, expires_at FROM dashboard_sessions"
            " WHERE digest = ? AND revoked_at IS NULL AND expires_at > ?",
            (digest, to_db(now)),
        )
        expires = from_db(str(row[4])) if row is not None else None
        if row is None or expires is None:
            return None
        return DashboardSession(int(row[0]), int(row[1]), str(row[2]), str(row[3]), expires)

    async def revoke(self, session_id: int, now: datetime) -> None:
        await self._conn.execute(
            "UPDATE dashboard_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (to_db(now), session_id),
        )

    async def forget_user(self, user_id: int) -> None:
        """A person's sessions and links, gone (they asked to be forgotten): signed out
        everywhere, and no row names them."""
        for table in ("dashboard_links", "dashboard_sessions"):
            await self._conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))

    async def prune(self, before: datetime) -> int:
        """Links and sessions that ended before `before`: expired, used or revoked."""
        cutoff = to_db(before)
        links = await self._conn.execute(
            "DELETE FROM dashboard_links WHERE expires_at < ?", (cutoff,)
        )
        sessions = await self._conn.execute(
            "DELETE FROM dashboard_sessions WHERE expires_at < ? OR revoked_at < ?",
            (cutoff, cutoff),
        )
        return links + sessions
