"""The HTTP API as an OpenAPI 3.1 document, served at GET /api/v1/openapi.json.

Request bodies come from the models that validate them; response shapes are written here and
closed (`additionalProperties: false`), so a test that checks real responses against them
fails when a field is added or changed without the document.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic.json_schema import models_json_schema

from bot.api.models import MAX_BATCH, BatchIn
from bot.api.stats import MAX_PAGE
from bot.events import schemas as event_schemas
from bot.reports.sources import ORIGINS
from bot.surveys.design import Definition
from bot.surveys.purchase_in import PurchaseIn
from bot.themes.definitions import LANGUAGES, MAX_NAME, MAX_THEMES, MAX_WORD, MAX_WORDS
from storage.states import SurveyStatus

REF = "#/components/schemas/{model}"
Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": REF.format(model=name)}


def _obj(**properties: Schema) -> Schema:
    """A closed object: these properties, every one present."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _or_null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


INT: Schema = {"type": "integer"}
COUNT: Schema = {"type": "integer", "minimum": 0}
NUMBER: Schema = {"type": "number"}
TEXT: Schema = {"type": "string"}
WHEN: Schema = {"type": "string", "format": "date-time"}
SHARE: Schema = _or_null({"type": "number", "minimum": 0, "maximum": 1})
SECONDS: Schema = _or_null({"type": "number", "minimum": 0})

NPS: Schema = _obj(
    n=COUNT,
    nps=_or_null({"type": "number", "minimum": -100, "maximum": 100}),
    margin_95=_or_null(NUMBER),
    promoters=SHARE,
    passives=SHARE,
    detractors=SHARE,
    too_few_answers={"type": "boolean"},
)

TREND_POINT: Schema = _obj(**{"from": WHEN}, **NPS["properties"])  # a period's first instant

CHANGE: Schema = _or_null(
    _obj(delta=NUMBER, margin_95=_or_null(NUMBER), beyond_noise={"type": "boolean"})
)
THEME_FIGURES: Schema = _obj(
    theme=TEXT,
    name={"type": "object", "additionalProperties": TEXT},
    mentions={**COUNT, "description": "texts in the period mentioning it, each once"},
    detractors={**COUNT, "description": "of the mentions, those whose answer was 0-6"},
    passives={**COUNT, "description": "7-8"},
    promoters={**COUNT, "description": "9-10 (a text with no answer counts in mentions only)"},
    nps=_ref("Nps"),
    previous={**COUNT, "description": "mentions in the previous period"},
    previous_nps=_ref("Nps"),
    change=CHANGE,
    quotes={"type": "array", "items": TEXT, "description": "the newest texts, clipped"},
)
STATS: Schema = _obj(
    **{"from": WHEN, "to": WHEN},
    branch=_or_null(TEXT),
    nps=_ref("Nps"),
    previous_period=_ref("Nps"),
    change=CHANGE,
    invited=COUNT,
    response_rate=SHARE,
    csat_mean=_or_null(NUMBER),
    expectations={"type": "object", "additionalProperties": SHARE},
    complaints=_obj(
        opened=COUNT,
        opened_by_source={
            **_obj(**dict.fromkeys(ORIGINS, COUNT)),
            "description": "`opened` by where each came from: a survey answer that opens one,"
            " /complaint, a message to the bot, one to the shop's Telegram account",
        },
        resolved=COUNT,
        awaiting_customer=COUNT,
        still_open=COUNT,
        overdue=COUNT,
        taken_on_time=SHARE,
        resolved_on_time=SHARE,
        median_seconds_to_take=SECONDS,
        median_seconds_to_resolve=SECONDS,
        median_business_seconds_to_take=SECONDS,
        median_business_seconds_to_resolve=SECONDS,
        resolution_satisfaction=SHARE,
    ),
    by_branch={"type": "object", "additionalProperties": _ref("Nps")},
    by_segment={"type": "object", "additionalProperties": _ref("Nps")},
    detractor_aspects={"type": "object", "additionalProperties": COUNT},
    detractor_comments={
        "type": "array",
        "items": _obj(nps={"type": "integer", "minimum": 0, "maximum": 10}, comment=TEXT),
    },
    distribution={"type": "array", "items": COUNT, "minItems": 11, "maxItems": 11},
    questions={
        "type": "object",
        "description": "per question id (the NPS first), over the answers to it whatever"
        " survey version asked it",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["nps", "scale", "choice", "text"]},
                "n": COUNT,
                "mean": _or_null({"type": "number"}),
                "counts": {"type": "object", "additionalProperties": COUNT},
            },
            "required": ["type", "n", "counts"],
            "additionalProperties": False,
        },
    },
    delivery=_obj(failed=COUNT, blocked=COUNT),
    trend={"type": "array", "items": TREND_POINT},
    causes={
        "type": "array",
        "items": _obj(cause=TEXT, complaints=COUNT, previous=COUNT),
    },
    actions=_obj(open=COUNT, done=COUNT),
    referrals=_obj(links_sent=COUNT, friends_joined=COUNT, friends_purchased=COUNT),
    themes={"type": "array", "items": THEME_FIGURES},
)

