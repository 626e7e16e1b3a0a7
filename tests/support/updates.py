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
