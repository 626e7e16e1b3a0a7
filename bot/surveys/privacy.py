"""/mydata and /forget_me: what we keep about a customer, and erasing it (DESIGN §2.5)."""

from __future__ import annotations

from bot.i18n import Translator
from storage.db import Tx
from storage.models import Customer

HISTORY = 10


async def describe_customer(tx: Tx, t: Translator, customer: Customer) -> str:
    none = t("mydata.none")
    history = await tx.surveys.history(customer.id, HISTORY)
    lines = [
        t("mydata.header"),
        t(
            "mydata.profile",
            name=customer.name or none,
            username=customer.username or none,
            phone=customer.phone or none,
            language=t.catalog.text(customer.language or t.language, "language.name"),
            segment=customer.segment or none,
            surveys=len(history) or none,
        ),
    ]
    for order_id, survey in history:
        lines.append(
            t(
                "mydata.survey",
                order=order_id,
                status=t(f"mydata.status.{survey.status}"),
                nps=none if survey.nps is None else survey.nps,
                csat=none if survey.csat is None else survey.csat,
                expectation=t(f"mydata.expectation.{survey.expectation or 'none'}"),
                comment=survey.comment or none,
            )
        )
    lines.append(t("mydata.more"))
    return "\n".join(lines)[:4000]
