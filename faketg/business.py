"""Telegram Business as the fake plays it: an account connects the bot as its chatbot
(Settings → Business → Chatbots), customers write to the account, the bot answers on its behalf.

A business chat is the customer's private chat with the *account*: independent of any chat
with the bot that has the same id (its own message ids, its own messages; a customer who
blocked the bot still reaches the shop). The bot hears about it through `business_connection`,
`business_message`, `edited_business_message` and `deleted_business_messages` updates; every
send method that takes `business_connection_id` writes into the business chat instead.

The real server's refusals (telegram-bot-api answers an unknown connection with "business
connection not found"; it turns an all-capitals 403 from Telegram into 400, so the server's
own codes arrive as "Bad Request: CODE"):
- an unknown connection id: 400 "business connection not found";
- a disabled or removed connection: 400 BUSINESS_CONNECTION_INVALID;
- no `can_reply` right: 400 BOT_ACCESS_FORBIDDEN;
- no message from the customer in the last 24 hours: 400 BUSINESS_PEER_USAGE_MISSING.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from faketg import control
from faketg.world import ApiError, Connection, World

REPLY_WINDOW = 24 * 3600.0  # seconds after the customer's last message the bot may answer
NOT_FOUND = "Bad Request: business connection not found"
INVALID = "Bad Request: BUSINESS_CONNECTION_INVALID"
FORBIDDEN = "Bad Request: BOT_ACCESS_FORBIDDEN"
PEER_USAGE_MISSING = "Bad Request: BUSINESS_PEER_USAGE_MISSING"
# What an account gives a chatbot when the owner ticks "reply to messages" (the default).
REPLYING = {"can_reply": True, "can_read_messages": True}


def connections(world: World) -> dict[str, Connection]:
    return world.business


# -- playing the account and its customers ------------------------------------------------


async def connect(
    world: World,
    owner: int,
    connection_id: str = "bc-1",
    rights: dict[str, bool] | None = None,
    *,
    enabled: bool = True,
) -> Connection:
    """The account connects the bot (or changes its rights, or pauses it: `enabled`)."""
    known = connections(world)
    connection = known.get(connection_id)
    given = dict(REPLYING if rights is None else rights)
    if connection is None:
        connection = Connection(connection_id, owner, given, enabled)
        known[connection_id] = connection
    else:
        connection.rights, connection.enabled = given, enabled
    await world.push_update({"business_connection": connection.as_update(world)})
    return connection


async def disconnect(world: World, connection_id: str = "bc-1") -> Connection:
    """The account removes the bot from its chatbots: the connection is no longer enabled."""
    connection = connections(world)[connection_id]
    connection.enabled = False
    await world.push_update({"business_connection": connection.as_update(world)})
    return connection


async def customer_writes(
    world: World,
    customer: int,
    text: str | None = None,
    connection_id: str = "bc-1",
    **content: Any,
) -> dict[str, Any]:
    """A customer writes to the business account (text, or content such as photo=...)."""
    connection = connections(world)[connection_id]
    connection.heard[customer] = time.time()
    return await _business_message(world, connection, customer, customer, text, content)


async def owner_writes(
    world: World, customer: int, text: str, connection_id: str = "bc-1"
) -> dict[str, Any]:
    """The account's owner answers the customer from the Telegram app: an outgoing business
    message (from the owner, in the customer's chat)."""
    connection = connections(world)[connection_id]
    return await _business_message(world, connection, customer, connection.owner, text, {})


async def customer_edits(
    world: World, customer: int, message_id: int, text: str, connection_id: str = "bc-1"
) -> dict[str, Any]:
    connection = connections(world)[connection_id]
    message = connection.messages[(customer, message_id)]
    message["text"] = text
    message["edit_date"] = int(time.time())
    return await world.push_update({"edited_business_message": dict(message)})


async def customer_deletes(
    world: World, customer: int, message_ids: list[int], connection_id: str = "bc-1"
) -> dict[str, Any]:
    connection = connections(world)[connection_id]
    for message_id in message_ids:
        connection.messages.pop((customer, message_id), None)
    deleted = {
        "business_connection_id": connection_id,
        "chat": world.chats[customer],
        "message_ids": list(message_ids),
    }
    return await world.push_update({"deleted_business_messages": deleted})


async def _business_message(
    world: World,
    connection: Connection,
    customer: int,
    author: int,
    text: str | None,
    content: dict[str, Any],
) -> dict[str, Any]:
    if not connection.enabled:
        raise ValueError(f"connection {connection.id} is not enabled: the bot hears nothing")
    message: dict[str, Any] = {
        "message_id": world.next_message_id(_space(connection, customer)),
        "date": int(time.time()),
        "chat": world.chats[customer],
        "from": world.users[author],
        "business_connection_id": connection.id,
        **content,
    }
    if text is not None:
        message["text"] = text
    connection.messages[(customer, message["message_id"])] = message
    return await world.push_update({"business_message": message})


def _space(connection: Connection, customer: int) -> int:
    """Message ids of a business chat count apart from the bot's chat with the same person."""
    return -(10**15) - hash((connection.id, customer)) % 10**12


# -- the bot's side -------------------------------------------------------------------------


def sending(world: World, params: dict[str, Any]) -> Connection | None:
    """The connection a send goes through (None: an ordinary send), after the real server's
    checks: known, enabled, allowed to reply, and within the reply window."""
    connection_id = params.get("business_connection_id")
    if connection_id is None:
        return None
    connection = usable(world, connection_id)
    if not connection.rights.get("can_reply"):
        raise ApiError(400, FORBIDDEN)
    heard = connection.heard.get(params.get("chat_id"))  # type: ignore[arg-type]
    if heard is None or time.time() - heard > REPLY_WINDOW:
        raise ApiError(400, PEER_USAGE_MISSING)
    return connection


def usable(world: World, connection_id: Any) -> Connection:
    connection = connections(world).get(str(connection_id))
    if connection is None:
        raise ApiError(400, NOT_FOUND)
    if not connection.enabled:
        raise ApiError(400, INVALID)
    return connection


def business_message(
    world: World, connection: Connection, chat: dict[str, Any], content: dict[str, Any]
) -> dict[str, Any]:
    """A message the bot sends on the account's behalf: from the account, by the bot."""
    customer = int(chat["id"])
    message: dict[str, Any] = {
        "message_id": world.next_message_id(_space(connection, customer)),
        "from": world.users[connection.owner],
        "chat": chat,
        "date": int(time.time()),
        "business_connection_id": connection.id,
        "sender_business_bot": world.bot_user,
        **content,
    }
    connection.messages[(customer, message["message_id"])] = message
    return message


def editable(connection: Connection, customer: int, message_id: Any) -> dict[str, Any]:
    """A message the bot sent for the account (the account's own are not the bot's to edit)."""
    message = connection.messages.get((customer, message_id))
    if message is None or "sender_business_bot" not in message:
        raise ApiError(400, "Bad Request: message to edit not found")
    return message


async def get_business_connection(world: World, params: dict[str, Any]) -> Any:
    connection = connections(world).get(str(params.get("business_connection_id")))
    if connection is None:
        raise ApiError(400, NOT_FOUND)
    return connection.as_update(world)


async def read_business_message(world: World, params: dict[str, Any]) -> Any:
    """The reference: the can_read_messages right, and "the chat must have been active in the
    last 24 hours" (refused here as a send outside the window is: the real server's text for
    this case is Telegram's own, not in telegram-bot-api). Reading a message reads the
    customer's messages before it, as the app's read mark does."""
    connection = usable(world, params.get("business_connection_id"))
    if not connection.rights.get("can_read_messages"):
        raise ApiError(400, FORBIDDEN)
    chat_id, message_id = params.get("chat_id"), params.get("message_id")
    if (chat_id, message_id) not in connection.messages:
        raise ApiError(400, "Bad Request: message not found")
    heard = connection.heard.get(chat_id)  # type: ignore[arg-type]
    if heard is None or time.time() - heard > REPLY_WINDOW:
        raise ApiError(400, PEER_USAGE_MISSING)
    for (customer, number), message in connection.messages.items():
        theirs = message["from"]["id"] == customer
        if customer == chat_id and theirs and number <= message_id:  # type: ignore[operator]
            connection.read.add((customer, number))
    return True


def read_by_the_shop(world: World, customer: int, connection_id: str = "bc-1") -> list[int]:
    """The customer's messages to the account that show as read, in order."""
    read = connections(world)[connection_id].read
    return sorted(number for who, number in read if who == customer)


# -- the control API --------------------------------------------------------------------------


def add_routes(app: web.Application, world: World) -> None:
    """POST /_fake/business/{connect,disconnect,write,reply,edit,delete} play the account."""

    async def connect_route(request: web.Request) -> web.Response:
        body = await request.json()
        connection = await connect(
            world,
            int(body["owner_id"]),
            str(body.get("connection_id", "bc-1")),
            body.get("rights"),
            enabled=bool(body.get("enabled", True)),
        )
        return control.answer(connection.as_update(world))

    async def disconnect_route(request: web.Request) -> web.Response:
        body = await request.json()
        connection = await disconnect(world, str(body.get("connection_id", "bc-1")))
        return control.answer(connection.as_update(world))

    async def write_route(request: web.Request) -> web.Response:
        body = await request.json()
        customer = int(body.pop("user_id"))
        connection_id = str(body.pop("connection_id", "bc-1"))
        text = body.pop("text", None)
        update = await customer_writes(world, customer, text, connection_id, **body)
        return control.answer(update)

    async def reply_route(request: web.Request) -> web.Response:
        body = await request.json()
        update = await owner_writes(
            world, int(body["user_id"]), str(body["text"]), str(body.get("connection_id", "bc-1"))
        )
        return control.answer(update)

    async def edit_route(request: web.Request) -> web.Response:
        body = await request.json()
        update = await customer_edits(
            world,
            int(body["user_id"]),
            int(body["message_id"]),
            str(body["text"]),
            str(body.get("connection_id", "bc-1")),
        )
        return control.answer(update)

    async def delete_route(request: web.Request) -> web.Response:
        body = await request.json()
        update = await customer_deletes(
            world,
            int(body["user_id"]),
            [int(m) for m in body["message_ids"]],
            str(body.get("connection_id", "bc-1")),
        )
        return control.answer(update)

    for name, route in (
        ("connect", connect_route),
        ("disconnect", disconnect_route),
        ("write", write_route),
        ("reply", reply_route),
        ("edit", edit_route),
        ("delete", delete_route),
    ):
        app.router.add_post(f"/_fake/business/{name}", route)
