"""response.completed: what a survey answered to its end, or expired part-way with its score
given, tells other systems (docs/events.md); once per survey. Its NPS category is the
surveys feature's (bot/surveys/rules.py)."""

from __future__ import annotations

from datetime import datetime

from bot.events.schemas import customer
from bot.surveys.rules import category
from storage.db import Tx
from storage.states import SurveyStatus

# A response is complete when answered to the end, or expired with its score given.
FINISHED = (SurveyStatus.ANSWERED, SurveyStatus.EXPIRED)


async def completed(tx: Tx, survey_id: int, at: datetime) -> None:
    facts = await tx.events.about_survey(survey_id)
    if facts is None or facts.nps is None or facts.status not in FINISHED:
        return
    data = {
        "survey_id": survey_id,
        "customer": customer(facts.customer_id, facts.external_id, facts.segment),
        "order_id": facts.order_id,
        "branch": facts.branch,
        "nps": facts.nps,
        "category": str(category(facts.nps)),
        "csat": facts.csat,
        "expectation": facts.expectation,
        "aspects": facts.aspects,
        "commented": facts.commented,
        "finished": facts.status == SurveyStatus.ANSWERED,
        "channel": facts.channel,
    }
    await tx.events.add(
        "response.completed",
        at,
        data,
        customer_id=facts.customer_id,
        dedupe=f"response.completed:{survey_id}",
    )
