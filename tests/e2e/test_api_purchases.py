"""POST /api/v1/purchases refuses bad input clearly and stores nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.app import App, create_app
from faketg import FakeTelegramServer
from tests.support.api import API_SECRET, call, stored
from tests.support.helpers import make_settings, start

GOOD = {"order_id": "Z-1", "customer": {"external_id": "crm-1"}}


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic api-secret", API_SECRET])
async def test_without_the_right_token_401(api: App, auth: str | None) -> None:
    status, body = await call(api, body=GOOD, auth=auth)
    assert status == 401 and "token" in body["error"]
    assert await stored(api) == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"customer": {"external_id": "x"}}, "order_id"),
        ({"order_id": "", "customer": {"external_id": "x"}}, "order_id"),
        ({"order_id": "Z", "customer": {}}, "customer"),
        ({"order_id": "Z", "customer": {"phone": "call me"}}, "customer.phone"),
        ({"order_id": "Z", "customer": {"telegram_id": -5}}, "customer.telegram_id"),
        ({"order_id": "Z", "customer": {"external_id": "x"}, "amount": -1}, "amount"),
        ({"order_id": "Z", "customer": {"external_id": "x"}, "currency": "euro"}, "currency"),
        (
            {"order_id": "Z", "customer": {"external_id": "x"}, "purchased_at": "yesterday"},
            "purchased_at",
        ),
        (
            {
                "order_id": "Z",
                "customer": {"external_id": "x"},
                "purchased_at": "2999-01-01T00:00",
            },
            "purchased_at",
        ),
        (
            {
                "order_id": "Z'; DROP TABLE purchases;--",
                "customer": {"name": "x" * 201, "external_id": "x"},
            },
            "customer.name",
        ),
        ({"purchases": [GOOD, {"order_id": "Z-2"}]}, "purchases[1].customer"),
        ({"purchases": []}, "purchases"),
        ([1, 2, 3], "body"),
    ],
)
async def test_invalid_bodies_422_naming_the_field(api: App, payload: Any, field: str) -> None:
    status, body = await call(api, body=payload)
    assert status == 422, body
    assert field in [f["field"] for f in body["fields"]]
    assert await stored(api) == 0  # a batch with one bad purchase stores none


async def test_not_json_400_and_too_many_413(api: App) -> None:
    status, body = await call(api, data=b"{not json")
    assert status == 400 and "JSON" in body["error"]
    many = {
        "purchases": [
            {"order_id": f"O-{i}", "customer": {"external_id": f"c{i}"}} for i in range(1001)
        ]
    }
    status, body = await call(api, body=many)
    assert status == 413 and "1000" in body["error"]
    status, body = await call(api, data=b"x" * (5 * 1024 * 1024))
    assert status == 413 and "4 MiB" in body["error"]
    assert await stored(api) == 0


async def test_batch_and_repeats(api: App) -> None:
    batch = {
        "purchases": [
            {"order_id": f"B-{i}", "customer": {"external_id": f"c{i % 3}"}} for i in range(10)
        ]
    }
    status, body = await call(api, body=batch)
    assert status == 201 and body["created"] == 10 and len(body["results"]) == 10
    status, body = await call(api, body=batch)
    assert status == 200 and body["created"] == 0 and body["duplicates"] == 10
    assert await stored(api) == 10
    async with api.db.read() as tx:
        assert await tx.customers.count() == 3
    tokens = {r["deep_link"] for r in body["results"]}
    assert len(tokens) == 10  # every receipt its own link


async def test_api_disabled_without_a_token(tmp_path: Path, fake: FakeTelegramServer) -> None:
    app = await create_app(make_settings(tmp_path, fake.url), poll_timeout=1)
    await start(app)
    try:
        status, body = await call(app, body=GOOD)
        assert status == 503 and "API_TOKEN" in body["error"]
    finally:
        await app.stop()


async def test_an_order_id_already_used_for_another_customer_is_a_409(api: App) -> None:
    """The same order_id for a different customer is not a repeat: it is refused, named, and
    (in a batch) nothing is stored. The same customer by another identifier is a repeat."""
    first = {"order_id": "K-1", "customer": {"telegram_id": 501, "phone": "+46701110001"}}
    assert (await call(api, body=first))[0] == 201
    status, body = await call(api, body={"order_id": "K-1", "customer": {"telegram_id": 502}})
    assert status == 409, body
    assert body["fields"] == [
        {
            "field": "order_id",
            "message": "K-1 is already a purchase of another customer (a different telegram_id)",
        }
    ]
    same_by_phone = {"order_id": "K-1", "customer": {"phone": "+46 70 111 00 01"}}
    assert (await call(api, body=same_by_phone))[0] == 200  # the same person: a repeat
    batch = {
        "purchases": [
            {"order_id": "K-2", "customer": {"telegram_id": 503}},
            {"order_id": "K-1", "customer": {"external_id": "crm-x", "telegram_id": 504}},
        ]
    }
    status, body = await call(api, body=batch)
    assert status == 409 and [c["field"] for c in body["fields"]] == ["purchases[1].order_id"]
    within = {
        "purchases": [
            {"order_id": "K-3", "customer": {"telegram_id": 505}},
            {"order_id": "K-3", "customer": {"telegram_id": 506}},
        ]
    }
    status, body = await call(api, body=within)
    assert status == 409 and [c["field"] for c in body["fields"]] == ["purchases[1].order_id"]
    assert await stored(api) == 1  # neither batch stored anything
