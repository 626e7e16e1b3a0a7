"""How the fake's control API (`/_fake/...`) answers the person driving it by hand: JSON with
texts as written (Russian readable in a terminal, not `\\u0417…`), and a 400 naming what is
wrong in a request (an unknown user, a missing field) instead of a 500 and a traceback."""

from __future__ import annotations

import functools
import json
from typing import Any

from aiohttp import web

_dumps = functools.partial(json.dumps, ensure_ascii=False)


def answer(body: Any, status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)


@web.middleware
async def refusals(request: web.Request, handler: Any) -> web.StreamResponse:
    """A control request the fake cannot act on is the caller's mistake: said, with a 400."""
    if not request.path.startswith("/_fake/"):
        return await handler(request)  # type: ignore[no-any-return]
    try:
        return await handler(request)  # type: ignore[no-any-return]
    except KeyError as exc:
        return answer({"error": f"unknown or missing: {exc.args[0]!s}"}, status=400)
    except (ValueError, TypeError) as exc:
        return answer({"error": f"bad request: {exc}"}, status=400)
