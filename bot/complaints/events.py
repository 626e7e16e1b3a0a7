"""The events a complaint's life writes for other systems (docs/events.md): which event a
change is and what it says, written in the transaction of the change itself, so a rollback
takes the event with it and a retry writes it once.

A status changes only through `set_status` here: the repository keeps the history and says
what the status was before, this decides the event. What an event says: ids and what a
receiver needs to act (the shop's own customer and order ids, scores, the state), never what
people wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.events.schemas import customer
from storage.db import Tx
from storage.repos.events import ComplaintFacts
from storage.states import ComplaintStatus, Deadline
from storage.timefmt import to_db


async def opened(tx: Tx, complaint_id: int, at: datetime) -> None:
    """complaint.opened, for a complaint just added (`tx.complaints.add`)."""
    await _status_event(tx, complaint_id, ComplaintStatus.OPEN, None, at)


async def set_status(
    tx: Tx, complaint_id: int, status: ComplaintStatus, at: datetime, **fields: object
) -> None:
    """Move a complaint to `status` at `at` (with other columns) and write the event that
    change is, if any."""
    before = await tx.complaints.set_status(complaint_id, status, at, **fields)
    await _status_event(tx, complaint_id, status, before, at)


def _kind(status: ComplaintStatus, before: ComplaintStatus | None) -> str | None:
    """The event a change from `before` to `status` is: opened, taken, resolved, closed,
    reopened (back to open or taken after a resolution), or none."""
    if before is None:
        return "complaint.opened" if status == ComplaintStatus.OPEN else None
    done = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
    if before in done and status in (ComplaintStatus.OPEN, ComplaintStatus.TAKEN):
        return "complaint.reopened"
    if status == ComplaintStatus.TAKEN and before == ComplaintStatus.OPEN:
        return "complaint.taken"
    if status in done and before != status:
        return f"complaint.{status}"
    return None


async def _status_event(
    tx: Tx,
    complaint_id: int,
    status: ComplaintStatus,
    before: ComplaintStatus | None,
    at: datetime,
) -> None:
    kind = _kind(status, before)
    facts = await tx.events.about_complaint(complaint_id) if kind else None
    if kind is None or facts is None:
        return
    data = _complaint_data(complaint_id, status, facts)
    if kind == "complaint.closed":
        data["confirmed_by_customer"] = facts.satisfied
    await tx.events.add(kind, at, data, complaint_id=complaint_id, customer_id=facts.customer_id)


def _complaint_data(
    complaint_id: int, status: ComplaintStatus, facts: ComplaintFacts
) -> dict[str, Any]:
    return {
        "complaint_id": complaint_id,
        "status": str(status),
        "source": facts.source,
        "customer": customer(facts.customer_id, facts.external_id, facts.segment),
        "order_id": facts.order_id,
        "branch": facts.branch,
        "nps": facts.nps,
        "taken_by": facts.taken_by,
        "assigned_to": facts.assignee_id,
        "reopened": facts.reopened,
    }


async def sla_breached(
    tx: Tx, complaint_id: int, deadline: Deadline, due_at: datetime, at: datetime
) -> None:
    """A complaint's deadline passed with nobody taking it (take) or resolving it; once per
    deadline given."""
    facts = await tx.events.about_complaint(complaint_id)
    if facts is None:
        return
    data = {
        "complaint_id": complaint_id,
        "deadline": str(deadline),
        "due_at": to_db(due_at),
        "segment": facts.segment,
        "taken_by": facts.taken_by,
    }
    await tx.events.add(
        "sla.breached",
        at,
        data,
        complaint_id=complaint_id,
        customer_id=facts.customer_id,
        dedupe=f"sla.breached:{complaint_id}:{deadline}:{to_db(due_at)}",
    )


async def fix_done(tx: Tx, complaint_id: int, cause: str | None, at: datetime) -> None:
    """The business fixed what a complaint showed (an owner marked it done): once."""
    facts = await tx.events.about_complaint(complaint_id)
    await tx.events.add(
        "fix.done",
        at,
        {"complaint_id": complaint_id, "cause": cause},
        complaint_id=complaint_id,
        customer_id=facts.customer_id if facts else None,
        dedupe=f"fix.done:{complaint_id}",
    )
