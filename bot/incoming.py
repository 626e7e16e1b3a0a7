"""What services need of an incoming message and of who acted, as plain data.

Handlers map aiogram's objects with `from_aiogram`; services never see aiogram types, so the
API, the CLI and tests can call them with values of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import Message, User

# What a message can carry that the bot passes on, in the order they are looked for.
MEDIA = ("photo", "document", "video", "voice", "audio", "animation", "video_note", "sticker")
KINDS = ("text", *MEDIA, "location")


def topic_of(message: Message) -> int | None:
    """The forum topic a message was posted in (None: the chat's main thread)."""
    return message.message_thread_id if message.is_topic_message else None


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    is_bot: bool = False

    @classmethod
    def from_aiogram(cls, user: User) -> Actor:
        return cls(user.id, user.full_name, user.is_bot)


@dataclass(frozen=True)
class ChatMessage:
    chat_id: int
    message_id: int
    kind: str | None  # one of KINDS; None: nothing the bot can pass on
    words: str | None  # its text, or its caption
    author: Actor | None  # None: sent on behalf of a chat (an anonymous admin, a channel)
    thread_id: int | None = None  # the forum topic it was posted in
    reply_to: int | None = None  # the message it answers (a topic's own root does not count)
    is_command: bool = False  # text starting with "/"
    on_behalf_of: int | None = None  # the chat it was sent as (an anonymous admin: the group)
    via_bot: str | None = None  # the username of the inline bot it was sent through
    # the shop's Telegram Business account it was written to (None: the bot's own chat)
    business_connection_id: str | None = None
    file_id: str | None = None  # its media's, to send it again (a photo: its largest size)

    @classmethod
    def from_aiogram(cls, message: Message) -> ChatMessage:
        topic = topic_of(message)
        reply = message.reply_to_message
        answers = reply.message_id if reply is not None else None
        if topic is not None and answers == topic:
            answers = None  # in a forum every message "replies" to its topic's first message
        author = message.from_user
        kind = next((kind for kind in KINDS if getattr(message, kind, None)), None)
        return cls(
            chat_id=message.chat.id,
            message_id=message.message_id,
            kind=kind,
            words=message.text or message.caption,
            author=Actor.from_aiogram(author) if author is not None else None,
            thread_id=topic,
            reply_to=answers,
            is_command=(message.text or "").startswith("/"),
            on_behalf_of=message.sender_chat.id if message.sender_chat else None,
            via_bot=message.via_bot.username if message.via_bot else None,
            business_connection_id=message.business_connection_id,
            file_id=_file_id(message, kind),
        )


def _file_id(message: Message, kind: str | None) -> str | None:
    if kind == "photo" and message.photo:
        return message.photo[-1].file_id
    media = getattr(message, kind, None) if kind in MEDIA else None
    found = getattr(media, "file_id", None)
    return found if isinstance(found, str) else None
