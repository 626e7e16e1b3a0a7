"""HTTP front of the fake: /bot<token>/<method> like Telegram, /_fake/* to play and inspect."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import asdict
from typing import Any

import aiohttp
from aiohttp import web

from faketg import bulk, business, control
from faketg.contract import Contract
from faketg.limits import FakeLimits, Faults
from faketg.methods import LIMITED, METHODS
from faketg.world import ApiError, Sent, World

log = logging.getLogger(__name__)

# Parameters that are always strings, even when they look like JSON ("123", "true").
_TEXT_KEYS = {
    "text",
    "caption",
    "callback_query_id",
    "url",
    "secret_token",
    "name",
    "title",
    "description",
    "parse_mode",
    "query",
    "icon_custom_emoji_id",
}
# Parameters getUpdates answers without waiting on anything.
_MAX_POLL = 50.0
# What nginx in front of the Bot API answers when Telegram behind it does not.
PROXY_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
CONFLICT = (
    "Conflict: terminated by other getUpdates request;"
    " make sure that only one bot instance is running"
)


class Upload(bytes):
    """A file the bot uploaded, with the name it gave it (a Document's file_name)."""

    filename: str | None

    def __new__(cls, data: bytes, filename: str | None) -> Upload:
        upload = super().__new__(cls, data)
        upload.filename = filename
        return upload


async def read_params(request: web.Request) -> dict[str, Any]:
    """Telegram accepts query strings, JSON and form data; aiogram sends multipart forms."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: expected a JSON object")
        params.update(body)
        return params
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = Upload(value.file.read(), value.filename)
            else:
                params[key] = _coerce(key, str(value))
    return params


def _coerce(key: str, value: str) -> Any:
    if key in _TEXT_KEYS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeTelegramServer:
    def __init__(
        self, token: str = "123456:TEST-token", host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.world = World(token=token)
        # The official Bot API reference, when it is beside the checkout: every request the bot
        # makes is checked against it (None: not found, nothing checked).
        self.contract = Contract.load()
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._closing = False
        self._site: web.TCPSite | None = None
        self._down_until = 0.0
        self._poll_generation = 0
        self._polling: web.Request | None = None  # the getUpdates in progress, if any
        self._back_task: asyncio.Future[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024, middlewares=[control.refusals])
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_post("/_fake/users", self._ctl_user)
        app.router.add_post("/_fake/messages", self._ctl_message)
        app.router.add_post("/_fake/press", self._ctl_press)
        app.router.add_post("/_fake/block", self._ctl_block)
        app.router.add_post("/_fake/config", self._ctl_config)
        app.router.add_post("/_fake/outage", self._ctl_outage)
        app.router.add_get("/_fake/sent", self._ctl_sent)
        app.router.add_get("/_fake/stats", self._ctl_stats)
        bulk.add_routes(app, self.world)
        business.add_routes(app, self.world)
        return app

    async def start(self) -> None:
        # A parked long poll must not hold shutdown (aiohttp waits 60 s for handlers by default).
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self.host, self.port)
        await self._site.start()
        self.port = self._runner.addresses[0][1]
        self._webhook_task = asyncio.create_task(self._deliver_webhooks())

    async def stop(self) -> None:
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        self._closing = True  # parked long polls answer now instead of holding shutdown
        async with self.world.new_update:
            self.world.new_update.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def down(self) -> bool:
        return time.monotonic() < self._down_until

    async def outage(self, seconds: float) -> None:
        """Become unreachable: connections refused, requests on open connections cut off."""
        self._down_until = time.monotonic() + seconds
        async with self.world.new_update:
            self.world.new_update.notify_all()  # parked long polls are cut off too
        if self._site is not None:
            await self._site.stop()
            self._site = None
        asyncio.get_running_loop().call_later(seconds, self._come_back)

    def _come_back(self) -> None:
        async def listen() -> None:
            back = not self.down  # a longer outage called meanwhile keeps the port closed
            if back and self._runner is not None and self._site is None and not self._closing:
                self._site = web.TCPSite(self._runner, self.host, self.port)
                await self._site.start()

        self._back_task = asyncio.ensure_future(listen())

    # -- the Bot API -----------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.StreamResponse:
        world = self.world
        name = request.match_info["method"].lower()
        if self.down:  # a request on a connection opened before the outage: cut it
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=503)
        if world.faults.take_html_502(name):
            world.tally[f"{name} 502"] += 1
            world.log.append((time.time(), name, None, 502))
            return web.Response(status=502, text=PROXY_502, content_type="text/html")
        if name in world.faults.method_errors:
            code = world.faults.method_errors[name]
            return self._answer(name, None, ApiError(code, f"Error {code}: injected by the fake"))
        if request.match_info["token"] != world.token:
            return self._answer(name, None, ApiError(401, "Unauthorized"))
        try:
            params = await read_params(request)
        except (ApiError, ValueError) as exc:
            error = exc if isinstance(exc, ApiError) else ApiError(400, "Bad Request: bad body")
            return self._answer(name, None, error)
        chat_id = params.get("chat_id") if isinstance(params.get("chat_id"), int) else None
        if name == "getupdates":
            return await self._get_updates(request, params)
        method = METHODS.get(name)
        if self.contract is not None:
            problems = self.contract.check(name, params)
            world.violations.extend(problems)  # tests fail on any (see tests/conftest.py)
            refused = [p for p in problems if "unknown parameter" not in p]
            if refused and method is not None:  # unknown parameters: ignored, as Telegram does
                return self._answer(name, chat_id, ApiError(400, f"Bad Request: {refused[0]}"))
        if method is None:
            return self._answer(name, chat_id, ApiError(404, "Not Found"))
        faults = world.faults
        if faults.latency:
            await asyncio.sleep(faults.latency)
        if faults.error_rate and faults.rng.random() < faults.error_rate:
            return self._answer(name, chat_id, ApiError(500, "Internal Server Error"))
        if name in LIMITED and chat_id is not None:
            if faults.burst_429 > 0:
                faults.burst_429 -= 1
                return self._answer(
                    name, chat_id, ApiError(429, "Too Many Requests: retry after 1", 1)
                )
            wait = world.limiter.check(chat_id, time.monotonic())
            if wait:
                error = ApiError(429, f"Too Many Requests: retry after {wait}", wait)
                return self._answer(name, chat_id, error)
        try:
            result = await method(world, params)
        except ApiError as exc:
            return self._answer(name, chat_id, exc)
        if faults.timeout_rate and faults.rng.random() < faults.timeout_rate:
            await asyncio.sleep(faults.timeout_delay)  # done, but the answer comes too late
        return self._answer(name, chat_id, None, result)

    def _answer(
        self, name: str, chat_id: int | None, error: ApiError | None, result: Any = None
    ) -> web.Response:
        status = error.code if error else 200
        self.world.log.append((time.time(), name, chat_id, status))
        self.world.tally[f"{name} {status}"] += 1
        body = error.body() if error else {"ok": True, "result": result}
        return web.json_response(body, status=status)

    async def _get_updates(
        self, request: web.Request, params: dict[str, Any]
    ) -> web.StreamResponse:
        world = self.world
        if world.webhook:
            error = ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
            return self._answer("getupdates", None, error)
        offset = params.get("offset")
        if isinstance(offset, int):
            world.updates[:] = [u for u in world.updates if u["update_id"] >= offset]
        limit = params["limit"] if isinstance(params.get("limit"), int) else 100
        timeout = params["timeout"] if isinstance(params.get("timeout"), int) else 0
        deadline = time.monotonic() + min(float(timeout), _MAX_POLL)
        # Like Telegram, a second getUpdates terminates the one in progress with 409. When
        # that one's client is still connected, two pollers overlapped ("getupdates overlap");
        # a poll left behind by a killed process does not count.
        previous = self._polling
        if previous is not None and previous.transport and not previous.transport.is_closing():
            world.tally["getupdates overlap"] += 1
        self._polling = request
        self._poll_generation += 1
        mine = self._poll_generation
        async with world.new_update:
            world.new_update.notify_all()
            while not world.updates and time.monotonic() < deadline and not self._closing:
                if self._poll_generation != mine or self.down:
                    break
                try:
                    await asyncio.wait_for(world.new_update.wait(), deadline - time.monotonic())
                except TimeoutError:
                    break
            if self.down and request.transport is not None:
                request.transport.abort()
                return web.Response(status=503)
            if self._poll_generation != mine:
                return self._answer("getupdates", None, ApiError(409, CONFLICT))
            self._polling = None
            batch = world.updates[: max(1, min(int(limit), 100))]
        return self._answer("getupdates", None, None, batch)

    async def _deliver_webhooks(self) -> None:
        """While a webhook is set, POST queued updates to it, in order, retrying until 2xx."""
        world = self.world
        async with aiohttp.ClientSession() as session:
            while True:
                if not world.webhook or not world.updates:
                    async with world.new_update:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(world.new_update.wait(), 0.2)
                    continue
                update = world.updates[0]
                headers = {}
                if world.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = world.webhook["secret_token"]
                try:
                    async with session.post(
                        world.webhook["url"], json=update, headers=headers
                    ) as resp:
                        delivered = 200 <= resp.status < 300
                except aiohttp.ClientError:
                    delivered = False
                if delivered and world.updates and world.updates[0] is update:
                    world.updates.pop(0)
                elif not delivered:
                    await asyncio.sleep(0.2)

    # -- the control API -------------------------------------------------------------------
    async def _ctl_user(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.world.add_user(
            int(body["id"]),
            str(body.get("first_name", "User")),
            body.get("language_code", "en"),
            body.get("username"),
        )
        return control.answer(user)

    async def _ctl_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        user_id = int(body.pop("user_id"))
        update = await self.world.user_sends(user_id, body.pop("text", None), **body)
        return control.answer(update)

    async def _ctl_press(self, request: web.Request) -> web.Response:
        """A press under a given message ({"chat_id", "message_id", "data"}), or ({"button"})
        on the button with that text under the newest message in the chat that has one: the
        user's own chat with the bot, or the group given as "chat_id" (staff under a card)."""
        body = await request.json()
        user_id = int(body["user_id"])
        found: tuple[Sent, str] | None
        if "button" in body:
            chat = int(body.get("chat_id", user_id))
            newest = bulk.latest_by_chat(self.world.sent).get(chat, [])
            found = bulk.with_button(newest, str(body["button"]))
        else:
            sent = next(
                (
                    s
                    for s in self.world.sent
                    if s.chat_id == body["chat_id"] and s.message_id == body["message_id"]
                ),
                None,
            )
            found = None if sent is None else (sent, str(body["data"]))
        if found is None:
            return control.answer({"error": "no such message or button"}, status=404)
        update = await self.world.user_presses(user_id, *found)
        return control.answer(update)

    async def _ctl_block(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("blocked", True):
            self.world.blocked.add(int(body["user_id"]))
        else:
            self.world.blocked.discard(int(body["user_id"]))
        return control.answer({"ok": True})

    async def _ctl_config(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "limits" in body:
            self.world.set_limits(FakeLimits(**body["limits"]))
        if "faults" in body:
            self.world.faults = Faults(**body["faults"])
        return control.answer({"ok": True})

    async def _ctl_outage(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self.outage(float(body["seconds"]))
        return control.answer({"ok": True})

    async def _ctl_sent(self, request: web.Request) -> web.Response:
        chat = request.query.get("chat_id")
        sent = self.world.sent if chat is None else self.world.sent_to(int(chat))
        return control.answer(
            [
                {
                    "method": s.method,
                    "chat_id": s.chat_id,
                    "message_id": s.message_id,
                    "text": s.text,
                    "buttons": s.buttons,
                    "edits": s.edits,
                    "business_connection_id": s.business_connection_id,
                }
                for s in sent
                if not s.deleted  # the chat as it is now: what the bot deleted is gone
            ]
        )

    async def _ctl_stats(self, request: web.Request) -> web.Response:
        world = self.world
        by_status: dict[str, int] = {}
        for _, _, _, status in world.log:
            by_status[str(status)] = by_status.get(str(status), 0) + 1
        return control.answer(
            {
                "requests": len(world.log),
                "by_status": by_status,
                "sent": len(world.sent),
                "tally": dict(world.tally),
                "limits": asdict(world.limits),
            }
        )
