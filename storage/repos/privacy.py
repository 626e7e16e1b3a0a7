"""Every write that erases a person: their own rows in every table (`forget`), and the copies
of their words and profile that transport kept (`scrub`). The outbox holds every message as
it was sent (cards with their name and comment, relays of what they wrote, topic titles,
answers to /mydata) and Telegram's answers; the inbox holds raw updates, staff replies among
them, which quote the cards."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from storage.clock import Clock
from storage.repos.dashboard import DashboardRepo
from storage.repos.events import EventRepo
from storage.repos.kv import KvRepo
from storage.repos.rows import Stamping
from storage.sql import Conn
from storage.states import InboxStatus, OutboxStatus, Purpose, sql_in

ERASED = "[erased]"
# Words per statement: a flooding customer's thousands of messages stay within the engines'
# limits on parameters (each word is a parameter twice in one statement).
_CHUNK = 200
# Messages about one complaint (its card, topic, relays, replies): ref is the complaint's id.
_ABOUT_A_COMPLAINT = (
    Purpose.CARD,
    Purpose.CARD_EDIT,
    Purpose.TOPIC,
    Purpose.STAFF_LINK,
    Purpose.TO_CUSTOMER,
)


async def erased_key(conn: Conn, telegram_id: int) -> str:
    """A salted hash: the erased table says "this person was erased" without keeping their id
    (a returning person's first /start clears it; anything else from them stays anonymous)."""
    kv = KvRepo(conn)
    salt = await kv.get("erase_salt")
    if salt is None:
        salt = secrets.token_hex(16)
        await kv.set("erase_salt", salt)
    return hashlib.sha256(f"{salt}:{telegram_id}".encode()).hexdigest()


class PrivacyRepo(Stamping):
    def __init__(self, conn: Conn, clock: Clock) -> None:
        super().__init__(conn, clock)

    async def forget(self, customer_id: int) -> None:
        """Erase what identifies the customer and what they wrote, in every table: the
        profile, survey comments and message ids, complaint texts and messages, referral links
        and attributions (the counts stay), mail to them (queued or sent: their address) and
        the address their complaints' pages email news to, the
        raw updates they sent; and record that the
        person was erased. Anonymous scores stay."""
        now = self._now()
        row = await self._conn.fetch_one(
            "SELECT telegram_id FROM customers WHERE id = ?", (customer_id,)
        )
        telegram_id = int(row[0]) if row and row[0] is not None else None
        await EventRepo(self._conn).redact(customer_id)
        for sql in (
            "UPDATE customers SET telegram_id = NULL, external_id = NULL, phone = NULL,"
            " name = NULL, tg_name = NULL, username = NULL, tg_language = NULL,"
            " language = NULL,"
            " timezone = NULL, forgotten_at = :now, updated_at = :now WHERE id = :id",
            "UPDATE surveys SET comment = NULL, chat_id = NULL, message_id = NULL"
            " WHERE customer_id = :id",
            "DELETE FROM survey_answers WHERE text IS NOT NULL AND survey_id IN"  # what they wrote
            " (SELECT id FROM surveys WHERE customer_id = :id)",
            "UPDATE complaint_messages SET text = NULL WHERE complaint_id IN"
            " (SELECT id FROM complaints WHERE customer_id = :id)",
            "UPDATE complaints SET text = NULL WHERE customer_id = :id",
            "DELETE FROM search_terms WHERE complaint_id IN"  # their words, name, phone
            " (SELECT id FROM complaints WHERE customer_id = :id)",
            "DELETE FROM text_themes WHERE customer_id = :id",  # what their words were about
            "UPDATE referral_links SET customer_id = NULL WHERE customer_id = :id",
            "UPDATE referrals SET advocate_id = NULL WHERE advocate_id = :id",
            "UPDATE referrals SET friend_id = NULL WHERE friend_id = :id",
            "DELETE FROM mail_outbox WHERE customer_id = :id",  # their address, queued or sent
            "UPDATE conversations SET email = NULL WHERE complaint_id IN"  # and for news
            " (SELECT id FROM complaints WHERE customer_id = :id)",
            "DELETE FROM survey_links WHERE survey_id IN"  # their receipts' web pages close
            " (SELECT id FROM surveys WHERE customer_id = :id)",
        ):
            await self._conn.execute(sql, {"id": customer_id, "now": now})
        if telegram_id is None:
            return
        # An owner or manager who asked to be forgotten is signed out of the dashboard too.
        await DashboardRepo(self._conn).forget_user(telegram_id)
        await self._conn.execute(
            "INSERT INTO erased (key, erased_at) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET erased_at = excluded.erased_at",
            (await erased_key(self._conn, telegram_id), now),
        )
        await self._conn.execute(  # raw updates they sent, kept for replay, go too
            f"DELETE FROM inbox WHERE status != '{InboxStatus.PENDING}' AND sender_id = ?",
            (telegram_id,),
        )

    async def words_of(self, customer_id: int) -> list[str]:
        """Every text the person wrote, or that was written to them about their complaints."""
        rows = await self._conn.fetch_all(
            "SELECT comment FROM surveys WHERE customer_id = ? AND comment IS NOT NULL"
            " UNION SELECT a.text FROM survey_answers a JOIN surveys s ON s.id = a.survey_id"
            " WHERE s.customer_id = ? AND a.text IS NOT NULL"
            " UNION SELECT text FROM complaints WHERE customer_id = ? AND text IS NOT NULL"
            " UNION SELECT m.text FROM complaint_messages m JOIN complaints c"
            " ON c.id = m.complaint_id WHERE c.customer_id = ? AND m.text IS NOT NULL",
            (customer_id, customer_id, customer_id, customer_id),
        )
        return [str(row[0]) for row in rows]

    async def complaints_of(
        self, customer_id: int, limit: int
    ) -> list[tuple[int, str, str, str | None]]:
        """(number, opened at, status, what the person wrote: their message, else their
        survey comment), newest first, for /mydata."""
        rows = await self._conn.fetch_all(
            "SELECT c.id, c.created_at, c.status, COALESCE(c.text, s.comment) FROM complaints c"
            " LEFT JOIN surveys s ON s.id = c.survey_id WHERE c.customer_id = ?"
            " ORDER BY c.id DESC LIMIT ?",
            (customer_id, limit),
        )
        return [
            (int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else str(r[3])) for r in rows
        ]

    async def messages_from(self, customer_id: int) -> int:
        """How many messages the person sent about their complaints."""
        row = await self._conn.fetch_one(
            "SELECT COUNT(*) FROM complaint_messages m JOIN complaints c ON c.id = m.complaint_id"
            " WHERE c.customer_id = ? AND m.direction = 'from_customer'",
            (customer_id,),
        )
        return int(row[0]) if row else 0

    async def complaint_ids(self, customer_id: int) -> list[int]:
        rows = await self._conn.fetch_all(
            "SELECT id FROM complaints WHERE customer_id = ?", (customer_id,)
        )
        return [int(row[0]) for row in rows]

    async def scrub(
        self,
        needles: Sequence[str],
        chat_id: int | None,
        complaint_ids: Sequence[int],
        update_id: int | None,
    ) -> None:
        """Delete sent messages and handled updates that hold any of `needles` (or went to the
        person's chat, or were about their complaints); in messages still to be sent, replace
        the needles. The update being handled (`update_id`: the erase press) goes too."""
        done_out = f"status != '{OutboxStatus.PENDING}'"
        if chat_id is not None:
            await self._conn.execute(
                f"DELETE FROM outbox WHERE {done_out} AND chat_id = ?", (chat_id,)
            )
        if complaint_ids:
            one_of, ids = self._conn.one_of(list(complaint_ids))
            await self._conn.execute(
                f"DELETE FROM outbox WHERE {done_out} AND purpose IN {sql_in(_ABOUT_A_COMPLAINT)}"
                f" AND ref {one_of}",
                ids,
            )
        for start in range(0, len(needles), _CHUNK):
            await self._scrub_words(needles[start : start + _CHUNK])
        if update_id is not None:
            await self._conn.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    async def _scrub_words(self, needles: Sequence[str]) -> None:
        done_out = f"status != '{OutboxStatus.PENDING}'"
        if needles:
            contains = self._conn.contains
            payload = " OR ".join(contains("payload") for _ in needles)
            result = " OR ".join(contains("result") for _ in needles)
            await self._conn.execute(
                f"DELETE FROM outbox WHERE {done_out} AND ({payload} OR {result})",
                (*needles, *needles),
            )
            pending = await self._conn.fetch_all(
                f"SELECT id, payload FROM outbox WHERE status = '{OutboxStatus.PENDING}'"
                f" AND ({payload})",
                tuple(needles),
            )
            for row in pending:  # few: what is still on its way
                text = str(row[1])
                for needle in needles:
                    text = text.replace(needle, ERASED)
                await self._conn.execute(
                    "UPDATE outbox SET payload = ? WHERE id = ?", (text, int(row[0]))
                )
            await self._conn.execute(
                f"DELETE FROM inbox WHERE status != '{InboxStatus.PENDING}' AND ({payload})",
                tuple(needles),
            )
