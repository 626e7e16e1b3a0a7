"""The fake's state: users, chats, messages, the update queue, and what the bot sent."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from faketg.limits import FakeLimits, Faults, Limiter


class ApiError(Exception):
    """A Bot API error answer: {"ok": false, "error_code", "description", "parameters"?}."""

    def __init__(
        self,
        code: int,
        description: str,
        retry_after: int | None = None,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        parameters = {
            name: value
            for name, value in (
                ("retry_after", self.retry_after),
                ("migrate_to_chat_id", self.migrate_to_chat_id),
            )
            if value is not None
        }
        if parameters:  # ResponseParameters, as the real server adds them
            body["parameters"] = parameters
        return body


@dataclass
class Sent:
    """One message the bot created, as it looks now (edits applied)."""

    method: str
    chat_id: int
    message_id: int
    at: float
    message: dict[str, Any]
    edits: int = 0
    business_connection_id: str | None = None  # sent on behalf of a business account
    deleted: bool = False  # the bot deleted it: no longer in the chat

    @property
    def text(self) -> str | None:
        value = self.message.get("text") or self.message.get("caption")
        return str(value) if value is not None else None

    @property
    def preview_disabled(self) -> bool:
        """Whether the bot asked Telegram to show no link preview."""
        options = self.message.get("link_preview_options") or {}
        return bool(options.get("is_disabled"))

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.message.get("reply_markup") or {}
        rows: list[list[dict[str, Any]]] = markup.get("inline_keyboard", [])
        return rows


@dataclass
class Connection:
    """A business account's connection with the bot (faketg/business.py plays it)."""

    id: str
    owner: int  # the business account's user id (its private chat with the bot is the same)
    rights: dict[str, bool]
    enabled: bool = True
    date: int = field(default_factory=lambda: int(time.time()))
    # customer id -> when they last wrote to the account (time.time())
    heard: dict[int, float] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    read: set[tuple[int, int]] = field(default_factory=set)

    def as_update(self, world: World) -> dict[str, Any]:
        """The `BusinessConnection` object, as the reference describes it."""
        return {
            "id": self.id,
            "user": world.users[self.owner],
            "user_chat_id": self.owner,
            "date": self.date,
            "rights": dict(self.rights),
            "is_enabled": self.enabled,
        }


