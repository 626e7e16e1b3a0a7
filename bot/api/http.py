"""What every /api/v1 endpoint shares: the bearer check, JSON answers and JSON errors."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from aiohttp import web

from bot.web import MAX_BODY

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


_dumps = partial(json.dumps, ensure_ascii=False)  # people read these: Cyrillic stays Cyrillic


def answer(body: Any, status: int = 200) -> web.Response:
    """A JSON answer in UTF-8, its texts as written (not \\u-escaped)."""
    return web.json_response(body, status=status, dumps=_dumps)


def error(status: int, message: str, fields: list[dict[str, str]] | None = None) -> web.Response:
    body: dict[str, object] = {"error": message}
    if fields:
        body["fields"] = fields
    return answer(body, status=status)


async def json_body(request: web.Request) -> Any:
    """The request's JSON body, or the error answer to return instead (413 over MAX_BODY,
    400 not JSON): every /api/v1 endpoint that takes a body reads it here."""
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return error(413, f"body too large ({MAX_BODY // (1024 * 1024)} MiB at most)")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        return error(400, "the body is not valid JSON")


def bearer_guard(token: str | None) -> Callable[[Handler], Handler]:
    """401 unless `Authorization: Bearer <API_TOKEN>`; 503 when no API_TOKEN is configured."""

    def wrap(handler: Handler) -> Handler:
        async def guarded(request: web.Request) -> web.StreamResponse:
            if token is None:
                return error(503, "the API is disabled: set API_TOKEN")
            given = request.headers.get("Authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                value.strip().encode(), token.encode()
            ):
                return error(401, "missing or wrong bearer token")
            return await handler(request)

        return guarded

    return wrap
