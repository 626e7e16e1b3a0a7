"""GET /api/v1/survey and PUT /api/v1/survey: read and replace the survey definition.

PUT checks the whole body first: anything invalid is a 422 naming every field at fault, and
nothing is stored. An accepted body becomes a new version; the body that is already current
stores nothing (200 with that version and `"changed": false`). What GET adds beside the body
(`version`, `estimated_seconds`, `warnings`, `asked`) may be sent back as it came: PUT
ignores it, so a definition kept in version control can be the GET's answer, edited.
"""

from __future__ import annotations

from aiohttp import web

from bot.api.http import Handler, answer, error, json_body
from bot.surveys.design_check import parse_definition
from bot.surveys.design_versions import BY_API, Design, current, replace
from storage.clock import Clock
from storage.db import Database

READ_ONLY = ("version", "estimated_seconds", "warnings", "asked", "changed")


def survey_get_handler(db: Database, design: Design) -> Handler:
    async def handle(_: web.Request) -> web.Response:
        async with db.read() as tx:
            survey = await current(tx, design)
        return answer(survey.as_json())

    return handle


def survey_put_handler(db: Database, design: Design, clock: Clock) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = await json_body(request)
        if isinstance(body, web.Response):
            return body
        if isinstance(body, dict):
            body = {key: value for key, value in body.items() if key not in READ_ONLY}
        definition, problems = parse_definition(body, design.languages)
        if definition is None:
            fields = [{"field": p.path, "message": p.message} for p in problems]
            return error(422, "invalid survey", fields)
        async with db.transaction() as tx:
            survey, changed = await replace(tx, design, definition, BY_API, clock())
        return answer({**survey.as_json(), "changed": changed})

    return handle