@dataclass
class World:
    token: str
    bot_username: str = "feedback_test_bot"
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    members: dict[int, set[int]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    sent: list[Sent] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> what the bot uploaded
    callbacks: dict[str, dict[str, Any]] = field(default_factory=dict)
    inline: dict[str, dict[str, Any]] = field(default_factory=dict)  # inline queries (inline.py)
    updates: list[dict[str, Any]] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    log: list[tuple[float, str, int | None, int]] = field(default_factory=list)
    tally: Counter[str] = field(default_factory=Counter)  # "method status" -> answers
    limits: FakeLimits = field(default_factory=FakeLimits)
    faults: Faults = field(default_factory=Faults)
    next_update_id: int = 1000
    topics: int = 1
    topic_names: dict[int, str] = field(default_factory=dict)
    closed_topics: set[int] = field(default_factory=set)
    bot_manages_topics: bool = True  # an administrator with the right to manage topics
    # BotFather's privacy mode: on, a bot sees in groups only commands and replies to it,
    # unless it is an administrator there. Off here by default, as the tests' bots see all.
    privacy_mode: bool = False
    bot_admin_in: set[int] = field(default_factory=set)
    # People with more than membership in a group: user id -> "creator" or "administrator".
    admins: dict[int, dict[int, str]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)  # requests off the Bot API reference
    # Telegram refuses to write first to a user who never wrote to the bot (403). Off by default:
    # most tests play users who started the bot long ago.
    strict_start: bool = False
    started: set[int] = field(default_factory=set)
    migrated: dict[int, int] = field(default_factory=dict)  # basic group -> its supergroup
    removed: dict[int, str] = field(default_factory=dict)  # groups the bot is out of: how
    business: dict[str, Connection] = field(default_factory=dict)  # by id (business.py)

    def __post_init__(self) -> None:
        self.limiter = Limiter(self.limits, time.monotonic())
        self.new_update = asyncio.Condition()
        self._message_ids: dict[int, int] = {}

    # -- identities ------------------------------------------------------------------------
    @property
    def bot_id(self) -> int:
        return int(self.token.split(":")[0])

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Feedback",
            "username": self.bot_username,
        }

    def set_limits(self, limits: FakeLimits) -> None:
        self.limits = limits
        self.limiter = Limiter(limits, time.monotonic())

    def add_user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "en",
        username: str | None = None,
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        chat = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            chat["username"] = username
        self.chats[user_id] = chat
        return user

    def add_users(self, first_id: int, count: int, language_code: str = "en") -> list[int]:
        """`count` made-up users with consecutive ids, named U0, U1, ..."""
        ids = list(range(first_id, first_id + count))
        for n, user_id in enumerate(ids):
            self.add_user(user_id, f"U{n}", language_code)
        return ids

    def add_group(
        self,
        chat_id: int,
        title: str,
        members: list[int],
        forum: bool = False,
        basic: bool = False,
    ) -> dict[str, Any]:
        """A supergroup (ids -100…), or with `basic` a basic group (other negative ids)."""
        chat = {"id": chat_id, "type": "group" if basic else "supergroup", "title": title}
        if forum:
            chat["is_forum"] = True
        self.chats[chat_id] = chat
        self.members[chat_id] = {*members, self.bot_id}
        return chat

    def make_admin(self, chat_id: int, user_id: int, creator: bool = False) -> None:
        """`user_id` (a member from now on) administers the group, or, `creator`, owns it."""
        self.members[chat_id].add(user_id)
        self.admins.setdefault(chat_id, {})[user_id] = "creator" if creator else "administrator"

    def delete_message(self, chat_id: int, message_id: int) -> None:
        """A member deletes a message (a card, say): edits of it get 400 from now on."""
        self.messages.pop((chat_id, message_id), None)

    def close_topic(self, thread: int) -> None:
        """A member closes a forum topic: messages to it get 400 TOPIC_CLOSED."""
        self.closed_topics.add(thread)

    def delete_topic(self, thread: int) -> None:
        """A member deletes a forum topic: messages to it get 400 message thread not found."""
        self.topic_names.pop(thread, None)
        self.closed_topics.discard(thread)

    async def remove_bot(self, chat_id: int, by: int, *, kicked: bool = True) -> None:
        """An admin removes the bot from a group (or, not `kicked`, it was made to leave): sends
        there get 403 from now on, and the bot gets `my_chat_member`."""
        self.members[chat_id].discard(self.bot_id)
        self.removed[chat_id] = "kicked" if kicked else "left"
        await self._bot_membership(chat_id, by, "member", self.removed[chat_id])

    async def add_bot_back(self, chat_id: int, by: int) -> None:
        self.members[chat_id].add(self.bot_id)
        old = self.removed.pop(chat_id)
        await self._bot_membership(chat_id, by, old, "member")

    async def _bot_membership(self, chat_id: int, by: int, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            if status == "kicked":
                return {"status": status, "user": self.bot_user, "until_date": 0}
            return {"status": status, "user": self.bot_user}

        update = {
            "chat": self.chats[chat_id],
            "from": self.users[by],
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        await self.push_update({"my_chat_member": update})

    async def upgrade_group(
        self, old: int, new: int, by: int, *, forum: bool = False, announce: bool = True
    ) -> dict[str, Any]:
        """What Telegram does when an admin turns on Topics in a basic group (or makes it
        public): a supergroup with a new id and the same members; the old id answers every
        request with 400 and `migrate_to_chat_id`; with `announce`, each chat gets its service
        message (`migrate_to_chat_id` in the old one, `migrate_from_chat_id` in the new)."""
        title = self.chats[old]["title"]
        chat = self.add_group(new, title, sorted(self.members[old] - {self.bot_id}), forum=forum)
        self.migrated[old] = new
        if announce:
            for where, key, value in (
                (old, "migrate_to_chat_id", new),
                (new, "migrate_from_chat_id", old),
            ):
                message = {
                    "message_id": self.next_message_id(where),
                    "date": int(time.time()),
                    "chat": self.chats[where],
                    "from": self.users[by],
                    key: value,
                }
                await self.push_update({"message": message})
        return chat

    def next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def skip_message_ids(self, chat_id: int, used: int) -> None:
        """Message ids up to `used` are taken in the chat (a topic's service message)."""
        self._message_ids[chat_id] = max(self._message_ids.get(chat_id, 0), used)

    # -- playing users ---------------------------------------------------------------------
    async def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self.next_update_id, **update}
        self.next_update_id += 1
        async with self.new_update:
            self.updates.append(update)
            self.new_update.notify_all()
        return update

    async def user_sends(
        self,
        user_id: int,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """The user writes a message (text, or content such as contact=..., photo=...)."""
        chat = self.chats[chat_id if chat_id is not None else user_id]
        if chat["id"] == user_id:
            self.started.add(user_id)
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.users[user_id],
            **content,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to is not None:
            original = self.messages.get((chat["id"], reply_to))
            if original is not None:
                message["reply_to_message"] = original
        self.messages[(chat["id"], message["message_id"])] = message
        return await self.push_update({"message": message})

    async def user_presses(self, user_id: int, sent: Sent, data: str) -> dict[str, Any]:
        """The user presses an inline button with callback data `data` under a bot message."""
        query_id = f"cb{self.next_update_id}"
        query = {
            "id": query_id,
            "from": self.users[user_id],
            "message": self._shown(sent),
            "chat_instance": f"ci{sent.chat_id}",
            "data": data,
        }
        self.callbacks[query_id] = {"answered": False, "answer": None, "pressed_at": time.time()}
        return await self.push_update({"callback_query": query})

    def _shown(self, sent: Sent) -> dict[str, Any]:
        if sent.business_connection_id is None:
            return self.messages[(sent.chat_id, sent.message_id)]
        # A message the bot sent from a business account: in the account's chat with them.
        connection = self.business[sent.business_connection_id]
        return connection.messages[(sent.chat_id, sent.message_id)]

    # -- reading what the bot did ----------------------------------------------------------
    def sent_to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]

    def count(self, method: str | None = None, status: int | None = None) -> int:
        return sum(
            1
            for _, m, _, s in self.log
            if (method is None or m == method) and (status is None or s == status)
        )
