"""GET /api/v1/themes and PUT /api/v1/themes: read and replace the shop's themes.

The body both ways is the list of §9, `[{"theme", "name": {lang: str}, "words": {lang:
[str]}}]`; with nothing stored GET answers the default themes. PUT checks the whole list first
(`bot/themes/definitions.py`): anything invalid is a 422 naming the field at fault, and nothing
is stored. An accepted list is a new version unless it is the current one, and answers as
stored (words lower-cased, spaces tidied); texts written from then on are tagged with it and the
past follows in batches (`bot/themes/stored.py`).
"""

from __future__ import annotations

from aiohttp import web

from bot.api.http import Handler, answer, error, json_body
from bot.themes import stored
from bot.themes.definitions import ThemesInvalid, parse_themes
from storage.clock import Clock
from storage.db import Database


def themes_get_handler(db: Database) -> Handler:
    async def handle(_: web.Request) -> web.Response:
        async with db.read() as tx:
            themes = await stored.current(tx)
        return answer(themes.as_json())

    return handle


def themes_put_handler(db: Database, clock: Clock) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = await json_body(request)
        if isinstance(body, web.Response):
            return body
        try:
            themes = parse_themes(body)
        except ThemesInvalid as exc:
            field, _, message = str(exc).partition(": ")
            return error(422, "invalid themes", [{"field": field, "message": message}])
        async with db.transaction() as tx:
            now, _ = await stored.replace(tx, themes, stored.BY_API, clock())
        return answer(now.as_json())

    return handle
