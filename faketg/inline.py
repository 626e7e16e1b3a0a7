"""Inline mode as Telegram plays it: a user types `@bot words` in a chat (an `inline_query`
update), the bot answers with results (`answerInlineQuery`), the user picks one and their
client sends it into the chat as their own message, marked `via_bot`."""

from __future__ import annotations

import time
from typing import Any

from faketg.world import ApiError, World

MAX_RESULTS = 50
MAX_ID_BYTES = 64
MAX_TEXT = 4096
TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def user_types_inline(
    world: World, user_id: int, query: str, chat_type: str = "supergroup"
) -> str:
    """The user types `@bot query`; returns the inline query's id."""
    query_id = f"iq{world.next_update_id}"
    world.inline[query_id] = {"user_id": user_id, "query": query, "answered": False}
    update = {
        "id": query_id,
        "from": world.users[user_id],
        "query": query,
        "offset": "",
        "chat_type": chat_type,
    }
    await world.push_update({"inline_query": update})
    return query_id


def results(world: World, query_id: str) -> list[dict[str, Any]] | None:
    """What the bot answered (None: not yet)."""
    asked = world.inline[query_id]
    return list(asked["results"]) if asked["answered"] else None


async def user_picks(
    world: World,
    query_id: str,
    result_id: str,
    chat_id: int,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """The user picks a result: their client sends its message into the chat, via the bot."""
    asked = world.inline[query_id]
    chosen = next(r for r in asked["results"] if r["id"] == result_id)
    content = chosen["input_message_content"]
    update = await world.user_sends(
        asked["user_id"],
        content["message_text"],
        chat_id=chat_id,
        reply_to=reply_to,
        thread_id=thread_id,
        via_bot=world.bot_user,
    )
    return update


async def answer_inline_query(world: World, params: dict[str, Any]) -> Any:
    asked = world.inline.get(str(params.get("inline_query_id")))
    if asked is None or asked["answered"]:
        raise ApiError(400, TOO_OLD)
    answers = params.get("results")
    if not isinstance(answers, list):
        raise ApiError(400, "Bad Request: can't parse inline query results JSON object")
    if len(answers) > MAX_RESULTS:
        raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in answers:
        result_id = str(result.get("id") or "")
        if not result_id or len(result_id.encode()) > MAX_ID_BYTES:
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        if result_id in seen:
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        seen.add(result_id)
        text = (result.get("input_message_content") or {}).get("message_text")
        if result.get("type") != "article" or not result.get("title") or not text:
            raise ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
        if len(str(text)) > MAX_TEXT:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
    asked.update(
        answered=True,
        answered_at=time.time(),
        results=answers,
        cache_time=params.get("cache_time"),
        is_personal=params.get("is_personal"),
    )
    return True
