"""Request bodies of POST /api/v1/purchases: one purchase, or a batch of them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.surveys.purchase_in import PHONE_REGION, PurchaseIn

MAX_BATCH = 1000


class BatchIn(BaseModel):
    purchases: list[PurchaseIn] = Field(min_length=1)


def parse_body(body: Any, phone_region: str | None) -> tuple[list[PurchaseIn], bool]:
    """(purchases, is_batch); raises ValidationError naming the fields."""
    context = {PHONE_REGION: phone_region}
    if isinstance(body, dict) and "purchases" in body:
        return BatchIn.model_validate(body, context=context).purchases, True
    return [PurchaseIn.model_validate(body, context=context)], False
