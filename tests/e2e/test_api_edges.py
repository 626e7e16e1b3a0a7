"""Inputs that once got a 500 or were accepted when they should not be: each gets a clear 4xx
and changes nothing."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from bot.app import App
from tests.support.api import API_SECRET, call, stored

BEARER = {"Authorization": f"Bearer {API_SECRET}"}


async def get(app: App, path: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{app.port}{path}", headers=headers or BEARER) as resp,
    ):
        return resp.status, await resp.json(content_type=None)


async def post_raw(app: App, data: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    url = f"http://127.0.0.1:{app.port}/api/v1/purchases"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=data, headers=headers) as r,
    ):
        return r.status, await r.json(content_type=None)


async def test_a_non_ascii_authorization_header_is_a_401(api: App) -> None:
    status, body = await post_raw(api, b"{}", {"Authorization": "Bearer s\u00e9cret"})
    assert status == 401 and "token" in body["error"]


async def test_deeply_nested_json_is_a_400(api: App) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    status, body = await post_raw(api, deep, {**BEARER, "Content-Type": "application/json"})
    assert status == 400 and "JSON" in body["error"]
    assert await stored(api) == 0


@pytest.mark.parametrize(
    ("customer", "order_id", "extra", "field"),
    [
        ({"telegram_id": True}, "E-1", {}, "customer.telegram_id"),
        ({"external_id": "x"}, "E-\u00002", {}, "order_id"),
        ({"external_id": "x"}, "E-3", {"purchased_at": "0001-01-01T00:00+14:00"}, "purchased_at"),
        ({"external_id": "x\u0000"}, "E-4", {}, "customer.external_id"),
    ],
)
async def test_bodies_that_were_accepted_or_crashed_are_a_422(
    api: App, customer: dict[str, Any], order_id: str, extra: dict[str, Any], field: str
) -> None:
    status, body = await call(api, body={"order_id": order_id, "customer": customer, **extra})
    assert status == 422, body
    assert [f["field"] for f in body["fields"]] == [field]
    assert await stored(api) == 0


@pytest.mark.parametrize(
    "query",
    [
        "from=0001-01-01&to=0001-01-07",
        "from=9999-12-25&to=9999-12-31",
        "from=0001-01-01&to=9999-12-31",
    ],
)
async def test_stats_at_the_ends_of_the_calendar_are_a_422(api: App, query: str) -> None:
    status, body = await get(api, f"/api/v1/stats?{query}")
    assert status == 422, body


@pytest.mark.parametrize("limit", ["\u00b2", "1e3", "-1", "0", "1001", "", "99999999999999999999"])
async def test_a_responses_limit_that_is_not_1_to_1000_is_a_422(api: App, limit: str) -> None:
    status, body = await get(api, f"/api/v1/responses?limit={limit}")
    assert status == 422, body
    status, _ = await get(api, "/api/v1/responses?since=\u00b2")
    assert status == 422
