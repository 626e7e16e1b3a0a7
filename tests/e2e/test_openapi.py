"""The OpenAPI document at /api/v1/openapi.json: a valid OpenAPI 3.1 document, and every
answer the API really gives (each documented success, each kind of refusal) fits the schema
it documents for that path and status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from bot.app import App
from tests.support.helpers import ManualClock
from tests.support.journey import API_TOKEN, MakeApp
from tests.support.reportdata import add_complaint, add_response

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
BEARER = {"Authorization": f"Bearer {API_TOKEN}"}
SURVEY = {
    "questions": [
        {"id": "nps", "type": "nps", "complaint": {"at_most": 6}},
        {
            "id": "where",
            "type": "choice",
            "text": {"en": "Where?", "ru": "Где?", "sv": "Var?"},
            "options": [
                {"id": "online", "text": {"en": "Online", "ru": "Онлайн", "sv": "Online"}},
                {"id": "store", "text": {"en": "Store", "ru": "Магазин", "sv": "Butik"}},
            ],
            "when": {"question": "nps", "in": ["detractor", 7]},
        },
    ]
}

THEMES = [
    {
        "theme": "parking",
        "name": {"en": "Parking", "ru": "Парковка", "sv": "Parkering"},
        "words": {"en": ["parking"], "ru": ["парковка"], "sv": ["parkering"]},
    }
]


async def ask(
    app: App, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    url = f"http://127.0.0.1:{app.port}{path}"
    async with (
        aiohttp.ClientSession() as session,
        session.request(
            method, url, json=body, headers=BEARER if headers is None else headers
        ) as resp,
    ):
        return resp.status, await resp.json(content_type=None)


class Contract:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.checked: set[tuple[str, str, str]] = set()

    def check(self, method: str, path: str, status: int, body: Any) -> None:
        """`body` fits the schema documented for this answer; a status the document does not
        list for the path fails."""
        answers = self.document["paths"][path.split("?")[0]][method.lower()]["responses"]
        assert str(status) in answers, (method, path, status, body)
        schema = answers[str(status)]["content"]["application/json"]["schema"]
        root = {"components": self.document["components"], **schema}
        validator = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
        assert not errors, (method, path, status, errors)
        self.checked.add((path.split("?")[0], method.lower(), str(status)))

    def request_errors(self, method: str, path: str, body: Any) -> list[str]:
        """Where `body` does not fit the request body documented for this call."""
        operation = self.document["paths"][path][method.lower()]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        root = {"components": self.document["components"], **schema}
        validator = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


async def test_every_answer_fits_the_served_openapi_document(make_app: MakeApp) -> None:
    app = await make_app(ManualClock(NOW), public_url="https://shop.example")  # survey_url
    status, document = await ask(app, "GET", "/api/v1/openapi.json", headers={})
    assert status == 200
    validate(document)  # the OpenAPI 3.1 specification itself
    api = Contract(document)
    async with app.db.transaction() as tx:
        day = NOW - timedelta(days=2)
        for n, (nps, branch) in enumerate([(10, "north"), (9, "north"), (3, "south")], 1):
            await add_response(
                tx.conn,
                100 + n,
                day,
                nps,
                csat=4,
                expectation="as_expected",
                branch=branch,
                comment="slow" if nps < 7 else None,
                aspects=("speed",) if nps < 7 else (),
            )
        await tx.surveys.update(103, comment="slow, and rude staff")  # tagged: `themes` in stats
        await add_complaint(
            tx.conn,
            1,
            103,
            day,
            taken_after=timedelta(minutes=5),
            resolved_after=timedelta(hours=1),
            satisfied=1,
        )

    one = {"order_id": "OA-1", "customer": {"external_id": "crm-1", "name": "Ann"}}
    for method, path, body, headers in [
        ("POST", "/api/v1/purchases", one, None),  # 201
        ("POST", "/api/v1/purchases", one, None),  # 200: known already
        ("POST", "/api/v1/purchases", {"purchases": [one, {**one, "order_id": "OA-2"}]}, None),
        ("POST", "/api/v1/purchases", {"purchases": [one]}, None),  # 200 batch
        ("POST", "/api/v1/purchases", {"order_id": ""}, None),  # 422
        ("POST", "/api/v1/purchases", {**one, "customer": {"external_id": "crm-2"}}, None),  # 409
        ("POST", "/api/v1/purchases", one, {"Authorization": "Bearer wrong"}),  # 401
        ("GET", "/api/v1/stats", None, None),
        ("GET", "/api/v1/stats?from=2026-11-01&to=2026-11-30&branch=north", None, None),
        ("GET", "/api/v1/stats?from=2026-13-01&to=2026-11-30", None, None),  # 422
        ("GET", "/api/v1/responses?since=0&limit=2", None, None),
        ("GET", "/api/v1/responses?since=0&limit=5000", None, None),  # 422
        ("GET", "/api/v1/responses", None, {}),  # 401
        ("GET", "/api/v1/events?since=0&limit=2", None, None),
        ("GET", "/api/v1/events?limit=0", None, None),  # 422
        ("GET", "/api/v1/survey", None, None),  # today's, version 0
        ("PUT", "/api/v1/survey", SURVEY, None),  # version 1
        ("GET", "/api/v1/survey", None, None),  # the stored one
        ("PUT", "/api/v1/survey", {"questions": [{"id": "ces", "type": "scale"}]}, None),  # 422
        ("PUT", "/api/v1/survey", SURVEY, {}),  # 401
        ("GET", "/api/v1/themes", None, None),  # the defaults
        ("PUT", "/api/v1/themes", THEMES, None),  # version 1
        ("PUT", "/api/v1/themes", [{"theme": "Bad id"}], None),  # 422
        ("PUT", "/api/v1/themes", THEMES, {}),  # 401
    ]:
        status, answer = await ask(app, method, path, body, headers)
        api.check(method, path, status, answer)

    for stored in (False, True):  # the built-in survey, then a stored one
        if stored:
            await ask(app, "PUT", "/api/v1/survey", SURVEY)
        _, read = await ask(app, "GET", "/api/v1/survey")
        # The docs say GET's answer may be sent back as it came: the document must agree.
        assert api.request_errors("PUT", "/api/v1/survey", read) == []
    _, themes = await ask(app, "GET", "/api/v1/themes")
    assert themes == THEMES and api.request_errors("PUT", "/api/v1/themes", themes) == []

    status, bad_json = await _raw_post(app, b"{not json")
    api.check("POST", "/api/v1/purchases", status, bad_json)
    documented = {
        (path, method, code)
        for path, methods in document["paths"].items()
        if path != "/api/v1/openapi.json"
        for method, operation in methods.items()
        for code in operation["responses"]
        if code.startswith("2")
    }
    assert documented <= api.checked, documented - api.checked
    assert {c for _, _, c in api.checked} >= {"400", "401", "409", "422"}


async def _raw_post(app: App, data: bytes) -> tuple[int, Any]:
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=data, headers=BEARER) as resp,
    ):
        return resp.status, await resp.json(content_type=None)
