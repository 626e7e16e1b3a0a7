"""The integrators' HTTP API: purchases in, numbers, answers and events out, behind API_TOKEN."""

from __future__ import annotations

from aiohttp import web

from bot.api.events import events_handler
from bot.api.http import Handler, answer, bearer_guard
from bot.api.openapi import document
from bot.api.purchases import purchases_handler
from bot.api.stats import responses_handler, stats_handler
from bot.api.survey import survey_get_handler, survey_put_handler
from bot.api.themes import themes_get_handler, themes_put_handler
from bot.reports.config import Reports
from bot.surveys.config import Surveys
from bot.wiring import Wiring


def install(w: Wiring, surveys: Surveys, reports: Reports) -> None:
    token = w.settings.api.api_token
    guard = bearer_guard(token.get_secret_value() if token else None)
    design = surveys.design
    w.routes += [
        ("POST", "/api/v1/purchases", guard(purchases_handler(w.db, surveys))),
        ("GET", "/api/v1/stats", guard(stats_handler(w.db, reports))),
        ("GET", "/api/v1/responses", guard(responses_handler(w.db))),
        ("GET", "/api/v1/events", guard(events_handler(w.db))),
        ("GET", "/api/v1/survey", guard(survey_get_handler(w.db, design))),
        ("PUT", "/api/v1/survey", guard(survey_put_handler(w.db, design, surveys.core.clock))),
        ("GET", "/api/v1/themes", guard(themes_get_handler(w.db))),
        ("PUT", "/api/v1/themes", guard(themes_put_handler(w.db, surveys.core.clock))),
        ("GET", "/api/v1/openapi.json", openapi_handler(document())),
    ]


def openapi_handler(doc: dict[str, object]) -> Handler:
    """The document needs no token: it says what the API is, not what the shop holds."""

    async def handle(_: web.Request) -> web.Response:
        return answer(doc)

    return handle
