"""Every event type, written as the bot writes it (the features' calls), checked against
the published JSON Schemas; the schemas file in the docs is the code's; erasure redacts."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from bot.complaints import events as complaint_events
from bot.events import responses, schemas
from bot.events.signing import sign
from storage.db import Database
from storage.states import ComplaintStatus, Deadline
from tests.unit.test_complaint_figures import HOUR, MIN, START, Life

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_schema_file_is_the_codes() -> None:
    assert (ROOT / "docs" / "events.schema.json").read_text("utf-8") == schemas.text()
    Draft202012Validator.check_schema(schemas.document())


async def test_each_event_type_matches_its_schema_and_erasure_redacts(db: Database) -> None:
    async with db.transaction() as tx:
        life = await Life.open(tx, 1, START + HOUR)  # its survey answered with NPS 3
        await tx.conn.execute("UPDATE customers SET external_id = 'crm-1' WHERE id = 1")
        await tx.conn.execute(
            "UPDATE surveys SET csat = 2, expectation = 'worse', comment = 'bad',"
            " channel = 'web' WHERE id = 1"
        )
        await responses.completed(tx, 1, START + 5 * MIN)
        await responses.completed(tx, 1, START + 6 * MIN)  # once per survey
        await complaint_events.sla_breached(
            tx, 1, Deadline.TAKE, START + 2 * HOUR, START + 2 * HOUR
        )
        await life.take(START + 3 * HOUR)
        await life.resolve(START + 4 * HOUR)
        await life.no(START + 5 * HOUR)
        await life.resolve(START + 6 * HOUR)
        await life.yes(START + 7 * HOUR)
        await complaint_events.fix_done(tx, 1, "delivery", START + 8 * HOUR)
        await complaint_events.set_status(tx, 1, ComplaintStatus.CLOSED, START + 9 * HOUR)  # again
    async with db.read() as tx:
        events = [e.envelope() for e in await tx.events.since(0, 100)]
    assert [e["type"] for e in events] == [
        "complaint.opened",
        "response.completed",
        "sla.breached",
        "complaint.taken",
        "complaint.resolved",
        "complaint.reopened",
        "complaint.resolved",
        "complaint.closed",
        "fix.done",
    ]
    assert set(schemas.TYPES) == {e["type"] for e in events}  # every type, really written
    validator = Draft202012Validator(schemas.document())
    for event in events:
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(event)))]
        assert errors == [], (event, errors)
    survey = events[1]["data"]
    assert (survey["nps"], survey["category"], survey["commented"]) == (3, "detractor", True)
    assert survey["channel"] == "web"  # answered on its web page
    assert "bad" not in json.dumps(events)  # what people wrote never leaves
    assert survey["customer"]["external_id"] == "crm-1"
    assert events[-2]["data"]["confirmed_by_customer"] is True

    async with db.transaction() as tx:
        await tx.privacy.forget(1)
    async with db.read() as tx:
        after = [e.envelope() for e in await tx.events.since(0, 100)]
    assert "crm-1" not in json.dumps(after)
    assert after[0]["data"]["customer"] == {
        "id": 1,
        "external_id": None,
        "segment": None,
        "erased": True,
    }
    for event in after:
        assert not list(validator.iter_errors(event)), event


def test_the_documented_verifier_accepts_the_bots_signatures_and_nothing_else() -> None:
    """The ten lines in docs/events.md and the README, run as a receiver would copy them."""
    docs = (ROOT / "docs" / "events.md").read_text("utf-8")
    code = docs.split("```python\n", 1)[1].split("```", 1)[0]
    readme = (ROOT / "README.md").read_text("utf-8")
    assert code in readme  # the README shows the same lines
    assert len(code.strip().splitlines()) <= 11
    scope: dict[str, Any] = {}
    exec(code, scope)
    verified = scope["verified"]
    body = b'{"id":1,"type":"fix.done","occurred_at":"2026-11-23T09:15:02+00:00","data":{}}'
    now = int(time.time())
    header = sign("s" * 32, body, now)
    assert verified("s" * 32, header, body)
    assert not verified("t" * 32, header, body)  # another secret
    assert not verified("s" * 32, header, body + b" ")  # another body
    assert not verified("s" * 32, sign("s" * 32, body, now - 3600), body)  # replayed later
    assert not verified("s" * 32, "garbage", body)


async def test_due_deliveries_keep_each_complaints_order_and_skip_none_else(
    db: Database,
) -> None:
    url = "https://crm.example/hook"
    async with db.transaction() as tx:
        for n, complaint in enumerate([1, 1, 2, None, 1], start=1):
            await tx.conn.execute(
                "INSERT INTO events (id, type, occurred_at, data, complaint_id, created_at)"
                " VALUES (?, 'fix.done', 't', '{}', ?, 1.0)",
                (n, complaint),
            )
        await tx.events.queue_for(url, 0)
    async with db.read() as tx:
        assert [d.event.id for d in await tx.events.due(url, 10.0, 100)] == [1, 3, 4]
    async with db.transaction() as tx:
        await tx.events.failed_once(1, url, "500", 99.0, 10.0)  # waits: so does 2, then 5
        await tx.events.delivered(3, url, 10.0)
    async with db.read() as tx:
        assert [d.event.id for d in await tx.events.due(url, 10.0, 100)] == [4]
        assert [d.event.id for d in await tx.events.due(url, 100.0, 100)] == [1, 4]
    async with db.transaction() as tx:
        await tx.events.delivered(1, url, 100.0)
        await tx.events.failed_once(4, url, "gone", None, 100.0)  # given up: no longer waits
    async with db.read() as tx:
        assert [d.event.id for d in await tx.events.due(url, 100.0, 100)] == [2]
        backlog = await tx.events.backlog(101.0)
    assert (backlog.undelivered, backlog.failed) == (2, 1)
