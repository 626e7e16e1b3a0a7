"""POST /api/v1/purchases: one purchase or a batch of up to 1,000, all or nothing."""

from __future__ import annotations

from aiohttp import web
from pydantic import ValidationError

from bot.api.http import Handler, answer, error, json_body
from bot.api.models import MAX_BATCH, parse_body
from bot.surveys.config import Surveys
from bot.surveys.purchase_in import field_errors
from bot.surveys.purchases import PurchaseResult, register_purchases
from storage.db import Database


class _Refused(Exception):
    """A request the data contradicts: nothing of it is stored."""


def _conflicts(results: list[PurchaseResult], batch: bool) -> list[dict[str, str]]:
    return [
        {"field": f"purchases[{n}].order_id" if batch else "order_id", "message": text}
        for n, result in enumerate(results)
        if (text := result.conflict_text) is not None
    ]


def purchases_handler(db: Database, surveys: Surveys) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = await json_body(request)
        if isinstance(body, web.Response):
            return body
        batch_items = body.get("purchases") if isinstance(body, dict) else None
        if isinstance(batch_items, list) and len(batch_items) > MAX_BATCH:
            return error(413, f"at most {MAX_BATCH} purchases per request")
        try:
            items, batch = parse_body(body, surveys.config.phone_region)
            now = surveys.core.now()
            new = [item.to_new(surveys.config.tz, now) for item in items]
        except ValidationError as exc:
            return error(422, "invalid purchase", field_errors(exc))
        except ValueError as exc:
            return error(422, "invalid purchase", [{"field": "purchased_at", "message": str(exc)}])
        try:
            async with db.transaction() as tx:
                results = await register_purchases(tx, surveys, new)
                if conflicts := _conflicts(results, batch):
                    raise _Refused  # all or nothing: roll the batch back
        except _Refused:
            return error(409, "order_id already used for another customer", conflicts)
        created = sum(r.created for r in results)
        status = 201 if created else 200
        if not batch:
            return answer(results[0].as_json(), status=status)
        return answer(
            {
                "created": created,
                "duplicates": len(results) - created,
                "results": [r.as_json() for r in results],
            },
            status=status,
        )

    return handle
