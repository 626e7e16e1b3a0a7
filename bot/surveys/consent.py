"""Whether the bot may survey a customer: /stop (or "Don't ask me again") and the way back.

Opting out stops every planned invitation and closes an open survey; opting back in (a /start
after /stop) lets the next purchases be surveyed again.
"""

from __future__ import annotations

from storage.db import Tx
from storage.models import Customer
from storage.states import SurveyStatus


async def opt_out(tx: Tx, customer: Customer) -> None:
    """/stop or "Don't ask me again": no invitation, reminder or survey from now on."""
    if customer.telegram_id is not None:
        await tx.customers.set_opted_out(customer.telegram_id, True)
    else:  # on the survey's web page
        await tx.customers.opt_out_by_id(customer.id)
    for survey in await tx.surveys.by_customer(
        customer.id, (SurveyStatus.SCHEDULED, SurveyStatus.WAITING_LINK)
    ):
        await tx.surveys.update(
            survey.id, status=SurveyStatus.SKIPPED, reason="opted_out", due_at=None
        )
    for survey in await tx.surveys.by_customer(customer.id, (SurveyStatus.SENT,)):
        await tx.surveys.update(
            survey.id, status=SurveyStatus.DISMISSED, reason="opted_out", due_at=None
        )


async def opt_in(tx: Tx, customer: Customer) -> bool:
    """Back after /stop: True if they had opted out (and now have not)."""
    if customer.opted_out_at is None or customer.telegram_id is None:
        return False
    await tx.customers.set_opted_out(customer.telegram_id, False)
    return True
