"""JSON Schemas of the events (draft 2020-12): the envelope every event has, and the `data` of
each type. docs/events.schema.json is this module's output (`python -m bot.events.schemas`;
a test keeps them equal), the OpenAPI document uses it for /api/v1/events, and tests check
real payloads against it. Closed objects: a field added without the schema fails them."""

from __future__ import annotations

import json
from typing import Any

ID = {"type": "integer", "minimum": 1}
MAYBE_ID = {"type": ["integer", "null"]}
TEXT = {"type": ["string", "null"]}
WHEN = {"type": "string", "format": "date-time"}
CUSTOMER = {
    "type": "object",
    "description": "The customer: the bot's id, the shop's own id (null once erased), segment",
    "additionalProperties": False,
    "required": ["id", "external_id", "segment"],
    "properties": {
        "id": ID,
        "external_id": TEXT,
        "segment": TEXT,
        "erased": {"const": True, "description": "present once the person asked to be erased"},
    },
}


def customer(customer_id: int, external_id: str | None, segment: str | None) -> dict[str, Any]:
    """A payload's `customer` (CUSTOMER): the same object in every event that names one."""
    return {"id": customer_id, "external_id": external_id, "segment": segment}


def _closed(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }


_COMPLAINT = {
    "complaint_id": ID,
    "status": {"enum": ["open", "taken", "resolved", "closed"]},
    "source": {"enum": ["low_score", "command", "message"]},
    "customer": CUSTOMER,
    "order_id": TEXT,
    "branch": TEXT,
    "nps": {"type": ["integer", "null"], "minimum": 0, "maximum": 10},
    "taken_by": {**MAYBE_ID, "description": "the Telegram id of who holds it"},
    "assigned_to": {**MAYBE_ID, "description": "the Telegram id it is assigned to"},
    "reopened": {"type": "integer", "minimum": 0},
}
DATA: dict[str, dict[str, Any]] = {
    "response.completed": _closed(
        {
            "survey_id": ID,
            "customer": CUSTOMER,
            "order_id": {"type": "string"},
            "branch": TEXT,
            "nps": {"type": "integer", "minimum": 0, "maximum": 10},
            "category": {"enum": ["promoter", "passive", "detractor"]},
            "csat": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
            "expectation": {"enum": ["worse", "as_expected", "better", None]},
            "aspects": {"type": "array", "items": {"type": "string"}},
            "commented": {"type": "boolean"},
            "finished": {"type": "boolean", "description": "false: expired part-way"},
            "channel": {
                "enum": ["telegram", "web", None],
                "description": "where it was answered: Telegram or its web page",
            },
        }
    ),
    "complaint.opened": _closed(_COMPLAINT),
    "complaint.taken": _closed(_COMPLAINT),
    "complaint.resolved": _closed(_COMPLAINT),
    "complaint.reopened": _closed(_COMPLAINT),
    "complaint.closed": _closed(
        {**_COMPLAINT, "confirmed_by_customer": {"type": ["boolean", "null"]}}
    ),
    "sla.breached": _closed(
        {
            "complaint_id": ID,
            "deadline": {"enum": ["take", "resolve"]},
            "due_at": WHEN,
            "segment": TEXT,
            "taken_by": MAYBE_ID,
        }
    ),
    "fix.done": _closed({"complaint_id": ID, "cause": TEXT}),
}
TYPES = list(DATA)
PING = _closed(  # `python -m bot events test`: never stored, id 0
    {
        "id": {"const": 0},
        "type": {"const": "ping"},
        "occurred_at": WHEN,
        "data": _closed({}),
    }
)


def envelope(type_: str | None = None) -> dict[str, Any]:
    """An event as POSTed and as the pull feed lists it; with `type_`, that type's."""
    data = {"$ref": f"#/$defs/{type_}"} if type_ else {"type": "object"}
    return _closed(
        {
            "id": {**ID, "description": "the same on every try: receivers drop repeats by it"},
            "type": {"const": type_} if type_ else {"enum": TYPES},
            "occurred_at": WHEN,
            "data": data,
        }
    )


def document() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Feedback bot events",
        "oneOf": [{"$ref": f"#/$defs/event.{t}"} for t in [*TYPES, "ping"]],
        "$defs": {
            **{t: DATA[t] for t in TYPES},
            **{f"event.{t}": envelope(t) for t in TYPES},
            "event.ping": PING,
        },
    }


def text() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(text(), end="")
