"""Control API for load: many users and many updates per request, press-to-answer times.

The benchmarks run the fake in its own process and drive it through these routes, so the
driver's HTTP calls stay few while the bot under test sees thousands of updates.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from faketg import control
from faketg.limits import max_in_window
from faketg.world import Sent, World


def add_routes(app: web.Application, world: World) -> None:
    async def users(request: web.Request) -> web.Response:
        body = await request.json()
        ids = world.add_users(int(body["first_id"]), int(body["count"]))
        return control.answer({"added": len(ids)})

    async def updates(request: web.Request) -> web.Response:
        """Queue `updates`: {"user_id", "text"} messages and {"user_id", "button"} presses.

        A press goes to the last message the bot sent the user that has a button with that text;
        users with no such message are listed under "missing" and nothing is queued for them.
        """
        body = await request.json()
        latest = latest_by_chat(world.sent)
        pushed, missing = 0, []
        for item in body["updates"]:
            user_id = int(item["user_id"])
            if "button" in item:
                found = with_button(latest.get(user_id, []), str(item["button"]))
                if found is None:
                    missing.append(user_id)
                    continue
                sent, data = found
                await world.user_presses(user_id, sent, data)
            else:
                await world.user_sends(user_id, item.get("text"))
            pushed += 1
        return control.answer({"pushed": pushed, "missing": missing})

    async def callbacks(request: web.Request) -> web.Response:
        """How many presses were answered; with ?times=1 also [pressed_at, answered_at] pairs."""
        answered = [q for q in world.callbacks.values() if q["answered"]]
        body: dict[str, Any] = {
            "answered": len(answered),
            "pending": len(world.callbacks) - len(answered),
        }
        if request.query.get("times"):
            body["times"] = [[q["pressed_at"], q["answered_at"]] for q in answered]
        return control.answer(body)

    async def pending(_: web.Request) -> web.Response:
        return control.answer({"updates": len(world.updates)})

    async def group(request: web.Request) -> web.Response:
        body = await request.json()
        chat = world.add_group(int(body["chat_id"]), str(body["title"]), list(body["members"]))
        return control.answer(chat)

    async def reached(request: web.Request) -> web.Response:
        """How many of the users first..first+count-1 the bot has sent at least one message."""
        first, count = int(request.query["first"]), int(request.query["count"])
        chats = {s.chat_id for s in world.sent}
        return control.answer({"reached": sum(u in chats for u in range(first, first + count))})

    async def busiest(request: web.Request) -> web.Response:
        """Most successful limited calls to one chat within any `seconds`-long window."""
        chat_id, seconds = int(request.query["chat_id"]), float(request.query["seconds"])
        times = [t for t, _, chat, status in world.log if chat == chat_id and status == 200]
        return control.answer({"max": max_in_window(times, seconds), "total": len(times)})

    app.router.add_post("/_fake/bulk/users", users)
    app.router.add_post("/_fake/bulk/updates", updates)
    app.router.add_get("/_fake/bulk/callbacks", callbacks)
    app.router.add_get("/_fake/bulk/pending", pending)
    app.router.add_post("/_fake/bulk/group", group)
    app.router.add_get("/_fake/bulk/reached", reached)
    app.router.add_get("/_fake/bulk/busiest", busiest)


def latest_by_chat(sent: list[Sent]) -> dict[int, list[Sent]]:
    """Each chat's messages, newest first (one pass over everything sent)."""
    by_chat: dict[int, list[Sent]] = {}
    for message in reversed(sent):
        by_chat.setdefault(message.chat_id, []).append(message)
    return by_chat


def with_button(messages: list[Sent], text: str) -> tuple[Sent, str] | None:
    for message in messages:
        for row in message.buttons:
            for button in row:
                data: Any = button.get("callback_data")
                if button.get("text") == text and data is not None:
                    return message, str(data)
    return None