RESPONSE_ROW: Schema = _obj(
    id=INT,
    order_id=TEXT,
    branch=_or_null(TEXT),
    segment=_or_null(TEXT),
    sent_at=_or_null(TEXT),
    answered_at=_or_null(TEXT),
    status={"type": "string", "enum": [s.value for s in SurveyStatus]},
    nps={"type": "integer", "minimum": 0, "maximum": 10},
    csat=_or_null({"type": "integer", "minimum": 1, "maximum": 5}),
    expectation=_or_null(TEXT),
    aspects=_or_null({"type": "string", "description": "comma-separated aspect keys"}),
    comment=_or_null(TEXT),
    referred={"type": "integer", "enum": [0, 1]},
    answers={
        "type": "object",
        "description": "by question id: a score, the option ids chosen, or the text",
        "additionalProperties": {
            "oneOf": [{"type": "integer"}, {"type": "array", "items": TEXT}, TEXT]
        },
    },
    channel={"type": "string", "enum": ["telegram", "web"]},
)

PURCHASE_RESULT: Schema = _obj(
    order_id=TEXT,
    status={"type": "string", "enum": [s.value for s in SurveyStatus]},
    due_at=_or_null(WHEN),
    reason=_or_null(TEXT),
    deep_link={"type": "string", "format": "uri"},
    survey_url=_or_null(
        {
            "type": "string",
            "format": "uri",
            "description": "the survey's web address (PUBLIC_URL/s/<token>; its QR code for"
            " receipts: + /qr.svg, or /qr.png). A repeat of a purchase gets a new address, and"
            " every one given stays valid. null when the server has no PUBLIC_URL: set it to"
            " the public https address of the bot's HTTP port to get these links",
        }
    ),
)

SURVEY: Schema = _obj(
    version={**COUNT, "description": "0: today's survey, built in (nothing stored yet)"},
    questions={"type": "array", "items": _ref("Question")},
    variants={"type": "array", "items": _ref("Variant")},
    estimated_seconds={**COUNT, "description": "along the longest path the conditions allow"},
    warnings={"type": "array", "items": TEXT},
    asked={
        "type": "boolean",
        "description": "whether customers are asked this survey now: the current version"
        " is asked from the next invitation on (a survey started finishes its own version)",
    },
)

ERROR: Schema = {
    **_obj(error=TEXT, fields={"type": "array", "items": _obj(field=TEXT, message=TEXT)}),
    "required": ["error"],  # fields: for invalid input only
}


def _json(description: str, schema: Schema) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Schema]:
    words = {
        400: "the body is not JSON",
        401: "missing or wrong bearer token",
        409: "an order_id already used for another customer; nothing stored",
        413: f"the body is over 4 MiB (a batch of purchases: over {MAX_BATCH})",
        422: "invalid input; `fields` names each field and what is wrong",
        503: "the API is disabled (no API_TOKEN), or the database is unavailable (Retry-After)",
    }
    return {str(code): _json(words[code], _ref("Error")) for code in codes}


def _query(name: str, description: str, schema: Schema) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _paged(summary: str, page: str, *more: Schema) -> Schema:
    """A GET paged with ?since=ID&limit=N (bot/api/stats.py `paged`), and `more` parameters."""
    return {
        "get": {
            "summary": summary,
            "security": [{"bearer": []}],
            "parameters": [
                _query("since", "next_since of the previous page (0 first)", COUNT),
                _query(
                    "limit",
                    f"rows per page, 1-{MAX_PAGE}",
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                ),
                *more,
            ],
            "responses": {"200": _json("a page", _ref(page)), **_errors(401, 422, 503)},
        }
    }


def _survey(secured: list[Schema]) -> Schema:
    return {
        "get": {
            "summary": "The current survey definition (today's survey, version 0, until one"
            " is stored)",
            "security": secured,
            "responses": {"200": _json("the definition", _ref("Survey")), **_errors(401, 503)},
        },
        "put": {
            "summary": "Replace the survey: a new version, unless the body is the current"
            " one (version, estimated_seconds and warnings are ignored if sent back)",
            "security": secured,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("SurveyIn")}},
            },
            "responses": {
                "200": _json("stored (or already current)", _ref("SurveyStored")),
                **_errors(400, 401, 413, 422, 503),
            },
        },
    }


_BY_LANGUAGE: Schema = {"propertyNames": {"enum": list(LANGUAGES)}, "minProperties": 1}
THEME: Schema = _obj(
    theme={"type": "string", "pattern": "^[a-z][a-z0-9_]{0,31}$"},
    name={
        "type": "object",
        **_BY_LANGUAGE,
        "additionalProperties": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
    },
    words={
        "type": "object",
        **_BY_LANGUAGE,
        "additionalProperties": {
            "type": "array",
            "maxItems": MAX_WORDS,
            "items": {"type": "string", "minLength": 1, "maxLength": MAX_WORD},
        },
    },
)


