"""Updates as Telegram sends them, fed through the real processor without any network."""

from __future__ import annotations

import json
from typing import Any

from bot.app import App
from bot.updates.poller import store_updates, to_inbox_rows

STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 1,
    "height": 1,
    "is_animated": False,
    "is_video": False,
}


def message(
    update_id: int, user_id: int, text: str | None, lang: str = "en", **extra: Any
) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": lang},
        **extra,
    }
    if text is not None:
        msg["text"] = text
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": msg}


def press(update_id: int, user_id: int, data: str, chat_id: int | None = None) -> dict[str, Any]:
    """A button press on a message of the bot's in the user's chat (or in `chat_id`)."""
    chat = chat_id if chat_id is not None else user_id
    kind = "private" if chat > 0 else "supergroup"
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"q{update_id}",
            "from": {"id": user_id, "is_bot": False, "first_name": "P"},
            "chat_instance": "x",
            "data": data,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": chat, "type": kind, "title": "t", "first_name": "P"},
                "text": "?",
            },
        },
    }


def business_connection(
    update_id: int,
    owner: int,
    *,
    enabled: bool = True,
    connection: str = "bc-1",
    rights: dict[str, bool] | None = None,
) -> dict[str, Any]:
    """The shop's account `owner` connects the bot (rights default: reply and read)."""
    given = rights or {"can_reply": True, "can_read_messages": True}
    return {
        "update_id": update_id,
        "business_connection": {
            "id": connection,
            "user": {"id": owner, "is_bot": False, "first_name": "Shop"},
            "user_chat_id": owner,
            "date": 1_700_000_000,
            "rights": given,
            "is_enabled": enabled,
        },
    }


def business_message(
    update_id: int,
    customer: int,
    text: str | None,
    *,
    author: int | None = None,
    connection: str = "bc-1",
    edited: bool = False,
    lang: str = "en",
    **extra: Any,
) -> dict[str, Any]:
    """A message in the shop's account's chat with `customer`: theirs, or the account owner's
    (`author`) written in the Telegram app; `edited`: a new version of one."""
    writer = customer if author is None else author
    msg: dict[str, Any] = {
        "message_id": extra.pop("message_id", update_id),
        "date": 1_700_000_000,
        "chat": {"id": customer, "type": "private", "first_name": "Mia"},
        "from": {
            "id": writer,
            "is_bot": False,
            "first_name": "Mia" if author is None else "Shop",
            "language_code": lang,
        },
        "business_connection_id": connection,
        **extra,
    }
    if text is not None:
        msg["text"] = text
    key = "edited_business_message" if edited else "business_message"
    return {"update_id": update_id, key: msg}


def business_deleted(
    update_id: int, customer: int, message_ids: list[int], connection: str = "bc-1"
) -> dict[str, Any]:
    deleted = {
        "business_connection_id": connection,
        "chat": {"id": customer, "type": "private", "first_name": "Mia"},
        "message_ids": message_ids,
    }
    return {"update_id": update_id, "deleted_business_messages": deleted}


async def feed(app: App, *updates: dict[str, Any]) -> None:
    await store_updates(app.db, to_inbox_rows(list(updates)), app.metrics, lambda: None)
    while await app.processor.process_pending():
        pass


async def outbox_rows(app: App, chat_id: int) -> list[tuple[str, dict[str, Any]]]:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT method, payload FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
    return [(row[0], json.loads(row[1])) for row in rows]
