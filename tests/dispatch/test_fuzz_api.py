"""Property-based fuzzing of the HTTP API bodies and queries, on the real aiohttp application.

Random JSON, near-valid purchases with one field replaced by anything, batches, wrong tokens and
SQL-looking strings go to POST /api/v1/purchases; random query strings to the two GET endpoints.
Properties: never a 5xx; a refused request changes nothing; an accepted one stores exactly what
it reports (every purchase with exactly one survey, order ids verbatim).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import App, create_app
from tests.support.helpers import make_settings
from tests.support.lookups import purchase_by_order

TOKEN = "fuzz-token"
SQLISH = ["'; DROP TABLE purchases; --", "1 OR 1=1", '") UNION SELECT * FROM customers --']
# Shapes that once got a 500 or slipped through: booleans for numbers, NUL and other control
# characters, the ends of the calendar, digits that are not ASCII, integers past 64 bits.
EDGES = st.sampled_from(
    [True, False, "a\x00b", "\x00", "x\ty", "0001-01-01T00:00+14:00", "9999-12-31T23:59:59-14:00",
     "\u00b2", "\u0663", 2**63, -(2**63) - 1, 10**30]
)  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
ORDER_IDS = st.builds("{}-{}".format, st.sampled_from(["O", *SQLISH]), st.integers(0, 30))
CUSTOMERS = st.fixed_dictionaries(
    {"external_id": st.sampled_from(["crm-1", "crm-2", *SQLISH])},
    optional={
        "telegram_id": st.integers(1, 10),
        "phone": st.sampled_from(["+46 70 123 45 67", "+46 70 765 43 21"]),
        "name": st.text(max_size=30),
        "segment": st.sampled_from(["key", ""]),
        "timezone": st.sampled_from(["Europe/Stockholm", "UTC"]),
    },
)
VALID = st.fixed_dictionaries(
    {"order_id": ORDER_IDS, "customer": CUSTOMERS},
    optional={
        "amount": st.sampled_from(["12.50", 3, "0"]),
        "currency": st.just("EUR"),
        "branch": st.text(max_size=20),
        "purchased_at": st.sampled_from(["2026-11-20T10:00:00+01:00", "2026-11-21T08:00:00"]),
    },
)
FIELDS = ["order_id", "customer", "amount", "currency", "branch", "purchased_at", "extra"]
CUSTOMER_FIELDS = ["telegram_id", "phone", "external_id", "name", "segment", "timezone"]


def _mutate(item: dict[str, Any], field: str, inner: str, value: Any) -> dict[str, Any]:
    """A valid purchase with one field (or one customer field) replaced by anything."""
    item = {**item, "customer": dict(item["customer"])}
    if field == "customer" and inner:
        item["customer"][inner] = value
    else:
        item[field] = value
    return item


MUTATED = st.builds(
    _mutate,
    VALID,
    st.sampled_from(FIELDS),
    st.sampled_from(["", *CUSTOMER_FIELDS]),
    st.one_of(JSON, EDGES),
)
PURCHASES = st.one_of(VALID, MUTATED)
BODIES = st.one_of(
    PURCHASES,
    st.builds(lambda items: {"purchases": items}, st.lists(PURCHASES, max_size=5)),
    JSON,
    st.binary(max_size=40),  # not JSON at all
)
AUTH = st.sampled_from([f"Bearer {TOKEN}"] * 4 + ["Bearer nope", "", f"Basic {TOKEN}"])
QUERIES = st.dictionaries(
    st.sampled_from(["from", "to", "branch", "since", "limit"]),
    st.one_of(
        st.sampled_from(
            [
                "2026-11-01",
                "2026-11-30",
                "-1",
                "0",
                "500",
                "x",
                "0001-01-01",
                "9999-12-31",
                "\u00b2",
                "99999999999999999999",
            ]
        ),
        st.text(max_size=8),
    ),
)
REQUESTS = st.lists(
    st.one_of(
        st.tuples(st.just("POST"), BODIES, AUTH),
        st.tuples(st.sampled_from(["/api/v1/stats", "/api/v1/responses"]), QUERIES, AUTH),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(requests=REQUESTS)
def test_random_api_requests_never_fail_and_store_exactly_what_they_report(
    tmp_path_factory: Any, requests: list[tuple[str, Any, str]]
) -> None:
    asyncio.run(_run(tmp_path_factory.mktemp("api"), requests))


async def _run(tmp: Path, requests: list[tuple[str, Any, str]]) -> None:
    app = await create_app(make_settings(tmp, api_token=TOKEN))
    client = TestClient(TestServer(app.http))
    await client.start_server()
    try:
        for target, payload, auth in requests:
            headers = {"Authorization": auth} if auth else {}
            before = await _counts(app)
            if target == "POST":
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                headers["Content-Type"] = "application/json"
                resp = await client.post("/api/v1/purchases", data=data, headers=headers)
            else:
                resp = await client.get(target, params=payload, headers=headers)
            body = await resp.json()
            assert resp.status < 500, (resp.status, body)
            after = await _counts(app)
            if resp.status >= 400 or target != "POST":
                assert after == before, (target, payload, resp.status)
                assert "error" in body or resp.status < 400
                continue
            created = body["created"] if "created" in body else int(resp.status == 201)
            assert after["purchases"] == before["purchases"] + created
            assert after["surveys"] == after["purchases"]
            items = payload.get("purchases", [payload])
            for item in items:  # stored verbatim, SQL-looking or not
                assert await _has_order(app, item["order_id"])
        assert await _orphans(app) == 0
    finally:
        await client.close()
        await app.stop()  # never started: closes the session, the database and its lock


async def _counts(app: App) -> dict[str, int]:
    async with app.db.read() as tx:
        counts = {}
        for table in ("purchases", "surveys", "customers"):
            rows = await tx.conn.fetch_all(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(next(iter(rows))[0])
    return counts


async def _has_order(app: App, order_id: str) -> bool:
    async with app.db.read() as tx:
        return await purchase_by_order(tx, order_id) is not None


async def _orphans(app: App) -> int:
    async with app.db.read() as tx:
        rows = await tx.conn.fetch_all(
            "SELECT COUNT(*) FROM purchases p LEFT JOIN surveys s ON s.purchase_id = p.id"
            " WHERE s.id IS NULL"
        )
    return int(next(iter(rows))[0])
