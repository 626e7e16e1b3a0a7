"""Opening a complaint: from a low survey score, from /complaint, or from a customer's message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from bot.complaints import assigning, events, ladder
from bot.complaints.config import Complaints
from bot.complaints.posting import acknowledge, post_if_budget, refresh
from bot.surveys.design import Question
from bot.surveys.design_versions import Design
from bot.surveys.pinning import pinned_questions
from storage.db import Tx
from storage.models import Answer, Complaint, Customer, Survey
from storage.states import ComplaintSource, SurveyStatus

CONTEXT_WINDOW = timedelta(days=30)  # a purchase this recent is shown on a complaint's card


async def open_complaint(
    tx: Tx,
    complaints: Complaints,
    customer: Customer,
    source: ComplaintSource,
    *,
    card_due: datetime,
    survey: Survey | None = None,
    text: str | None = None,
) -> Complaint:
    """A new complaint with its SLA clocks running from now; the card goes out at `card_due`."""
    now = complaints.core.now()
    purchase_id = survey.purchase_id if survey else None
    if purchase_id is None:
        recent = await tx.purchases.latest_for(customer.id, now - CONTEXT_WINDOW)
        purchase_id = recent.id if recent else None
    complaint = await tx.complaints.add(
        customer.id,
        source,
        customer.segment,
        now,
        card_due,
        survey_id=survey.id if survey else None,
        purchase_id=purchase_id,
        text=text,
    )
    await events.opened(tx, complaint.id, now)
    await ladder.plan(tx, complaints, complaint, now)
    if complaints.config.round_robin:
        await assigning.in_turn(tx, complaints, complaint)
        complaint = await tx.complaints.get(complaint.id) or complaint
    return complaint


async def on_request(tx: Tx, complaints: Complaints, customer: Customer) -> Complaint | None:
    """/complaint: opens one, its card waiting for the story, unless one is still being worked
    on (a customer has one at a time): then that one is returned and nothing changes."""
    active = await tx.complaints.active_for(customer.id)
    if active is not None:
        return active
    due = complaints.core.now() + complaints.config.settle
    complaint = await open_complaint(
        tx, complaints, customer, ComplaintSource.COMMAND, card_due=due
    )
    await acknowledge(tx, complaints, complaint)
    return None


def is_low(questions: Sequence[Question], survey: Survey, answers: Mapping[str, Answer]) -> bool:
    """Whether an answer opens a complaint: its question's `complaint` in the survey's version
    (the built-in survey's: COMPLAINT_NPS_MAX and COMPLAINT_CSAT_MAX)."""
    for question in questions:
        rule = question.complaint
        if rule is None:
            continue
        answer = answers.get(question.id)
        number = survey.nps if question.type == "nps" else answer.number if answer else None
        if number is not None and (
            (rule.at_most is not None and number <= rule.at_most)
            or (rule.at_least is not None and number >= rule.at_least)
        ):
            return True
        if answer is not None and rule.options and set(answer.options) & set(rule.options):
            return True
    return False


async def on_survey_change(complaints: Complaints, design: Design, tx: Tx, survey: Survey) -> None:
    """Survey listener: a low score opens a complaint whose card waits (up to COMPLAINT_SETTLE)
    for the rest of the survey; a finished survey sends its card now or refreshes it."""
    complaint = await tx.complaints.for_survey(survey.id)
    finished = survey.status == SurveyStatus.ANSWERED
    if complaint is None:
        questions = await pinned_questions(tx, design, survey)
        if not is_low(questions, survey, await tx.surveys.answers(survey.id)):
            return
        customer = await tx.customers.get(survey.customer_id)
        if customer is None:
            return
        now = complaints.core.now()
        # Wait for the rest of the survey, but never so long the take reminder comes first.
        wait = min(
            complaints.config.settle, complaints.config.ladder_for(customer.segment).take / 2
        )
        due = now if finished else now + wait
        complaint = await open_complaint(
            tx, complaints, customer, ComplaintSource.LOW_SCORE, card_due=due, survey=survey
        )
    elif not finished:
        return
    elif complaint.card_due_at is None:  # posted before the survey ended: show the rest
        await refresh(tx, complaints, complaint.id)
        return
    if finished:
        await tx.complaints.update(complaint.id, card_due_at=complaints.core.now())
        await post_if_budget(tx, complaints, complaint.id)
