"""Bot API methods as the fake implements them: Telegram's result shapes and error texts."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from faketg import business
from faketg.html import plain_text
from faketg.inline import answer_inline_query
from faketg.world import ApiError, Sent, World

Params = dict[str, Any]
Method = Callable[[World, Params], Awaitable[Any]]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)


def _chat(world: World, params: Params, key: str = "chat_id") -> dict[str, Any]:
    chat_id = params.get(key)
    if params.get("business_connection_id") is not None:
        # The account's chat with its customer: the bot's own standing with them (blocked,
        # never started) does not matter, the connection's rights and window do.
        business.sending(world, params)
        if not isinstance(chat_id, int) or chat_id not in world.chats:
            raise ApiError(400, "Bad Request: chat not found")
        return world.chats[chat_id]
    if isinstance(chat_id, int) and chat_id in world.migrated:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            migrate_to_chat_id=world.migrated[chat_id],
        )
    if not isinstance(chat_id, int) or chat_id not in world.chats:
        raise ApiError(400, "Bad Request: chat not found")
    if chat_id in world.removed:
        kind = "supergroup" if world.chats[chat_id]["type"] == "supergroup" else "group"
        if world.removed[chat_id] == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
    if chat_id in world.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    if world.strict_start and chat_id > 0 and chat_id not in world.started:
        raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    return world.chats[chat_id]


def _shown_length(params: Params, key: str) -> int:
    """Length of the text Telegram shows: HTML is parsed (or refused) first."""
    value = str(params.get(key) or "")
    return len(plain_text(value) if params.get("parse_mode") == "HTML" else value)


def _check_markup(params: Params) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and len(str(data).encode()) > MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _new_message(
    world: World, method: str, chat: dict[str, Any], params: Params, content: dict[str, Any]
) -> dict[str, Any]:
    connection = business.sending(world, params)
    if connection is not None:
        markup = _check_markup(params)
        if markup and "inline_keyboard" in markup:
            content = {**content, "reply_markup": markup}
        made = business.business_message(world, connection, chat, content)
        sent = Sent(method, chat["id"], made["message_id"], time.time(), made)
        sent.business_connection_id = connection.id
        world.sent.append(sent)
        return made
    reply_to, anyway = params.get("reply_to_message_id"), False
    if isinstance(params.get("reply_parameters"), dict):
        reply_to = params["reply_parameters"].get("message_id")
        anyway = bool(params["reply_parameters"].get("allow_sending_without_reply"))
    if isinstance(reply_to, int) and (chat["id"], reply_to) not in world.messages and not anyway:
        raise ApiError(400, "Bad Request: message to be replied not found")
    thread = params.get("message_thread_id")
    if isinstance(thread, int) and chat.get("is_forum") and thread not in world.topic_names:
        raise ApiError(400, "Bad Request: message thread not found")
    if isinstance(thread, int) and thread in world.closed_topics:
        raise ApiError(400, "Bad Request: TOPIC_CLOSED")
    message: dict[str, Any] = {
        "message_id": world.next_message_id(chat["id"]),
        "from": world.bot_user,
        "chat": chat,
        "date": int(time.time()),
        **content,
    }
    markup = _check_markup(params)
    if markup and "inline_keyboard" in markup:
        # Telegram echoes only inline keyboards; reply keyboards are the client's business.
        message["reply_markup"] = markup
    if isinstance(thread, int):
        message["message_thread_id"] = thread
        message["is_topic_message"] = True
    if isinstance(reply_to, int) and (chat["id"], reply_to) in world.messages:
        message["reply_to_message"] = world.messages[(chat["id"], reply_to)]
    world.messages[(chat["id"], message["message_id"])] = message
    world.sent.append(Sent(method, chat["id"], message["message_id"], time.time(), message))
    return message


async def get_me(world: World, params: Params) -> Any:
    return {
        **world.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
    }


async def send_message(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if _shown_length(params, "text") > MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    content: dict[str, Any] = {"text": text}
    if isinstance(params.get("link_preview_options"), dict):  # echoed when given, as Telegram does
        content["link_preview_options"] = params["link_preview_options"]
    return _new_message(world, "sendMessage", chat, params, content)


async def _send_file(world: World, params: Params, kind: str) -> Any:
    chat = _chat(world, params)
    value = params.get(kind)
    if value is None:
        raise ApiError(400, f"Bad Request: there is no {kind} in the request")
    caption = params.get("caption")
    if isinstance(caption, str) and _shown_length(params, "caption") > MAX_CAPTION:
        raise ApiError(400, "Bad Request: message caption is too long")
    if isinstance(value, str) and value.startswith("attach://"):  # a form field of its own
        value = params.get(value.removeprefix("attach://"), value)
    size = len(value) if isinstance(value, bytes) else 0
    file = {
        "file_id": f"{kind}-{len(world.sent)}",
        "file_unique_id": f"u{len(world.sent)}",
        "file_size": size,
    }
    if isinstance(value, bytes):
        world.files[str(file["file_id"])] = bytes(value)
        name = getattr(value, "filename", None)
        if kind != "photo" and name:
            file["file_name"] = name
    if kind == "photo":
        file |= {"width": 1280, "height": 960}  # PhotoSize needs them; aiogram checks
    content: dict[str, Any] = {kind: [file] if kind == "photo" else file}
    if caption:
        content["caption"] = caption
    method = "sendPhoto" if kind == "photo" else "sendDocument"
    return _new_message(world, method, chat, params, content)


async def send_photo(world: World, params: Params) -> Any:
    return await _send_file(world, params, "photo")


async def send_document(world: World, params: Params) -> Any:
    return await _send_file(world, params, "document")


async def copy_message(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    source = world.messages.get((params.get("from_chat_id"), params.get("message_id")))  # type: ignore[arg-type]
    if source is None:
        raise ApiError(400, "Bad Request: message to copy not found")
    keep = ("text", "photo", "document", "caption", "entities", "voice", "video", "sticker")
    content = {k: v for k, v in source.items() if k in keep}
    if "caption" in params:
        if _shown_length(params, "caption") > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        content["caption"] = params["caption"]
    message = _new_message(world, "copyMessage", chat, params, content)
    return {"message_id": message["message_id"]}


async def edit_message_text(world: World, params: Params) -> Any:
    message = _editable(world, params)
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if _shown_length(params, "text") > MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    markup = _check_markup(params)
    if message.get("text") == text and message.get("reply_markup") == markup:
        raise ApiError(400, NOT_MODIFIED)
    message["text"] = text
    _set_markup(message, markup)
    _count_edit(world, message)
    return message


async def edit_message_reply_markup(world: World, params: Params) -> Any:
    message = _editable(world, params)
    markup = _check_markup(params)
    if message.get("reply_markup") == markup:
        raise ApiError(400, NOT_MODIFIED)
    _set_markup(message, markup)
    _count_edit(world, message)
    return message


def _editable(world: World, params: Params) -> dict[str, Any]:
    chat = _chat(world, params)
    connection = business.sending(world, params)
    if connection is not None:  # a message the bot sent on the account's behalf
        return business.editable(connection, chat["id"], params.get("message_id"))
    message = world.messages.get((chat["id"], params.get("message_id")))  # type: ignore[arg-type]
    if message is None or message.get("from", {}).get("id") != world.bot_id:
        raise ApiError(400, "Bad Request: message to edit not found")
    return message


def _set_markup(message: dict[str, Any], markup: dict[str, Any] | None) -> None:
    if markup:
        message["reply_markup"] = markup
    else:
        message.pop("reply_markup", None)


def _count_edit(world: World, message: dict[str, Any]) -> None:
    for sent in world.sent:
        if sent.message is message:
            sent.edits += 1


async def delete_message(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    if world.messages.pop((chat["id"], params.get("message_id")), None) is None:  # type: ignore[arg-type]
        raise ApiError(400, "Bad Request: message to delete not found")
    for sent in world.sent_to(chat["id"]):
        if sent.message_id == params.get("message_id") and sent.business_connection_id is None:
            sent.deleted = True
    return True


async def answer_callback_query(world: World, params: Params) -> Any:
    query = world.callbacks.get(str(params.get("callback_query_id")))
    if query is None or query["answered"]:
        raise ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    query["answered"] = True
    query["answered_at"] = time.time()
    query["answer"] = {k: params[k] for k in ("text", "show_alert") if k in params}
    return True


async def create_forum_topic(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    if not chat.get("is_forum"):
        raise ApiError(400, "Bad Request: the chat is not a forum")
    if not world.bot_manages_topics:
        raise ApiError(400, "Bad Request: not enough rights to manage topics")
    name = params.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 128:
        raise ApiError(400, "Bad Request: TOPIC_TITLE_EMPTY")
    # As Telegram: a topic's id is the id of its "topic created" service message, so no
    # message in the chat has it; unique across the fake's chats too (topic_names is by id).
    thread = max(world.next_message_id(chat["id"]), world.topics + 1)
    world.skip_message_ids(chat["id"], thread)
    world.topics = thread
    world.topic_names[thread] = name
    return {"message_thread_id": thread, "name": name, "icon_color": 7322096}


async def forum_topic_flag(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    if not chat.get("is_forum"):
        raise ApiError(400, "Bad Request: the chat is not a forum")
    thread, name = params.get("message_thread_id"), params.get("name")
    if isinstance(thread, int) and thread not in world.topic_names:
        raise ApiError(400, "Bad Request: message thread not found")
    if isinstance(thread, int) and isinstance(name, str):
        world.topic_names[thread] = name
    return True


async def _topic_state(world: World, params: Params, closed: bool) -> Any:
    if not world.bot_manages_topics:
        raise ApiError(400, "Bad Request: not enough rights to manage topics")
    await forum_topic_flag(world, params)
    thread = params["message_thread_id"]
    if closed:
        world.closed_topics.add(thread)
    else:
        world.closed_topics.discard(thread)
    return True


async def close_forum_topic(world: World, params: Params) -> Any:
    return await _topic_state(world, params, closed=True)


async def reopen_forum_topic(world: World, params: Params) -> Any:
    return await _topic_state(world, params, closed=False)


async def get_chat(world: World, params: Params) -> Any:
    full = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": _NO_GIFTS}
    return {**_chat(world, params), **full}


_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_change_info": False,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    # Not in the Bot API reference here, yet aiogram 3.31 requires it of every administrator.
    "can_send_welcome_messages": False,
    "can_manage_topics": True,
}

_NO_GIFTS = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


async def get_chat_member(world: World, params: Params) -> Any:
    chat = _chat(world, params)
    user_id = params.get("user_id")
    if user_id == world.bot_id:
        if chat["id"] in world.bot_admin_in:
            return {"status": "administrator", "user": world.bot_user, **_ADMIN_RIGHTS}
        return {"status": "member", "user": world.bot_user}
    user = world.users.get(user_id) if isinstance(user_id, int) else None
    if user is None:
        raise ApiError(400, "Bad Request: PARTICIPANT_ID_INVALID")
    admin = world.admins.get(chat["id"], {}).get(int(user["id"]))
    if admin is not None:
        return _admin(admin, user)
    status = "member" if user_id in world.members.get(chat["id"], set()) else "left"
    return {"status": status, "user": user}


async def get_chat_administrators(world: World, params: Params) -> Any:
    """As Telegram answers: the owner and the administrators, the bot itself among them when
    it is one; other bots only with `return_bots`; a private chat has none (400)."""
    chat = _chat(world, params)
    if chat["type"] == "private":
        raise ApiError(400, "Bad Request: there are no administrators in the private chat")
    answer = [
        _admin(status, world.users[user_id])
        for user_id, status in world.admins.get(chat["id"], {}).items()
        if user_id in world.users
        and (not world.users[user_id].get("is_bot") or params.get("return_bots"))
    ]
    if chat["id"] in world.bot_admin_in:
        answer.append({"status": "administrator", "user": world.bot_user, **_ADMIN_RIGHTS})
    return answer


def _admin(status: str, user: dict[str, Any]) -> dict[str, Any]:
    """ChatMemberOwner or ChatMemberAdministrator, with the fields the reference requires."""
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    return {"status": "administrator", "user": user, **_ADMIN_RIGHTS}


async def set_webhook(world: World, params: Params) -> Any:
    url = params.get("url") or ""
    world.webhook = {"url": url, "secret_token": params.get("secret_token")} if url else {}
    return True


async def delete_webhook(world: World, params: Params) -> Any:
    world.webhook = {}
    if params.get("drop_pending_updates"):
        world.updates.clear()
    return True


async def get_webhook_info(world: World, params: Params) -> Any:
    return {
        "url": world.webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }


async def ok(world: World, params: Params) -> Any:
    return True


METHODS: dict[str, Method] = {
    "getme": get_me,
    "sendmessage": send_message,
    "sendphoto": send_photo,
    "senddocument": send_document,
    "copymessage": copy_message,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
    "answerinlinequery": answer_inline_query,
    "createforumtopic": create_forum_topic,
    "editforumtopic": forum_topic_flag,
    "closeforumtopic": close_forum_topic,
    "reopenforumtopic": reopen_forum_topic,
    "getchat": get_chat,
    "getchatmember": get_chat_member,
    "getchatadministrators": get_chat_administrators,
    "setwebhook": set_webhook,
    "deletewebhook": delete_webhook,
    "getwebhookinfo": get_webhook_info,
    "setmycommands": ok,
    "getbusinessconnection": business.get_business_connection,
    "readbusinessmessage": business.read_business_message,
}
# Calls that count against the send limits: everything that writes into a chat.
LIMITED = {
    "sendmessage",
    "sendphoto",
    "senddocument",
    "copymessage",
    "editmessagetext",
    "editmessagereplymarkup",
    "deletemessage",
    "createforumtopic",
    "editforumtopic",
    "closeforumtopic",
    "reopenforumtopic",
}
