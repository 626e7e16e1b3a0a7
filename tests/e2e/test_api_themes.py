"""GET/PUT /api/v1/themes as an integrator calls them (DESIGN §9): the default themes until
some are stored, an accepted list stored and answered as stored, the same list no new version,
anything invalid a 422 naming the field and nothing stored, both behind the token; after a
change, texts written before it are tagged with the new themes."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from bot.app import App
from bot.themes.defaults import DEFAULT_THEMES
from storage.states import ComplaintSource
from storage.timefmt import to_db
from tests.support.api import API_SECRET, request
from tests.support.api import versions as stored_versions
from tests.support.journey import get
from tests.support.reportdata import add_response

PARKING: list[dict[str, Any]] = [
    {
        "theme": "parking",
        "name": {"en": "Parking", "ru": "Парковка", "sv": "Parkering"},
        "words": {"en": ["parking", "car park"], "ru": ["парковка"], "sv": ["parkering"]},
    },
    DEFAULT_THEMES[1],  # staff, as it is
]


async def ask(
    app: App, method: str, body: Any = None, *, data: bytes | None = None, auth: bool = True
) -> tuple[int, Any]:
    return await request(app, method, "themes", body, data=data, auth=auth)


async def versions(app: App) -> list[tuple[int, str]]:
    return await stored_versions(app, "theme_versions")


async def tags(app: App) -> list[str]:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all("SELECT theme FROM text_themes ORDER BY theme")
    return [str(r[0]) for r in rows]


async def test_with_nothing_stored_the_themes_are_the_defaults(api: App) -> None:
    status, answer = await ask(api, "GET")
    assert status == 200, answer
    assert [t["theme"] for t in answer] == [
        "delivery",
        "staff",
        "price",
        "quality",
        "speed",
        "cleanliness",
        "assortment",
        "payment",
    ]
    assert answer[0]["name"] == {"ru": "Доставка", "en": "Delivery", "sv": "Leverans"}
    assert "курьер" in answer[0]["words"]["ru"]
    assert await versions(api) == []


async def test_a_put_is_stored_and_texts_before_it_are_tagged_again(api: App) -> None:
    async with api.db.transaction() as tx:
        at = to_db(tx.clock())
        await tx.conn.execute(
            "INSERT INTO customers (id, telegram_id, language, created_at, updated_at)"
            " VALUES (1, 501, 'en', ?, ?)",
            (at, at),
        )
        await tx.complaints.add(
            1,
            ComplaintSource.MESSAGE,
            "",
            tx.clock(),
            tx.clock(),
            text="No free parking and the staff were rude",
        )
    assert await tags(api) == ["staff"]  # tagged as it was written, with the defaults

    edited = [dict(PARKING[0], words={"en": [" Car  PARK ", "parking"]}), PARKING[1]]
    status, answer = await ask(api, "PUT", edited)
    assert status == 200, answer
    assert answer[0]["words"] == {"en": ["car park", "parking"]}  # as stored
    status, read = await ask(api, "GET")
    assert status == 200 and read == answer
    assert await versions(api) == [(1, "api")]
    await _tagged(api, ["parking", "staff"])

    status, again = await ask(api, "PUT", read)  # the current list again: nothing stored
    assert status == 200 and again == read and await versions(api) == [(1, "api")]


async def _tagged(app: App, expected: list[str]) -> None:
    """The re-tagging job runs every tick: wait for it."""
    found: list[str] = []
    for _ in range(100):
        found = await tags(app)
        if found == expected:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"tags {found}, expected {expected}")


async def test_an_invalid_list_is_a_422_naming_the_field_and_stores_nothing(api: App) -> None:
    await ask(api, "PUT", PARKING)
    cases: list[tuple[Any, str, str]] = [
        ({"theme": "parking"}, "themes", "a list is expected"),
        ([{**PARKING[0], "theme": "Parking!"}], "[0].theme", "lowercase latin"),
        ([PARKING[0], PARKING[0]], "[1].theme", "'parking' is used twice"),
        ([{**PARKING[0], "name": {"de": "Parken"}}], "[0].name", "unknown language 'de'"),
        (
            [PARKING[1], {**PARKING[0], "words": {"ru": ["парковка", 7]}}],
            "[1].words.ru[1]",
            "a text is expected",
        ),
        ([{**PARKING[0], "colour": "red"}], "[0]", "unknown field 'colour'"),
    ]
    for body, field, message in cases:
        status, answer = await ask(api, "PUT", body)
        assert status == 422, (body, answer)
        assert answer["error"] == "invalid themes"
        assert [f["field"] for f in answer["fields"]] == [field], answer
        assert message in answer["fields"][0]["message"], answer
    status, answer = await ask(api, "PUT", data=b"[not json")
    assert status == 400 and "JSON" in answer["error"]
    _, read = await ask(api, "GET")
    assert [t["theme"] for t in read] == ["parking", "staff"]
    assert await versions(api) == [(1, "api")]


async def test_both_need_the_token(api: App) -> None:
    for method, body in (("GET", None), ("PUT", PARKING)):
        status, answer = await ask(api, method, body, auth=False)
        assert status == 401 and "token" in answer["error"]
    assert await versions(api) == []


async def test_the_stats_say_what_customers_wrote_about(api: App) -> None:
    day = api.wiring.core.clock() - timedelta(days=1)
    async with api.db.transaction() as tx:
        for number, score, comment in ((1, 2, "Курьеры хамят"), (2, 10, "Lovely staff")):
            await add_response(tx.conn, number, day, score)
            await tx.surveys.update(number, comment=comment)  # tagged as it is written
    assert await tags(api) == ["delivery", "staff", "staff"]
    status, stats = await get(api, "/api/v1/stats", API_SECRET)
    assert status == 200, stats
    figures = {t["theme"]: t for t in stats["themes"]}
    assert set(figures) == {"delivery", "staff"}
    staff = figures["staff"]
    assert (staff["mentions"], staff["detractors"], staff["promoters"]) == (2, 1, 1)
    assert staff["nps"]["nps"] == 0.0 and staff["nps"]["n"] == 2
    assert staff["previous"] == 0 and staff["change"] is None
    assert sorted(staff["quotes"]) == ["Lovely staff", "Курьеры хамят"]
