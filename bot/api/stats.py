"""GET /api/v1/stats (the digest's numbers as JSON) and GET /api/v1/responses (paginated)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.api.http import Handler, answer, error
from bot.reports.as_json import digest_json
from bot.reports.config import Reports
from bot.reports.figures import UnknownBranch, period_figures
from bot.themes import stored
from storage.db import Database, Tx

MAX_PAGE = 1000
DEFAULT_PAGE = 100


def stats_handler(db: Database, reports: Reports) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        first, last = request.query.get("from"), request.query.get("to")
        branch = request.query.get("branch") or None
        try:
            digest = await period_figures(db, reports, first, last, branch)
        except UnknownBranch as exc:
            return error(422, str(exc), [_field("branch", str(exc))])
        except ValueError as exc:
            field = "to" if first and not last else "from"
            return error(422, str(exc), [_field(field, str(exc))])
        return answer(digest_json(digest))

    return handle


def paged(
    db: Database, key: str, read: Callable[[Tx, int, int], Awaitable[list[dict[str, Any]]]]
) -> Handler:
    """GET `?since=ID&limit=N`: rows with ids after `since` under `key`, oldest first, and
    `next_since` to continue (null when this page was the last so far); 422 names a bad
    parameter."""

    async def handle(request: web.Request) -> web.Response:
        since = _int(request.query.get("since", "0"), 0, 2**62)
        limit = _int(request.query.get("limit", str(DEFAULT_PAGE)), 1, MAX_PAGE)
        if since is None:
            return error(422, "since must be a cursor from a previous page", [_field("since")])
        if limit is None:
            return error(422, f"limit must be 1-{MAX_PAGE}", [_field("limit")])
        async with db.read() as tx:
            rows = await read(tx, since, limit)
        cursor = rows[-1]["id"] if len(rows) == limit else None
        return answer({key: rows, "next_since": cursor})

    return handle


def responses_handler(db: Database) -> Handler:
    """`?theme=ID` (optional): only the answers something the customer wrote about mentions
    that theme (as the dashboard's filters); an id that is no current theme is a 422."""

    async def handle(request: web.Request) -> web.StreamResponse:
        theme = request.query.get("theme") or None
        if theme is not None:
            async with db.read() as tx:
                known = [t.theme for t in (await stored.current(tx)).themes]
            if theme not in known:
                message = f"theme must be one of: {', '.join(known)}"
                return error(422, message, [_field("theme", message)])

        async def read(tx: Tx, since: int, limit: int) -> list[dict[str, Any]]:
            return await tx.stats.responses(since, limit, theme=theme)

        return await paged(db, "responses", read)(request)

    return handle


def _int(text: str, low: int, high: int) -> int | None:
    if not (text.isascii() and text.isdigit()):  # "²" is a digit to str.isdigit
        return None
    value = int(text)
    return value if low <= value <= high else None


def _field(name: str, message: str = "invalid") -> dict[str, str]:
    return {"field": name, "message": message}
