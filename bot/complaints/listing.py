"""/open and /mine: active complaints with the first words of what the customer said and their
SLA state, as one staff-chat message."""

from __future__ import annotations

from html import escape

from bot.complaints.cards import STATUS_MARK, customer_label, first_words
from bot.complaints.config import Complaints
from bot.i18n import TEXT_LIMIT
from storage.db import Tx
from storage.states import ComplaintStatus, Deadline

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
        if complaints.is_key(c.segment):
            parts.append("⭐")
        if words := await first_words(tx, c):
            parts.append(words)
        step = {ComplaintStatus.OPEN: Deadline.TAKE, ComplaintStatus.TAKEN: Deadline.RESOLVE}.get(
            c.status
        )
        for sla in await tx.complaints.steps(c.id):
            if sla.step == step:
                late = " ⚠️" if sla.due_at <= now else ""
                parts.append(
                    staff_t(f"complaint.card.due.{step}", at=complaints.core.local(sla.due_at))
                    + late
                )
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