def _themes(secured: list[Schema]) -> Schema:
    themes = _ref("Themes")
    return {
        "get": {
            "summary": "The shop's themes (the eight default ones until owners store theirs)",
            "security": secured,
            "responses": {"200": _json("the themes", themes), **_errors(401, 503)},
        },
        "put": {
            "summary": "Replace the themes: a new version unless they are the current ones;"
            " past texts are tagged again in the background",
            "security": secured,
            "requestBody": {"required": True, "content": {"application/json": {"schema": themes}}},
            "responses": {
                "200": _json("stored (or already current), as stored", themes),
                **_errors(400, 401, 413, 422, 503),
            },
        },
    }


def _survey_in(definition: Schema) -> Schema:
    """What PUT takes: the definition, and what GET adds beside it, ignored when sent back (so
    GET's answer, edited, is a valid body)."""
    sent_back = {
        name: {**SURVEY["properties"][name], "readOnly": True}
        for name in ("version", "estimated_seconds", "warnings", "asked")
    }
    changed = {"type": "boolean", "readOnly": True}
    return {
        **definition,
        "properties": {**definition["properties"], **sent_back, "changed": changed},
    }


@functools.cache
def document() -> Schema:
    """The API's OpenAPI document: made from the code alone, so once per process (~0.1 s of
    pydantic's schema generation each app would otherwise pay). Served as it is; never
    changed."""
    _, defs = models_json_schema(
        [(PurchaseIn, "validation"), (BatchIn, "validation"), (Definition, "validation")],
        ref_template=REF,
    )
    secured: list[Schema] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Feedback bot API",
            "version": "1",
            "description": "Purchases in; the digest's numbers, the survey answers and the"
            " events out; the survey's definition and the themes both ways. "
            "Every /api/v1 call but this document needs `Authorization: Bearer <API_TOKEN>`.",
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                **defs["$defs"],
                "PurchaseResult": PURCHASE_RESULT,
                "BatchResult": _obj(
                    created=COUNT,
                    duplicates=COUNT,
                    results={"type": "array", "items": _ref("PurchaseResult")},
                ),
                "Nps": NPS,
                "Stats": STATS,
                "ResponseRow": RESPONSE_ROW,
                "Responses": _obj(
                    responses={"type": "array", "items": _ref("ResponseRow")},
                    next_since=_or_null(INT),
                ),
                "Event": event_schemas.envelope(),
                "Events": _obj(
                    events={"type": "array", "items": _ref("Event")},
                    next_since=_or_null(INT),
                ),
                "Survey": SURVEY,
                "SurveyIn": _survey_in(defs["$defs"]["Definition"]),
                "SurveyStored": {
                    **SURVEY,
                    "properties": {
                        **SURVEY["properties"],
                        "changed": {
                            "type": "boolean",
                            "description": "false: the body was the current one, nothing stored",
                        },
                    },
                    "required": [*SURVEY["required"], "changed"],
                },
                "Theme": THEME,
                "Themes": {"type": "array", "maxItems": MAX_THEMES, "items": _ref("Theme")},
                "Error": ERROR,
            },
        },
        "paths": {
            "/api/v1/purchases": {
                "post": {
                    "summary": "Register one purchase, or a batch (all or nothing)",
                    "security": secured,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"oneOf": [_ref("PurchaseIn"), _ref("BatchIn")]}
                            }
                        },
                    },
                    "responses": {
                        "201": _json(
                            "stored (a batch: at least one new)",
                            {"oneOf": [_ref("PurchaseResult"), _ref("BatchResult")]},
                        ),
                        "200": _json(
                            "every order_id was known already: nothing new",
                            {"oneOf": [_ref("PurchaseResult"), _ref("BatchResult")]},
                        ),
                        **_errors(400, 401, 409, 413, 422, 503),
                    },
                }
            },
            "/api/v1/stats": {
                "get": {
                    "summary": "The digest's numbers for a period (default the last 7 days)",
                    "security": secured,
                    "parameters": [
                        _query("from", "first day, e.g. 2026-10-01 (with `to`)", TEXT),
                        _query("to", "last day, included", TEXT),
                        _query(
                            "branch",
                            "one branch's figures (422 for a branch no purchase has)",
                            TEXT,
                        ),
                    ],
                    "responses": {
                        "200": _json("the figures", _ref("Stats")),
                        **_errors(401, 422, 503),
                    },
                }
            },
            "/api/v1/responses": _paged(
                "Every answered survey, oldest first, a page at a time",
                "Responses",
                _query(
                    "theme",
                    "only answers something the customer wrote about mentions this theme"
                    " (an id of GET /api/v1/themes)",
                    TEXT,
                ),
            ),
            "/api/v1/events": _paged(
                "The events EVENTS_URL receives, oldest first, a page at a time"
                " (each type's data: docs/events.schema.json)",
                "Events",
            ),
            "/api/v1/survey": _survey(secured),
            "/api/v1/themes": _themes(secured),
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document (no token needed)",
                    "responses": {"200": {"description": "the OpenAPI document"}},
                }
            },
        },
    }
