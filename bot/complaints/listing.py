"""/open and /mine: active complaints with the first words of what the customer said and their
SLA state, as one staff-chat message."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.complaints.cards import STATUS_MARK, customer_label, first_words
from bot.complaints.config import Complaints
from bot.complaints.sla import binds, passed
from bot.i18n import TEXT_LIMIT
from storage.db import Tx
from storage.models import Complaint
from storage.states import STAFF_DEADLINES, ComplaintStatus

LIST_LIMIT = 25


async def open_list(
    tx: Tx, complaints: Complaints, taken_by: int | None, header: str | None = None
) -> str:
    staff_t = complaints.staff_t
    found = await tx.complaints.active(taken_by=taken_by, limit=LIST_LIMIT + 1)
    title = "complaint.list.mine" if taken_by is not None else "complaint.list.open"
    lines = [staff_t(title, count=min(len(found), LIST_LIMIT))]
    if header is not None:
        lines.insert(0, header)
    now = complaints.core.now()
    for c in found[:LIST_LIMIT]:
        customer = await tx.customers.get(c.customer_id)
        parts = [
            f"{STATUS_MARK.get(c.status, '')} <b>#{c.id}</b>",
            customer_label(staff_t, customer),
        ]
        if complaints.config.is_key(c.segment):
            parts.append("⭐")
        if words := await first_words(tx, c):
            parts.append(words)
        if due := await _deadline(tx, complaints, c, now):
            parts.append(due)
        if c.status == ComplaintStatus.RESOLVED:
            parts.append(staff_t("complaint.status.resolved"))
        holder = c.taken_by_name or c.assignee_name
        if holder and taken_by is None:
            parts.append(f"→ {escape(holder)}")
        lines.append(" · ".join(parts))
    if not found:
        lines.append(staff_t("complaint.list.none"))
    elif len(found) > LIST_LIMIT:
        lines.append(staff_t("complaint.list.more"))
    while len("\n".join(lines)) > TEXT_LIMIT:  # whole lines only: never cut a tag
        del lines[-2]
    return "\n".join(lines)


async def _deadline(tx: Tx, complaints: Complaints, c: Complaint, now: datetime) -> str | None:
    """The first deadline that binds it (taking, else resolving), ⚠️ when one has passed."""
    binding = [s for s in await tx.complaints.steps(c.id) if binds(s.step, c.status)]
    if not binding:
        return None
    first = min(binding, key=lambda s: STAFF_DEADLINES.index(s.step))
    late = " ⚠️" if any(passed(s.due_at, now) for s in binding) else ""
    at = complaints.core.local(first.due_at)
    return complaints.staff_t(f"complaint.card.due.{first.step}", at=at) + late
