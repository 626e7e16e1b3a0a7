"""Complaints followed on their web page (PUBLIC_URL/c/<token>): the customer's choice, the
email address for news (personal data) and the digests of the page's tokens."""

from __future__ import annotations

from dataclasses import dataclass

from storage.repos.rows import Stamping


@dataclass(frozen=True)
class Conversation:
    complaint_id: int
    email: str | None
    mail_stopped: bool

    @property
    def mail_to(self) -> str | None:
        """Where news goes: the address, unless the reader stopped such mail."""
        return None if self.mail_stopped else self.email


class ConversationRepo(Stamping):
    async def get(self, complaint_id: int) -> Conversation | None:
        row = await self._conn.fetch_one(
            "SELECT complaint_id, email, mail_stopped_at FROM conversations"
            " WHERE complaint_id = ?",
            (complaint_id,),
        )
        if row is None:
            return None
        return Conversation(int(row[0]), row[1], row[2] is not None)

    async def follow(self, complaint_id: int, email: str | None) -> None:
        """The customer follows the complaint on its page; a new address replaces the old
        one and mail starts again, none keeps what was given."""
        now = self._now()
        await self._conn.execute(
            "INSERT INTO conversations (complaint_id, email, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (complaint_id) DO NOTHING",
            (complaint_id, email, now),
        )
        if email is not None:
            await self._conn.execute(
                "UPDATE conversations SET email = ?, mail_stopped_at = NULL"
                " WHERE complaint_id = ?",
                (email, complaint_id),
            )

    async def stop_mail(self, complaint_id: int) -> None:
        await self._conn.execute(
            "UPDATE conversations SET mail_stopped_at = ? WHERE complaint_id = ?"
            " AND mail_stopped_at IS NULL",
            (self._now(), complaint_id),
        )

    async def add_link(self, digest: str, complaint_id: int) -> None:
        await self._conn.execute(
            "INSERT INTO conversation_links (digest, complaint_id, created_at) VALUES (?, ?, ?)",
            (digest, complaint_id, self._now()),
        )

    async def complaint_of(self, digest: str) -> int | None:
        row = await self._conn.fetch_one(
            "SELECT complaint_id FROM conversation_links WHERE digest = ?", (digest,)
        )
        return None if row is None else int(row[0])

    async def forget_addresses(self, closed_before: str) -> int:
        """Retention: the addresses of complaints closed before `closed_before` go."""
        return await self._conn.execute(
            "UPDATE conversations SET email = NULL WHERE email IS NOT NULL AND complaint_id IN"
            " (SELECT id FROM complaints WHERE status = 'closed' AND closed_at < ?)",
            (closed_before,),
        )
