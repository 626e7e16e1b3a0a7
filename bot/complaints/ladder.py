"""The SLA ladder: deadlines in `sla_steps`, each step fired once by the scheduler's tick.

A step's row is marked fired in the same transaction that queues its messages, so it fires
exactly once, also when the process was down at its time (the next tick finds it overdue).
A staff deadline that binds no more (`sla.binds`: taken before the take deadline) is marked
fired silently.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.complaints import events
from bot.complaints.assigning import mention
from bot.complaints.cards import CardView, card_link, customer_label, load_view, quoted
from bot.complaints.config import Complaints
from bot.complaints.posting import refresh, to_staff_about
from bot.complaints.sla import binds
from storage.db import Tx
from storage.models import Complaint
from storage.states import STAFF_DEADLINES, ComplaintStatus, Deadline

BATCH = 50  # per transaction, short enough not to keep a button press waiting (see timeline)
ESCALATION_WORDS = 120  # of what the customer wrote: enough to know what it is about


async def plan(
    tx: Tx,
    complaints: Complaints,
    complaint: Complaint,
    start: datetime,
    steps: tuple[Deadline, ...] = STAFF_DEADLINES,
) -> None:
    """Start (or restart, after a reopening) the complaint's clocks at `start`. Every
    deadline given is kept: one missed before a reopening stays counted as missed."""
    ladder = complaints.config.ladder_for(complaint.segment)
    for step in steps:
        due = complaints.config.deadline(
            start, ladder.take if step == Deadline.TAKE else ladder.resolve
        )
        await tx.complaints.set_step(complaint.id, step, due, started_at=start)


async def fire_due(tx: Tx, complaints: Complaints) -> int:
    now = complaints.core.now()
    due = await tx.complaints.due_steps(now, BATCH)
    for step in due:
        await tx.complaints.mark_fired(step.complaint_id, step.step, now)
        view = await load_view(tx, step.complaint_id)
        if view is None:
            continue
        status = view.complaint.status
        if binds(step.step, status):  # a staff deadline, still binding
            await events.sla_breached(tx, step.complaint_id, step.step, step.due_at, now)
            if step.step == Deadline.TAKE:
                await _remind(tx, complaints, view, step.due_at)
            else:
                await _escalate(tx, complaints, view, step.due_at)
        elif step.step == Deadline.CONFIRM and status == ComplaintStatus.RESOLVED:
            await events.set_status(
                tx, step.complaint_id, ComplaintStatus.CLOSED, now, closed_at=now
            )
            await refresh(tx, complaints, step.complaint_id)
    return len(due)


def _mentions(complaints: Complaints) -> str:
    label = complaints.staff_t("complaint.sla.manager")
    return " ".join(
        f'<a href="tg://user?id={manager}">{escape(label)}</a>'
        for manager in complaints.core.roles.managers
    )


async def _remind(tx: Tx, complaints: Complaints, view: CardView, due_at: datetime) -> None:
    c = view.complaint
    waited = complaints.config.ladder_for(c.segment).take
    text = complaints.staff_t(
        "complaint.sla.take_reminder",
        number=c.id,
        customer=customer_label(complaints.staff_t, view.customer),
        waited=complaints.core.duration(waited),
    )
    if complaints.staff_chat_lost:  # nobody would see it there: the leads, in private
        text = f"{text}\n{complaints.staff_t('complaint.sla.unseen')}"
        await complaints.core.outbox.to_each(
            tx, complaints.core.roles.leads, text, parse_mode="HTML"
        )
        return
    mentions = _mentions(complaints)
    if c.assignee_id is not None and c.assignee_name:  # assigned, not taken yet
        assigned = mention(c.assignee_id, c.assignee_name)
        mentions = complaints.staff_t("complaint.sla.assigned", name=assigned) + " " + mentions
    if mentions.strip():
        text = f"{text}\n{mentions.strip()}"
    await to_staff_about(tx, complaints, c, text)


async def _escalate(tx: Tx, complaints: Complaints, view: CardView, due: datetime) -> None:
    """Managers and owners told, in private: who has it (the holder, else the one it was
    assigned to and who has not taken it), what the customer wrote, the card's link."""
    c = view.complaint
    key, holder = "complaint.sla.escalation", escape(complaints.staff_t("complaint.sla.nobody"))
    if c.taken_by is not None and c.taken_by_name:
        holder = mention(c.taken_by, c.taken_by_name)
    elif c.assignee_id is not None and c.assignee_name:
        key, holder = "complaint.sla.escalation_assigned", mention(c.assignee_id, c.assignee_name)
    text = complaints.staff_t(
        key,
        number=c.id,
        customer=customer_label(complaints.staff_t, view.customer),
        due=complaints.core.local(due),
        holder=holder,
    )
    words = quoted(view, ESCALATION_WORDS)
    if words:
        text += f"\n{words}"
    link = card_link(c)
    if link:
        text += f"\n{link}"
    people = dict.fromkeys([*complaints.core.roles.managers, *complaints.core.roles.owners])
    await complaints.core.outbox.to_each(tx, people, text, parse_mode="HTML")
