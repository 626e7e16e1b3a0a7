"""GET/PUT /api/v1/survey as an integrator calls them (DESIGN §9): today's survey until one is
stored, every accepted change a new version, the same body no new version, anything invalid a
422 naming the fields and nothing stored."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.app import App
from bot.i18n import Catalog
from bot.surveys.design_default import default_definition
from tests.support.api import API_SECRET, request
from tests.support.api import versions as stored_versions
from tests.support.journey import SHOP_SURVEY, words

BEARER = {"Authorization": f"Bearer {API_SECRET}"}


async def ask(
    app: App, method: str, body: Any = None, *, data: bytes | None = None, auth: bool = True
) -> tuple[int, Any]:
    return await request(app, method, "survey", body, data=data, auth=auth)


async def versions(app: App) -> list[tuple[int, str]]:
    return await stored_versions(app, "survey_versions")


def body_of(answer: dict[str, Any]) -> dict[str, Any]:
    return {"questions": answer["questions"], "variants": answer["variants"]}


async def test_with_nothing_stored_the_survey_is_todays(api: App) -> None:
    status, answer = await ask(api, "GET")
    assert status == 200, answer
    today = default_definition(
        Catalog.load(),
        ["quality", "price", "delivery", "staff", "speed", "other"],
        nps_max=6,
        csat_max=2,
    )
    assert answer["version"] == 0 and body_of(answer) == today.as_json()
    assert answer["estimated_seconds"] == today.estimated_seconds() and answer["warnings"] == []
    assert answer["asked"] is True
    assert await versions(api) == []


async def test_a_put_stores_a_new_version_that_get_returns(api: App) -> None:
    status, answer = await ask(api, "PUT", SHOP_SURVEY)
    assert status == 200, answer
    assert answer["version"] == 1 and answer["changed"] is True
    assert body_of(answer) == SHOP_SURVEY
    assert answer["estimated_seconds"] == 5 + 5 + 5 + 20
    assert answer["warnings"] == [] and answer["asked"] is True  # from the next invitation
    status, read = await ask(api, "GET")
    assert status == 200 and read == {k: v for k, v in answer.items() if k != "changed"}
    assert await versions(api) == [(1, "api")]

    changed = {**SHOP_SURVEY, "questions": SHOP_SURVEY["questions"][:3]}
    status, answer = await ask(api, "PUT", changed)
    assert status == 200 and answer["version"] == 2 and body_of(answer) == changed
    assert await versions(api) == [(1, "api"), (2, "api")]


async def test_the_same_body_again_stores_no_version(api: App) -> None:
    await ask(api, "PUT", SHOP_SURVEY)
    status, answer = await ask(api, "PUT", SHOP_SURVEY)
    assert status == 200 and answer["version"] == 1 and answer["changed"] is False
    _, read = await ask(api, "GET")
    status, answer = await ask(api, "PUT", read)  # GET's answer sent back as it came
    assert status == 200 and answer["version"] == 1 and answer["changed"] is False
    assert await versions(api) == [(1, "api")]


async def test_putting_todays_survey_over_the_default_stores_nothing(api: App) -> None:
    _, today = await ask(api, "GET")
    status, answer = await ask(api, "PUT", today)
    assert status == 200 and answer["version"] == 0 and answer["changed"] is False
    assert await versions(api) == []


async def test_an_invalid_survey_is_a_422_naming_the_fields_and_stores_nothing(
    api: App,
) -> None:
    await ask(api, "PUT", SHOP_SURVEY)
    questions = [dict(q) for q in SHOP_SURVEY["questions"]]
    questions[1] = {**questions[1], "when": {"question": "where", "in": ["online"]}}
    questions[3] = {**questions[3], "id": "where", "text": {"en": "Anything else?"}}
    status, answer = await ask(api, "PUT", {"questions": questions})
    assert status == 422, answer
    assert answer["error"] == "invalid survey"
    assert answer["fields"] == [
        {
            "field": "questions[1].when.question",
            "message": 'no earlier question "where" (it comes after)',
        },
        {"field": "questions[3].text.ru", "message": "missing (the shop serves en, ru, sv)"},
        {"field": "questions[3].text.sv", "message": "missing (the shop serves en, ru, sv)"},
        {"field": "questions[3].id", "message": '"where" is already questions[2]'},
    ]
    eleven = [{"id": f"q{n}", "type": "text", "text": words("?")} for n in range(11)]
    status, answer = await ask(api, "PUT", {"questions": [{"id": "nps", "type": "nps"}, *eleven]})
    assert status == 422 and answer["fields"] == [
        {"field": "questions", "message": "at most 10 questions after the NPS (11 given)"}
    ]
    status, answer = await ask(api, "PUT", data=b"{not json")
    assert status == 400 and "JSON" in answer["error"]
    _, read = await ask(api, "GET")
    assert read["version"] == 1 and body_of(read) == SHOP_SURVEY
    assert await versions(api) == [(1, "api")]


async def test_a_long_survey_is_stored_with_a_warning(api: App) -> None:
    texts = [{"id": f"q{n}", "type": "text", "text": words("?")} for n in range(3)]
    status, answer = await ask(api, "PUT", {"questions": [{"id": "nps", "type": "nps"}, *texts]})
    assert status == 200 and answer["version"] == 1
    assert answer["estimated_seconds"] == 65
    assert answer["warnings"] == [
        "about 65 s to answer: surveys over 60 s lose customers halfway",
    ]


async def test_both_need_the_token(api: App) -> None:
    for method, body in (("GET", None), ("PUT", SHOP_SURVEY)):
        status, answer = await ask(api, method, body, auth=False)
        assert status == 401 and "token" in answer["error"]
    assert await versions(api) == []


async def test_texts_come_back_readable_not_escaped(api: App) -> None:
    """A definition kept in version control is diffed by people: Cyrillic stays Cyrillic."""
    url = f"http://127.0.0.1:{api.port}/api/v1/survey"
    async with aiohttp.ClientSession() as session, session.get(url, headers=BEARER) as resp:
        raw = await resp.text()
        kind = resp.headers["Content-Type"]
    assert any("\u0400" <= ch <= "\u04ff" for ch in raw), raw[:200]  # today's Russian texts
    assert "\\u04" not in raw
    assert "charset=utf-8" in kind
