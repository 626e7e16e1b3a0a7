"""Who may act on complaints: configured ids, or members of the staff chat (getChatMember);
and who administers the staff chat (getChatAdministrators), for the card's "Assign" list.

Membership and the administrators are cached for a minute (a failed check for ten seconds). The
`IsStaff` filter (handlers/filters.py) asks `acts()` (a button press), `admits()` (a message in
the staff chat) or `refusal()` (inline mode), a handler `administrators()`; when the answer is
not cached they raise NeedsLookup, and the processor fetches it outside the database
transaction before handling the update again. Someone found acting as staff is recorded as
such (the staff pulse asks them).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import GetChatMember
from aiogram.methods.base import TelegramMethod
from aiogram.types import User

from bot.complaints.config import Complaints
from bot.i18n import clip
from bot.incoming import Actor, ChatMessage
from bot.updates.lookup import NeedsLookup, TryLater
from storage.db import Tx

log = logging.getLogger(__name__)

MEMBER_TTL = 60.0
ERROR_TTL = 10.0
ASK_TIMEOUT = 5.0
ANONYMOUS_ADMIN = 1087968824  # Telegram's @GroupAnonymousBot, sender of anonymous admins
MEMBER_STATUSES = (
    ChatMemberStatus.CREATOR,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.MEMBER,
)


class Administrators(TelegramMethod[list[dict[str, Any]]]):
    """getChatAdministrators, read for who they are only. aiogram's own model of an
    administrator requires rights the Bot API reference does not list (can_send_welcome_messages
    in aiogram 3.31): parsing each rights set would lose the whole list on such a difference."""

    __returning__ = list[dict[str, Any]]
    __api_method__ = "getChatAdministrators"

    chat_id: int


class Verdict(Enum):
    STAFF = "staff"  # configured, or a member of the staff chat
    STRANGER = "stranger"
    UNKNOWN = "unknown"  # Telegram could not be asked: refuse, and say to try again


class StaffDirectory:
    def __init__(
        self, bot: Bot, complaints: Complaints, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.bot = bot
        self.complaints = complaints
        self.clock = clock
        self._cache: dict[int, tuple[Verdict, float]] = {}
        self._admins: tuple[int, dict[int, str], float] | None = None  # chat, id -> name, until

    def allowed(self, user_id: int) -> Verdict:
        """Whether the person may act on complaints; may raise NeedsLookup."""
        if self.complaints.core.roles.configured(user_id):
            return Verdict.STAFF
        cached = self._cache.get(user_id)
        if cached is not None and cached[1] > self.clock():
            return cached[0]
        raise NeedsLookup(lambda: self.fetch(user_id))

    async def fetch(self, user_id: int) -> None:
        verdict: Verdict
        ttl = MEMBER_TTL
        try:
            ask = GetChatMember(chat_id=self.complaints.staff_chat_id, user_id=user_id)
            member = await asyncio.wait_for(self.bot(ask), ASK_TIMEOUT)
            joined = member.status in MEMBER_STATUSES or bool(getattr(member, "is_member", False))
            verdict = Verdict.STAFF if joined else Verdict.STRANGER
        except (TelegramBadRequest, TelegramForbiddenError):
            verdict = Verdict.STRANGER  # not a participant (or the bot is not in the staff chat)
        except Exception as exc:  # noqa: BLE001 - network, 5xx, 429, timeout: do not guess
            log.warning("getChatMember failed: %s", type(exc).__name__)
            verdict, ttl = Verdict.UNKNOWN, ERROR_TTL
        self._cache[user_id] = (verdict, self.clock() + ttl)

    def administrators(self) -> dict[int, str]:
        """The staff chat's administrators and owner, bots left out: id -> name. May raise
        NeedsLookup; when Telegram could not say, none (the list still has everyone else)."""
        chat, cached = self.complaints.staff_chat_id, self._admins
        if cached is not None and cached[0] == chat and cached[2] > self.clock():
            return cached[1]
        raise NeedsLookup(lambda: self.fetch_administrators(chat))

    async def fetch_administrators(self, chat: int) -> None:
        admins: dict[int, str] = {}
        ttl = MEMBER_TTL
        try:
            for member in await asyncio.wait_for(
                self.bot(Administrators(chat_id=chat)), ASK_TIMEOUT
            ):
                user = User.model_validate(member["user"])
                if not user.is_bot:
                    admins[user.id] = clip(user.full_name, 64)
        except (TelegramBadRequest, TelegramForbiddenError):
            pass  # the bot is not in the staff chat (or STAFF_CHAT_ID is not a group)
        except Exception as exc:  # noqa: BLE001 - network, 5xx, 429, timeout: ask again soon
            log.warning("getChatAdministrators failed: %s", type(exc).__name__)
            ttl = ERROR_TTL
        self._admins = (chat, admins, self.clock() + ttl)

    def forget(self) -> None:
        self._cache.clear()
        self._admins = None

    def refusal(self, user_id: int) -> str | None:
        """None if the person may act; else the alert that says why not (not staff, or
        Telegram could not be asked: try again)."""
        verdict = self.allowed(user_id)
        if verdict is Verdict.STAFF:
            return None
        if verdict is Verdict.UNKNOWN:
            return self.complaints.staff_t("complaint.alert.check_failed")
        return self.complaints.staff_t("complaint.alert.not_staff")

    async def acts(self, tx: Tx, who: Actor) -> str | None:
        """A button press: `refusal`, and a member who may act is recorded as staff."""
        refused = self.refusal(who.id)
        if refused is None:
            await tx.pulse.seen(who.id, self.complaints.core.now(), clip(who.name, 64))
        return refused

    async def admits(self, tx: Tx, said: ChatMessage) -> bool:
        """Whether a message in the staff chat comes from someone who may act: a member (then
        recorded as staff), an anonymous administrator, or the group itself. When Telegram
        cannot say, raises TryLater: the message waits, never dropped."""
        author = said.author
        if author is None or author.is_bot:
            return said.on_behalf_of == self.complaints.staff_chat_id
        if author.id == ANONYMOUS_ADMIN:
            return True
        if self.allowed(author.id) is Verdict.UNKNOWN:
            raise TryLater
        return await self.acts(tx, author) is None
