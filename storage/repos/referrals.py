"""Bring a friend: advocates' personal links, friends attributed to them, conversions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.repos.rows import fetch_in
from storage.sql import Conn
from storage.timefmt import to_db


@dataclass(frozen=True)
class ReferralLink:
    token: str
    customer_id: int | None  # None once the advocate asked to be forgotten
    survey_id: int | None


@dataclass(frozen=True)
class Conversion:
    referral_id: int
    advocate_id: int | None
    friend_id: int


@dataclass(frozen=True)
class ReferralCounts:
    links_sent: int
    friends_joined: int
    friends_purchased: int


class ReferralRepo:
    def __init__(self, conn: Conn) -> None:
        self._conn = conn

    async def add_link(self, token: str, customer_id: int, survey_id: int, at: datetime) -> None:
        await self._conn.execute(
            "INSERT INTO referral_links (token, customer_id, survey_id, sent_at)"
            " VALUES (?, ?, ?, ?)",
            (token, customer_id, survey_id, to_db(at)),
        )

    async def link(self, token: str) -> ReferralLink | None:
        row = await self._conn.fetch_one(
            "SELECT token, customer_id, survey_id FROM referral_links WHERE token = ?", (token,)
        )
        return ReferralLink(str(row[0]), row[1], row[2]) if row else None

    async def attributed(self, friend_id: int) -> bool:
        row = await self._conn.fetch_one(
            "SELECT 1 FROM referrals WHERE friend_id = ?", (friend_id,)
        )
        return row is not None

    async def join(self, link: ReferralLink, friend_id: int, at: datetime) -> None:
        """Attribute the friend to the link's advocate (once: a second attribution of the same
        friend changes nothing)."""
        await self._conn.execute(
            "INSERT INTO referrals (token, advocate_id, friend_id, joined_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (friend_id) DO NOTHING",
            (link.token, link.customer_id, friend_id, to_db(at)),
        )

    async def unconverted(self, friend_ids: Iterable[int]) -> list[Conversion]:
        """Attributed friends among `friend_ids` who have not bought yet."""
        rows = await fetch_in(
            self._conn,
            "SELECT id, advocate_id, friend_id FROM referrals"
            " WHERE friend_id {one_of} AND purchased_at IS NULL ORDER BY id",
            friend_ids,
        )
        return [Conversion(int(r[0]), r[1], int(r[2])) for r in rows]

    async def convert(self, referral_id: int, purchase_id: int | None, at: datetime) -> None:
        await self._conn.execute(
            "UPDATE referrals SET purchased_at = ?, purchase_id = ? WHERE id = ?",
            (to_db(at), purchase_id, referral_id),
        )

    async def counts(self, start: datetime, end: datetime, branch: str | None) -> ReferralCounts:
        """Links sent, friends who joined and friends who bought in [start, end). With a branch:
        links earned by that branch's surveys, and friends' purchases in that branch."""
        link_branch = (
            " AND EXISTS (SELECT 1 FROM surveys s WHERE s.id = l.survey_id AND s.branch = :branch)"
            if branch is not None
            else ""
        )
        bought_branch = _bought_in(branch)
        params = {"start": to_db(start), "end": to_db(end), "branch": branch}
        row = await self._conn.fetch_one(
            "SELECT (SELECT COUNT(*) FROM referral_links l"
            f" WHERE l.sent_at >= :start AND l.sent_at < :end{link_branch}),"
            " (SELECT COUNT(*) FROM referrals r JOIN referral_links l ON l.token = r.token"
            f" WHERE r.joined_at >= :start AND r.joined_at < :end{link_branch}),"
            " (SELECT COUNT(*) FROM referrals r"
            f" WHERE r.purchased_at >= :start AND r.purchased_at < :end{bought_branch})",
            params,
        )
        assert row is not None
        return ReferralCounts(int(row[0]), int(row[1]), int(row[2]))

    async def top_advocates(
        self, start: datetime, end: datetime, branch: str | None, limit: int = 3
    ) -> list[tuple[str, int]]:
        """Advocates by friends who bought in the period (names: for owners only)."""
        bought_branch = _bought_in(branch)
        rows = await self._conn.fetch_all(
            "SELECT c.id, COALESCE(c.name, c.tg_name), COUNT(*) FROM referrals r JOIN customers c"
            " ON c.id = r.advocate_id WHERE c.forgotten_at IS NULL"
            f" AND r.purchased_at >= :start AND r.purchased_at < :end{bought_branch}"
            " GROUP BY c.id, c.name, c.tg_name ORDER BY COUNT(*) DESC, c.id LIMIT :limit",
            {"start": to_db(start), "end": to_db(end), "branch": branch, "limit": limit},
        )
        return [(str(r[1] or f"#{r[0]}"), int(r[2])) for r in rows]


def _bought_in(branch: str | None) -> str:
    """With a branch: the friend's first purchase was made in it."""
    if branch is None:
        return ""
    return (
        " AND EXISTS (SELECT 1 FROM purchases p WHERE p.id = r.purchase_id AND p.branch = :branch)"
    )
